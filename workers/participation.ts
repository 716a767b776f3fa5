import type { Db } from "../db/connection";
import * as store from "../db/participation/participation";
import { type Counts, rollUp, rollUpChain, vnDay, ZERO } from "../app/core/participation/participation";
import { linkRosterMatches } from "../db/participation/rosters";

/**
 * The participation worker's processors. Both rebuild numbers from the database (attempts, rosters,
 * headcounts) and overwrite what is stored, so any job may run twice or late without harm.
 */

type Own = { basis: "roster" | "headcount"; denominator: number };

function ownOf(u: store.UnitDenominator): Own {
  return u.rosterSize > 0 ? { basis: "roster", denominator: u.rosterSize } : { basis: "headcount", denominator: u.headcount };
}

function countsByRound(rows: store.OwnCountRow[], denominators: Map<number, Own>): Map<number, Map<number, Counts>> {
  const byRound = new Map<number, Map<number, Counts>>();
  for (const r of rows) {
    let m = byRound.get(r.roundId);
    if (!m) byRound.set(r.roundId, (m = new Map()));
    m.set(r.unitId, { participants: r.participants, denominator: denominators.get(r.unitId)?.denominator ?? 0, scoreSum: r.scoreSum, scoreN: r.scoreN });
  }
  return byRound;
}

/**
 * Every unit of a contest, every round and the contest as a whole: a few set-based queries, one pass up the
 * tree in memory per round, one transaction of writes. Also records today's snapshot.
 */
export function recomputeContest(db: Db, contestId: number, now: number): { units: number; rows: number; written: number } {
  linkRosterMatches(db, null);
  const units = store.unitDenominators(db);
  const own = new Map(units.map((u) => [u.id, ownOf(u)]));
  const byRound = countsByRound(store.ownCounts(db, contestId, null), own);
  const roundIds = [0, ...store.quizRoundIds(db, contestId)];
  const rows: store.StatRow[] = [];
  for (const roundId of roundIds) {
    const counts = byRound.get(roundId) ?? new Map<number, Counts>();
    const ownCounts = new Map(units.map((u) => [u.id, counts.get(u.id) ?? { ...ZERO, denominator: own.get(u.id)!.denominator }]));
    const totals = rollUp(units, ownCounts);
    for (const u of units) {
      const o = ownCounts.get(u.id)!;
      const t = totals.get(u.id)!;
      rows.push({
        contestId,
        roundId,
        unitId: u.id,
        basis: own.get(u.id)!.basis,
        ownParticipants: o.participants,
        ownDenominator: o.denominator,
        ownScoreSum: o.scoreSum,
        ownScoreN: o.scoreN,
        participants: t.participants,
        denominator: t.denominator,
        scoreSum: t.scoreSum,
        scoreN: t.scoreN,
        updatedAt: now,
      });
    }
  }
  const { written } = store.replaceContestStats(db, contestId, rows, vnDay(now), now);
  return { units: units.length, rows: rows.length, written };
}

export function recomputeAll(db: Db, now: number): number {
  const ids = store.contestIds(db);
  for (const id of ids) recomputeContest(db, id, now);
  return ids.length;
}

/**
 * Past this many units of one contest to bring up to date, one full recompute costs less than their chains: a
 * chain reads the stored totals of every sibling on its way up, and a flat tree has hundreds.
 */
const CHAIN_LIMIT = 10;

/**
 * After scoring: every (round, unit) whose people had attempts scored in [from, to) is brought up to date with
 * its ancestors, unit by unit in short transactions, or by a full recompute of the contest (which writes only
 * what changed) when there are many. The event loop is let go between contests, so scoring goes on meanwhile.
 */
export async function updateScoredUnits(db: Db, from: number, to: number, now: number): Promise<{ chains: number; contests: number }> {
  const byContest = new Map<number, { roundId: number; unitId: number }[]>();
  for (const target of store.scoredTargets(db, from, to)) {
    const list = byContest.get(target.contestId);
    if (list) list.push(target);
    else byContest.set(target.contestId, [target]);
  }
  let chains = 0;
  for (const [contestId, targets] of byContest) {
    if (targets.length > CHAIN_LIMIT) {
      recomputeContest(db, contestId, now);
    } else {
      for (const { roundId, unitId } of targets) updateUnitChain(db, roundId, unitId, now);
      chains += targets.length;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { chains, contests: byContest.size };
}

/**
 * After a submission: the unit's own numbers for the round and the contest, then its ancestors', from
 * their children's stored totals. Falls back to a full recompute when the contest has no numbers yet.
 */
export function updateUnitChain(db: Db, roundId: number, unitId: number, now: number): "chain" | "full" | "missing" {
  const round = store.roundContest(db, roundId);
  if (!round) return "missing";
  if (!store.hasStats(db, round.contestId)) {
    recomputeContest(db, round.contestId, now);
    return "full";
  }
  const chainUnits = store.chainOf(db, unitId);
  if (chainUnits.length === 0) return "missing";
  const chain = chainUnits.map((u) => u.id);
  const own = new Map(chainUnits.map((u) => [u.id, ownOf(u)]));
  const byRound = countsByRound(store.ownCounts(db, round.contestId, chain), own);
  const children = store.childrenOfUnits(db, chain);
  const childrenOf = new Map<number, number[]>();
  for (const c of children) childrenOf.set(c.parentId, [...(childrenOf.get(c.parentId) ?? []), c.id]);
  const stored = store.storedTotals(db, round.contestId, [0, roundId], children.map((c) => c.id));
  const rows: store.StatRow[] = [];
  for (const rid of [0, roundId]) {
    const counts = byRound.get(rid) ?? new Map<number, Counts>();
    const ownCounts = new Map(chain.map((id) => [id, counts.get(id) ?? { ...ZERO, denominator: own.get(id)!.denominator }]));
    const childTotals = new Map(stored.filter((s) => s.roundId === rid).map((s) => [s.unitId, s as Counts]));
    const totals = rollUpChain(chain, ownCounts, childrenOf, childTotals);
    for (const id of chain) {
      const o = ownCounts.get(id)!;
      const t = totals.get(id)!;
      rows.push({
        contestId: round.contestId,
        roundId: rid,
        unitId: id,
        basis: own.get(id)!.basis,
        ownParticipants: o.participants,
        ownDenominator: o.denominator,
        ownScoreSum: o.scoreSum,
        ownScoreN: o.scoreN,
        participants: t.participants,
        denominator: t.denominator,
        scoreSum: t.scoreSum,
        scoreN: t.scoreN,
        updatedAt: now,
      });
    }
  }
  store.writeStats(db, rows, vnDay(now));
  return "chain";
}
