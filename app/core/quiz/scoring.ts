export type ScoredItem = { answerIndex: number; optionOrder: number[] };
export type ReviewPolicy = "never" | "after_submit" | "after_close";

/** answers: position -> the shown index the person chose. */
export function scoreAttempt(items: readonly ScoredItem[], answers: ReadonlyMap<number, number>) {
  let correct = 0;
  const perItem = items.map((item, position) => {
    const shown = answers.get(position);
    const ok = shown !== undefined && item.optionOrder[shown] === item.answerIndex;
    if (ok) correct++;
    return ok;
  });
  return { correct, total: items.length, score: correct, perItem };
}

export type ResultCandidate = { attemptId: number; score: number; durationMs: number; submittedAt: number };

/** Negative when a ranks above b: highest score, then shortest time, then earliest submission. */
export function compareResults(a: ResultCandidate, b: ResultCandidate): number {
  return b.score - a.score || a.durationMs - b.durationMs || a.submittedAt - b.submittedAt || a.attemptId - b.attemptId;
}

export function bestResult<T extends ResultCandidate>(candidates: readonly T[]): T | null {
  return candidates.reduce<T | null>((best, c) => (best === null || compareResults(c, best) < 0 ? c : best), null);
}

export type ReviewState = {
  /** This attempt has ended (submitted, timed out, closed by the round). */
  submitted: boolean;
  roundClosed: boolean;
  /** The person's attempts of the round, started so far (this one included). */
  attemptsUsed: number;
  attemptsAllowed: number;
  /** Some attempt of the person in this round has not ended yet. */
  anyOpen: boolean;
};

/**
 * Whether the key may be shown now. "After submit" means after the person's last attempt: while they can
 * still start or finish an attempt of the round, the key of an earlier one would help with the next, since
 * draws overlap the same bank.
 */
export function reviewAllowed(policy: ReviewPolicy, s: ReviewState): boolean {
  if (policy === "after_close") return s.roundClosed;
  if (policy === "after_submit") {
    if (!s.submitted) return false;
    if (s.roundClosed) return true;
    return s.attemptsUsed >= s.attemptsAllowed && !s.anyOpen;
  }
  return false;
}
