/**
 * Integrity signals for organizers. These are hints to review by hand and never a verdict: nothing here
 * changes a score or blocks an account. Pure: the rows come from db/account/integrity.ts.
 */

export type SignupRow = { userId: number; fullName: string; address: string; at: number };
export type SignupBurst = { address: string; from: number; to: number; people: { userId: number; fullName: string; at: number }[] };

/**
 * Many accounts from one address in a short time: for each address, the largest runs of registrations where
 * each run fits in `windowMs`, with at least `minAccounts` accounts. Runs do not overlap.
 */
export function signupBursts(rows: SignupRow[], opts: { windowMs: number; minAccounts: number }): SignupBurst[] {
  const byAddress = new Map<string, SignupRow[]>();
  for (const r of rows) {
    if (!r.address || r.address === "unknown") continue;
    byAddress.set(r.address, [...(byAddress.get(r.address) ?? []), r]);
  }
  const bursts: SignupBurst[] = [];
  for (const [address, list] of byAddress) {
    const sorted = [...list].sort((a, b) => a.at - b.at || a.userId - b.userId);
    let i = 0;
    while (i < sorted.length) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1].at - sorted[i].at <= opts.windowMs) j++;
      if (j - i + 1 >= opts.minAccounts) {
        const run = sorted.slice(i, j + 1);
        bursts.push({ address, from: run[0].at, to: run[run.length - 1].at, people: run.map((r) => ({ userId: r.userId, fullName: r.fullName, at: r.at })) });
        i = j + 1;
      } else {
        i++;
      }
    }
  }
  return bursts.sort((a, b) => b.people.length - a.people.length || b.to - a.to);
}

export type ScoredAttempt = {
  attemptId: number;
  userId: number;
  fullName: string;
  roundId: number;
  questionCount: number;
  correctCount: number | null;
  durationMs: number | null;
};

/** Full score in less than `secondsPerQuestion` seconds per question. */
export function isImplausiblyFast(a: ScoredAttempt, secondsPerQuestion: number): boolean {
  if (a.questionCount <= 0 || a.correctCount === null || a.durationMs === null) return false;
  return a.correctCount >= a.questionCount && a.durationMs < a.questionCount * secondsPerQuestion * 1000;
}

export function fastFullScores(rows: ScoredAttempt[], secondsPerQuestion: number): ScoredAttempt[] {
  return rows.filter((a) => isImplausiblyFast(a, secondsPerQuestion)).sort((a, b) => (a.durationMs ?? 0) - (b.durationMs ?? 0));
}

/**
 * One answered position of an attempt: the question version shown there, and the chosen option as its index
 * in the version's own options (the shown index mapped back through the option order), so two attempts with
 * shuffled options still compare.
 */
export type AnswerItem = { attemptId: number; userId: number; fullName: string; roundId: number; position: number; questionVersionId: number; choice: number | null; optionOrder: number[] };

export type IdenticalGroup = { roundId: number; answered: number; attempts: { attemptId: number; userId: number; fullName: string }[] };

/** The chosen option's index in the question's own options; null when unanswered or out of range. */
export function originalChoice(optionOrder: number[], shownChoice: number | null): number | null {
  if (shownChoice === null || shownChoice < 0 || shownChoice >= optionOrder.length) return null;
  return optionOrder[shownChoice];
}

/**
 * Attempts of one round by different people with the same questions in the same shown order and the same
 * chosen options, with at least `minAnswered` answers (a short or empty sheet matches by chance).
 */
export function identicalAnswerSequences(items: AnswerItem[], minAnswered: number): IdenticalGroup[] {
  const byAttempt = new Map<number, AnswerItem[]>();
  for (const it of items) byAttempt.set(it.attemptId, [...(byAttempt.get(it.attemptId) ?? []), it]);
  const groups = new Map<string, { roundId: number; answered: number; attempts: { attemptId: number; userId: number; fullName: string }[] }>();
  for (const [attemptId, list] of byAttempt) {
    const sorted = [...list].sort((a, b) => a.position - b.position);
    const answered = sorted.filter((it) => originalChoice(it.optionOrder, it.choice) !== null).length;
    if (answered < minAnswered) continue;
    const first = sorted[0];
    const key = `${first.roundId}|${sorted.map((it) => `${it.questionVersionId}:${originalChoice(it.optionOrder, it.choice) ?? "-"}`).join(",")}`;
    const g = groups.get(key) ?? { roundId: first.roundId, answered, attempts: [] };
    g.attempts.push({ attemptId, userId: first.userId, fullName: first.fullName });
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter((g) => new Set(g.attempts.map((a) => a.userId)).size >= 2)
    .map((g) => ({ ...g, attempts: g.attempts.sort((a, b) => a.attemptId - b.attemptId) }))
    .sort((a, b) => b.attempts.length - a.attempts.length || a.roundId - b.roundId);
}
