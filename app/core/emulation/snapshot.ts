import { contextFromData, type EvaluationData } from "./context";
import { evaluateCriterion } from "./criteria";
import { hasPriority, overallOutcome, placeWithinQuota, type QuotaRow, rankValueOf, selectedOrder } from "./evaluate";
import type { Candidate, CandidateResult, CriterionResult, EvaluationContext, Outcome, Quota, Scheme, SchemeEvaluation, Standing, Target } from "./types";

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

/** The schemes as a snapshot keeps them: what the stored outcomes were computed against. */
function storedSchemes(schemes: readonly Scheme[]): Scheme[] {
  return schemes.map((s) => ({ id: s.id, title: s.title, form: s.form, target: s.target, level: s.level, quota: s.quota, rankBy: s.rankBy, ...(s.rankContest ? { rankContest: s.rankContest } : {}), criteria: s.criteria }));
}

const byte = (letter: string) => letter.charCodeAt(0);
const OUTCOME_BYTE = Object.fromEntries(Object.entries(OUTCOME_CODE).map(([k, v]) => [k, byte(v)])) as Record<Outcome, number>;
const STANDING_BYTE = Object.fromEntries(Object.entries(STANDING_CODE).map(([k, v]) => [k, byte(v)])) as Record<Standing, number>;
const ZERO = byte("0");
const ONE = byte("1");
const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);

/** A qualified candidate in the quota step of evaluateStored: its index among the scheme's candidates. */
type StoredQuotaRow = QuotaRow & { k: number };

/**
 * The evaluation computed straight into its stored form, without reasons: the same rule (evaluateCriterion)
 * and quota step (placeWithinQuota) as evaluateMovement, without a result object per candidate and criterion
 * — what a snapshot of 100,000 people needs. Shown again (explainEvaluation), it is evaluateMovement's answer with every reason (tested).
 */
export function evaluateStored(
  schemes: readonly Scheme[],
  candidates: ReadonlyMap<string, readonly Candidate[]>,
  stored: readonly StoredCandidates[],
  ctx: EvaluationContext,
): StoredEvaluation {
  return {
    v: STORED_VERSION,
    schemes: storedSchemes(schemes),
    evaluations: schemes.map((scheme, i) => {
      const list = candidates.get(scheme.id) ?? [];
      const criteria = scheme.criteria;
      // Letters as bytes, made text once at the end: half a million of them for 100,000 people.
      const outcomes = new Uint8Array(list.length * criteria.length);
      const standing = new Uint8Array(list.length);
      const priority = new Uint8Array(list.length);
      const rankValue: (number | null)[] = [];
      const place: (number | null)[] = new Array(list.length).fill(null);
      const qualified: StoredQuotaRow[] = [];
      const results: CriterionResult[] = [];
      let at = 0;
      for (let k = 0; k < list.length; k++) {
        const cand = list[k];
        results.length = 0;
        for (const c of criteria) {
          const r = evaluateCriterion(c, cand, ctx, false);
          results.push(r);
          outcomes[at++] = OUTCOME_BYTE[r.outcome];
        }
        const outcome = overallOutcome(results);
        const value = rankValueOf(scheme, cand, ctx);
        const first = hasPriority(cand);
        rankValue.push(value);
        priority[k] = first ? ONE : ZERO;
        standing[k] = outcome === "qualified" ? STANDING_BYTE.selected : STANDING_BYTE[outcome];
        if (outcome === "qualified") qualified.push({ k, name: cand.name, target: cand.target, quotaUnitId: cand.quotaUnitId, rankValue: value, priority: first, standing: "selected", place: null, note: null });
      }
      const groups = placeWithinQuota(scheme, qualified);
      const notes: [number, string][] = [];
      for (const row of qualified) {
        standing[row.k] = STANDING_BYTE[row.standing];
        place[row.k] = row.place;
        if (row.note !== null) notes.push([row.k, row.note]);
      }
      return {
        schemeId: scheme.id,
        title: scheme.title,
        target: scheme.target,
        quota: scheme.quota,
        criteria: criteria.map((c) => c.id),
        candidates: stored[i],
        outcomes: latin1(outcomes),
        standing: latin1(standing),
        priority: latin1(priority),
        rankValue,
        place,
        notes,
        selected: selectedOrder(groups).map((r) => r.k),
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
