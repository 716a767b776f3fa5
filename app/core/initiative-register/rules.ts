/**
 * The initiatives register (sổ sáng kiến) and its council, as NĐ 13/2012 and TT 18/2013 describe them:
 * an author files a request, the council of the unit's level scores it with a phiếu chấm điểm, decides,
 * and the recognition carries a scope of influence that applications in other units can widen.
 * Pure rules: no I/O.
 */

export const REQUEST_STATES = ["draft", "submitted", "scoring", "needs_more", "recognised", "not_recognised"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const requestStateText: Record<RequestState, string> = {
  draft: "Nháp",
  submitted: "Đã nộp",
  scoring: "Đang chấm",
  needs_more: "Yêu cầu bổ sung",
  recognised: "Được công nhận",
  not_recognised: "Không công nhận",
};

export const SCOPES = ["co_so", "cap_huyen", "cap_tinh"] as const;
export type Scope = (typeof SCOPES)[number];
export const scopeText: Record<Scope, string> = { co_so: "Cơ sở", cap_huyen: "Cấp huyện/sở", cap_tinh: "Cấp tỉnh" };
export const scopeRank = (s: Scope): number => SCOPES.indexOf(s);
export const widerScope = (a: Scope, b: Scope): Scope => (scopeRank(a) >= scopeRank(b) ? a : b);

export const COUNCIL_LEVELS = ["unit", "district", "province"] as const;
export type CouncilLevel = (typeof COUNCIL_LEVELS)[number];
export const councilLevelText: Record<CouncilLevel, string> = {
  unit: "Hội đồng sáng kiến cơ sở (đơn vị)",
  district: "Hội đồng sáng kiến cấp huyện/sở",
  province: "Hội đồng sáng kiến cấp tỉnh",
};
/** The scope a council of a level may recognise. */
export const scopeOfLevel: Record<CouncilLevel, Scope> = { unit: "co_so", district: "cap_huyen", province: "cap_tinh" };

/**
 * The tier of a unit in the administrative tree, by its kind: the province; the district or a department
 * (sở, ngành, an office of the people's committee of a province or city); everything else (communes, wards,
 * towns, and the parts of any unit) is a base unit. A kind not listed counts as a base unit.
 */
export type UnitTier = "province" | "district" | "base";
const TIER_OF_KIND: Record<string, UnitTier> = {
  tinh: "province",
  thanh_pho_tw: "province",
  huyen: "district",
  quan: "district",
  thi_xa: "district",
  thanh_pho: "district",
  so: "district",
  so_nganh: "district",
  co_quan: "district",
};
export const unitTier = (kind: string): UnitTier => TIER_OF_KIND[kind] ?? "base";
const tierText: Record<UnitTier, string> = { province: "đơn vị cấp tỉnh", district: "đơn vị cấp huyện/sở", base: "đơn vị cơ sở (xã, phường, phòng, bộ phận…)" };
/** The council levels a unit of a tier may hold: its own (cơ sở) council anywhere below the province, the district's on a district or department, the province's on the province. */
export const levelsOfTier: Record<UnitTier, CouncilLevel[]> = { province: ["province"], district: ["district", "unit"], base: ["unit"] };

/** Why a council of this level cannot sit on this unit, or null (e.g. a "cấp tỉnh" council on a commune). */
export function councilLevelProblem(level: CouncilLevel, unit: { name: string; kind: string }): string | null {
  const tier = unitTier(unit.kind);
  const allowed = levelsOfTier[tier];
  if (allowed.includes(level)) return null;
  return `"${unit.name}" là ${tierText[tier]}: không lập được ${councilLevelText[level].charAt(0).toLowerCase()}${councilLevelText[level].slice(1)} ở đây. Chọn cấp: ${allowed.map((l) => councilLevelText[l]).join(" hoặc ")}.`;
}

/** An author may change the request only before the council takes it up, or when asked to complete it. */
export const authorMayEdit = (s: RequestState): boolean => s === "draft" || s === "needs_more";

// ---------------------------------------------------------------- authors and shares

export type AuthorShare = { fullName: string; share: number };

/** Why the authors' shares are not acceptable, or null: at least one author, whole percents, summing to 100. */
export function sharesProblem(authors: AuthorShare[]): string | null {
  if (authors.length === 0) return "Cần ít nhất một tác giả.";
  for (const a of authors) {
    if (!Number.isInteger(a.share) || a.share <= 0 || a.share > 100) return `Tỷ lệ đóng góp của ${a.fullName} phải là số nguyên từ 1 đến 100.`;
  }
  const total = authors.reduce((s, a) => s + a.share, 0);
  if (total !== 100) return `Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là ${total}%).`;
  return null;
}

// ---------------------------------------------------------------- scoring sheet

export type Criterion = { key: string; name: string; maxPoints: number };

/** The default phiếu chấm điểm, on 100 points (a council may set its own). */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: "tinh-moi", name: "Tính mới, sáng tạo", maxPoints: 30 },
  { key: "hieu-qua", name: "Hiệu quả áp dụng (lợi ích kinh tế, xã hội)", maxPoints: 40 },
  { key: "nhan-rong", name: "Khả năng nhân rộng", maxPoints: 30 },
];
export const DEFAULT_PASS_MARK = 50;

export function criteriaProblem(criteria: Criterion[]): string | null {
  if (criteria.length === 0) return "Phiếu chấm cần ít nhất một tiêu chí.";
  const keys = new Set<string>();
  for (const c of criteria) {
    if (!c.name.trim()) return "Mỗi tiêu chí cần có tên.";
    if (!Number.isFinite(c.maxPoints) || c.maxPoints <= 0) return `Điểm tối đa của tiêu chí "${c.name}" phải lớn hơn 0.`;
    if (keys.has(c.key)) return `Tiêu chí "${c.name}" bị lặp.`;
    keys.add(c.key);
  }
  return null;
}

export const maxTotal = (criteria: { maxPoints: number }[]): number => criteria.reduce((s, c) => s + c.maxPoints, 0);

/** Where a list repeats itself: the index of each entry that repeats an earlier one (compared folded to lower case). */
export function repeatedIndexes(list: string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  list.forEach((v, i) => {
    const k = v.trim().toLowerCase();
    if (seen.has(k)) out.push(i);
    seen.add(k);
  });
  return out;
}

/** Why the pass mark does not fit the sheet, or null: above 0 and at most the sheet's maximum total. */
export function passMarkProblem(passMark: number, criteria: { maxPoints: number }[]): string | null {
  const max = maxTotal(criteria);
  if (!Number.isFinite(passMark) || passMark <= 0) return "Điểm đạt phải lớn hơn 0.";
  if (passMark > max) return `Điểm đạt ${formatPoints(passMark)} vượt quá tổng điểm tối đa của phiếu chấm (${formatPoints(max)}).`;
  return null;
}

export type CouncilSettings = { name: string; fields: string[]; criteria: Criterion[]; passMark: number; secretary: string | null; chair: string | null; members: string[] };

/**
 * What an edit changes, one sentence a change, for the audit log and the page. Criteria compare by name and
 * points; people by name, members as a set.
 */
export function councilChanges(before: CouncilSettings, after: CouncilSettings): string[] {
  const out: string[] = [];
  const sheet = (c: Criterion[]) => c.map((x) => `${x.name} (${formatPoints(x.maxPoints)})`).join("; ");
  if (before.name !== after.name) out.push(`Tên: ${before.name} → ${after.name}`);
  const f = (x: string[]) => (x.length ? x.join(", ") : "tất cả");
  if (f(before.fields) !== f(after.fields)) out.push(`Lĩnh vực: ${f(before.fields)} → ${f(after.fields)}`);
  if (sheet(before.criteria) !== sheet(after.criteria)) {
    const named = (c: Criterion[], name: string) => c.find((x) => x.name === name);
    const changed: string[] = [];
    for (const c of after.criteria) {
      const was = named(before.criteria, c.name);
      if (!was) changed.push(`thêm "${c.name}" (${formatPoints(c.maxPoints)})`);
      else if (was.maxPoints !== c.maxPoints) changed.push(`"${c.name}" ${formatPoints(was.maxPoints)} → ${formatPoints(c.maxPoints)} điểm`);
    }
    for (const c of before.criteria) if (!named(after.criteria, c.name)) changed.push(`bỏ "${c.name}"`);
    if (changed.length === 0) changed.push("đổi thứ tự tiêu chí");
    out.push(`Phiếu chấm: ${changed.join(", ")} (tổng ${formatPoints(maxTotal(before.criteria))} → ${formatPoints(maxTotal(after.criteria))} điểm)`);
  }
  if (before.passMark !== after.passMark) out.push(`Điểm đạt: ${formatPoints(before.passMark)} → ${formatPoints(after.passMark)}`);
  if (before.chair !== after.chair) out.push(`Chủ tịch: ${before.chair ?? "chưa có"} → ${after.chair ?? "chưa có"}`);
  if (before.secretary !== after.secretary) out.push(`Thư ký: ${before.secretary ?? "chưa có"} → ${after.secretary ?? "chưa có"}`);
  const added = after.members.filter((m) => !before.members.includes(m));
  const removed = before.members.filter((m) => !after.members.includes(m));
  if (added.length) out.push(`Thêm thành viên: ${added.join(", ")}`);
  if (removed.length) out.push(`Bỏ thành viên: ${removed.join(", ")}`);
  return out;
}

export type SheetResult = { ok: true; total: number; scores: Record<string, number> } | { ok: false; errors: Record<string, string> };

/** A member's sheet: every criterion scored, 0 to its maximum, in steps of 0.5; the total is their sum. */
export function checkSheet(criteria: Criterion[], raw: Record<string, string | number | undefined>): SheetResult {
  const errors: Record<string, string> = {};
  const scores: Record<string, number> = {};
  for (const c of criteria) {
    const v = raw[c.key];
    const text = typeof v === "number" ? String(v) : (v ?? "").trim().replace(",", ".");
    if (text === "") {
      errors[c.key] = `Chưa chấm tiêu chí "${c.name}".`;
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0 || n > c.maxPoints) errors[c.key] = `Điểm "${c.name}" phải từ 0 đến ${c.maxPoints}.`;
    else if (Math.round(n * 2) !== n * 2) errors[c.key] = `Điểm "${c.name}" chấm theo bước 0,5.`;
    else scores[c.key] = n;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, scores, total: criteria.reduce((s, c) => s + scores[c.key], 0) };
}

/** The council's mark: the mean of the members' totals, to two decimals; null before anyone scores. */
export function councilMean(totals: number[]): number | null {
  if (totals.length === 0) return null;
  return Math.round((totals.reduce((s, t) => s + t, 0) / totals.length) * 100) / 100;
}

export type Progress = { eligible: number; scored: number; missing: number; complete: boolean };

/** The secretary's view: how many members without a conflict have scored. */
export function scoringProgress(eligibleMemberIds: number[], scoredMemberIds: number[]): Progress {
  const scored = eligibleMemberIds.filter((id) => scoredMemberIds.includes(id)).length;
  return { eligible: eligibleMemberIds.length, scored, missing: eligibleMemberIds.length - scored, complete: eligibleMemberIds.length > 0 && scored === eligibleMemberIds.length };
}

export type Decision = "recognised" | "not_recognised" | "needs_more";
export const decisionText: Record<Decision, string> = {
  recognised: "Công nhận sáng kiến",
  not_recognised: "Không công nhận",
  needs_more: "Yêu cầu bổ sung hồ sơ",
};

/**
 * Whether the council may take a decision now. Asking the author to complete the request needs only a
 * reason; recognising or not needs every eligible member's sheet, and recognising needs the mean at or
 * above the pass mark (not recognising an initiative that passed needs a reason).
 */
export function decisionProblem(
  decision: Decision,
  input: { mean: number | null; passMark: number; progress: Progress; reason: string | null },
): string | null {
  const reason = input.reason?.trim() ?? "";
  if (decision === "needs_more") return reason ? null : "Cần ghi rõ nội dung tác giả phải bổ sung.";
  if (!input.progress.complete || input.mean === null)
    return `Còn ${input.progress.missing} thành viên chưa chấm: chưa thể ra quyết định.`;
  if (decision === "recognised" && input.mean < input.passMark)
    return `Điểm trung bình ${formatPoints(input.mean)} thấp hơn điểm đạt ${formatPoints(input.passMark)}: không thể công nhận.`;
  if (decision === "not_recognised" && input.mean >= input.passMark && !reason)
    return "Sáng kiến đạt điểm chuẩn; muốn không công nhận cần ghi lý do.";
  return null;
}

/** What the sheets suggest, for the secretary: recognised when the mean reaches the pass mark. */
export const suggestedDecision = (mean: number, passMark: number): Decision => (mean >= passMark ? "recognised" : "not_recognised");

export const formatPoints = (n: number): string => n.toLocaleString("vi-VN", { maximumFractionDigits: 2 });

// ---------------------------------------------------------------- conflict of interest

/**
 * Why a council member may not score a request, or null: they are an author or the filer, or they belong
 * to the unit of an author or the unit where the initiative applies (TT 18/2013: objectivity of the council).
 */
export function conflictOfInterest(
  member: { userId: number; unitId: number | null },
  request: { ownerId: number; unitId: number; authorUserIds: (number | null)[]; authorUnitIds: (number | null)[] },
): string | null {
  if (member.userId === request.ownerId || request.authorUserIds.includes(member.userId))
    return "Thành viên là tác giả (hoặc người nộp) của sáng kiến nên không chấm.";
  if (member.unitId !== null && (member.unitId === request.unitId || request.authorUnitIds.includes(member.unitId)))
    return "Thành viên cùng đơn vị với tác giả nên không chấm.";
  return null;
}

// ---------------------------------------------------------------- scope of influence

export type WideningRule = { unitsForDistrict: number; districtsForProvince: number };
/** Applied in 3 units of a district (its own included) reaches the district; in units of 2 districts, the province. */
export const DEFAULT_WIDENING: WideningRule = { unitsForDistrict: 3, districtsForProvince: 2 };

/**
 * The scope of influence an initiative has once it is applied: the recognised scope, widened by where it
 * is applied. Each applying unit is given with the district (or department's parent) it belongs to.
 */
export function effectiveScope(
  recognised: Scope,
  applications: { unitId: number; districtId: number | null }[],
  rule: WideningRule = DEFAULT_WIDENING,
): Scope {
  const unitsApplied = new Set(applications.map((a) => a.unitId));
  const districts = new Set(applications.map((a) => a.districtId).filter((d): d is number => d !== null));
  let scope = recognised;
  if (unitsApplied.size >= rule.unitsForDistrict) scope = widerScope(scope, "cap_huyen");
  if (districts.size >= rule.districtsForProvince) scope = widerScope(scope, "cap_tinh");
  return scope;
}

// ---------------------------------------------------------------- statistics

export type StatInput = {
  id: number;
  unitId: number;
  year: number;
  state: RequestState;
  /** Applied with a confirmation (giấy xác nhận), in any unit. */
  applied: boolean;
  scope: Scope | null;
};

export type UnitYearFigures = {
  unitId: number;
  year: number;
  registered: number;
  recognised: number;
  applied: number;
  /** applied / registered, 0..1 (0 when nothing is registered): the 10% of seed 001. */
  shareApplied: number;
  /** applied / recognised, 0..1. */
  shareRecognisedApplied: number;
  byScope: Record<Scope, number>;
};

/**
 * Per unit and year: registered (filed, drafts excluded), recognised, applied (recognised and applied
 * somewhere with a confirmation) and the shares. Units and years with nothing are left out.
 */
export function unitYearFigures(requests: StatInput[]): UnitYearFigures[] {
  const map = new Map<string, UnitYearFigures>();
  for (const r of requests) {
    if (r.state === "draft") continue;
    const key = `${r.unitId}:${r.year}`;
    let f = map.get(key);
    if (!f) {
      f = { unitId: r.unitId, year: r.year, registered: 0, recognised: 0, applied: 0, shareApplied: 0, shareRecognisedApplied: 0, byScope: { co_so: 0, cap_huyen: 0, cap_tinh: 0 } };
      map.set(key, f);
    }
    f.registered++;
    if (r.state === "recognised") {
      f.recognised++;
      if (r.applied) f.applied++;
      if (r.scope) f.byScope[r.scope]++;
    }
  }
  const out = [...map.values()];
  for (const f of out) {
    f.shareApplied = f.registered ? Math.round((f.applied / f.registered) * 10_000) / 10_000 : 0;
    f.shareRecognisedApplied = f.recognised ? Math.round((f.applied / f.recognised) * 10_000) / 10_000 : 0;
  }
  return out.sort((a, b) => a.year - b.year || a.unitId - b.unitId);
}

export const formatShare = (share: number): string =>
  share.toLocaleString("vi-VN", { style: "percent", maximumFractionDigits: 1 });

/** The year a moment falls in, in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export const yearInVietnam = (ms: number): number => new Date(ms + 7 * 3_600_000).getUTCFullYear();
