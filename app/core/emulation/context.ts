import { BANDS, type Band, type Candidate, type Declaration, type EvaluationContext, type IndexResult, type InitiativeScope, type InitiativeSummary, type PendingCases } from "./types";

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

type CandidateFacts = {
  titles: { year: number; title: string }[] | undefined;
  declarations: EvaluationData["declarations"] | undefined;
  pending: PendingCases | undefined;
};

/** A two-level map (unit then year, contest then unit, ...): lookups without building a string key each time. */
function nested<K1, K2, V>() {
  const outer = new Map<K1, Map<K2, V>>();
  return {
    get: (a: K1, b: K2) => outer.get(a)?.get(b),
    set: (a: K1, b: K2, v: V) => {
      let inner = outer.get(a);
      if (!inner) outer.set(a, (inner = new Map()));
      inner.set(b, v);
    },
  };
}

// An evaluation of 100,000 people asks these readers millions of times: every reader below answers from a map
// built once, and returns the same object for the same question.
export function contextFromData(d: EvaluationData): EvaluationContext {
  const index = nested<number, number, IndexResult>();
  // Each year's scores, best first, so that a rank is a binary search rather than a scan of the year.
  const byYear = new Map<number, number[]>();
  for (const row of d.index) {
    const list = byYear.get(row.year);
    if (list) list.push(row.score);
    else byYear.set(row.year, [row.score]);
  }
  for (const list of byYear.values()) list.sort((a, b) => b - a);
  const above = (year: number, score: number) => {
    const list = byYear.get(year) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] > score + 1e-9) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const row of d.index) {
    // A rank that was not imported is the place among the units of that year (equal scores share it).
    const rank = row.rank ?? 1 + above(row.year, row.score);
    index.set(row.unitId, row.year, { score: row.score, band: row.band ?? bandOf(row.score, d.bandThresholds), rank });
  }
  const inits = nested<number, number, EvaluationData["initiatives"][number]>();
  // A later row of the same unit and year wins, as it did when these were one Map built from the list.
  for (const r of d.initiatives) inits.set(r.unitId, r.year, r);
  const recs = nested<number, number, EvaluationData["recognitions"]>();
  for (const r of d.recognitions) {
    const list = recs.get(r.unitId, r.year);
    if (list) list.push(r);
    else recs.set(r.unitId, r.year, [r]);
  }
  const summaries = nested<number, number, InitiativeSummary>();
  const part = nested<string, number, EvaluationData["participation"][number]>();
  for (const r of d.participation) part.set(r.contest, r.unitId, r);
  const quizPerson = nested<string, number, number>();
  const quizUnit = nested<string, number, { sum: number; n: number }>();
  for (const q of d.quiz) {
    if (q.personId !== null) quizPerson.set(q.contest, q.personId, Math.max(quizPerson.get(q.contest, q.personId) ?? -Infinity, q.score));
    if (q.unitId !== null) {
      const s = quizUnit.get(q.contest, q.unitId) ?? { sum: 0, n: 0 };
      quizUnit.set(q.contest, q.unitId, { sum: s.sum + q.score, n: s.n + 1 });
    }
  }
  // What is known of each candidate by key (titles, declarations, pending cases), in one record: a
  // candidate's three questions find it with one look-up in one map rather than in three.
  const byCandidate = new Map<string, CandidateFacts>();
  const factsOf = (key: string) => {
    let f = byCandidate.get(key);
    if (!f) byCandidate.set(key, (f = { titles: undefined, declarations: undefined, pending: undefined }));
    return f;
  };
  for (const t of d.titles) {
    const f = factsOf(t.candidateKey);
    if (f.titles) f.titles.push(t);
    else f.titles = [t];
  }
  for (const x of d.declarations) {
    const f = factsOf(x.candidateKey);
    if (!f.declarations) {
      f.declarations = [x];
      continue;
    }
    // A later declaration of the same criterion wins.
    const list = f.declarations;
    let at = 0;
    while (at < list.length && list[at].criterionId !== x.criterionId) at++;
    list[at] = x;
  }
  for (const p of d.pending) factsOf(p.candidateKey).pending = p;
  const none: PendingCases = { discipline: false, inspection: false, complaint: false };
  const noTitles: { year: number; title: string }[] = [];
  return {
    year: d.year,
    index: { result: (unitId, year) => index.get(unitId, year) },
    initiatives: {
      ofUnit: (unitId, year) => {
        let summary = summaries.get(unitId, year);
        if (summary === undefined) {
          const base = inits.get(unitId, year);
          const rs = recs.get(unitId, year) ?? [];
          summary = {
            registered: base?.registered ?? 0,
            applied: base?.applied ?? 0,
            recognitions: rs.map((r) => ({ scope: r.scope, council: r.council, personId: r.personId, personIds: r.personIds, title: r.title })),
          };
          summaries.set(unitId, year, summary);
        }
        return summary;
      },
    },
    participation: (contest, unitId) => part.get(contest, unitId),
    quizScore: (contest, c: Candidate) => {
      if (c.target === "individual" && c.personId !== undefined) return quizPerson.get(contest, c.personId);
      const s = quizUnit.get(contest, c.unitId);
      return s ? Math.round((s.sum / s.n) * 100) / 100 : undefined;
    },
    titles: (c) => byCandidate.get(c.key)?.titles ?? noTitles,
    declaration: (c, criterionId) => {
      const list = byCandidate.get(c.key)?.declarations;
      if (list) for (const x of list) if (x.criterionId === criterionId) return x;
      return undefined;
    },
    pendingCases: (c) => byCandidate.get(c.key)?.pending ?? none,
  };
}
