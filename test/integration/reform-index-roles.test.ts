import path from "node:path";
import ExcelJS from "exceljs";
import { indexRankingWorkbook } from "../../app/reform-index/export.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import {
  answerRow,
  appraiseRow,
  assessmentPage,
  assignCouncil,
  addCouncil,
  assignOfficer,
  councilPage,
  finalizeRow,
  finishAppraisal,
  indexHome,
  moveSet,
  officerPanel,
  removeCouncilMember,
  removeOfficer,
  saveRow,
  setExplainWindow,
  showsIndexArea,
  submitSelfAssessment,
  tellHeadReady,
  unitIndexHistory,
} from "../../app/reform-index/index.server";
import { auditActionText } from "../../app/core/organizer/audit-text";
import { findUserByPhone, grantRole, insertUser, rolesOf, userWithUnit } from "../../db/account/users";
import { getUnitByCode } from "../../db/participation/units";
import { loadIndexSet } from "../../db/reform-index";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/**
 * Who does what on the reform index: the unit head assigns an index officer of the unit, who fills the rows but does
 * not send them; the organizer (or the chair) assigns council members to units and parts, and a member appraises
 * only what they were given. Against the demo's data (Xã Bình Dương, the 2023 set).
 */
const env = useFreshDatabase("reform-index-roles");
const db = env.db;
beforeAll(async () => {
  await seedDemo(db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

function userOf(phone: string): CurrentUser {
  const u = findUserByPhone(db, phone)!;
  const row = userWithUnit(db, u.id)!;
  return { id: u.id, fullName: u.fullName, phone: u.phone, unitId: u.unitId, unitName: row.unitName, position: u.position, roles: rolesOf(db, u.id) };
}
const status = (fn: () => unknown): number | "returned" => {
  try {
    fn();
    return "returned";
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
};
const audits = (action: string) => db.$client.prepare("SELECT user_id AS userId, entity_id AS entityId, detail FROM audit_log WHERE action = ? ORDER BY id").all(action) as { userId: number; entityId: string; detail: string }[];
const inboxOf = (userId: number) => db.$client.prepare("SELECT title, link FROM notifications WHERE user_id = ? ORDER BY id").all(userId) as { title: string; link: string | null }[];

let setId: number;
let binhDuong: number;
let head: CurrentUser, an: CurrentUser, binh: CurrentUser, organizer: CurrentUser, judge: CurrentUser, headOther: CurrentUser;
beforeAll(() => {
  setId = db.$client.prepare("SELECT id FROM index_sets WHERE year = 2023").pluck().get() as number;
  binhDuong = getUnitByCode(db, "20794")!.id;
  head = userOf("0900000003");
  an = userOf("0900000010"); // Phạm Văn An, Xã Bình Dương
  binh = userOf("0900000011"); // Võ Thị Bình, Xã Bình Triều (20791)
  organizer = userOf("0900000002");
  judge = userOf("0900000004");
  const other = getUnitByCode(db, "20791")!.id;
  const u = insertUser(db, { fullName: "Thủ Trưởng Xã Khác", phone: "0900000095", unitId: other, passwordHash: "x", createdAt: Date.now() });
  grantRole(db, u.id, "unit_head", other);
  headOther = userOf("0900000095");
});

/** Every leaf of the set filled by `who` at its top value (yes, the first level, 100%, the maximum). */
function fillAll(who: CurrentUser) {
  const set = loadIndexSet(db, setId)!;
  let seq = 100;
  for (const row of set.rows.filter((r) => !set.rows.some((c) => c.parentCode === r.code))) {
    const m = row.method;
    const declared = m.kind === "yes_no" ? "Có" : m.kind === "levels" ? m.levels[0].label : m.kind === "ratio" ? "100" : m.kind === "steps" ? String(m.steps[0].min) : null;
    const r = saveRow(who, { setId, unitId: binhDuong, rowId: row.id, declared, notApplicable: false, entered: m.kind === "manual" ? row.maxPoints : null, explanation: "Theo báo cáo năm", links: ["https://binhduong.thangbinh.gov.vn/bao-cao-2023"], seq: seq++ });
    expect(r.ok, row.code).toBe(true);
  }
}

describe("the unit's index officer", () => {
  it("the head finds the unit's people by name without diacritics or by a whole phone number, never another unit's", () => {
    const byName = officerPanel(head, setId, binhDuong, "pham van an");
    expect(byName.results?.map((p) => p.fullName)).toEqual(["Phạm Văn An"]);
    expect(byName.results?.[0].phone).toBe("0900***010");
    expect(officerPanel(head, setId, binhDuong, "0900000010").results?.map((p) => p.fullName)).toEqual(["Phạm Văn An"]);
    // Võ Thị Bình is of another commune: neither her name nor her number finds her here.
    expect(officerPanel(head, setId, binhDuong, "Võ Thị Bình").results).toEqual([]);
    expect(officerPanel(head, setId, binhDuong, "0900000011").results).toEqual([]);
    // A fragment of a number finds no one (it would unmask numbers), and says why.
    expect(officerPanel(head, setId, binhDuong, "0900")).toMatchObject({ results: [], hint: expect.stringContaining("10 chữ số") });
  });

  it("refuses a person of another unit and anyone but the unit's own head, changing nothing", () => {
    expect(assignOfficer(head, setId, binhDuong, binh.id)).toEqual({ ok: false, message: "Chỉ giao được cho người thuộc Xã Bình Dương." });
    expect(status(() => assignOfficer(headOther, setId, binhDuong, an.id))).toBe(403);
    expect(status(() => assignOfficer(judge, setId, binhDuong, an.id))).toBe(403);
    expect(status(() => assignOfficer(organizer, setId, binhDuong, an.id))).toBe(403);
    expect(status(() => assignOfficer(an, setId, binhDuong, an.id))).toBe(403);
    expect(status(() => officerPanel(organizer, setId, binhDuong, "an"))).toBe(403);
    expect(db.$client.prepare("SELECT officer_user_id FROM index_assessments WHERE set_id = ? AND unit_id = ?").pluck().get(setId, binhDuong)).toBeNull();
    expect(audits("reform_index.officer_assign")).toEqual([]);
    // Before any assignment the person may not fill the unit's rows.
    const row = loadIndexSet(db, setId)!.rows.find((r) => r.code === "I.1")!;
    expect(status(() => saveRow(an, { setId, unitId: binhDuong, rowId: row.id, declared: "100", notApplicable: false, entered: null, explanation: "", links: [], seq: 1 }))).toBe(403);
  });

  it("the assigned officer is told, sees the unit, fills every row, but the head alone sends it", () => {
    expect(assignOfficer(head, setId, binhDuong, an.id)).toMatchObject({ ok: true });
    const [log] = audits("reform_index.officer_assign");
    expect(log.userId).toBe(head.id);
    expect(JSON.parse(log.detail)).toMatchObject({ unit: "Xã Bình Dương", name: "Phạm Văn An", userId: an.id, before: null });
    expect(inboxOf(an.id)).toEqual([{ title: "Bạn được giao làm cán bộ đầu mối Chỉ số CCHC năm 2023: Xã Bình Dương", link: `/chi-so-cchc/${setId}/${binhDuong}` }]);
    expect(indexHome(an).flatMap((s) => s.units.map((u) => [u.name, u.officer]))).toEqual([["Xã Bình Dương", true]]);
    // The header now leads the officer (a participant by role) to the index area; Võ Thị Bình has no such link.
    expect([showsIndexArea(an), showsIndexArea(binh), showsIndexArea(judge)]).toEqual([true, false, true]);
    const page = assessmentPage(an, setId, binhDuong);
    expect([page.editable, page.access.head, page.officer?.isMe]).toEqual([true, false, true]);
    fillAll(an);
    expect(status(() => submitSelfAssessment(an, setId, binhDuong))).toBe(403);
    expect(tellHeadReady(an, setId, binhDuong)).toMatchObject({ ok: true });
    expect(inboxOf(head.id).at(-1)?.title).toBe("Cán bộ đầu mối đã kê khai Chỉ số CCHC năm 2023: Xã Bình Dương");
    expect(assessmentPage(head, setId, binhDuong).officer).toMatchObject({ fullName: "Phạm Văn An", isMe: false });
    expect(submitSelfAssessment(head, setId, binhDuong)).toMatchObject({ ok: true });
    const self = db.$client.prepare("SELECT user_id FROM audit_log WHERE action = 'reform_index.self_score' ORDER BY id DESC LIMIT 1").pluck().get();
    expect(self).toBe(an.id);
  });

  it("removing the officer is audited, tells them, and takes their access away", () => {
    expect(removeOfficer(head, setId, binhDuong)).toMatchObject({ ok: true });
    expect(JSON.parse(audits("reform_index.officer_remove")[0].detail)).toMatchObject({ name: "Phạm Văn An", userId: an.id });
    expect(inboxOf(an.id).at(-1)?.title).toBe("Bạn không còn là cán bộ đầu mối Chỉ số CCHC: Xã Bình Dương");
    expect(status(() => assessmentPage(an, setId, binhDuong))).toBe(403);
    expect(indexHome(an)).toEqual([]);
    expect(removeOfficer(head, setId, binhDuong)).toEqual({ ok: false, message: "Đơn vị chưa giao cán bộ đầu mối." });
  });
});

describe("the council's assignments", () => {
  const rowOf = (code: string) => loadIndexSet(db, setId)!.rows.find((r) => r.code === code)!;
  const assessmentOf = (unitId: number) => db.$client.prepare("SELECT id FROM index_assessments WHERE set_id = ? AND unit_id = ?").pluck().get(setId, unitId) as number;
  const sentUnits = () => db.$client.prepare("SELECT unit_id FROM index_assessments WHERE set_id = ? AND state = 'submitted'").pluck().all(setId) as number[];
  const partLeaves = (part: string) => {
    const rows = loadIndexSet(db, setId)!.rows;
    return rows.filter((r) => r.code.split(".")[0] === part && !rows.some((c) => c.parentCode === r.code)).length;
  };

  it("only the organizer or the chair assigns, only members, only the set's units and parts", () => {
    expect(status(() => assignCouncil(judge, setId, { memberUserId: judge.id, unitIds: [], partCodes: ["II"] }))).toBe(403);
    expect(status(() => assignCouncil(head, setId, { memberUserId: judge.id, unitIds: [], partCodes: ["II"] }))).toBe(403);
    expect(status(() => councilPage(an, setId))).toBe(403);
    expect(status(() => councilPage(headOther, setId))).toBe(403);
    expect(assignCouncil(organizer, setId, { memberUserId: an.id, unitIds: [], partCodes: ["II"] })).toMatchObject({ ok: false, message: expect.stringContaining("không phải thành viên") });
    expect(assignCouncil(organizer, setId, { memberUserId: organizer.id, unitIds: [], partCodes: ["II"] })).toMatchObject({ ok: false, message: expect.stringContaining("Chủ tịch") });
    expect(assignCouncil(organizer, setId, { memberUserId: judge.id, unitIds: [getUnitByCode(db, "513-NV")!.id], partCodes: [] })).toMatchObject({ ok: false, message: "Có đơn vị không thuộc bộ chỉ số này." });
    expect(assignCouncil(organizer, setId, { memberUserId: judge.id, unitIds: [], partCodes: ["IX"] })).toMatchObject({ ok: false, message: "Có lĩnh vực không thuộc bộ chỉ số này." });
    expect(audits("reform_index.council_assign")).toEqual([]);
  });

  it("a member assigned to one part sees and appraises that part only; the chair sees their view and decides", () => {
    expect(assignCouncil(organizer, setId, { memberUserId: judge.id, unitIds: [], partCodes: ["II"] })).toMatchObject({ ok: true });
    const [log] = audits("reform_index.council_assign");
    expect(log.userId).toBe(organizer.id);
    expect(JSON.parse(log.detail)).toMatchObject({ name: "Lê Thị Giám Khảo", userId: judge.id, unit: "mọi đơn vị", parts: ["II. Kết quả thực hiện cải cách hành chính"] });
    expect(inboxOf(judge.id).at(-1)?.title).toBe("Phân công thẩm định Chỉ số CCHC năm 2023");

    const page = assessmentPage(judge, setId, binhDuong);
    expect(page.assignedParts).toEqual(["II. Kết quả thực hiện cải cách hành chính"]);
    expect(new Set(page.rows.map((r) => r.code.split(".")[0]))).toEqual(new Set(["II"]));
    expect(assessmentPage(organizer, setId, binhDuong).rows.some((r) => r.code.startsWith("I."))).toBe(true);

    const moved = db.$client.prepare("UPDATE index_sets SET state = 'appraising' WHERE id = ?").run(setId);
    expect(moved.changes).toBe(1);
    const a = assessmentOf(binhDuong);
    expect(status(() => appraiseRow(judge, { assessmentId: a, rowId: rowOf("I.1").id, points: 9, notApplicable: false, reason: "thử" }))).toBe(403);
    expect(db.$client.prepare("SELECT count(*) FROM index_appraisals").pluck().get()).toBe(0);
    expect(appraiseRow(judge, { assessmentId: a, rowId: rowOf("II.1.1").id, points: 0, notApplicable: false, reason: "Kế hoạch ban hành chậm 10 ngày" })).toMatchObject({ ok: true });
    // The chair sees the member's opinion beside the self-score: the disagreement is visible before deciding.
    const chairView = assessmentPage(organizer, setId, binhDuong).rows.find((r) => r.code === "II.1.1")!;
    expect(chairView.appraisals).toEqual([{ memberUserId: judge.id, points: 0, notApplicable: false, reason: "Kế hoạch ban hành chậm 10 ngày" }]);
    expect(chairView.entry?.selfScore).toBe(1);
    expect(finalizeRow(organizer, { assessmentId: a, rowId: rowOf("I.1").id, points: 9, notApplicable: false, reason: "Chưa so sánh với kế hoạch" })).toMatchObject({ ok: true });

    // Progress: the member has part II of every sent unit to appraise, one row done; each unit counts its rows.
    const c = councilPage(organizer, setId);
    const member = c.members.find((m) => m.userId === judge.id)!;
    expect(member.progress).toEqual({ userId: judge.id, toAppraise: partLeaves("II") * sentUnits().length, appraised: 1 });
    const bd = c.unitProgress.find((u) => u.unitId === binhDuong)!;
    const leafCount = loadIndexSet(db, setId)!.rows.filter((r, _, all) => !all.some((x) => x.parentCode === r.code)).length;
    expect(bd).toMatchObject({ rows: leafCount, appraised: 1, finalized: 1, unassigned: leafCount - partLeaves("II") });
    // A member sees their own line only.
    expect(councilPage(judge, setId).members.map((m) => m.userId)).toEqual([judge.id]);
    expect(councilPage(judge, setId).unitProgress).toEqual([]);
  });

  it("a member assigned to one unit has only that unit in the queue and is refused the others", () => {
    const other = sentUnits().find((u) => u !== binhDuong)!;
    expect(assignCouncil(organizer, setId, { memberUserId: judge.id, unitIds: [other], partCodes: [] })).toMatchObject({ ok: true });
    const queue = indexHome(judge).flatMap((s) => s.units.map((u) => u.unitId));
    expect(queue).toEqual([other]);
    expect(indexHome(judge)[0].units[0].queue).toEqual({ appraised: 0, toAppraise: leafCountOf() });
    expect(status(() => assessmentPage(judge, setId, binhDuong))).toBe(403);
    expect(status(() => appraiseRow(judge, { assessmentId: assessmentOf(binhDuong), rowId: rowOf("II.1.2").id, points: 2, notApplicable: false, reason: "" }))).toBe(403);
    const self = db.$client.prepare("SELECT self_score FROM index_entries WHERE assessment_id = ? AND row_id = ?").pluck().get(assessmentOf(other), rowOf("I.1").id) as number;
    expect(appraiseRow(judge, { assessmentId: assessmentOf(other), rowId: rowOf("I.1").id, points: self, notApplicable: false, reason: "" })).toMatchObject({ ok: true });
    expect(indexHome(judge)[0].units[0].queue).toEqual({ appraised: 1, toAppraise: leafCountOf() });
    expect(audits("reform_index.council_assign")).toHaveLength(2);
  });

  const leafCountOf = () => {
    const rows = loadIndexSet(db, setId)!.rows;
    return rows.filter((r) => !rows.some((c) => c.parentCode === r.code)).length;
  };
});

describe("removing a member from the council", () => {
  const rowOf = (code: string) => loadIndexSet(db, setId)!.rows.find((r) => r.code === code)!;
  const assessmentOf = (unitId: number) => db.$client.prepare("SELECT id FROM index_assessments WHERE set_id = ? AND unit_id = ?").pluck().get(setId, unitId) as number;
  const refusal = async (fn: () => unknown): Promise<[number, string] | "returned"> => {
    try {
      fn();
      return "returned";
    } catch (e) {
      if (e instanceof Response) return [e.status, await e.text()];
      throw e;
    }
  };
  let member: CurrentUser;
  beforeAll(() => {
    insertUser(db, { fullName: "Trần Văn Thẩm Định", phone: "0900000096", unitId: getUnitByCode(db, "20791")!.id, passwordHash: "x", createdAt: Date.now() });
    member = userOf("0900000096");
  });

  it("only the organizer or the chair removes, and the chair cannot be removed while chair", async () => {
    expect(addCouncil(organizer, setId, { phone: "0900000096", isChair: false })).toMatchObject({ ok: true });
    expect(assignCouncil(organizer, setId, { memberUserId: member.id, unitIds: [binhDuong], partCodes: ["I"] })).toMatchObject({ ok: true });
    expect(status(() => removeCouncilMember(judge, setId, member.id))).toBe(403);
    expect(status(() => removeCouncilMember(head, setId, member.id))).toBe(403);
    expect(status(() => removeCouncilMember(member, setId, judge.id))).toBe(403);
    // The organizer chairs the demo's council.
    expect(removeCouncilMember(organizer, setId, organizer.id)).toEqual({ ok: false, message: "Nguyễn Thị Ban Tổ Chức đang là Chủ tịch Hội đồng: không xóa được khỏi Hội đồng khi đang là Chủ tịch." });
    expect(removeCouncilMember(organizer, setId, an.id)).toMatchObject({ ok: false, message: expect.stringContaining("không phải thành viên") });
    expect(audits("reform_index.council_remove")).toEqual([]);
    expect(db.$client.prepare("SELECT count(*) FROM index_council WHERE set_id = ? AND user_id = ?").pluck().get(setId, member.id)).toBe(1);
  });

  it("the removed member leaves every queue and can no longer appraise; the opinions they gave stay in the record", async () => {
    const a = assessmentOf(binhDuong);
    const row = rowOf("I.1");
    expect(indexHome(member).flatMap((s) => s.units.map((u) => u.unitId))).toEqual([binhDuong]);
    expect(appraiseRow(member, { assessmentId: a, rowId: row.id, points: 8, notApplicable: false, reason: "Thiếu báo cáo quý IV" })).toMatchObject({ ok: true });
    const before = councilPage(organizer, setId).unitProgress.find((u) => u.unitId === binhDuong)!;

    const r = removeCouncilMember(organizer, setId, member.id);
    expect(r).toEqual({ ok: true, message: "Đã xóa Trần Văn Thẩm Định khỏi Hội đồng thẩm định. 1 ý kiến đã cho vẫn được giữ trong hồ sơ." });
    const [log] = audits("reform_index.council_remove");
    expect(log.userId).toBe(organizer.id);
    expect(JSON.parse(log.detail)).toEqual({ name: "Trần Văn Thẩm Định", userId: member.id, opinions: 1 });
    expect(auditActionText("reform_index.council_remove", "index_set")).toBe("Xóa thành viên khỏi Hội đồng thẩm định");
    expect(inboxOf(member.id).at(-1)?.title).toBe("Bạn không còn trong Hội đồng thẩm định Chỉ số CCHC năm 2023");

    // Out of every queue and page of the council.
    expect(indexHome(member)).toEqual([]);
    expect(showsIndexArea(member)).toBe(false);
    expect(status(() => assessmentPage(member, setId, binhDuong))).toBe(403);
    expect(status(() => councilPage(member, setId))).toBe(403);
    expect(councilPage(organizer, setId).members.map((m) => m.userId)).not.toContain(member.id);
    // No more appraising, with a sentence that says why; the stored opinion is not touched.
    expect(await refusal(() => appraiseRow(member, { assessmentId: a, rowId: row.id, points: 2, notApplicable: false, reason: "Đổi ý" }))).toEqual([
      403,
      "Bạn không còn là thành viên Hội đồng thẩm định của bộ chỉ số này: không thẩm định được nữa. Ý kiến bạn đã cho vẫn được giữ trong hồ sơ.",
    ]);
    expect(db.$client.prepare("SELECT points, reason FROM index_appraisals WHERE assessment_id = ? AND row_id = ? AND member_user_id = ?").get(a, row.id, member.id)).toEqual({ points: 8, reason: "Thiếu báo cáo quý IV" });
    // The chair still sees who said what, and that the person has left the council.
    const page = assessmentPage(organizer, setId, binhDuong);
    expect(page.rows.find((x) => x.code === "I.1")!.appraisals).toContainEqual({ memberUserId: member.id, points: 8, notApplicable: false, reason: "Thiếu báo cáo quý IV" });
    expect(page.memberNames[member.id]).toBe("Trần Văn Thẩm Định (đã rời Hội đồng)");
    expect(page.memberNames[judge.id]).toBe("Lê Thị Giám Khảo");
    // The row keeps its opinion in the unit's progress; the rows only they were given go back to the chair.
    const after = councilPage(organizer, setId).unitProgress.find((u) => u.unitId === binhDuong)!;
    expect([after.appraised, after.finalized]).toEqual([before.appraised, before.finalized]);
    expect(after.unassigned).toBeGreaterThan(before.unassigned);
    // The audit of the opinion is still there.
    expect(audits("reform_index.appraise").some((x) => x.userId === member.id && x.entityId === `${a}:${row.id}`)).toBe(true);
    // A second removal finds no member.
    expect(removeCouncilMember(organizer, setId, member.id)).toMatchObject({ ok: false, message: expect.stringContaining("không phải thành viên") });
    expect(audits("reform_index.council_remove")).toHaveLength(1);
  });
});

describe("the unit answers the council within the window, then the chair closes and publishes", () => {
  const rowOf = (code: string) => loadIndexSet(db, setId)!.rows.find((r) => r.code === code)!;
  const assessmentOf = (unitId: number) => db.$client.prepare("SELECT id FROM index_assessments WHERE set_id = ? AND unit_id = ?").pluck().get(setId, unitId) as number;

  it("the head sees each appraised score with its reason and answers while the window is open", () => {
    const a = assessmentOf(binhDuong);
    expect(finishAppraisal(organizer, a)).toMatchObject({ ok: true });
    expect(inboxOf(head.id).at(-1)?.title).toBe("Hội đồng đã thẩm định Chỉ số CCHC năm 2023: Xã Bình Dương");
    const seen = assessmentPage(head, setId, binhDuong).rows.find((r) => r.code === "I.1")!;
    expect(seen.final).toMatchObject({ points: 9, reason: "Chưa so sánh với kế hoạch" });
    expect(answerRow(head, { assessmentId: a, rowId: rowOf("I.1").id, answer: "Đã bổ sung báo cáo" })).toEqual({ ok: false, message: "Đã hết thời hạn giải trình." });
    expect(status(() => setExplainWindow(judge, setId, Date.now() + 86_400_000))).toBe(403);
    expect(setExplainWindow(organizer, setId, Date.now() - 1000)).toMatchObject({ ok: false });
    expect(setExplainWindow(organizer, setId, Date.now() + 86_400_000)).toMatchObject({ ok: true });
    expect(audits("reform_index.explain_window")).toHaveLength(1);
    expect(assessmentPage(head, setId, binhDuong)).toMatchObject({ answerable: true, explainOpen: true });
    expect(answerRow(head, { assessmentId: a, rowId: rowOf("I.1").id, answer: "Đơn vị đã bổ sung báo cáo so sánh với kế hoạch năm" })).toMatchObject({ ok: true });
    expect(answerRow(head, { assessmentId: a, rowId: rowOf("I.2.1").id, answer: "Không có gì" })).toMatchObject({ ok: false });
    // The chair may decide the answered row again (not the others) until publication.
    expect(finalizeRow(organizer, { assessmentId: a, rowId: rowOf("I.1").id, points: 12, notApplicable: false, reason: "" })).toMatchObject({ ok: true });
    expect(finalizeRow(organizer, { assessmentId: a, rowId: rowOf("I.2.1").id, points: 0, notApplicable: false, reason: "Thử" })).toMatchObject({ ok: false });
  });

  it("publication waits for the window's end; the chair ends it and publishes; the unit's page and the Excel ranking show the result", async () => {
    for (const u of db.$client.prepare("SELECT id FROM index_assessments WHERE set_id = ? AND state = 'submitted'").pluck().all(setId) as number[]) {
      expect(finishAppraisal(organizer, u)).toMatchObject({ ok: true });
    }
    expect(moveSet(organizer, setId, "published")).toEqual({ ok: false, message: "Chưa hết thời hạn giải trình của đơn vị." });
    expect(setExplainWindow(organizer, setId, null)).toMatchObject({ ok: true });
    expect(moveSet(organizer, setId, "published")).toMatchObject({ ok: true });
    const history = unitIndexHistory(binhDuong);
    expect(history.latestYear).toBe(2023);
    expect(history.rows.find((r) => r.stt === "1" && r.title.startsWith("Mức độ hoàn thành các chỉ tiêu"))).toMatchObject({ final: 12, answer: "Đơn vị đã bổ sung báo cáo so sánh với kế hoạch năm" });
    expect(history.years.find((y) => y.year === 2023)).toMatchObject({ band: "Khá", cappedReason: expect.stringContaining("100%") });
    // The Excel download: one sheet per group, the cap's reason and last year's index beside this year's.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await indexRankingWorkbook(2023)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("xa-phong")!;
    // Results imported without a rank (seed 000's, seed 001's) are ranked by index in the download, never at place 0.
    for (const w of wb.worksheets) for (const r of w.getSheetValues().slice(2)) if (Array.isArray(r)) expect(r[1]).toBeGreaterThan(0);
    expect((ws.getRow(1).values as unknown[]).slice(1, 10)).toEqual(["Hạng", "Mã đơn vị", "Đơn vị", "Chỉ số CCHC (%)", "Xếp loại", "Xếp loại theo điểm", "Lý do giới hạn xếp loại", "Chỉ số năm 2022 (%)", "Tăng/giảm (điểm %)"]);
    const line = ws.getSheetValues().find((r) => Array.isArray(r) && r[3] === "Xã Bình Dương") as unknown[];
    const before2022 = db.$client.prepare("SELECT index_value FROM index_results WHERE year = 2022 AND unit_id = ?").pluck().get(binhDuong) as number;
    expect(line.slice(4, 10)).toEqual([100, "Khá", "Xuất sắc", expect.stringContaining("100%"), before2022, Math.round((100 - before2022) * 100) / 100]);
    // Once published the officer can no longer be changed, nor the council reassigned.
    expect(assignOfficer(head, setId, binhDuong, an.id)).toMatchObject({ ok: false });
    expect(assignCouncil(organizer, setId, { memberUserId: judge.id, unitIds: [], partCodes: [] })).toMatchObject({ ok: false });
    expect(removeCouncilMember(organizer, setId, judge.id)).toEqual({ ok: false, message: "Kết quả đã công bố: không thay đổi Hội đồng được nữa." });
  });
});
