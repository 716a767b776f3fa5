/**
 * Item statistics as Moodle's quiz statistics report computes them (mod/quiz/report/statistics): for each
 * question, its marks against the rest of each attempt's marks (total minus this question).
 */
export type ItemStats = {
  n: number;
  facility: number;
  sd: number;
  discriminationIndex: number | null;
  discriminativeEfficiency: number | null;
};

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function covariance(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - mx) * (ys[i] - my);
  return s / (xs.length - 1);
}

/** marks[i] and totals[i] belong to one attempt; maxMark is the question's full mark. */
export function itemStats(marks: readonly number[], totals: readonly number[], maxMark = 1): ItemStats | null {
  const n = marks.length;
  if (n === 0) return null;
  const facility = mean(marks) / maxMark;
  if (n < 2) return { n, facility, sd: 0, discriminationIndex: null, discriminativeEfficiency: null };
  const others = marks.map((m, i) => totals[i] - m);
  const markVariance = covariance(marks, marks);
  const otherVariance = covariance(others, others);
  const cov = covariance(marks, others);
  const covMax = covariance(
    [...marks].sort((a, b) => a - b),
    [...others].sort((a, b) => a - b)
  );
  const denominator = Math.sqrt(markVariance * otherVariance);
  return {
    n,
    facility,
    sd: Math.sqrt(markVariance) / maxMark,
    discriminationIndex: denominator > 0 ? (100 * cov) / denominator : null,
    discriminativeEfficiency: covMax > 0 ? (100 * cov) / covMax : null,
  };
}

export type ItemFlag = "too_easy" | "too_hard" | "negative";

export const ITEM_FLAG_TEXT: Record<ItemFlag, string> = {
  too_easy: "Quá dễ",
  too_hard: "Quá khó",
  negative: "Phân biệt ngược",
};

/** Questions the bank's keeper should look at: almost everyone right, almost nobody right, or the weaker do better. */
export function itemFlags(stats: ItemStats, minAttempts = 5): ItemFlag[] {
  if (stats.n < minAttempts) return [];
  const flags: ItemFlag[] = [];
  if (stats.facility > 0.9) flags.push("too_easy");
  if (stats.facility < 0.2) flags.push("too_hard");
  if (stats.discriminationIndex !== null && stats.discriminationIndex < 0) flags.push("negative");
  return flags;
}
