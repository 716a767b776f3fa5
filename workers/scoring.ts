import type { Db } from "../db/connection";
import * as store from "../db/quiz/scoring";
import { bestResult, scoreAttempt } from "../app/core/quiz/scoring";
import { attemptDuration } from "../app/core/quiz/timing";

/** Attempts per transaction: large enough to spread its cost, short enough (about 30 ms) not to hold up saves. */
export const SCORING_BATCH = 250;

/**
 * Scores up to `limit` submitted attempts still waiting, oldest first, in one write transaction of five
 * statements whatever the batch's size: at a deadline thousands arrive at once. Returns the ids this call
 * scored; an attempt that another process scored meanwhile is not among them, so nothing counts twice.
 */
export function scoreBatch(db: Db, now: number, limit = SCORING_BATCH): number[] {
  return db.transaction(() => {
    const batch = store.scoringBatch(db, limit);
    if (batch.length === 0) return [];
    const inputs = store.scoringInputs(db, batch.map((a) => a.id));
    const scores = batch.map((attempt) => {
      const { items, answers } = inputs.get(attempt.id) ?? { items: [], answers: new Map<number, number>() };
      const { score, correct } = scoreAttempt(items, answers);
      return {
        attemptId: attempt.id,
        score,
        correctCount: correct,
        durationMs: attemptDuration(attempt.startedAt, attempt.submittedAt, attempt.deadlineAt),
      };
    });
    const scored = store.storeScores(db, scores, now);
    const scoredIds = new Set(scored);
    const pairs = batch.filter((a) => scoredIds.has(a.id));
    store.upsertRoundResults(db, bestPerPerson(store.scoredAttemptsOfPairs(db, pairs)));
    return scored;
  }, { behavior: "immediate" });
}

/** The best scored attempt of each (round, person), by the ranking rule of app/core/scoring. */
function bestPerPerson(candidates: readonly store.ScoredAttempt[]): store.ScoredAttempt[] {
  const groups = new Map<string, store.ScoredAttempt[]>();
  for (const c of candidates) {
    const key = `${c.roundId}:${c.userId}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].map((group) => bestResult(group) as store.ScoredAttempt);
}
