import { describe, expect, it } from "vitest";
import {
  bandOf,
  type Candidate,
  contextFromData,
  type EvaluationData,
  evaluateCriterion,
  evaluateScheme,
  type Scheme,
} from "../../app/core/emulation";

const empty = (year: number): EvaluationData => ({
  year,
  index: [],
  initiatives: [],
  recognitions: [],
  participation: [],
  quiz: [],
  titles: [],
  declarations: [],
  pending: [],
});

const unit = (id: number, name: string, extra: Partial<Candidate> = {}): Candidate => ({
  key: `unit:${id}`,
  target: "collective",
  name,
  unitId: id,
  quotaUnitId: null,
  headcount: 20,
  womenShare: 0.4,
  ...extra,
});

const person = (id: number, name: string, unitId: number, gender: "nam" | "nu"): Candidate => ({
  key: `person:${id}`,
  target: "individual",
  name,
  unitId,
  quotaUnitId: unitId,
  personId: id,
  gender,
  headcount: 1,
});

describe("seed 000 (Tuy Phước 2021–2025): Giấy khen for the top 3 units at 90% or more", () => {
  const yearly: Scheme = {
    id: "gk-nam",
    title: "Giấy khen hằng năm",
    form: "giay-khen-chu-tich-ubnd-huyen",
    target: "collective",
    level: "huyện",
    quota: { type: "total", n: 3 },
    rankBy: "index_score",
    criteria: [
      { id: "cs90", label: "Chỉ số CCHC từ 90%", kind: "index_score", minScore: 90 },
      { id: "d4", label: "Không đang bị xem xét", kind: "disqualify_pending" },
    ],
  };
  // Hand computation: F (97.1) has a complaint pending and is out; E (89.9) is under 90; A, B, C, D qualify;
  // C and D are equal at 92.0 for the third place and D (78% women) goes first under NĐ 152/2025 Điều 4.
  const data: EvaluationData = {
    ...empty(2024),
    index: [
      { unitId: 1, year: 2024, score: 96.5 },
      { unitId: 2, year: 2024, score: 94.2 },
      { unitId: 3, year: 2024, score: 92 },
      { unitId: 4, year: 2024, score: 92 },
      { unitId: 5, year: 2024, score: 89.9 },
      { unitId: 6, year: 2024, score: 97.1 },
    ],
    pending: [{ candidateKey: "unit:6", discipline: false, inspection: false, complaint: true }],
  };
  const candidates = [
    unit(1, "Xã Phước Sơn"),
    unit(2, "Thị trấn Tuy Phước"),
    unit(3, "Xã Phước Hòa"),
    unit(4, "Xã Phước Thuận", { womenShare: 0.78 }),
    unit(5, "Xã Phước Lộc"),
    unit(6, "Xã Phước An"),
  ];
  const ev = evaluateScheme(yearly, candidates, contextFromData(data));
  const by = Object.fromEntries(ev.candidates.map((c) => [c.key, c]));

  it("selects the three highest at 90% or more, the tie for third going to the collective with ≥ 70% women", () => {
    expect(ev.selected).toEqual(["unit:1", "unit:2", "unit:4"]);
    expect(by["unit:3"].standing).toBe("over_quota");
    expect(by["unit:3"].note).toContain("Điều 4");
    expect(by["unit:4"].note).toContain("70% nữ");
  });

  it("leaves out a unit under 90% and one with a complaint pending, saying why", () => {
    expect(by["unit:5"].standing).toBe("not_met");
    expect(by["unit:5"].results[0].reason).toBe("Chỉ số CCHC năm 2024 đạt 89,9%, dưới 90%.");
    expect(by["unit:6"].standing).toBe("disqualified");
    expect(by["unit:6"].results[1].reason).toContain("khiếu nại");
  });

  it("phase-end award: at least 3 of the 5 years at 90% or more", () => {
    const phase = contextFromData({
      ...empty(2025),
      index: [
        [88, 91, 90, 93, 96.5],
        [91, 85, 92, 80, 89.9],
      ].flatMap((scores, i) => scores.map((score, k) => ({ unitId: i + 1, year: 2021 + k, score }))),
    });
    const c = { id: "gd", label: "3 năm từ 90%", kind: "index_years", minScore: 90, minYears: 3, fromOffset: -4, toOffset: 0 } as const;
    expect(evaluateCriterion(c, unit(1, "A"), phase)).toMatchObject({ outcome: "met" });
    const e = evaluateCriterion(c, unit(2, "E"), phase);
    expect(e.outcome).toBe("not_met");
    expect(e.reason).toContain("chỉ có 2 năm");
  });

  it("individuals: first place this year and 2 consecutive years at 90%", () => {
    const ctx = contextFromData({
      ...empty(2024),
      index: [
        { unitId: 1, year: 2023, score: 90.5 },
        { unitId: 1, year: 2024, score: 96.5 },
        { unitId: 2, year: 2023, score: 89 },
        { unitId: 2, year: 2024, score: 94.2 },
      ],
    });
    const rank = { id: "nhat", label: "Đứng thứ nhất", kind: "index_rank", maxRank: 1 } as const;
    const two = { id: "2nam", label: "2 năm liên tục", kind: "index_years", minScore: 90, minYears: 2, fromOffset: -1, toOffset: 0, consecutive: true } as const;
    expect(evaluateCriterion(rank, person(10, "Nguyễn Thị Lan", 1, "nu"), ctx).outcome).toBe("met");
    expect(evaluateCriterion(two, person(10, "Nguyễn Thị Lan", 1, "nu"), ctx).outcome).toBe("met");
    expect(evaluateCriterion(rank, person(11, "Trần Văn Hùng", 2, "nam"), ctx).reason).toContain("Xếp hạng 2");
    expect(evaluateCriterion(two, person(11, "Trần Văn Hùng", 2, "nam"), ctx).outcome).toBe("not_met");
  });
});

describe("seed 001 (Giếng Đáy 2024): bands, ranks and initiatives registered with 10% applied", () => {
  const ctx = contextFromData({
    ...empty(2024),
    index: [
      { unitId: 1, year: 2024, score: 91.2, rank: 1 },
      { unitId: 2, year: 2024, score: 84, rank: 2 },
      { unitId: 3, year: 2024, score: 68, rank: 5 },
    ],
    initiatives: [
      { unitId: 1, year: 2024, registered: 3, applied: 1 },
      { unitId: 2, year: 2024, registered: 12, applied: 1 },
    ],
  });
  it("Bằng khen of the province needs 'Xuất sắc'; the ward's Giấy khen at least 'Khá'", () => {
    const xs = { id: "xs", label: "", kind: "index_band", minBand: "xuat_sac" } as const;
    const kha = { id: "kha", label: "", kind: "index_band", minBand: "kha" } as const;
    expect(evaluateCriterion(xs, unit(1, "A"), ctx).outcome).toBe("met");
    expect(evaluateCriterion(xs, unit(2, "B"), ctx).reason).toBe('Chỉ số CCHC năm 2024 xếp loại "Tốt", dưới "Xuất sắc".');
    expect(evaluateCriterion(kha, unit(2, "B"), ctx).outcome).toBe("met");
    expect(evaluateCriterion(kha, unit(3, "C"), ctx).outcome).toBe("not_met");
  });
  it("the city's Giấy khen needs rank Nhất, Nhì or Ba", () => {
    const top3 = { id: "top3", label: "", kind: "index_rank", maxRank: 3 } as const;
    expect(evaluateCriterion(top3, unit(2, "B"), ctx).outcome).toBe("met");
    expect(evaluateCriterion(top3, unit(3, "C"), ctx).outcome).toBe("not_met");
  });
  it("every unit registers a model; at least 10% applied (1 of 3 passes, 1 of 12 = 8,3% does not)", () => {
    const reg = { id: "reg", label: "", kind: "initiatives", measure: "registered", min: 1 } as const;
    const applied = { id: "ap", label: "", kind: "initiatives", measure: "applied_share", min: 0.1 } as const;
    expect(evaluateCriterion(reg, unit(3, "C"), ctx).outcome).toBe("not_met");
    expect(evaluateCriterion(applied, unit(1, "A"), ctx).outcome).toBe("met");
    const b = evaluateCriterion(applied, unit(2, "B"), ctx);
    expect(b.outcome).toBe("not_met");
    expect(b.reason).toContain("8,3%");
  });
  it("bands default to 90/80/70/50", () => {
    expect([95, 90, 89.99, 80, 70, 50, 49].map((s) => bandOf(s))).toEqual(["xuat_sac", "xuat_sac", "tot", "tot", "kha", "trung_binh", "yeu"]);
  });
});

describe("seed 002 (Sở KH&CN Ninh Thuận 2022): checklists, the 10% late rule, 1 collective for Bằng khen", () => {
  const scheme: Scheme = {
    id: "bk-tt",
    title: "Bằng khen tập thể",
    form: "bang-khen-chu-tich-ubnd-tinh",
    target: "collective",
    level: "tỉnh",
    quota: { type: "total", n: 1 },
    rankBy: "none",
    criteria: [
      { id: "tot", label: "Xếp loại Tốt", kind: "index_band", minBand: "tot" },
      { id: "sk", label: "Sáng kiến được Hội đồng công nhận", kind: "initiatives", measure: "recognised", min: 1 },
      { id: "giai-ngan", label: "Giải ngân 100% vốn đầu tư công", kind: "declared_number", op: ">=", target: 100, unit: "%" },
      { id: "tre-hen", label: "Không có hồ sơ trễ hẹn", kind: "declared_boolean", expected: true },
      { id: "di-muon", label: "Số CBCCVC không chấp hành giờ giấc", kind: "disqualify_share", maxShare: 0.1 },
    ],
  };
  const ok = { evidence: "https://skhcn.ninhthuan.gov.vn/minh-chung.pdf", status: "accepted" as const };
  const data: EvaluationData = {
    ...empty(2022),
    index: [1, 2, 3].map((unitId) => ({ unitId, year: 2022, score: 86 })),
    recognitions: [1, 2, 3].map((unitId) => ({ unitId, year: 2022, scope: "co_so" as const, council: "Hội đồng sáng kiến Sở", personId: null, title: `Sáng kiến ${unitId}` })),
    declarations: [
      ...[1, 2, 3].flatMap((u) => [
        { candidateKey: `unit:${u}`, criterionId: "tre-hen", value: true, ...ok },
        { candidateKey: `unit:${u}`, criterionId: "di-muon", value: u === 2 ? 3 : 1, ...ok },
      ]),
      { candidateKey: "unit:1", criterionId: "giai-ngan", value: 100, ...ok },
      { candidateKey: "unit:2", criterionId: "giai-ngan", value: 100, ...ok },
      // Unit 3 declared its disbursement but attached no evidence.
      { candidateKey: "unit:3", criterionId: "giai-ngan", value: 100, evidence: null, status: "pending" },
    ],
  };
  const ev = evaluateScheme(scheme, [unit(1, "Văn phòng Sở", { headcount: 12 }), unit(2, "Chi cục TCĐLCL", { headcount: 25 }), unit(3, "Trung tâm Ứng dụng", { headcount: 18 })], contextFromData(data));
  const by = Object.fromEntries(ev.candidates.map((c) => [c.key, c]));
  it("a unit with 3 of 25 staff late (12%) is not considered; one without evidence is missing it", () => {
    expect(by["unit:2"].standing).toBe("disqualified");
    expect(by["unit:2"].results[4].reason).toBe("Không xét khen thưởng: 3/25 người (12%) vi phạm, trên 10% biên chế.");
    expect(by["unit:3"].standing).toBe("missing_evidence");
    expect(by["unit:3"].results[2].reason).toContain("tài liệu kiểm chứng");
    expect(ev.selected).toEqual(["unit:1"]);
  });
  it("a returned declaration counts as missing, with the organizer's reason", () => {
    const ctx = contextFromData({ ...data, declarations: [{ candidateKey: "unit:1", criterionId: "giai-ngan", value: 100, evidence: "x.pdf", status: "returned", returnReason: "Thiếu xác nhận của Kho bạc" }] });
    expect(evaluateCriterion(scheme.criteria[2], unit(1, "A"), ctx).reason).toBe("Ban Tổ chức trả lại minh chứng: Thiếu xác nhận của Kho bạc.");
  });
});

describe("seed 004 (VP UBND Cần Thơ 2019): 2 individuals per department, each with a recognised initiative", () => {
  const council = "Hội đồng Sáng kiến Văn phòng UBND thành phố";
  const scheme: Scheme = {
    id: "gk-cn",
    title: "Giấy khen cá nhân",
    form: "giay-khen-thu-truong",
    target: "individual",
    level: "cơ quan",
    quota: { type: "per_unit", n: 2 },
    rankBy: "none",
    criteria: [{ id: "sk", label: "Một sáng kiến được công nhận", kind: "initiatives", measure: "recognised", min: 1, council }],
  };
  const rec = (unitId: number, personId: number, c = council) => ({ unitId, year: 2019, scope: "co_so" as const, council: c, personId, title: `SK ${personId}` });
  const ctx = contextFromData({ ...empty(2019), recognitions: [rec(1, 10), rec(1, 11), rec(1, 12), rec(2, 20), rec(2, 21), rec(2, 22), rec(2, 23, "Hội đồng khác")] });
  const ev = evaluateScheme(
    scheme,
    [person(10, "Lê Văn An", 1, "nam"), person(11, "Phạm Thị Bích", 1, "nu"), person(12, "Võ Thị Cúc", 1, "nu"), person(20, "Ngô Văn Dũng", 2, "nam"), person(21, "Đỗ Văn Em", 2, "nam"), person(22, "Huỳnh Văn Phúc", 2, "nam"), person(23, "Mai Thị Giang", 2, "nu")],
    ctx,
  );
  const by = Object.fromEntries(ev.candidates.map((c) => [c.key, c]));
  it("three equal in a department: the two women are chosen first", () => {
    expect(by["person:11"].standing).toBe("selected");
    expect(by["person:12"].standing).toBe("selected");
    expect(by["person:10"].standing).toBe("over_quota");
    expect(by["person:10"].note).toContain("Điều 4");
  });
  it("three equal men for two places: the council decides, and an initiative of another council does not count", () => {
    expect(by["person:23"].standing).toBe("not_met");
    for (const k of ["person:20", "person:21", "person:22"]) expect(by[k].note).toContain("Hội đồng Thi đua – Khen thưởng quyết định");
    expect(ev.selected.filter((k) => ["person:20", "person:21", "person:22"].includes(k))).toHaveLength(2);
  });
});

describe("seed 003 (Thăng Bình 2023): below 100% participation a unit is not 'Tốt'", () => {
  const c = { id: "100", label: "100% tham gia", kind: "participation_rate", contest: "cchc-2023", minRate: 1 } as const;
  const ctx = contextFromData({
    ...empty(2023),
    participation: [
      { contest: "cchc-2023", unitId: 1, participants: 9, denominator: 9 },
      { contest: "cchc-2023", unitId: 2, participants: 13, denominator: 14 },
    ],
  });
  it("9/9 meets it; 13/14 misses it by one person", () => {
    expect(evaluateCriterion(c, unit(1, "Phòng Nội vụ"), ctx).outcome).toBe("met");
    expect(evaluateCriterion(c, unit(2, "Phòng TC-KH"), ctx).reason).toBe("Tỷ lệ tham gia cuộc thi 92,9% (13/14 người), chưa đạt 100%; còn thiếu 1 người.");
  });
});

describe("past titles", () => {
  it("'2 năm liên tục' needs the title in each of the two years before", () => {
    const c = { id: "t", label: "", kind: "past_titles", title: "Chiến sĩ thi đua cơ sở", years: 2 } as const;
    const ctx = contextFromData({
      ...empty(2024),
      titles: [
        { candidateKey: "person:1", year: 2022, title: "Chiến sĩ thi đua cơ sở" },
        { candidateKey: "person:1", year: 2023, title: "Chiến sĩ thi đua cơ sở" },
        { candidateKey: "person:2", year: 2021, title: "Chiến sĩ thi đua cơ sở" },
        { candidateKey: "person:2", year: 2023, title: "Chiến sĩ thi đua cơ sở" },
      ],
    });
    expect(evaluateCriterion(c, person(1, "A", 1, "nu"), ctx).outcome).toBe("met");
    expect(evaluateCriterion(c, person(2, "B", 1, "nam"), ctx).reason).toContain("năm 2022");
  });
});
