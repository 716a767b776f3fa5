import type { Db } from "../db/connection";
import * as store from "../db/attempts";
import { bestResult, scoreAttempt } from "../app/core/scoring";
import { attemptDuration } from "../app/core/timing";

export type ScoreOutcome = "scored" | "already_scored" | "not_submitted" | "missing";

/**
 * Scores the job's own attempt and, in the same transaction, up to `limit` other submitted attempts still
 * waiting: at a deadline thousands arrive at once, and one write transaction for many is far cheaper than
 * one each. Their own jobs then find them scored and finish at once. Returns the ids this call scored.
 */
export function scoreBatch(db: Db, attemptId: number, now: number, limit = 100): number[] {
  return db.transaction(() => {
    const ids = [attemptId, ...store.pendingScoring(db, limit).filter((id) => id !== attemptId)];
    return ids.filter((id) => scoreOne(db, id, now) === "scored");
  });
}

function scoreOne(db: Db, attemptId: number, now: number): ScoreOutcome {
  const attempt = store.getAttempt(db, attemptId);
  if (!attempt) return "missing";
  if (attempt.submittedAt === null) return "not_submitted";
  if (attempt.scoredAt !== null) return "already_scored";
  const { items, answers } = store.scoringInput(db, attemptId);
  const { score, correct } = scoreAttempt(items, answers);
  const durationMs = attemptDuration(attempt.startedAt, attempt.submittedAt, attempt.deadlineAt);
  if (!store.storeScore(db, attemptId, { score, correctCount: correct, durationMs, scoredAt: now })) {
    return "already_scored";
  }
  const best = bestResult(store.scoredAttemptsOf(db, attempt.roundId, attempt.userId));
  if (best) {
    store.upsertRoundResult(db, {
      roundId: attempt.roundId,
      userId: attempt.userId,
      attemptId: best.attemptId,
      score: best.score,
      durationMs: best.durationMs,
      submittedAt: best.submittedAt,
      prediction: best.prediction,
    });
  }
  return "scored";
}
