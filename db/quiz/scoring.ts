import type { Db } from "../connection";
import { rawStmt, stmt } from "../statements";

/**
 * The scoring worker's SQL, set-based: a batch of attempts is read, scored and stored with a fixed number of
 * statements whatever its size. Lists travel to SQLite as one JSON array read through json_each.
 */

export type ScoringAttempt = {
  id: number;
  roundId: number;
  userId: number;
  startedAt: number;
  submittedAt: number;
  deadlineAt: number;
};

/** The submitted attempts still unscored that have waited longest: what a batch takes on. */
export function scoringBatch(db: Db, limit: number): ScoringAttempt[] {
  const rows = rawStmt(
    db,
    `SELECT id, round_id, user_id, started_at, submitted_at, deadline_at FROM attempts
      WHERE submitted_at IS NOT NULL AND scored_at IS NULL
      ORDER BY submitted_at LIMIT ?`,
  ).all(limit) as [number, number, number, number, number, number][];
  return rows.map(([id, roundId, userId, startedAt, submittedAt, deadlineAt]) => ({
    id,
    roundId,
    userId,
    startedAt,
    submittedAt,
    deadlineAt,
  }));
}

/** Whether submitted attempts are waiting for their score. */
export function scoringBacklog(db: Db): boolean {
  return (
    (rawStmt(db, `SELECT EXISTS (SELECT 1 FROM attempts WHERE submitted_at IS NOT NULL AND scored_at IS NULL)`).get() as [number])[0] === 1
  );
}

export type ScoringInput = { items: { answerIndex: number; optionOrder: number[] }[]; answers: Map<number, number> };

/**
 * What scoring needs of each attempt, in one query for the whole batch: per position the shown option order,
 * the key and the choice (absent when unanswered). No stems or options are read.
 */
export function scoringInputs(db: Db, attemptIds: readonly number[]): Map<number, ScoringInput> {
  // One row per attempt, its items as one JSON text [[optionOrder, key, choice], ...] in position order:
  // handing SQLite's rows to JavaScript costs more than the query, so the rows are few.
  const rows = rawStmt(
    db,
    `SELECT i.attempt_id,
            '[' || group_concat('[' || i.option_order || ',' || v.answer_index || ',' || ifnull(a.choice, 'null') || ']', ','
                                ORDER BY i.position) || ']'
       FROM json_each(?) j
       JOIN attempt_items i ON i.attempt_id = j.value
       JOIN question_versions v ON v.id = i.question_version_id
       LEFT JOIN answers a ON a.attempt_id = i.attempt_id AND a.position = i.position
      GROUP BY i.attempt_id`,
  ).all(JSON.stringify(attemptIds)) as [number, string][];
  const inputs = new Map<number, ScoringInput>();
  for (const [attemptId, text] of rows) {
    const input: ScoringInput = { items: [], answers: new Map() };
    (JSON.parse(text) as [number[], number, number | null][]).forEach(([optionOrder, answerIndex, choice], position) => {
      input.items.push({ answerIndex, optionOrder });
      if (choice !== null) input.answers.set(position, choice);
    });
    inputs.set(attemptId, input);
  }
  return inputs;
}

export type StoredScore = { attemptId: number; score: number; correctCount: number; durationMs: number };

/**
 * Writes the scores in one UPDATE, only onto attempts nobody scored meanwhile; returns the ids it wrote,
 * so an attempt is never counted as scored twice.
 */
export function storeScores(db: Db, scores: readonly StoredScore[], scoredAt: number): number[] {
  if (scores.length === 0) return [];
  const rows = rawStmt(
    db,
    `UPDATE attempts SET score = s.score, correct_count = s.correct, duration_ms = s.duration, scored_at = ?
       FROM (SELECT value ->> 0 AS id, value ->> 1 AS score, value ->> 2 AS correct, value ->> 3 AS duration
               FROM json_each(?)) AS s
      WHERE attempts.id = s.id AND attempts.scored_at IS NULL
     RETURNING attempts.id`,
  ).all(scoredAt, JSON.stringify(scores.map((s) => [s.attemptId, s.score, s.correctCount, s.durationMs]))) as [number][];
  return rows.map((r) => r[0]);
}

export type ScoredAttempt = {
  attemptId: number;
  roundId: number;
  userId: number;
  score: number;
  durationMs: number;
  submittedAt: number;
  prediction: number | null;
};

/** Every scored attempt of the given (round, person) pairs: the candidates for their round results. */
export function scoredAttemptsOfPairs(db: Db, pairs: readonly { roundId: number; userId: number }[]): ScoredAttempt[] {
  if (pairs.length === 0) return [];
  const rows = rawStmt(
    db,
    `SELECT a.id, a.round_id, a.user_id, a.score, a.duration_ms, a.submitted_at, a.prediction
       FROM (SELECT DISTINCT value ->> 0 AS user_id, value ->> 1 AS round_id FROM json_each(?)) p
       JOIN attempts a ON a.user_id = p.user_id AND a.round_id = p.round_id
      WHERE a.scored_at IS NOT NULL`,
  ).all(JSON.stringify(pairs.map((p) => [p.userId, p.roundId]))) as [number, number, number, number, number, number, number | null][];
  return rows.map(([attemptId, roundId, userId, score, durationMs, submittedAt, prediction]) => ({
    attemptId,
    roundId,
    userId,
    score,
    durationMs,
    submittedAt,
    prediction,
  }));
}

/** Writes each person's best attempt of a round into round_results, in one statement. */
export function upsertRoundResults(db: Db, results: readonly ScoredAttempt[]): void {
  if (results.length === 0) return;
  stmt(
    db,
    `INSERT INTO round_results (round_id, user_id, attempt_id, score, duration_ms, submitted_at, prediction)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6
       FROM json_each(?) WHERE true
     ON CONFLICT (round_id, user_id) DO UPDATE
        SET attempt_id = excluded.attempt_id, score = excluded.score, duration_ms = excluded.duration_ms,
            submitted_at = excluded.submitted_at, prediction = excluded.prediction`,
  ).run(
    JSON.stringify(results.map((r) => [r.roundId, r.userId, r.attemptId, r.score, r.durationMs, r.submittedAt, r.prediction])),
  );
}
