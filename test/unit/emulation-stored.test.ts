import { describe, expect, it } from "vitest";
import {
  type Candidate,
  contextFromData,
  type Criterion,
  type EvaluationData,
  evaluateMovement,
  evaluateStored,
  explainEvaluation,
  type Scheme,
  storeCandidates,
} from "../../app/core/emulation";

/**
 * evaluateStored computes a snapshot's outcomes without a result object per candidate and criterion. Shown
 * again (explainEvaluation, every reason written from the stored inputs), it must be exactly what
 * evaluateMovement gives with reasons: outcomes, standings, places, quota notes and the selected list, on
 * data full of ties, quotas of every kind and each outcome.
 */
const YEAR = 2025;

function dataset(seed: number) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const data: EvaluationData = { year: YEAR, index: [], initiatives: [], recognitions: [], participation: [], quiz: [], titles: [], declarations: [], pending: [] };
  const units: Candidate[] = [];
  const people: Candidate[] = [];
  for (let u = 1; u <= 40; u++) {
    // Few distinct scores, so that equal figures meet at the quota boundaries.
    for (let y = YEAR - 4; y <= YEAR; y++) data.index.push({ unitId: u, year: y, score: pick([70, 85, 90, 95]), band: null, rank: rand() < 0.5 ? null : 1 + Math.floor(rand() * 40) });
    data.participation.push({ contest: "thi", unitId: u, participants: pick([8, 10]), denominator: 10 });
    data.initiatives.push({ unitId: u, year: YEAR, registered: pick([0, 2, 4]), applied: pick([0, 1, 2]) });
    units.push({ key: `unit:${u}`, target: "collective", name: pick(["Xã An", "Xã Bình", "Phường Cát"]) + ` ${u % 7}`, unitId: u, quotaUnitId: 100 + (u % 4), headcount: 20, womenShare: pick([0.5, 0.7, 0.9]) });
    data.declarations.push({ candidateKey: `unit:${u}`, criterionId: "di_muon", value: pick([0, 1, 3]), evidence: rand() < 0.9 ? "https://vb.example/a.pdf" : null, status: pick(["accepted", "accepted", "pending", "returned"]), returnReason: "Thiếu chữ ký" });
    for (let k = 0; k < 8; k++) {
      const id = u * 100 + k;
      const key = `person:${id}`;
      people.push({ key, target: "individual", name: pick(["Nguyễn Văn An", "Trần Thị Bình", "Lê Thị Cúc"]), unitId: u, quotaUnitId: u, quotaUnitName: `Đơn vị ${u}`, personId: id, gender: pick(["nam", "nu", null] as const), headcount: 1 });
      if (rand() < 0.9) data.declarations.push({ candidateKey: key, criterionId: "hoan_thanh", value: rand() < 0.85, evidence: "https://vb.example/b.pdf", status: pick(["accepted", "accepted", "accepted", "pending"]) });
      if (rand() < 0.05) data.pending.push({ candidateKey: key, discipline: true, inspection: false, complaint: false });
      for (const y of [YEAR - 1, YEAR - 2]) if (rand() < 0.85) data.titles.push({ candidateKey: key, year: y, title: "Lao động tiên tiến" });
      if (rand() < 0.3) data.recognitions.push({ unitId: u, year: YEAR, scope: pick(["co_so", "tinh"]), council: "Hội đồng sáng kiến", personId: id, title: `Sáng kiến ${id}` });
    }
  }
  const collective: Criterion[] = [
    { id: "tham_gia", label: "Tham gia", kind: "participation_rate", contest: "thi", minRate: 0.8 },
    { id: "diem", label: "Điểm", kind: "index_score", minScore: 85 },
    { id: "hang", label: "Hạng", kind: "index_rank", maxRank: 30 },
    { id: "nam", label: "Năm", kind: "index_years", minScore: 85, minYears: 3, fromOffset: -4, toOffset: 0 },
    { id: "di_muon", label: "Đi muộn", kind: "disqualify_share", maxShare: 0.1 },
  ];
  const individual: Criterion[] = [
    { id: "xep_loai", label: "Xếp loại", kind: "index_band", minBand: "tot" },
    { id: "sang_kien", label: "Sáng kiến", kind: "initiatives", measure: "recognised", min: 1 },
    { id: "hoan_thanh", label: "Hoàn thành", kind: "declared_boolean", expected: true },
    { id: "vu_viec", label: "Vụ việc", kind: "disqualify_pending" },
    { id: "danh_hieu", label: "Danh hiệu", kind: "past_titles", title: "Lao động tiên tiến", years: 2 },
  ];
  const schemes: Scheme[] = [
    { id: "tt_total", title: "Tập thể (tổng)", form: "Giấy khen", target: "collective", level: "huyen", quota: { type: "total", n: 4 }, rankBy: "index_score", criteria: collective },
    { id: "tt_unit", title: "Tập thể (mỗi đơn vị)", form: "Giấy khen", target: "collective", level: "huyen", quota: { type: "per_unit", n: 1 }, rankBy: "index_score", criteria: collective.slice(0, 2) },
    { id: "cn_unit", title: "Cá nhân", form: "Chiến sĩ thi đua cơ sở", target: "individual", level: "co_so", quota: { type: "per_unit", n: 1 }, rankBy: "none", criteria: individual },
    { id: "cn_none", title: "Cá nhân (không giới hạn)", form: "Lao động tiên tiến", target: "individual", level: "co_so", quota: { type: "none" }, rankBy: "index_score", criteria: individual.slice(2) },
  ];
  const candidates = new Map<string, Candidate[]>([
    ["tt_total", units],
    ["tt_unit", units],
    ["cn_unit", people],
    ["cn_none", people],
    // No candidate at all is a case of its own.
  ]);
  schemes.push({ id: "trong", title: "Không ai đăng ký", form: "Bằng khen", target: "collective", level: "tinh", quota: { type: "total", n: 1 }, rankBy: "none", criteria: collective.slice(0, 1) });
  return { data, schemes, candidates };
}

describe("evaluateStored", () => {
  for (const seed of [1, 7, 42]) {
    it(`shown again, equals evaluateMovement with every reason (data set ${seed})`, () => {
      const { data, schemes, candidates } = dataset(seed);
      const direct = evaluateMovement(schemes, candidates, contextFromData(data));
      const stored = evaluateStored(schemes, candidates, storeCandidates(schemes, candidates), contextFromData(data));
      // Through JSON, as the snapshot is kept.
      const shown = explainEvaluation(JSON.parse(JSON.stringify(stored)), JSON.parse(JSON.stringify(data)));
      expect(shown).toEqual(direct);
      // The data set reaches every standing and both kinds of boundary note.
      const standings = new Set(direct.flatMap((s) => s.candidates.map((c) => c.standing)));
      expect([...standings].sort()).toEqual(["disqualified", "missing_evidence", "not_met", "over_quota", "selected"]);
      const notes = direct.flatMap((s) => s.candidates.map((c) => c.note ?? ""));
      expect(notes.some((n) => n.includes("vượt chỉ tiêu"))).toBe(true);
      expect(notes.some((n) => n.includes("Điều 4") || n.includes("Hội đồng Thi đua – Khen thưởng quyết định"))).toBe(true);
    });
  }
});
