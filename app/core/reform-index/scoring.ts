import { type IndexRow, formatPoints, indexMessages, leaves, round2 } from "./index-set";

/**
 * Scoring of a unit's self-assessment and of the council's appraisal, the index, its band and rank, and the
 * seed 003 rule: a unit below 100% participation in a linked contest is not placed above "Khá". No I/O.
 */

export type RowEntry = {
  /** What the unit declares: "Có"/"Không", a level's label, a number (a percentage for ratio rows). */
  declared: string | null;
  notApplicable: boolean;
  /** A score typed by hand (manual rows, or a council's own score). */
  entered: number | null;
};

export type RowScore = { ok: true; points: number | null; computed: boolean } | { ok: false; message: string };

const num = (s: string) => {
  const t = s.trim().replace(/\s/g, "").replace("%", "");
  return /^-?\d+([.,]\d+)?$/.test(t) ? Number(t.replace(",", ".")) : null;
};

/**
 * The points of one leaf row: computed from the declared value where the method allows, else the entered
 * score within the maximum. `points: null` means not applicable (the row leaves the maximum).
 */
export function scoreRow(row: IndexRow, entry: RowEntry): RowScore {
  if (entry.notApplicable) return row.allowNotApplicable ? { ok: true, points: null, computed: false } : { ok: false, message: indexMessages.notApplicableRefused };
  const declared = entry.declared?.normalize("NFC").trim() ?? "";
  const m = row.method;
  if (m.kind === "manual") {
    if (entry.entered === null) return { ok: false, message: indexMessages.needValue };
    return withinMax(row, entry.entered, false);
  }
  if (!declared) {
    if (entry.entered !== null) return withinMax(row, entry.entered, false);
    return { ok: false, message: indexMessages.needValue };
  }
  if (m.kind === "yes_no") {
    const d = declared.toLowerCase();
    if (d === "có") return { ok: true, points: row.maxPoints, computed: true };
    if (d === "không") return { ok: true, points: 0, computed: true };
    return { ok: false, message: indexMessages.badYesNo };
  }
  if (m.kind === "levels") {
    const level = m.levels.find((l) => l.label.toLowerCase() === declared.toLowerCase());
    if (!level) return { ok: false, message: indexMessages.badLevel(m.levels.map((l) => l.label)) };
    return { ok: true, points: Math.min(level.points, row.maxPoints), computed: true };
  }
  const value = num(declared);
  if (value === null) return { ok: false, message: indexMessages.badNumber };
  if (m.kind === "ratio") {
    if (value < 0 || value > 100) return { ok: false, message: "Tỷ lệ phải từ 0 đến 100%." };
    return { ok: true, points: round2((row.maxPoints * value) / 100), computed: true };
  }
  const step = [...m.steps].sort((a, b) => b.min - a.min).find((s) => value >= s.min - 1e-9);
  return { ok: true, points: Math.min(step?.points ?? 0, row.maxPoints), computed: true };
}

function withinMax(row: IndexRow, points: number, computed: boolean): RowScore {
  if (!Number.isFinite(points) || points < 0) return { ok: false, message: indexMessages.negative };
  if (points > row.maxPoints + 1e-9) return { ok: false, message: indexMessages.overMaximum(row.maxPoints) };
  return { ok: true, points: round2(points), computed };
}

export type IndexTotal = {
  obtained: number;
  /** The maximum of the applicable rows, bonus rows apart. */
  applicableMax: number;
  /** obtained / applicableMax × 100, two decimals, at most 100. */
  index: number;
  /** Leaf rows with no score yet (counted as 0). */
  missing: string[];
  byCode: Map<string, { obtained: number; max: number }>;
};

/** Index = points obtained / applicable maximum × 100; bonus points count in what is obtained only. */
export function computeIndex(rows: readonly IndexRow[], points: ReadonlyMap<string, number | null | undefined>): IndexTotal {
  const byCode = new Map<string, { obtained: number; max: number }>();
  const missing: string[] = [];
  let obtained = 0;
  let applicableMax = 0;
  const add = (code: string | null, o: number, max: number) => {
    let c = code;
    while (c) {
      const cur = byCode.get(c) ?? { obtained: 0, max: 0 };
      byCode.set(c, { obtained: round2(cur.obtained + o), max: round2(cur.max + max) });
      c = rows.find((r) => r.code === c)?.parentCode ?? null;
    }
  };
  for (const leaf of leaves(rows)) {
    const p = points.get(leaf.code);
    if (p === null) continue; // not applicable
    if (p === undefined) missing.push(leaf.code);
    const o = p ?? 0;
    obtained += o;
    if (!leaf.bonus) applicableMax += leaf.maxPoints;
    add(leaf.code, o, leaf.bonus ? 0 : leaf.maxPoints);
  }
  const index = applicableMax > 0 ? Math.min(100, round2((obtained / applicableMax) * 100)) : 0;
  return { obtained: round2(obtained), applicableMax: round2(applicableMax), index, missing, byCode };
}

export type Band = { label: string; min: number };

/** Bands of the demo (and of many provinces): thresholds are settings of each index set. */
export const DEFAULT_BANDS: Band[] = [
  { label: "Xuất sắc", min: 90 },
  { label: "Tốt", min: 80 },
  { label: "Khá", min: 70 },
  { label: "Trung bình", min: 50 },
  { label: "Yếu", min: 0 },
];

export function bandOf(index: number, bands: readonly Band[]): Band {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.find((b) => index >= b.min - 1e-9) ?? sorted[sorted.length - 1];
}

export type LinkedParticipation = { contestTitle: string; rate: number };

/**
 * Seed 003: a unit that did not bring 100% of its staff to a linked contest is not rated above "Khá".
 * Returns the band after the cap and the reason when the cap applied.
 */
export function applyParticipationCap(
  band: Band,
  bands: readonly Band[],
  participation: readonly LinkedParticipation[],
  capLabel = "Khá",
): { band: Band; capped: boolean; reason: string | null } {
  const short = participation.filter((p) => p.rate < 1 - 1e-9);
  const cap = bands.find((b) => b.label === capLabel);
  if (short.length === 0 || !cap || band.min <= cap.min) return { band, capped: false, reason: null };
  const list = short.map((p) => `"${p.contestTitle}" đạt ${formatPoints(round2(p.rate * 100))}%`).join("; ");
  return {
    band: cap,
    capped: true,
    reason: `Đơn vị chưa có 100% cán bộ tham gia cuộc thi (${list}) nên không được xếp trên mức "${capLabel}" (đạt mức "${band.label}" theo điểm).`,
  };
}

/** Standard competition ranking: equal indexes share a place (1, 1, 3). */
export function rankByIndex<T extends { index: number }>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.index - a.index);
  let rank = 0;
  return sorted.map((item, i) => {
    if (i === 0 || Math.abs(item.index - sorted[i - 1].index) > 1e-9) rank = i + 1;
    return { ...item, rank };
  });
}

export type YearChange = { previous: number | null; change: number | null; rankChange: number | null };

export function changeFromLastYear(current: { index: number; rank: number }, previous: { index: number; rank: number } | undefined): YearChange {
  if (!previous) return { previous: null, change: null, rankChange: null };
  return { previous: previous.index, change: round2(current.index - previous.index), rankChange: previous.rank - current.rank };
}

/** The difference between the unit's self-score and the council's, per row: what a report of the appraisal shows. */
export function disagreements(
  self: ReadonlyMap<string, number | null>,
  appraised: ReadonlyMap<string, number | null>,
): { code: string; self: number | null; appraised: number | null; difference: number }[] {
  const out: { code: string; self: number | null; appraised: number | null; difference: number }[] = [];
  for (const [code, a] of appraised) {
    const s = self.get(code) ?? null;
    if (s === a) continue;
    out.push({ code, self: s, appraised: a, difference: round2((a ?? 0) - (s ?? 0)) });
  }
  return out;
}
