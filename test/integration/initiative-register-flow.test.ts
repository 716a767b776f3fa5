import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initiativeFigures } from "../../db/initiative-register/figures";
import { getRequest } from "../../db/initiative-register/queries";
import { seedDemo } from "../../db/seed";
import { getUnitByCode } from "../../db/participation/units";
import { findUserByPhone, rolesOf } from "../../db/account/users";
import { auditLog } from "../../db/schema";
import * as reg from "../../app/initiative-register/register.server";
import { requestSchema } from "../../app/initiative-register/schemas";
import { yearInVietnam } from "../../app/core/initiative-register/rules";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("ir-flow");
const db = env.db;
const now = Date.now();
const year = yearInVietnam(now);
const actor = (phone: string) => {
  const u = findUserByPhone(db, phone)!;
  return { id: u.id, unitId: u.unitId, roles: rolesOf(db, u.id) };
};

beforeAll(async () => {
  await seedDemo(db, { contentDir: path.resolve("content"), now, hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

const form = (over: Record<string, string> = {}) =>
  requestSchema.parse({
    intent: "submit",
    title: "Trả kết quả hồ sơ đất đai qua dịch vụ bưu chính công ích tại nhà",
    field: "Cải cách thủ tục hành chính",
    unitId: String(getUnitByCode(db, "20794")!.id),
    authors: "Phạm Văn An; 60; 0900000010\nNgô Thị Hạnh; 40",
    problem: "Người dân ở thôn xa phải đi lại nhiều lần để nhận kết quả hồ sơ đất đai.",
    novelty: "Lần đầu phối hợp bưu điện xã trả kết quả tại nhà, miễn phí cho người cao tuổi.",
    howApplied: "Áp dụng tại Bộ phận một cửa xã từ tháng 3.",
    appliedSince: `${year}-03-01`,
    benefit: "Giảm 120 lượt đi lại mỗi tháng, tiết kiệm khoảng 6 triệu đồng chi phí đi lại của người dân.",
    claimedScope: "co_so",
    evidence: "Báo cáo kết quả | https://example.gov.vn/bao-cao.pdf",
    ...over,
  });

describe("the initiatives register, filed to decided", () => {
  let requestId = 0;

  it("refuses to file a request whose shares do not sum to 100, and saves nothing", () => {
    const before = db.select().from(auditLog).all().length;
    const r = reg.saveRequest(db, actor("0900000010"), null, form({ authors: "Phạm Văn An; 60; 0900000010\nNgô Thị Hạnh; 30" }), now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?.authors).toContain("90%");
    expect(db.select().from(auditLog).all().length).toBe(before);
  });

  it("files a request to the district's council and keeps a participant to their own unit", () => {
    const other = reg.saveRequest(db, actor("0900000010"), null, form({ unitId: String(getUnitByCode(db, "20791")!.id) }), now);
    expect(other.ok).toBe(false);
    const r = reg.saveRequest(db, actor("0900000010"), null, form(), now);
    expect(r).toMatchObject({ ok: true, state: "submitted" });
    if (r.ok) requestId = r.id;
    const row = getRequest(db, requestId)!;
    expect(row.request.councilId).not.toBeNull();
    expect(row.authors.map((a) => [a.fullName, a.share, a.userId !== null])).toEqual([["Phạm Văn An", 60, true], ["Ngô Thị Hạnh", 40, false]]);
  });

  it("shows the closest ideas from the register and the archive", () => {
    const similar = reg.similarIdeas(db, getRequest(db, requestId)!.request.searchFolded, requestId);
    expect(similar.length).toBeGreaterThan(0);
    expect(similar[0].percent).toBeGreaterThan(0);
    expect(similar.some((s) => s.id === requestId && s.kind === "register")).toBe(false);
  });

  it("lets the council members score, keeps the secretary out of scoring and shows her the progress", () => {
    const judge = actor("0900000004");
    const chau = actor("0900000012");
    const secretary = actor("0900000002");
    expect(reg.scoreRequest(db, secretary, requestId, { "tinh-moi": "20", "hieu-qua": "30", "nhan-rong": "20" }, "", now).ok).toBe(false);
    const bad = reg.scoreRequest(db, judge, requestId, { "tinh-moi": "35", "hieu-qua": "30", "nhan-rong": "20" }, "", now);
    expect(bad.ok).toBe(false);
    expect(reg.scoreRequest(db, judge, requestId, { "tinh-moi": "24", "hieu-qua": "30", "nhan-rong": "20" }, "Tốt", now).ok).toBe(true);
    const early = reg.decide(db, secretary, requestId, { decision: "recognised", reason: "", decisionNumber: "200/QĐ-UBND", decisionDate: `${year}-11-20`, scope: "co_so" }, now);
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.message).toContain("Còn 1 thành viên");
    expect(reg.scoreRequest(db, chau, requestId, { "tinh-moi": "26", "hieu-qua": "32", "nhan-rong": "22" }, "", now).ok).toBe(true);
    const view = reg.councilRequest(db, secretary, requestId);
    expect(view.ok && view.progress).toEqual({ eligible: 2, scored: 2, missing: 0, complete: true });
    expect(view.ok && view.mean).toBe(77);
    const wide = reg.decide(db, secretary, requestId, { decision: "recognised", reason: "", decisionNumber: "200/QĐ-UBND", decisionDate: `${year}-11-20`, scope: "cap_tinh" }, now);
    expect(wide.ok).toBe(false);
    expect(reg.decide(db, secretary, requestId, { decision: "recognised", reason: "", decisionNumber: "200/QĐ-UBND", decisionDate: `${year}-11-20`, scope: "co_so" }, now).ok).toBe(true);
    expect(getRequest(db, requestId)!.request).toMatchObject({ state: "recognised", decisionNumber: "200/QĐ-UBND", meanScore: 77 });
  });

  it("keeps a member of the authors' unit from scoring", () => {
    const r = reg.saveRequest(db, actor("0900000004"), null, form({ unitId: String(findUserByPhone(db, "0900000004")!.unitId), authors: "Lê Thị Giám Khảo; 100; 0900000004" }), now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const score = reg.scoreRequest(db, actor("0900000004"), r.id, { "tinh-moi": "24", "hieu-qua": "30", "nhan-rong": "20" }, "", now);
    expect(score.ok).toBe(false);
    if (!score.ok) expect(score.message).toContain("tác giả");
  });

  it("counts the request for its unit, and another unit's application raises the share applied", () => {
    const unitId = getUnitByCode(db, "20794")!.id;
    const before = initiativeFigures(db, { years: [year], unitIds: [unitId] }).units[0];
    const head = actor("0900000003"); // unit head of Xã Bình Dương
    const hala = getUnitByCode(db, "20791")!.id;
    const refused = reg.recordApplication(db, head, requestId, { unitId: hala, since: `${year}-11-25`, effect: "Áp dụng tại thị trấn, giảm lượt đi lại." }, { name: "x.pdf", type: "application/pdf", data: Buffer.from("%PDF") }, now);
    expect(refused.ok).toBe(false);
    const noFile = reg.recordApplication(db, actor("0900000011"), requestId, { unitId: hala, since: `${year}-11-25`, effect: "Áp dụng tại thị trấn, giảm lượt đi lại." }, null, now);
    expect(noFile.ok).toBe(false);
    const ok = reg.recordApplication(db, actor("0900000011"), requestId, { unitId: hala, since: `${year}-11-25`, effect: "Áp dụng tại thị trấn, giảm lượt đi lại." }, { name: "xac-nhan.pdf", type: "application/pdf", data: Buffer.from("%PDF-1.4") }, now);
    expect(ok.ok).toBe(true);
    const after = initiativeFigures(db, { years: [year], unitIds: [unitId] });
    expect(after.units[0].recognised).toBe(before.recognised);
    expect(before.recognised).toBe(2); // the seeded one and the one just decided
    expect(after.units[0].applied).toBe(before.applied + 1);
    expect(after.units[0].shareApplied).toBeCloseTo((before.applied + 1) / after.units[0].registered, 4);
    const an = after.people.find((p) => p.userId === findUserByPhone(db, "0900000010")!.id)!;
    expect(an.initiatives.map((i) => i.decisionNumber)).toContain("200/QĐ-UBND");
  });

  it("carries a contest entry over once, keeping the link", () => {
    const me = actor("0900000010");
    // No seeded entries: carrying over someone else's or a missing entry is refused.
    expect(reg.carryOver(db, me, 999999, now).ok).toBe(false);
  });
});

describe("the demo register", () => {
  it("gives the seed 001/004 criteria figures for the demo district", () => {
    const f = initiativeFigures(db, { years: [year] });
    const binhDuong = f.units.find((u) => u.unitId === getUnitByCode(db, "20794")!.id)!;
    expect(binhDuong.recognised).toBeGreaterThanOrEqual(1);
    expect(binhDuong.applied).toBeGreaterThanOrEqual(1);
    const first = f.people.find((p) => p.fullName === "Phạm Văn An")!;
    // Applied in two other units of the district besides its own: the scope widens to the district.
    expect(first.initiatives.find((i) => i.decisionNumber === "125/QĐ-UBND")!.scope).toBe("cap_huyen");
  });
});
