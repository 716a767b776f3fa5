import { describe, expect, it } from "vitest";
import type { CriterionRule } from "../../app/core/emulation/types";
import { ruleSummary } from "../../app/emulation/criterion-text";
import { criterionFormSchema, formKindOf, ruleDefaults } from "../../app/emulation/editor-schemas";

/** The criterion forms: a stored rule shown in its form and saved again is the same rule, for every kind. */

const rules: CriterionRule[] = [
  { kind: "participation_rate", contest: "cchc-2023", minRate: 1 },
  { kind: "quiz_score", contest: "cchc-2023", minScore: 80 },
  { kind: "index_score", minScore: 90.5 },
  { kind: "index_band", minBand: "kha", yearOffset: -1 },
  { kind: "index_rank", maxRank: 3 },
  { kind: "index_years", minScore: 90, minYears: 3, fromOffset: -4, toOffset: 0 },
  { kind: "index_years", minScore: 90, minYears: 2, fromOffset: -1, toOffset: 0, consecutive: true },
  { kind: "initiatives", measure: "registered", min: 1 },
  { kind: "initiatives", measure: "recognised", min: 1, minScope: "tinh", council: "Hội đồng Sáng kiến tỉnh" },
  { kind: "initiatives", measure: "applied_share", min: 0.1 },
  { kind: "past_titles", title: "Tập thể lao động xuất sắc", years: 2 },
  { kind: "declared_boolean", expected: false },
  { kind: "declared_number", op: "<=", target: 0, unit: "hồ sơ" },
  { kind: "disqualify_share", maxShare: 0.1 },
  { kind: "disqualify_pending" },
];

describe("criterion forms", () => {
  it.each(rules.map((r) => [formKindOf(r), r] as const))("round-trips a %s rule through its form", (kind, rule) => {
    const parsed = criterionFormSchema(kind).safeParse(ruleDefaults("Tiêu chí thử nghiệm", rule));
    expect(parsed.success && parsed.data).toEqual({ label: "Tiêu chí thử nghiệm", rule });
  });

  it("reads Vietnamese decimals and refuses what is not a number, in Vietnamese", () => {
    const ok = criterionFormSchema("index_score").safeParse({ label: "Chỉ số từ 85,5%", minScore: "85,5", yearOffset: "0" });
    expect(ok.success && ok.data.rule).toEqual({ kind: "index_score", minScore: 85.5 });
    const bad = criterionFormSchema("index_score").safeParse({ label: "Chỉ số từ 85,5%", minScore: "tám mươi", yearOffset: "0" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(["Chỉ số CCHC tối thiểu phải là một số."]);
  });

  it("says in one sentence what the platform checks", () => {
    expect(ruleSummary(rules[5], 2025)).toBe("Ít nhất 3 năm trong giai đoạn 2021–2025 đạt Chỉ số CCHC từ 90%.");
    expect(ruleSummary(rules[3], 2024)).toBe("Chỉ số CCHC năm 2023 (năm trước năm xét) xếp loại từ “Khá” trở lên.");
    expect(ruleSummary(rules[0], 2023, () => "Cuộc thi CCHC 2023")).toBe("Tỷ lệ tham gia cuộc thi “Cuộc thi CCHC 2023” của đơn vị từ 100% trở lên.");
  });
});
