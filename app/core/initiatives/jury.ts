/**
 * The jury's arithmetic: a judge's score of an entry is the weighted mean of their criterion scores, each
 * brought to 0..100 by its own scale; an entry's jury score is the mean over its judges, optionally after
 * per-judge z-score normalization (a lenient and a severe judge then count alike); a public vote is blended
 * in with the round's weight. Pure functions.
 */

export type Criterion = { id: number; weight: number; maxScore: number };
export type ScoreRow = { entryId: number; judgeId: number; criterionId: number; score: number };

const round2 = (x: number) => Math.round(x * 100) / 100;

/** One judge's score of one entry on 0..100, or null until every criterion is scored. */
export function weightedMean(criteria: Criterion[], scores: Map<number, number>): number | null {
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores.get(c.id);
    if (s === undefined) return null;
    total += c.weight * (s / c.maxScore);
    weights += c.weight;
  }
  return weights > 0 ? (100 * total) / weights : null;
}

/** judgeId -> entryId -> that judge's 0..100 score (complete score sheets only). */
export function judgeEntryScores(criteria: Criterion[], rows: ScoreRow[]): Map<number, Map<number, number>> {
  const sheets = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const key = `${r.judgeId}:${r.entryId}`;
    if (!sheets.has(key)) sheets.set(key, new Map());
    sheets.get(key)!.set(r.criterionId, r.score);
  }
  const out = new Map<number, Map<number, number>>();
  for (const [key, sheet] of sheets) {
    const [judgeId, entryId] = key.split(":").map(Number);
    const value = weightedMean(criteria, sheet);
    if (value === null) continue;
    if (!out.has(judgeId)) out.set(judgeId, new Map());
    out.get(judgeId)!.set(entryId, value);
  }
  return out;
}

function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, sd: Math.sqrt(variance) };
}

/**
 * Per-judge z-scores mapped back onto the pooled scale of all sheets (pooled mean + pooled sd × z), so the
 * result still reads as points out of 100. A judge whose scores are all equal contributes the pooled mean.
 */
export function zNormalize(byJudge: Map<number, Map<number, number>>): Map<number, Map<number, number>> {
  const all = [...byJudge.values()].flatMap((m) => [...m.values()]);
  if (all.length === 0) return byJudge;
  const pooled = meanSd(all);
  const out = new Map<number, Map<number, number>>();
  for (const [judgeId, entries] of byJudge) {
    const { mean, sd } = meanSd([...entries.values()]);
    const m = new Map<number, number>();
    for (const [entryId, x] of entries) m.set(entryId, pooled.mean + pooled.sd * (sd > 0 ? (x - mean) / sd : 0));
    out.set(judgeId, m);
  }
  return out;
}

export type RankInput = {
  criteria: Criterion[];
  scores: ScoreRow[];
  entryIds: number[];
  votes: Map<number, number>;
  /** Share of the public vote in the final score, 0..100 (30 means 70% jury, 30% public). */
  voteWeight: number;
  zScore: boolean;
  prizes: { name: string; count: number }[];
};

export type RankedEntry = {
  entryId: number;
  judges: number;
  jury: number | null;
  votes: number;
  publicScore: number;
  final: number | null;
  rank: number | null;
  prize: string | null;
};

/** The public score: the most voted entry gets 100, the others in proportion. */
export function publicScores(entryIds: number[], votes: Map<number, number>): Map<number, number> {
  const max = Math.max(0, ...entryIds.map((id) => votes.get(id) ?? 0));
  return new Map(entryIds.map((id) => [id, max > 0 ? (100 * (votes.get(id) ?? 0)) / max : 0]));
}

export function blend(jury: number, publicScore: number, voteWeight: number): number {
  const w = Math.min(100, Math.max(0, voteWeight)) / 100;
  return (1 - w) * jury + w * publicScore;
}

/**
 * Final scores, ranks (equal scores share a rank: 1, 2, 2, 4) and prizes in the order of the prize table;
 * entries no judge has finished scoring are listed last, unranked. Tied entries at a prize boundary both
 * get the prize; the table's counts are then exceeded, and the organizers decide.
 */
export function rankEntries(input: RankInput): RankedEntry[] {
  const raw = judgeEntryScores(input.criteria, input.scores);
  const byJudge = input.zScore ? zNormalize(raw) : raw;
  const pub = publicScores(input.entryIds, input.votes);
  const rows: RankedEntry[] = input.entryIds.map((entryId) => {
    const values = [...byJudge.values()].map((m) => m.get(entryId)).filter((v): v is number => v !== undefined);
    const jury = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    const publicScore = pub.get(entryId) ?? 0;
    return {
      entryId,
      judges: values.length,
      jury: jury === null ? null : round2(jury),
      votes: input.votes.get(entryId) ?? 0,
      publicScore: round2(publicScore),
      final: jury === null ? null : round2(blend(jury, publicScore, input.voteWeight)),
      rank: null,
      prize: null,
    };
  });
  rows.sort((a, b) => {
    if (a.final === null || b.final === null) return a.final === null ? (b.final === null ? a.entryId - b.entryId : 1) : -1;
    return b.final - a.final || (b.jury ?? 0) - (a.jury ?? 0) || a.entryId - b.entryId;
  });
  const slots = input.prizes.flatMap((p) => Array.from({ length: p.count }, () => p.name));
  let previous: RankedEntry | null = null;
  rows.forEach((row, i) => {
    if (row.final === null) return;
    const tied = previous && previous.final === row.final && previous.jury === row.jury;
    row.rank = tied ? previous!.rank : i + 1;
    row.prize = tied ? previous!.prize : (slots[i] ?? null);
    previous = row;
  });
  return rows;
}
