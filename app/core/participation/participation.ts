/**
 * Participation rules: counts per unit rolled up a tree of any depth, rates, the 100% mark, eligibility
 * thresholds and collective rankings. No I/O.
 */

export type UnitNode = { id: number; parentId: number | null };

export type Counts = { participants: number; denominator: number; scoreSum: number; scoreN: number };

export const ZERO: Counts = { participants: 0, denominator: 0, scoreSum: 0, scoreN: 0 };

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    participants: a.participants + b.participants,
    denominator: a.denominator + b.denominator,
    scoreSum: a.scoreSum + b.scoreSum,
    scoreN: a.scoreN + b.scoreN,
  };
}

/**
 * A unit's own counts as they enter the roll-up. Participants above the denominator (people who registered
 * in a unit whose headcount is too low) are capped, so one unit's extra entrants never hide another's gap.
 */
export function countedOwn(own: Counts): Counts {
  return { ...own, participants: Math.min(own.participants, own.denominator) };
}

/** Children before parents, for any depth; throws on a loop (the import refuses them, this is a guard). */
export function bottomUpOrder(nodes: readonly UnitNode[]): number[] {
  const children = new Map<number, number[]>();
  const ids = new Set(nodes.map((n) => n.id));
  const roots: number[] = [];
  for (const n of nodes) {
    if (n.parentId === null || !ids.has(n.parentId)) roots.push(n.id);
    else {
      const list = children.get(n.parentId);
      if (list) list.push(n.id);
      else children.set(n.parentId, [n.id]);
    }
  }
  // Breadth-first from the roots, reversed: every child comes before its parent. No recursion, so depth is free.
  const order: number[] = [];
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++) {
    order.push(queue[i]);
    for (const c of children.get(queue[i]) ?? []) queue.push(c);
  }
  if (order.length !== nodes.length) throw new Error("Cây đơn vị có vòng lặp.");
  return order.reverse();
}

/** Subtree totals for every unit: its own counts (capped) plus all of its descendants'. */
export function rollUp(nodes: readonly UnitNode[], own: ReadonlyMap<number, Counts>): Map<number, Counts> {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const total = new Map<number, Counts>();
  for (const id of bottomUpOrder(nodes)) {
    const mine = addCounts(total.get(id) ?? ZERO, countedOwn(own.get(id) ?? ZERO));
    total.set(id, mine);
    const parent = parentOf.get(id);
    if (parent !== null && parent !== undefined && parentOf.has(parent)) {
      total.set(parent, addCounts(total.get(parent) ?? ZERO, mine));
    }
  }
  return total;
}

/**
 * The incremental update after one unit changed: `chain` is the unit and its ancestors, bottom first;
 * `own` their own counts; `childTotals` the stored subtree totals of every child of a chain member.
 * Returns the new subtree totals of the chain, bottom first.
 */
export function rollUpChain(
  chain: readonly number[],
  own: ReadonlyMap<number, Counts>,
  childrenOf: ReadonlyMap<number, readonly number[]>,
  childTotals: ReadonlyMap<number, Counts>,
): Map<number, Counts> {
  const out = new Map<number, Counts>();
  chain.forEach((id, i) => {
    let sum = countedOwn(own.get(id) ?? ZERO);
    for (const child of childrenOf.get(id) ?? []) {
      const fresh = i > 0 && child === chain[i - 1] ? out.get(child) : undefined;
      sum = addCounts(sum, fresh ?? childTotals.get(child) ?? ZERO);
    }
    out.set(id, sum);
  });
  return out;
}

/** Participants / denominator, or null when there is nobody to count. */
export function rate(participants: number, denominator: number): number | null {
  return denominator > 0 ? participants / denominator : null;
}

export function averageScore(c: Pick<Counts, "scoreSum" | "scoreN">): number | null {
  return c.scoreN > 0 ? c.scoreSum / c.scoreN : null;
}

/** Seed 003: a unit below 100% of its staff is not rated "Tốt" in the year's reform evaluation. */
export function meetsFullParticipation(participants: number, denominator: number): boolean {
  return denominator > 0 && participants >= denominator;
}

/** Rate as a Vietnamese percentage, one decimal ("87,5%"); "—" without a denominator. */
export function formatRate(r: number | null): string {
  if (r === null) return "—";
  return `${new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format(Math.min(r, 9.99) * 100)}%`;
}

export function daysLeft(now: number, closesAt: number): number {
  return Math.max(0, Math.ceil((closesAt - now) / 86_400_000));
}

export type Threshold = { minDenominator: number; minRate: number };

/** The minimum rate that applies to a unit of this size: the step with the largest minDenominator ≤ size. */
export function requiredRate(thresholds: readonly Threshold[], denominator: number): number {
  let best: Threshold | null = null;
  for (const t of thresholds) {
    if (t.minDenominator <= denominator && (best === null || t.minDenominator > best.minDenominator)) best = t;
  }
  return best?.minRate ?? 0;
}

/** Threshold steps as the organizer enters them: sizes distinct, rates between 0 and 1. */
export function validateThresholds(thresholds: readonly Threshold[]): string | null {
  const seen = new Set<number>();
  for (const t of thresholds) {
    if (!Number.isInteger(t.minDenominator) || t.minDenominator < 0) return "Quy mô đơn vị phải là số nguyên không âm.";
    if (!(t.minRate >= 0 && t.minRate <= 1)) return "Tỷ lệ tối thiểu phải từ 0% đến 100%.";
    if (seen.has(t.minDenominator)) return `Quy mô ${t.minDenominator} được nhập hai lần.`;
    seen.add(t.minDenominator);
  }
  return null;
}

export type RankInput = { unitId: number; participants: number; denominator: number; avgScore: number | null };
export type Ranked = RankInput & { rate: number; rank: number };

/**
 * Collective ranking: units that reach their required rate, by rate, then average score, then unit id for
 * a stable order; equal rate and score share a rank.
 */
export function rankUnits(rows: readonly RankInput[], thresholds: readonly Threshold[]): { ranked: Ranked[]; ineligible: RankInput[] } {
  const eligible: (RankInput & { rate: number })[] = [];
  const ineligible: RankInput[] = [];
  for (const r of rows) {
    const rt = rate(r.participants, r.denominator);
    if (rt === null || rt < requiredRate(thresholds, r.denominator) || r.participants === 0) ineligible.push(r);
    else eligible.push({ ...r, rate: rt });
  }
  eligible.sort((a, b) => b.rate - a.rate || (b.avgScore ?? -1) - (a.avgScore ?? -1) || a.unitId - b.unitId);
  const ranked: Ranked[] = [];
  eligible.forEach((r, i) => {
    const prev = ranked[i - 1];
    const tie = prev && prev.rate === r.rate && prev.avgScore === r.avgScore;
    ranked.push({ ...r, rank: tie ? prev.rank : i + 1 });
  });
  return { ranked, ineligible };
}

/** The calendar day in Vietnam time, YYYY-MM-DD: the key of a daily snapshot. */
export function vnDay(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}
