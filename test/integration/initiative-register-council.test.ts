import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod";
import { getRequest, listCouncils } from "../../db/initiative-register/queries";
import { seedDemo } from "../../db/seed";
import { getUnitByCode } from "../../db/participation/units";
import { findUserByPhone, rolesOf } from "../../db/account/users";
import { auditLog, irRequests, irSheets } from "../../db/schema";
import * as reg from "../../app/initiative-register/register.server";
import { councilSchema, requestSchema } from "../../app/initiative-register/schemas";
import { yearInVietnam } from "../../app/core/initiative-register/rules";
import { useFreshDatabase } from "../helpers/db";
import { eq } from "drizzle-orm";

/** The council's settings page: what it refuses, and what an edit does to requests already being scored. */
const env = useFreshDatabase("ir-council");
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

const fd = (over: Record<string, string> = {}) => {
  const f = new FormData();
  const base: Record<string, string> = {
    name: "Hội đồng sáng kiến huyện Thăng Bình",
    unitId: String(getUnitByCode(db, "513")!.id),
    level: "district",
    fields: "",
    passMark: "50",
    "criteria[0].name": "Tính mới, sáng tạo",
    "criteria[0].maxPoints": "30",
    "criteria[1].name": "Hiệu quả áp dụng (lợi ích kinh tế, xã hội)",
    "criteria[1].maxPoints": "40",
    "criteria[2].name": "Khả năng nhân rộng",
    "criteria[2].maxPoints": "30",
    chairPhone: "0900000004",
    memberPhones: "0900000012",
    secretaryPhone: "0900000002",
    ...over,
  };
  for (const [k, v] of Object.entries(base)) if (v !== "\u0000") f.set(k, v);
  return f;
};
const parse = (over: Record<string, string> = {}) => parseWithZod(fd(over), { schema: councilSchema });
const errorsOf = (over: Record<string, string>) => {
  const s = parse(over);
  expect(s.status).toBe("error");
  return s.status === "error" ? (s.reply().error ?? {}) : {};
};

describe("the council's settings", () => {
  it("refuses a member twice, points that are not positive and a pass mark beyond the sheet's maximum, in Vietnamese", () => {
    expect(errorsOf({ memberPhones: "0900000012\n0900000012" }).memberPhones?.[0]).toContain("được ghi hai lần");
    expect(errorsOf({ memberPhones: "0900000004" }).memberPhones?.[0]).toContain("đã là Chủ tịch hội đồng");
    expect(errorsOf({ "criteria[1].maxPoints": "0" })["criteria[1].maxPoints"]?.[0]).toBe("Điểm tối đa phải lớn hơn 0.");
    expect(errorsOf({ "criteria[1].maxPoints": "-5" })["criteria[1].maxPoints"]?.[0]).toBe("Điểm tối đa phải lớn hơn 0.");
    expect(errorsOf({ passMark: "120" }).passMark?.[0]).toBe("Điểm đạt 120 vượt quá tổng điểm tối đa của phiếu chấm (100).");
    expect(errorsOf({ "criteria[2].name": "Tính mới, sáng tạo" })["criteria[2].name"]?.[0]).toContain("bị lặp");
    expect(parse().status).toBe("success");
  });

  it("freezes the sheet of a request already scored, audits the change, and scores new requests on the new sheet", () => {
    const council = listCouncils(db).find((c) => c.council.name === "Hội đồng sáng kiến huyện Thăng Bình")!.council;
    const organizer = actor("0900000002");
    // A request filed and scored by one member on the old sheet.
    const filed = reg.saveRequest(
      db,
      actor("0900000010"),
      null,
      requestSchema.parse({
        intent: "submit",
        title: "Nhắc lịch trả kết quả hồ sơ qua tin nhắn cho người dân",
        field: "Cải cách thủ tục hành chính",
        unitId: String(getUnitByCode(db, "20794")!.id),
        authors: "Phạm Văn An; 100; 0900000010",
        problem: "Người dân không biết khi nào hồ sơ có kết quả nên phải đến hỏi nhiều lần.",
        novelty: "Tin nhắn tự động báo ngày trả kết quả, lần đầu áp dụng tại xã.",
        howApplied: "Bộ phận một cửa xã.",
        appliedSince: `01/03/${year}`,
        benefit: "Giảm 60% số lượt người dân đến hỏi tiến độ hồ sơ trong quý đầu.",
        claimedScope: "co_so",
      }),
      now,
    );
    if (!filed.ok) throw new Error(filed.message);
    const judge = actor("0900000004");
    expect(reg.scoreRequest(db, judge, filed.id, { "tinh-moi": "25", "hieu-qua": "30", "nhan-rong": "20" }, "", now).ok).toBe(true);
    // The first sheet froze the sheet onto the request; a request scored before that rule (older data) is frozen by the edit.
    expect(getRequest(db, filed.id)!.request.passMarkUsed).toBe(50);
    db.update(irRequests).set({ criteriaUsed: null, passMarkUsed: null }).where(eq(irRequests.id, filed.id)).run();

    const edit = parse({ passMark: "70", "criteria[2].name": "Khả năng nhân rộng ra các xã", "criteria[2].maxPoints": "20" });
    if (edit.status !== "success") throw new Error("parse");
    const saved = reg.saveCouncil(db, organizer, council.id, edit.value, now + 1000);
    expect(saved.ok).toBe(true);
    if (saved.ok) {
      expect(saved.changes).toContain("Điểm đạt: 50 → 70");
      expect(saved.changes.join(" ")).toContain(`Phiếu chấm: thêm "Khả năng nhân rộng ra các xã" (20), bỏ "Khả năng nhân rộng" (tổng 100 → 90 điểm)`);
    }
    const log = db.select().from(auditLog).where(eq(auditLog.action, "initiative_register.council.update")).all();
    expect(log).toHaveLength(1);
    expect(log[0].detail).toMatchObject({ frozen: 1 });

    // The request scored before keeps the old sheet (three criteria of 30/40/30, pass mark 50) and its sheet.
    const frozen = getRequest(db, filed.id)!.request;
    expect(frozen.passMarkUsed).toBe(50);
    expect(frozen.criteriaUsed?.map((c) => c.maxPoints)).toEqual([30, 40, 30]);
    const view = reg.councilRequest(db, judge, filed.id);
    if (!view.ok) throw new Error(view.message);
    expect(view.council.passMark).toBe(50);
    expect(view.council.criteria.find((c) => c.key === "nhan-rong")?.maxPoints).toBe(30);
    expect(db.select().from(irSheets).where(eq(irSheets.requestId, filed.id)).get()?.total).toBe(75);
    // The second member still scores it on the old sheet: 30 points for the third criterion are accepted.
    expect(reg.scoreRequest(db, actor("0900000012"), filed.id, { "tinh-moi": "20", "hieu-qua": "30", "nhan-rong": "30" }, "", now).ok).toBe(true);

    // Taking the judge off the council keeps the sheet they gave.
    const off = parse({ passMark: "70", "criteria[2].name": "Khả năng nhân rộng ra các xã", "criteria[2].maxPoints": "20", chairPhone: "0900000012", memberPhones: "" });
    if (off.status !== "success") throw new Error("parse");
    expect(reg.saveCouncil(db, organizer, council.id, off.value, now + 2000).ok).toBe(true);
    const secretaryView = reg.councilRequest(db, organizer, filed.id);
    if (!secretaryView.ok) throw new Error(secretaryView.message);
    expect(secretaryView.progress).toMatchObject({ scored: 2, eligible: 2, complete: true });
    expect(secretaryView.mean).toBe(77.5);

    // An unrelated organizer of another tree cannot edit it.
    const other = reg.saveCouncil(db, actor("0900000050"), council.id, edit.value, now);
    expect(other.ok).toBe(false);
  });

  it("creates a council of a commune's level, audited, and files the commune's requests with it", () => {
    const parsed = parse({ name: "Hội đồng sáng kiến xã Bình Dương", unitId: String(getUnitByCode(db, "20794")!.id), level: "unit", chairPhone: "0900000003", memberPhones: "0900000011", secretaryPhone: "0900000003" });
    if (parsed.status !== "success") throw new Error("parse");
    const r = reg.saveCouncil(db, actor("0900000002"), null, parsed.value, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(db.select().from(auditLog).where(eq(auditLog.action, "initiative_register.council.create")).all().map((a) => a.entityId)).toContain(String(r.id));
    expect(reg.councilFor(db, getUnitByCode(db, "20794")!.id, "Cải cách thủ tục hành chính")?.id).toBe(r.id);
    // A phone with no account is named, and nothing is saved.
    const bad = parse({ name: "Hội đồng sáng kiến xã Bình Dương", unitId: String(getUnitByCode(db, "20794")!.id), level: "unit", chairPhone: "0999999999" });
    if (bad.status !== "success") throw new Error("parse");
    const refused = reg.saveCouncil(db, actor("0900000002"), null, bad.value, now);
    expect(refused).toMatchObject({ ok: false, status: 400, fieldErrors: { chairPhone: "Không có tài khoản với số 0999999999." } });
  });
});
