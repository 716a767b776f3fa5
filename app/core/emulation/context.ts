import { BANDS, type Band, type Candidate, type Declaration, type EvaluationContext, type IndexResult, type InitiativeScope, type PendingCases } from "./types";

/**
 * An evaluation's inputs as plain rows, and the context the engine reads them through. The same rows are
 * what a snapshot stores, so an evaluation can be shown again exactly as the council saw it.
 */
export type EvaluationData = {
  year: number;
  /** Lower bounds of the bands, best first (province settings; 90/80/70/50 when not set). */
  bandThresholds?: Partial<Record<Band, number>>;
  index: { unitId: number; year: number; score: number; band?: Band | null; rank?: number | null }[];
  initiatives: { unitId: number; year: number; registered: number; applied: number }[];
  recognitions: { unitId: number; year: number; scope: InitiativeScope; council: string | null; personId: number | null; personIds?: number[]; title: string }[];
  participation: { contest: string; unitId: number; participants: number; denominator: number }[];
  quiz: { contest: string; personId: number | null; unitId: number | null; score: number }[];
  titles: { candidateKey: string; year: number; title: string }[];
  declarations: ({ candidateKey: string; criterionId: string } & Declaration)[];
  pending: ({ candidateKey: string } & PendingCases)[];
};

export const DEFAULT_BAND_THRESHOLDS: Record<Band, number> = { xuat_sac: 90, tot: 80, kha: 70, trung_binh: 50, yeu: 0 };

export function bandOf(score: number, thresholds: Partial<Record<Band, number>> = {}): Band {
  const t = { ...DEFAULT_BAND_THRESHOLDS, ...thresholds };
  return BANDS.find((b) => score + 1e-9 >= t[b]) ?? "yeu";
}

export function contextFromData(d: EvaluationData): EvaluationContext {
  const index = new Map<string, IndexResult>();
  const byYear = new Map<number, number[]>();
  for (const row of d.index) {
    const list = byYear.get(row.year);
    if (list) list.push(row.score);
    else byYear.set(row.year, [row.score]);
  }
  for (const row of d.index) {
    // A rank that was not imported is the place among the units of that year (equal scores share it).
    const rank = row.rank ?? 1 + (byYear.get(row.year) ?? []).filter((s) => s > row.score + 1e-9).length;
    index.set(`${row.unitId}:${row.year}`, { score: row.score, band: row.band ?? bandOf(row.score, d.bandThresholds), rank });
  }
  const inits = new Map(d.initiatives.map((r) => [`${r.unitId}:${r.year}`, r]));
  const recs = new Map<string, EvaluationData["recognitions"]>();
  for (const r of d.recognitions) {
    const k = `${r.unitId}:${r.year}`;
    recs.set(k, [...(recs.get(k) ?? []), r]);
  }
  const part = new Map(d.participation.map((r) => [`${r.contest}:${r.unitId}`, r]));
  const quizPerson = new Map<string, number>();
  const quizUnit = new Map<string, { sum: number; n: number }>();
  for (const q of d.quiz) {
    if (q.personId !== null) {
      const k = `${q.contest}:${q.personId}`;
      quizPerson.set(k, Math.max(quizPerson.get(k) ?? -Infinity, q.score));
    }
    if (q.unitId !== null) {
      const k = `${q.contest}:${q.unitId}`;
      const s = quizUnit.get(k) ?? { sum: 0, n: 0 };
      quizUnit.set(k, { sum: s.sum + q.score, n: s.n + 1 });
    }
  }
  const titles = new Map<string, { year: number; title: string }[]>();
  for (const t of d.titles) titles.set(t.candidateKey, [...(titles.get(t.candidateKey) ?? []), t]);
  const decl = new Map(d.declarations.map((x) => [`${x.candidateKey}|${x.criterionId}`, x]));
  const pending = new Map(d.pending.map((p) => [p.candidateKey, p]));
  const none: PendingCases = { discipline: false, inspection: false, complaint: false };
  return {
    year: d.year,
    index: { result: (unitId, year) => index.get(`${unitId}:${year}`) },
    initiatives: {
      ofUnit: (unitId, year) => {
        const base = inits.get(`${unitId}:${year}`);
        const rs = recs.get(`${unitId}:${year}`) ?? [];
        return {
          registered: base?.registered ?? 0,
          applied: base?.applied ?? 0,
          recognitions: rs.map((r) => ({ scope: r.scope, council: r.council, personId: r.personId, personIds: r.personIds, title: r.title })),
        };
      },
    },
    participation: (contest, unitId) => part.get(`${contest}:${unitId}`),
    quizScore: (contest, c: Candidate) => {
      if (c.target === "individual" && c.personId !== undefined) return quizPerson.get(`${contest}:${c.personId}`);
      const s = quizUnit.get(`${contest}:${c.unitId}`);
      return s ? Math.round((s.sum / s.n) * 100) / 100 : undefined;
    },
    titles: (c) => titles.get(c.key) ?? [],
    declaration: (c, criterionId) => decl.get(`${c.key}|${criterionId}`),
    pendingCases: (c) => pending.get(c.key) ?? none,
  };
}
