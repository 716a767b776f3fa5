import { itemFlags, itemStats, type ItemFlag, type ItemStats } from "../../app/core/organizer/item-stats";
import { awardWeek, type Award } from "../../app/core/organizer/prizes";
import { rankResults } from "../../app/core/organizer/ranking";
import type { Db } from "../connection";
import { getSettings } from "../participation/participation";
import {
  exclusionsOf,
  getRound,
  itemMarks,
  questionStems,
  resultsOfRound,
  roundsOfWeek,
  staffUserIds,
  type RoundRow,
} from "../organizer/organizer";

/**
 * A round's standing, shared by the results page and the Excel export: the ranking by the round's rule
 * (organizers and excluded people left out) and its prizes, one per person across the rounds of its week.
 */
export function roundStanding(db: Db, roundId: number) {
  const round = getRound(db, roundId);
  if (!round) return null;
  const excluded = new Set([...staffUserIds(db), ...exclusionsOf(db, round.contestId).map((e) => e.userId)]);
  const policy = getSettings(db, round.contestId);
  const rankOf = (r: RoundRow) => {
    const results = resultsOfRound(db, r.id);
    const out = new Set(excluded);
    if (!policy.unverifiedRanked) for (const x of results) if (!x.verified) out.add(x.userId);
    return rankResults(results, { actual: r.predictionActual, excluded: out });
  };
  const ranked = rankOf(round);
  const weekRounds = round.weekNo === null ? [round] : roundsOfWeek(db, round.contestId, round.weekNo);
  const rankedByRound = new Map(weekRounds.map((r) => [r.id, r.id === round.id ? ranked : rankOf(r)]));
  const awardsByRound = awardWeek(
    weekRounds.map((r) => ({ roundId: r.id, ranked: rankedByRound.get(r.id)!, table: r.prizeTable }))
  );
  const awards: Award[] = awardsByRound.get(round.id) ?? [];
  const prizeOf = new Map(awards.map((a) => [a.userId, a]));
  // The prizes of the whole week, round by round: a person appears at most once.
  const weekAwards = weekRounds.map((r) => {
    const people = new Map(rankedByRound.get(r.id)!.map((row) => [row.userId, row]));
    return {
      roundId: r.id,
      title: r.title,
      awards: (awardsByRound.get(r.id) ?? []).map((a) => ({
        ...a,
        fullName: people.get(a.userId)?.fullName ?? "",
        unitName: people.get(a.userId)?.unitName ?? null,
      })),
    };
  });
  return {
    round,
    rows: ranked.map((r) => ({
      ...r,
      prize: prizeOf.get(r.userId)?.prize ?? null,
      prizeTied: prizeOf.get(r.userId)?.tiedAtBoundary ?? false,
    })),
    awards,
    weekAwards,
    excludedCount: excluded.size,
  };
}

export type StandingRow = NonNullable<ReturnType<typeof roundStanding>>["rows"][number];

/** Item statistics of every question drawn in a round, over the attempts that count. */
export function roundItemStats(db: Db, roundId: number) {
  const marks = itemMarks(db, roundId);
  const byQuestion = new Map<number, { marks: number[]; totals: number[] }>();
  for (const m of marks) {
    let entry = byQuestion.get(m.questionId);
    if (!entry) byQuestion.set(m.questionId, (entry = { marks: [], totals: [] }));
    entry.marks.push(m.mark);
    entry.totals.push(m.total);
  }
  const stems = new Map(questionStems(db, [...byQuestion.keys()]).map((q) => [q.id, q.stem]));
  const out: { questionId: number; stem: string; stats: ItemStats; flags: ItemFlag[] }[] = [];
  for (const [questionId, { marks: m, totals }] of byQuestion) {
    const stats = itemStats(m, totals);
    if (stats) out.push({ questionId, stem: stems.get(questionId) ?? "", stats, flags: itemFlags(stats) });
  }
  return out.sort((a, b) => a.stats.facility - b.stats.facility);
}
