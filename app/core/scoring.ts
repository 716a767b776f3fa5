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

export function reviewAllowed(policy: ReviewPolicy, submitted: boolean, roundClosed: boolean): boolean {
  if (policy === "after_submit") return submitted;
  if (policy === "after_close") return roundClosed;
  return false;
}
