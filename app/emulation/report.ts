import { num, type Scheme, type SchemeEvaluation } from "../core/emulation";

/** The evaluation as the CLI, the pages and the Excel export show it: schemes, candidates, criteria with reasons. */
export function quotaText(q: Scheme["quota"]): string {
  if (q.type === "total") return `chỉ tiêu ${num(q.n)}`;
  if (q.type === "per_unit") return `chỉ tiêu ${num(q.n)} mỗi đơn vị`;
  return "không giới hạn số lượng";
}

export function evaluationReport(
  m: { slug: string; title: string },
  year: number,
  snapshotId: number,
  schemes: readonly Scheme[],
  result: readonly SchemeEvaluation[],
) {
  return {
    movement: { slug: m.slug, title: m.title },
    year,
    snapshotId,
    schemes: result.map((s) => {
      const scheme = schemes.find((x) => x.id === s.schemeId)!;
      const label = new Map(scheme.criteria.map((c) => [c.id, c.label]));
      const byKey = new Map(s.candidates.map((c) => [c.key, c]));
      return {
        id: s.schemeId,
        title: s.title,
        target: s.target,
        quota: s.quota,
        quotaText: quotaText(s.quota),
        criteria: scheme.criteria.map((c) => ({ id: c.id, label: c.label, kind: c.kind })),
        candidates: s.candidates.map((c) => ({
          key: c.key,
          name: c.name,
          unitId: c.unitId,
          standing: c.standing,
          place: c.place,
          note: c.note,
          criteria: c.results.map((r) => ({ id: r.criterionId, label: label.get(r.criterionId) ?? r.criterionId, outcome: r.outcome, reason: r.reason })),
        })),
        qualified: s.selected.map((k) => ({ key: k, name: byKey.get(k)!.name, place: byKey.get(k)!.place })),
      };
    }),
  };
}
export type EvaluationReport = ReturnType<typeof evaluationReport>;
