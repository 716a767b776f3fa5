import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { parseWithZod } from "@conform-to/zod";
import { eq } from "drizzle-orm";
import { createSession } from "../../app/account/session.server";
import { getRequest, insertApplication, listCouncils } from "../../db/initiative-register/queries";
import { seedDemo } from "../../db/seed";
import { getUnit, getUnitByCode, listUnits } from "../../db/participation/units";
import { findUserByPhone, rolesOf } from "../../db/account/users";
import { auditLog, initiativeEntries, irCouncils, irRequests } from "../../db/schema";
import * as contest from "../../db/initiatives/initiatives";
import * as reg from "../../app/initiative-register/register.server";
import { councilSchema, requestSchema } from "../../app/initiative-register/schemas";
import { councilLevelProblem, yearInVietnam } from "../../app/core/initiative-register/rules";
import { action as similarAction, SIMILAR_LOOKUPS } from "../../app/routes/sang-kien-cong-nhan.tuong-tu";
import { action as requestAction } from "../../app/routes/sang-kien-cong-nhan.$requestId";
import { action as myRequestsAction } from "../../app/routes/sang-kien-cong-nhan._index";
import { closeWebQueues, webQueues } from "../../workers/queues";
import { useFreshDatabase } from "../helpers/db";

/** The register's remaining gaps: the export's two scopes, the live duplicate check, council levels, one-control forms. */
const env = useFreshDatabase("ir-gaps");
const db = env.db;
const now = Date.now();
const year = yearInVietnam(now);
const actor = (phone: string) => {
  const u = findUserByPhone(db, phone)!;
  return { id: u.id, unitId: u.unitId, roles: rolesOf(db, u.id) };
};
const cookieOf = (phone: string) => createSession(findUserByPhone(db, phone)!.id).split(";")[0];
const count = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all().length;

beforeAll(async () => {
  await seedDemo(db, { contentDir: path.resolve("content"), now, hashPassword: async () => "x" });
  // The web's Redis connection keeps no offline queue: wait until it is up, so the throttle counts.
  const redis = webQueues().connection;
  if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
});
afterAll(async () => {
  await closeWebQueues();
  env.cleanup();
});

describe("the organizer's Excel export", () => {
  it("has both the decided scope and the scope widened by applications, read back from the file", async () => {
    // Widen one recognised request of the demo: applied in three units of the district (its own and two more).
    const rec = db.select().from(irRequests).where(eq(irRequests.state, "recognised")).all().find((r) => r.decidedScope === "co_so" && r.unitId === getUnitByCode(db, "20794")!.id)!;
    const title = rec.title;
    const applied = new Set(db.$client.prepare("SELECT unit_id FROM ir_applications WHERE request_id = ?").pluck().all(rec.id) as number[]);
    const district = getUnitByCode(db, "513")!.id;
    for (const u of listUnits(db).filter((u) => u.parentId === district && u.id !== rec.unitId && !applied.has(u.id)).slice(0, 3)) {
      insertApplication(db, { requestId: rec.id, unitId: u.id, since: `${year}-02-01`, effect: "Áp dụng có hiệu quả.", recordedBy: actor("0900000002").id, createdAt: now });
    }
    const before = count("initiative_register.export");
    const { body, rows } = await reg.exportRegister(db, actor("0900000002"), { year: rec.year }, now);
    expect(rows).toBeGreaterThan(0);
    expect(count("initiative_register.export")).toBe(before + 1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Sổ sáng kiến")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Phạm vi theo quyết định");
    expect(header).toContain("Phạm vi theo áp dụng");
    const col = (name: string) => header.indexOf(name) + 1;
    let found = false;
    ws.eachRow((row, n) => {
      if (n === 1 || row.getCell(col("Tên sáng kiến")).value !== title) return;
      found = true;
      expect(row.getCell(col("Phạm vi theo quyết định")).value).toBe("Cơ sở");
      expect(row.getCell(col("Phạm vi theo áp dụng")).value).toBe("Cấp huyện/sở");
      expect(row.getCell(col("Số đơn vị áp dụng")).value).toBeGreaterThanOrEqual(3);
    });
    expect(found).toBe(true);
    // A request not recognised has neither scope.
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(col("Trạng thái")).value === "Nháp") expect(row.getCell(col("Phạm vi theo áp dụng")).value ?? null).toBeNull();
    });
  });
});

describe("the duplicate check before the first save", () => {
  const lookup = (phone: string | null, body: unknown) =>
    similarAction({
      request: new Request("http://localhost/sang-kien-cong-nhan/tuong-tu", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(phone ? { Cookie: cookieOf(phone) } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      params: {},
      context: {},
    } as never);

  it("shows the closest filed initiatives of the register and the archive, public fields only", async () => {
    const res = (await lookup("0900000011", { title: "Tiếp nhận và trả hồ sơ tại bưu điện xã", summary: "Bộ phận một cửa cấp xã chuyển sang bưu điện" })) as Response;
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((i) => i.source === "archive")).toBe(true);
    for (const i of items) expect(Object.keys(i).sort()).toEqual(["percent", "source", "state", "title", "unit", "year"]);
  });

  it("never shows another author's draft, nor a draft's text", async () => {
    const draftTitle = "Hộp thư góp ý điện tử bằng mã QR dán tại nhà văn hóa thôn";
    const draft = reg.saveRequest(
      db,
      actor("0900000010"),
      null,
      requestSchema.parse({ intent: "save", title: draftTitle, field: "Cải cách hành chính", unitId: String(getUnitByCode(db, "20794")!.id), authors: "Phạm Văn An; 100; 0900000010", problem: "Nội dung riêng tư của bản nháp chưa nộp.", claimedScope: "co_so" }),
      now,
    );
    expect(draft).toMatchObject({ ok: true, state: "draft" });
    const res = (await lookup("0900000011", { title: draftTitle, summary: "mã QR góp ý nhà văn hóa thôn" })) as Response;
    const text = await res.text();
    expect(text).not.toContain(draftTitle);
    expect(text).not.toContain("riêng tư");
    // A filed request is shown, by title, unit, year and state, and nothing of its text.
    const filed = db.select().from(irRequests).where(eq(irRequests.state, "recognised")).all()[0];
    const seen = (await ((await lookup("0900000011", { title: filed.title, summary: "" })) as Response).json()) as { items: { title: string; state: string }[] };
    expect(seen.items[0]).toMatchObject({ title: filed.title, state: "Được công nhận" });
    expect(JSON.stringify(seen)).not.toContain(filed.benefit.slice(0, 30));
  });

  it("is for signed-in people only, refuses bad input with a message, and is throttled per person", async () => {
    await expect(lookup(null, { title: "Một cửa điện tử", summary: "" })).rejects.toMatchObject({ status: 302 });
    const bad = (await lookup("0900000012", "không phải JSON")) as Response;
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe("Dữ liệu gửi lên không hợp lệ.");
    const long = (await lookup("0900000012", { title: "x".repeat(301), summary: "" })) as Response;
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: string }).error).toBe("Tên sáng kiến quá dài.");
    // 0900000012 has two points spent above (400s come before the throttle); spend the rest, then one more.
    let last = 200;
    for (let i = 0; i < SIMILAR_LOOKUPS.points + 1; i++) last = ((await lookup("0900000012", { title: "Một cửa điện tử liên thông", summary: "" })) as Response).status;
    expect(last).toBe(429);
    const refused = (await lookup("0900000012", { title: "Một cửa điện tử liên thông", summary: "" })) as Response;
    expect(((await refused.json()) as { error: string }).error).toContain("thử lại sau");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another person is not held by it.
    expect(((await lookup("0900000011", { title: "Một cửa điện tử liên thông", summary: "" })) as Response).status).toBe(200);
  });
});

describe("a council's level and its unit", () => {
  const fd = (over: Record<string, string>) => {
    const f = new FormData();
    const base: Record<string, string> = {
      name: "Hội đồng sáng kiến thử",
      unitId: String(getUnitByCode(db, "20794")!.id),
      level: "province",
      fields: "",
      passMark: "50",
      "criteria[0].name": "Tính mới, sáng tạo",
      "criteria[0].maxPoints": "100",
      chairPhone: "0900000003",
      memberPhones: "0900000011",
      secretaryPhone: "0900000003",
      ...over,
    };
    for (const [k, v] of Object.entries(base)) f.set(k, v);
    const s = parseWithZod(f, { schema: councilSchema });
    if (s.status !== "success") throw new Error("parse");
    return s.value;
  };

  it("refuses a province-level council on a commune, and a district-level one on a commune, changing nothing", () => {
    const councils = db.select().from(irCouncils).all().length;
    const audits = count("initiative_register.council.create");
    const r = reg.saveCouncil(db, actor("0900000002"), null, fd({}), now);
    expect(r).toMatchObject({ ok: false, status: 400 });
    if (!r.ok) {
      expect(r.message).toBe("Cấp hội đồng không phù hợp với đơn vị thành lập (xem ô Cấp hội đồng).");
      expect(r.fieldErrors?.level).toBe('"Xã Bình Dương" là đơn vị cơ sở (xã, phường, phòng, bộ phận…): không lập được hội đồng sáng kiến cấp tỉnh ở đây. Chọn cấp: Hội đồng sáng kiến cơ sở (đơn vị).');
    }
    expect(reg.saveCouncil(db, actor("0900000002"), null, fd({ level: "district" }), now).ok).toBe(false);
    expect(db.select().from(irCouncils).all().length).toBe(councils);
    expect(count("initiative_register.council.create")).toBe(audits);
  });

  it("refuses moving the district's council to a province level, and keeps it as it was", () => {
    const council = listCouncils(db).find((c) => c.council.name === "Hội đồng sáng kiến huyện Thăng Bình")!.council;
    const edit = reg.councilForEdit(db, actor("0900000002"), council.id)!;
    const f = new FormData();
    for (const [k, v] of Object.entries(edit.defaults)) if (typeof v === "string") f.set(k, v);
    edit.defaults.criteria.forEach((c, i) => {
      f.set(`criteria[${i}].name`, c.name);
      f.set(`criteria[${i}].maxPoints`, c.maxPoints);
    });
    f.set("level", "province");
    const s = parseWithZod(f, { schema: councilSchema });
    if (s.status !== "success") throw new Error("parse");
    const r = reg.saveCouncil(db, actor("0900000002"), council.id, s.value, now);
    expect(r).toMatchObject({ ok: false, status: 400 });
    if (!r.ok) expect(r.fieldErrors?.level).toBe('"Huyện Thăng Bình" là đơn vị cấp huyện/sở: không lập được hội đồng sáng kiến cấp tỉnh ở đây. Chọn cấp: Hội đồng sáng kiến cấp huyện/sở hoặc Hội đồng sáng kiến cơ sở (đơn vị).');
    expect(db.select().from(irCouncils).where(eq(irCouncils.id, council.id)).get()!.level).toBe("district");
    // The same edit at a fitting level is accepted (nothing changed, so nothing to audit).
    f.set("level", "district");
    const ok = parseWithZod(f, { schema: councilSchema });
    if (ok.status !== "success") throw new Error("parse");
    expect(reg.saveCouncil(db, actor("0900000002"), council.id, ok.value, now)).toMatchObject({ ok: true, changes: [] });
  });

  it("lets every demo council pass the rule", () => {
    const councils = listCouncils(db).map((c) => c.council);
    expect(councils.length).toBeGreaterThanOrEqual(3);
    for (const c of councils) expect(councilLevelProblem(c.level, getUnit(db, c.unitId)!), c.name).toBeNull();
  });
});

describe("the one-control forms", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const post = (fn: (args: any) => Promise<unknown>, url: string, phone: string, fields: Record<string, string>, params: Record<string, string> = {}) =>
    fn({ request: new Request(url, { method: "POST", headers: { Cookie: cookieOf(phone) }, body: new URLSearchParams(fields) }), params, context: {} } as never) as Promise<{ data?: unknown; init?: { status?: number } } | Record<string, unknown>>;
  const statusOf = (r: unknown) => (r as { init?: { status?: number } }).init?.status ?? 200;
  const dataOf = (r: unknown) => ((r as { data?: unknown }).data ?? r) as Record<string, unknown>;

  it("public opt-in: says what was saved, refuses a request not recognised or a bad value, and changes nothing then", async () => {
    const an = actor("0900000010");
    const mine = db.select().from(irRequests).where(eq(irRequests.ownerId, an.id)).all();
    const rec = mine.find((r) => r.state === "recognised")!;
    const draft = mine.find((r) => r.state === "draft")!;
    const url = (id: number) => `http://localhost/sang-kien-cong-nhan/${id}`;
    const publishes = count("initiative_register.publish");

    const notRec = await post(requestAction, url(draft.id), "0900000010", { intent: "public", optIn: "on" }, { requestId: String(draft.id) });
    expect(statusOf(notRec)).toBe(409);
    expect(dataOf(notRec).error).toBe("Chỉ sáng kiến đã được công nhận mới đưa vào danh sách công khai.");
    const badValue = await post(requestAction, url(rec.id), "0900000010", { intent: "public", optIn: "yes" }, { requestId: String(rec.id) });
    expect(statusOf(badValue)).toBe(400);
    expect(dataOf(badValue).error).toBe("Lựa chọn công khai không hợp lệ.");
    const someoneElse = await post(requestAction, url(rec.id), "0900000011", { intent: "public", optIn: "on" }, { requestId: String(rec.id) });
    expect(statusOf(someoneElse)).toBe(404);
    expect(getRequest(db, draft.id)!.request.publicOptIn).toBe(false);
    expect(count("initiative_register.publish")).toBe(publishes);

    const was = rec.publicOptIn;
    const ok = await post(requestAction, url(rec.id), "0900000010", was ? { intent: "public" } : { intent: "public", optIn: "on" }, { requestId: String(rec.id) });
    expect(dataOf(ok)).toMatchObject({ section: "public", error: null, optIn: !was });
    expect(getRequest(db, rec.id)!.request.publicOptIn).toBe(!was);
  });

  it("carry-over: refuses a draft entry, a missing id and someone else's entry, and files nothing", async () => {
    const an = actor("0900000010");
    const round = db.$client.prepare("SELECT id FROM rounds WHERE kind = 'initiative' LIMIT 1").pluck().get() as number;
    const entry = db
      .insert(initiativeEntries)
      .values({ roundId: round, ownerId: an.id, entrantKind: "people", unitId: an.unitId!, title: "Số hóa sổ hộ tịch cũ của xã", theme: "Chuyển đổi số", summary: "Bản nháp bài dự thi.", novelty: "", appliedAt: "", videoUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", videoProvider: "youtube", videoKey: "youtube:gaps-test", durationS: 120, authors: [], status: "draft", searchFolded: "so hoa so ho tich", createdAt: now, updatedAt: now })
      .returning()
      .get();
    const requests = db.select().from(irRequests).all().length;
    const url = "http://localhost/sang-kien-cong-nhan";
    const draft = await post(myRequestsAction, url, "0900000010", { intent: "carry", entryId: String(entry.id) });
    expect(statusOf(draft)).toBe(409);
    expect(dataOf(draft)).toMatchObject({ entryId: entry.id, error: "Bài dự thi còn là bản nháp: hãy nộp bài dự thi trước khi chuyển thành đơn." });
    const missing = await post(myRequestsAction, url, "0900000010", { intent: "carry" });
    expect(statusOf(missing)).toBe(400);
    expect(dataOf(missing).error).toBe("Chưa chọn bài dự thi.");
    const wrong = await post(myRequestsAction, url, "0900000010", { intent: "xoa", entryId: String(entry.id) });
    expect(statusOf(wrong)).toBe(400);
    expect(dataOf(wrong).error).toBe("Yêu cầu không hợp lệ.");
    db.update(initiativeEntries).set({ status: "submitted" }).where(eq(initiativeEntries.id, entry.id)).run();
    const other = await post(myRequestsAction, url, "0900000011", { intent: "carry", entryId: String(entry.id) });
    expect(statusOf(other)).toBe(404);
    expect(dataOf(other).error).toBe("Không tìm thấy bài dự thi của bạn.");
    expect(db.select().from(irRequests).all().length).toBe(requests);
    expect(contest.getEntry(db, entry.id)!.entry.status).toBe("submitted");
  });
});
