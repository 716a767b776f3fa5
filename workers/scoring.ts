import type { Db } from "../db/connection";
import * as store from "../db/attempts";
import { bestResult, scoreAttempt } from "../app/core/scoring";
import { attemptDuration } from "../app/core/timing";

export type ScoreOutcome = "scored" | "already_scored" | "not_submitted" | "missing";

/**
 * Scores one submitted attempt and updates the person's best result for the round, in one transaction.
 * Safe to run twice: the score is written only while the attempt has none.
 */
export function scoreSubmittedAttempt(db: Db, attemptId: number, now: number): ScoreOutcome {
  return db.transaction(() => {
    const attempt = store.getAttempt(db, attemptId);
    if (!attempt) return "missing";
    if (attempt.submittedAt === null) return "not_submitted";
    if (attempt.scoredAt !== null) return "already_scored";
    const items = store.getAttemptItems(db, attemptId);
    const answers = new Map(store.getAnswers(db, attemptId).map((a) => [a.position, a.choice]));
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
  });
}
