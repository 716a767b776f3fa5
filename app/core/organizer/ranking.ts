import type { PrizeRow } from "./prizes";

export type RankInput = {
  userId: number;
  score: number;
  durationMs: number;
  submittedAt: number;
  prediction: number | null;
};

export type Ranked<T extends RankInput> = T & { rank: number; tied: boolean; predictionGap: number | null };

/** How far a prediction is from the true figure; no prediction (or no figure yet) is the farthest. */
export function predictionGap(prediction: number | null, actual: number | null): number | null {
  return prediction === null || actual === null ? null : Math.abs(prediction - actual);
}

function compare(a: Ranked<RankInput>, b: Ranked<RankInput>): number {
  const gapA = a.predictionGap ?? Number.POSITIVE_INFINITY;
  const gapB = b.predictionGap ?? Number.POSITIVE_INFINITY;
  return b.score - a.score || (gapA === gapB ? 0 : gapA - gapB) || a.durationMs - b.durationMs || a.submittedAt - b.submittedAt;
}

/**
 * The round's rule: score, then closeness of the prediction to the true figure, then time taken, then
 * submission time. Equal on all four is a tie: same rank, and the next rank skips (1, 1, 3). Excluded
 * people (organizers, those the organizer left out) are not ranked.
 */
export function rankResults<T extends RankInput>(
  rows: readonly T[],
  options: { actual: number | null; excluded?: ReadonlySet<number> }
): Ranked<T>[] {
  const excluded = options.excluded ?? new Set<number>();
  const ranked = rows
    .filter((r) => !excluded.has(r.userId))
    .map((r) => ({ ...r, rank: 0, tied: false, predictionGap: predictionGap(r.prediction, options.actual) }))
    .sort((a, b) => compare(a, b) || a.userId - b.userId);
  ranked.forEach((row, i) => {
    const prev = ranked[i - 1];
    row.rank = prev && compare(prev, row) === 0 ? prev.rank : i + 1;
    if (prev && compare(prev, row) === 0) {
      prev.tied = true;
      row.tied = true;
    }
  });
  return ranked;
}

export type { PrizeRow };

export type RankPublication = "live" | "after_close" | "withheld";

/**
 * Whether participants see places and prizes, and the public page lists the winners. "withheld" waits for
 * the organizer (who settles ties and exclusions first) to switch the round to one of the other two.
 */
export function ranksVisible(policy: RankPublication, phase: "upcoming" | "open" | "closed"): boolean {
  if (policy === "live") return phase !== "upcoming";
  if (policy === "after_close") return phase === "closed";
  return false;
}

/** How many others share a place: 0 for a place of one's own. */
export function sharedWith(ranked: readonly { rank: number }[], rank: number): number {
  return Math.max(0, ranked.filter((r) => r.rank === rank).length - 1);
}
