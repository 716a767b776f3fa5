import type { Db } from "../db/connection";
import * as store from "../db/quiz/attempts";
import { acceptsAnswers, GRACE_MS } from "../app/core/quiz/timing";

/** Closes one attempt whose deadline (plus grace) has passed, with the answers it saved. */
export function closeAttemptIfOverdue(db: Db, attemptId: number, now: number): boolean {
  return db.transaction(
    () => {
      const attempt = store.getAttempt(db, attemptId);
      if (!attempt || attempt.submittedAt !== null || acceptsAnswers(now, attempt.deadlineAt)) return false;
      const round = store.getRound(db, attempt.roundId);
      const reason = round && attempt.deadlineAt >= round.closesAt ? "round_closed" : "timeout";
      return store.markSubmitted(db, attemptId, attempt.deadlineAt, reason);
    },
    { behavior: "immediate" },
  );
}

/**
 * What a lost job left undone: overdue attempts nobody closed, and submitted attempts still unscored a few
 * seconds after submission (their job never reached Redis, or a worker died with it).
 */
export function sweep(db: Db, now: number, unscoredAfterMs = 5_000) {
  const closed = store.closeOverdueAttempts(db, now, GRACE_MS);
  const unscored = store.unscoredAttemptIds(db, now - unscoredAfterMs);
  return { closed, toScore: [...new Set([...closed, ...unscored])] };
}
