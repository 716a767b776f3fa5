export type PrizeRow = { name: string; count: number };

export type Award = { userId: number; prize: string; rank: number; tiedAtBoundary: boolean };

/** The prize names organizers use, highest first. */
export const PRIZE_NAMES = ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"] as const;

/**
 * Gives the round's prizes down the ranking, highest prize first. One prize per person per week: people
 * who already won in an earlier round of the same week are passed over, and the prize goes to the next.
 * A prize whose last winner is tied with the first person left out is marked, for the organizer to settle.
 */
export function awardPrizes(
  ranked: readonly { userId: number; rank: number; tied: boolean }[],
  table: readonly PrizeRow[],
  awardedThisWeek: ReadonlySet<number> = new Set()
): Award[] {
  const eligible = ranked.filter((r) => !awardedThisWeek.has(r.userId));
  const awards: Award[] = [];
  let next = 0;
  for (const prize of table) {
    for (let k = 0; k < prize.count && next < eligible.length; k++, next++) {
      const row = eligible[next];
      awards.push({ userId: row.userId, prize: prize.name, rank: row.rank, tiedAtBoundary: false });
    }
  }
  const last = awards[awards.length - 1];
  const firstOut = eligible[next];
  if (last && firstOut && firstOut.rank === last.rank) {
    for (const a of awards) if (a.rank === last.rank) a.tiedAtBoundary = true;
  }
  return awards;
}

/** Prizes over the rounds of one week, in round order: a person wins at most once that week. */
export function awardWeek(
  rounds: readonly {
    roundId: number;
    ranked: readonly { userId: number; rank: number; tied: boolean }[];
    table: readonly PrizeRow[];
  }[]
): Map<number, Award[]> {
  const awarded = new Set<number>();
  const out = new Map<number, Award[]>();
  for (const round of rounds) {
    const awards = awardPrizes(round.ranked, round.table, awarded);
    for (const a of awards) awarded.add(a.userId);
    out.set(round.roundId, awards);
  }
  return out;
}
