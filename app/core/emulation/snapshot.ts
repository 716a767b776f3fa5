import { contextFromData, type EvaluationData } from "./context";
import { evaluateCriterion } from "./criteria";
import type { Candidate, CandidateResult, CriterionResult, Outcome, Quota, Scheme, SchemeEvaluation, Standing, Target } from "./types";

/**
 * How an evaluation is stored (evaluation_snapshots): the inputs as rows (EvaluationData, its own column), and
 * beside them the schemes with their criteria as they were, every candidate, and the outcomes only — one
 * letter per candidate and criterion, not the Vietnamese reasons, which for 100,000 people were a hundred
 * megabytes. The reasons are written again when shown (explainEvaluation) by the same rule function from the
 * same stored inputs, so what a council saw is shown again even after the data and the criteria moved on.
 */

export const STORED_VERSION = 2;

/** The candidates of one scheme, column by column (a person's id is in its key, person:<id>). */
export type StoredCandidates = {
  key: string[];
  name: string[];
  unitId: number[];
  quotaUnitId: (number | null)[];
  /** Collectives: the unit's headcount (a person counts 1) and its share of women. */
  headcount?: number[];
  womenShare?: (number | null)[];
  /** Individuals: one letter each, "m" nam, "f" nữ, "-" not given. */
  gender?: string;
};

export type StoredScheme = {
  schemeId: string;
  title: string;
  target: Target;
  quota: Quota;
  criteria: string[];
  candidates: StoredCandidates;
  /** criteria.length letters per candidate, candidate after candidate (OUTCOME_CODE). */
  outcomes: string;
  /** One letter per candidate (STANDING_CODE). */
  standing: string;
  /** One letter per candidate, "1" when the women-first rule favours it. */
  priority: string;
  rankValue: (number | null)[];
  place: (number | null)[];
  /** [candidate index, note]: the few candidates on or over a quota boundary. */
  notes: [number, string][];
  /** Indexes of the selected candidates, in the order of SchemeEvaluation.selected. */
  selected: number[];
};

export type StoredEvaluation = { v: typeof STORED_VERSION; schemes: Scheme[]; evaluations: StoredScheme[] };

const OUTCOME_CODE: Record<Outcome, string> = { met: "m", not_met: "n", missing_evidence: "e", disqualified: "d" };
const STANDING_CODE: Record<Standing, string> = { selected: "s", over_quota: "o", not_met: "n", missing_evidence: "e", disqualified: "d" };
const OUTCOME_OF = Object.fromEntries(Object.entries(OUTCOME_CODE).map(([k, v]) => [v, k])) as Record<string, Outcome>;
const STANDING_OF = Object.fromEntries(Object.entries(STANDING_CODE).map(([k, v]) => [v, k])) as Record<string, Standing>;

/** The candidates of each scheme as columns: what is hashed with the inputs and stored with the outcomes. */
export function storeCandidates(schemes: readonly Scheme[], candidates: ReadonlyMap<string, readonly Candidate[]>): StoredCandidates[] {
  return schemes.map((s) => {
    const list = candidates.get(s.id) ?? [];
    const out: StoredCandidates = { key: [], name: [], unitId: [], quotaUnitId: [] };
    const collective = s.target === "collective";
    const headcount: number[] = [];
    const womenShare: (number | null)[] = [];
    let gender = "";
    for (const c of list) {
      out.key.push(c.key);
      out.name.push(c.name);
      out.unitId.push(c.unitId);
      out.quotaUnitId.push(c.quotaUnitId);
      if (collective) {
        headcount.push(c.headcount);
        womenShare.push(c.womenShare ?? null);
      } else gender += c.gender === "nu" ? "f" : c.gender === "nam" ? "m" : "-";
    }
    if (collective) Object.assign(out, { headcount, womenShare });
    else out.gender = gender;
    return out;
  });
}

/** One evaluation (computed with or without reasons) in its stored form. */
export function compactEvaluation(schemes: readonly Scheme[], stored: readonly StoredCandidates[], result: readonly SchemeEvaluation[]): StoredEvaluation {
  return {
    v: STORED_VERSION,
    schemes: schemes.map((s) => ({ id: s.id, title: s.title, form: s.form, target: s.target, level: s.level, quota: s.quota, rankBy: s.rankBy, ...(s.rankContest ? { rankContest: s.rankContest } : {}), criteria: s.criteria })),
    evaluations: result.map((ev, i) => {
      const scheme = schemes[i];
      const index = new Map<string, number>();
      ev.candidates.forEach((c, k) => index.set(c.key, k));
      let outcomes = "";
      let standing = "";
      let priority = "";
      const rankValue: (number | null)[] = [];
      const place: (number | null)[] = [];
      const notes: [number, string][] = [];
      ev.candidates.forEach((c, k) => {
        for (const r of c.results) outcomes += OUTCOME_CODE[r.outcome];
        standing += STANDING_CODE[c.standing];
        priority += c.priority ? "1" : "0";
        rankValue.push(c.rankValue);
        place.push(c.place);
        if (c.note !== null) notes.push([k, c.note]);
      });
      return {
        schemeId: ev.schemeId,
        title: ev.title,
        target: ev.target,
        quota: ev.quota,
        criteria: scheme.criteria.map((c) => c.id),
        candidates: stored[i],
        outcomes,
        standing,
        priority,
        rankValue,
        place,
        notes,
        selected: ev.selected.map((key) => index.get(key)!),
      };
    }),
  };
}

export function isStoredEvaluation(x: unknown): x is StoredEvaluation {
  return typeof x === "object" && x !== null && !Array.isArray(x) && (x as { v?: unknown }).v === STORED_VERSION;
}

/** Said when today's rules no longer reach the stored outcome from the stored inputs (the rules changed since). */
const REWORDED = "Kết quả như đã lưu khi xét; diễn giải chi tiết không còn tính lại được theo quy định hiện hành.";

/**
 * A stored evaluation as the engine returned it, reasons included, written from the snapshot alone: its
 * schemes, candidates and outcomes, and the inputs stored beside it. `keep` limits the candidates explained
 * (a unit's page needs its own), the others left out; without it every candidate is explained.
 */
export function explainEvaluation(stored: StoredEvaluation, data: EvaluationData, keep?: (c: { key: string; unitId: number }) => boolean): SchemeEvaluation[] {
  const ctx = contextFromData(data);
  return stored.evaluations.map((ev) => {
    const scheme = stored.schemes.find((s) => s.id === ev.schemeId)!;
    const byId = new Map(scheme.criteria.map((c) => [c.id, c]));
    const criteria = ev.criteria.map((id) => byId.get(id)!);
    const n = criteria.length;
    const cs = ev.candidates;
    const notes = new Map(ev.notes);
    const candidates: CandidateResult[] = [];
    for (let k = 0; k < cs.key.length; k++) {
      const key = cs.key[k];
      const unitId = cs.unitId[k];
      if (keep && !keep({ key, unitId })) continue;
      const cand: Candidate =
        ev.target === "collective"
          ? { key, target: "collective", name: cs.name[k], unitId, quotaUnitId: cs.quotaUnitId[k], headcount: cs.headcount?.[k] ?? 0, womenShare: cs.womenShare?.[k] ?? null }
          : {
              key,
              target: "individual",
              name: cs.name[k],
              unitId,
              quotaUnitId: cs.quotaUnitId[k],
              personId: Number(key.slice(key.indexOf(":") + 1)),
              gender: cs.gender?.[k] === "f" ? "nu" : cs.gender?.[k] === "m" ? "nam" : null,
              headcount: 1,
            };
      const results: CriterionResult[] = criteria.map((c, j) => {
        const outcome = OUTCOME_OF[ev.outcomes[k * n + j]];
        const again = evaluateCriterion(c, cand, ctx, true);
        return { criterionId: c.id, outcome, reason: again.outcome === outcome ? again.reason : REWORDED };
      });
      const standing = STANDING_OF[ev.standing[k]];
      candidates.push({
        key,
        name: cand.name,
        target: ev.target,
        unitId,
        quotaUnitId: cand.quotaUnitId,
        outcome: standing === "selected" || standing === "over_quota" ? "qualified" : standing,
        results,
        rankValue: ev.rankValue[k],
        priority: ev.priority[k] === "1",
        standing,
        place: ev.place[k],
        note: notes.get(k) ?? null,
      });
    }
    return {
      schemeId: ev.schemeId,
      title: ev.title,
      target: ev.target,
      quota: ev.quota,
      candidates,
      selected: ev.selected.filter((k) => !keep || keep({ key: cs.key[k], unitId: cs.unitId[k] })).map((k) => cs.key[k]),
    };
  });
}
