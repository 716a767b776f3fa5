import { describe, expect, it } from "vitest";
import {
  checkSheet,
  conflictOfInterest,
  councilMean,
  criteriaProblem,
  DEFAULT_CRITERIA,
  decisionProblem,
  effectiveScope,
  maxTotal,
  scoringProgress,
  sharesProblem,
  suggestedDecision,
  unitYearFigures,
  yearInVietnam,
} from "../../app/core/initiative-register/rules";

describe("authors' shares", () => {
  it("accepts whole percents summing to 100 and names the sum otherwise", () => {
    expect(sharesProblem([{ fullName: "A", share: 60 }, { fullName: "B", share: 40 }])).toBeNull();
    expect(sharesProblem([{ fullName: "A", share: 60 }, { fullName: "B", share: 30 }])).toContain("90%");
    expect(sharesProblem([{ fullName: "A", share: 50.5 }, { fullName: "B", share: 49.5 }])).toContain("số nguyên");
    expect(sharesProblem([])).toContain("ít nhất một tác giả");
  });
});

describe("the scoring sheet", () => {
  it("defaults to 100 points over novelty, effect and replicability", () => {
    expect(maxTotal(DEFAULT_CRITERIA)).toBe(100);
    expect(criteriaProblem(DEFAULT_CRITERIA)).toBeNull();
    expect(criteriaProblem([{ key: "a", name: "A", maxPoints: 0 }])).toContain("lớn hơn 0");
  });

  it("sums a member's points and refuses a missing or out-of-range one, naming the criterion", () => {
    const ok = checkSheet(DEFAULT_CRITERIA, { "tinh-moi": "25", "hieu-qua": "30,5", "nhan-rong": 20 });
    expect(ok).toEqual({ ok: true, total: 75.5, scores: { "tinh-moi": 25, "hieu-qua": 30.5, "nhan-rong": 20 } });
    const bad = checkSheet(DEFAULT_CRITERIA, { "tinh-moi": "31", "hieu-qua": "", "nhan-rong": "2.3" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors["tinh-moi"]).toContain("từ 0 đến 30");
      expect(bad.errors["hieu-qua"]).toContain("Chưa chấm");
      expect(bad.errors["nhan-rong"]).toContain("0,5");
    }
  });

  it("takes the council's mark as the mean of totals", () => {
    expect(councilMean([70, 80, 75.5])).toBe(75.17);
    expect(councilMean([])).toBeNull();
  });

  it("shows the secretary who of the eligible members is missing", () => {
    expect(scoringProgress([1, 2, 3], [1, 3, 9])).toEqual({ eligible: 3, scored: 2, missing: 1, complete: false });
    expect(scoringProgress([1, 2], [1, 2]).complete).toBe(true);
    expect(scoringProgress([], []).complete).toBe(false);
  });
});

describe("the council's decision", () => {
  const complete = scoringProgress([1, 2], [1, 2]);
  it("recognises only with every sheet in and the mean at the pass mark", () => {
    expect(decisionProblem("recognised", { mean: 50, passMark: 50, progress: complete, reason: null })).toBeNull();
    expect(decisionProblem("recognised", { mean: 49.5, passMark: 50, progress: complete, reason: null })).toContain("thấp hơn điểm đạt");
    expect(decisionProblem("recognised", { mean: 90, passMark: 50, progress: scoringProgress([1, 2], [1]), reason: null })).toContain("Còn 1 thành viên");
    expect(suggestedDecision(50, 50)).toBe("recognised");
    expect(suggestedDecision(49.99, 50)).toBe("not_recognised");
  });
  it("asks a reason to refuse a passing initiative or to ask the author to complete it", () => {
    expect(decisionProblem("not_recognised", { mean: 40, passMark: 50, progress: complete, reason: null })).toBeNull();
    expect(decisionProblem("not_recognised", { mean: 60, passMark: 50, progress: complete, reason: " " })).toContain("lý do");
    expect(decisionProblem("needs_more", { mean: null, passMark: 50, progress: scoringProgress([1], []), reason: "" })).toContain("bổ sung");
    expect(decisionProblem("needs_more", { mean: null, passMark: 50, progress: scoringProgress([1], []), reason: "Thiếu số liệu" })).toBeNull();
  });
});

describe("conflict of interest", () => {
  const request = { ownerId: 10, unitId: 5, authorUserIds: [10, 11, null], authorUnitIds: [5, 6] };
  it("keeps authors, the filer and members of the authors' units from scoring", () => {
    expect(conflictOfInterest({ userId: 10, unitId: 99 }, request)).toContain("tác giả");
    expect(conflictOfInterest({ userId: 11, unitId: 99 }, request)).toContain("tác giả");
    expect(conflictOfInterest({ userId: 20, unitId: 6 }, request)).toContain("cùng đơn vị");
    expect(conflictOfInterest({ userId: 20, unitId: 5 }, request)).toContain("cùng đơn vị");
    expect(conflictOfInterest({ userId: 20, unitId: 7 }, request)).toBeNull();
    expect(conflictOfInterest({ userId: 20, unitId: null }, request)).toBeNull();
  });
});

describe("scope of influence", () => {
  it("widens to the district with 3 applying units and to the province across 2 districts", () => {
    expect(effectiveScope("co_so", [{ unitId: 1, districtId: 100 }])).toBe("co_so");
    expect(effectiveScope("co_so", [1, 2, 3].map((u) => ({ unitId: u, districtId: 100 })))).toBe("cap_huyen");
    expect(effectiveScope("co_so", [{ unitId: 1, districtId: 100 }, { unitId: 2, districtId: 200 }])).toBe("cap_tinh");
    expect(effectiveScope("cap_tinh", [])).toBe("cap_tinh");
    expect(effectiveScope("co_so", [1, 2, 3].map((u) => ({ unitId: u, districtId: 100 })), { unitsForDistrict: 4, districtsForProvince: 9 })).toBe("co_so");
  });
});

describe("statistics per unit and year", () => {
  it("counts filed requests, recognised, applied and the share applied, leaving drafts out", () => {
    const figures = unitYearFigures([
      { id: 1, unitId: 1, year: 2025, state: "recognised", applied: true, scope: "co_so" },
      { id: 2, unitId: 1, year: 2025, state: "recognised", applied: false, scope: "cap_huyen" },
      { id: 3, unitId: 1, year: 2025, state: "not_recognised", applied: false, scope: null },
      { id: 4, unitId: 1, year: 2025, state: "draft", applied: false, scope: null },
      { id: 5, unitId: 1, year: 2025, state: "submitted", applied: false, scope: null },
      { id: 6, unitId: 2, year: 2024, state: "scoring", applied: false, scope: null },
    ]);
    expect(figures).toEqual([
      { unitId: 2, year: 2024, registered: 1, recognised: 0, applied: 0, shareApplied: 0, shareRecognisedApplied: 0, byScope: { co_so: 0, cap_huyen: 0, cap_tinh: 0 } },
      { unitId: 1, year: 2025, registered: 4, recognised: 2, applied: 1, shareApplied: 0.25, shareRecognisedApplied: 0.5, byScope: { co_so: 1, cap_huyen: 1, cap_tinh: 0 } },
    ]);
  });
  it("puts a moment in its Vietnamese year", () => {
    expect(yearInVietnam(Date.UTC(2025, 11, 31, 17, 30))).toBe(2026);
    expect(yearInVietnam(Date.UTC(2025, 11, 31, 16, 30))).toBe(2025);
  });
});
