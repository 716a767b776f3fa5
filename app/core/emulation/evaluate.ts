import { evaluateCriterion } from "./criteria";
import { num } from "./text";
import type { Candidate, CandidateResult, CriterionResult, EvaluationContext, Scheme, SchemeEvaluation } from "./types";

/** NĐ 152/2025 Điều 4: among equals, a woman, or a collective with at least 70% women, goes first. */
export const WOMEN_SHARE_PRIORITY = 0.7;

export function hasPriority(c: Candidate): boolean {
  return c.target === "individual" ? c.gender === "nu" : (c.womenShare ?? 0) + 1e-9 >= WOMEN_SHARE_PRIORITY;
}

const collator = new Intl.Collator("vi");

export function rankValueOf(scheme: Scheme, cand: Candidate, ctx: EvaluationContext): number | null {
  if (scheme.rankBy === "index_score") return ctx.index.result(cand.unitId, ctx.year)?.score ?? null;
  if (scheme.rankBy === "quiz_score" && scheme.rankContest) return ctx.quizScore(scheme.rankContest, cand) ?? null;
  return null;
}

const priorityWhy = (c: QuotaRow) => (c.target === "individual" ? "cá nhân nữ" : "tập thể có từ 70% nữ");

/**
 * explain: false leaves every criterion's reason empty (the notes on the quota boundary are still written):
 * what a snapshot stores, its reasons written again from its inputs when shown (see snapshot.ts).
 */
export type EvaluateOptions = { explain?: boolean };

/** A candidate's overall outcome from its criteria: disqualified over missing evidence over not met. */
export function overallOutcome(results: readonly CriterionResult[]): CandidateResult["outcome"] {
  let missing = false;
  let notMet = false;
  for (const x of results) {
    if (x.outcome === "disqualified") return "disqualified";
    if (x.outcome === "missing_evidence") missing = true;
    else if (x.outcome === "not_met") notMet = true;
  }
  return missing ? "missing_evidence" : notMet ? "not_met" : "qualified";
}

/** What the quota step reads and writes of a qualified candidate (a CandidateResult, or the stored form's row). */
export type QuotaRow = Pick<CandidateResult, "name" | "target" | "quotaUnitId" | "rankValue" | "priority" | "standing" | "place" | "note">;

/**
 * The qualified candidates of a scheme ranked within its quota: by the scheme's ranking figure, equals
 * ordered by the women-first rule, and what is still equal after it marked for the council rather than
 * decided by the software. Sets standing, place and note on each row; returns the rows per quota group, in
 * place order.
 */
export function placeWithinQuota<R extends QuotaRow>(scheme: Scheme, qualified: readonly R[]): R[][] {
  const groups = new Map<string, R[]>();
  for (const row of qualified) {
    const g = scheme.quota.type === "per_unit" ? String(row.quotaUnitId) : "all";
    const list = groups.get(g);
    if (list) list.push(row);
    else groups.set(g, [row]);
  }
  const sameRank = (a: QuotaRow, b: QuotaRow) => a.rankValue === b.rankValue;
  for (const list of groups.values()) {
    list.sort(
      (a, b) =>
        (b.rankValue ?? -Infinity) - (a.rankValue ?? -Infinity) ||
        Number(b.priority) - Number(a.priority) ||
        collator.compare(a.name, b.name),
    );
    list.forEach((row, i) => {
      row.standing = "selected";
      row.place = i + 1;
    });
    const n = scheme.quota.type === "none" ? list.length : scheme.quota.n;
    for (const row of list.slice(n)) {
      row.standing = "over_quota";
      row.note = `Đạt tiêu chuẩn, xếp thứ ${row.place} nhưng vượt chỉ tiêu ${num(n)}.`;
    }
    if (n <= 0 || n >= list.length) continue;
    const last = list[n - 1];
    const first = list[n];
    if (!sameRank(last, first)) continue;
    // The boundary falls inside a group of equals: the women-first rule decides, or nobody does.
    const tied = list.filter((x) => sameRank(x, last));
    if (last.priority && !first.priority) {
      for (const row of tied) {
        row.note =
          row.standing === "selected"
            ? row.priority
              ? `Bằng ${row.rankValue === null ? "tiêu chuẩn" : `điểm (${num(row.rankValue)})`} với đơn vị/cá nhân khác; được chọn trước vì là ${priorityWhy(row)} (Nghị định 152/2025/NĐ-CP, Điều 4).`
              : row.note
            : `Bằng ${row.rankValue === null ? "tiêu chuẩn" : `điểm (${num(row.rankValue)})`} nhưng xếp sau ${priorityWhy(last)} theo Nghị định 152/2025/NĐ-CP, Điều 4; vượt chỉ tiêu.`;
      }
    } else {
      for (const row of tied) {
        row.note = "Bằng điểm và cùng điều kiện ưu tiên ở ranh giới chỉ tiêu: Hội đồng Thi đua – Khen thưởng quyết định.";
      }
    }
  }
  return [...groups.values()];
}

/**
 * The order of SchemeEvaluation.selected: the selected of each quota group in place order, the groups by
 * their quota unit.
 */
export function selectedOrder<R extends QuotaRow>(groups: readonly R[][]): R[] {
  const out: R[] = [];
  for (const list of groups) for (const row of list) if (row.standing === "selected") out.push(row);
  return out.sort((a, b) => (a.quotaUnitId ?? 0) - (b.quotaUnitId ?? 0) || (a.place ?? 0) - (b.place ?? 0));
}

/**
 * Every candidate of a scheme against every criterion, then the qualified ones ranked within the quota
 * (placeWithinQuota).
 */
export function evaluateScheme(scheme: Scheme, candidates: readonly Candidate[], ctx: EvaluationContext, opts: EvaluateOptions = {}): SchemeEvaluation {
  const why = opts.explain ?? true;
  const rows: CandidateResult[] = [];
  const qualified: CandidateResult[] = [];
  for (const cand of candidates) {
    const results = scheme.criteria.map((c) => evaluateCriterion(c, cand, ctx, why));
    const outcome = overallOutcome(results);
    const row: CandidateResult = {
      key: cand.key,
      name: cand.name,
      target: cand.target,
      unitId: cand.unitId,
      quotaUnitId: cand.quotaUnitId,
      outcome,
      results,
      rankValue: rankValueOf(scheme, cand, ctx),
      priority: hasPriority(cand),
      standing: outcome === "qualified" ? "selected" : outcome,
      place: null,
      note: null,
    };
    rows.push(row);
    if (outcome === "qualified") qualified.push(row);
  }
  const groups = placeWithinQuota(scheme, qualified);
  return {
    schemeId: scheme.id,
    title: scheme.title,
    target: scheme.target,
    quota: scheme.quota,
    candidates: rows,
    selected: selectedOrder(groups).map((r) => r.key),
  };
}

export const STANDING_LABEL: Record<CandidateResult["standing"], string> = {
  selected: "Đủ điều kiện, trong chỉ tiêu",
  over_quota: "Đủ điều kiện, vượt chỉ tiêu",
  not_met: "Chưa đạt",
  missing_evidence: "Còn thiếu minh chứng",
  disqualified: "Không xét",
};

export const OUTCOME_LABEL = {
  met: "Đạt",
  not_met: "Chưa đạt",
  missing_evidence: "Còn thiếu",
  disqualified: "Không xét",
} as const;

/** Every scheme of a movement, each with its own candidates, against one set of inputs. */
export function evaluateMovement(
  schemes: readonly Scheme[],
  candidates: ReadonlyMap<string, readonly Candidate[]>,
  ctx: EvaluationContext,
  opts: EvaluateOptions = {},
): SchemeEvaluation[] {
  return schemes.map((s) => evaluateScheme(s, candidates.get(s.id) ?? [], ctx, opts));
}
