import type { AddressInfo } from "node:net";
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebServer, shutdownWeb } from "../../app/server/index";
import { createSession } from "../../app/account/session.server";
import { action as remixSave } from "../../app/routes/chi-so-cchc.luu";
import { fillMessages } from "../../app/core/reform-index/fill";
import { indexMessages } from "../../app/core/reform-index/index-set";
import { grantRole, insertUser } from "../../db/account/users";
import { insertIndexSet, setState } from "../../db/reform-index";
import { units } from "../../db/schema";
import { foldVietnamese } from "../../app/core/text";
import { useFreshDatabase } from "../helpers/db";

/**
 * The self-assessment's autosave is answered by the lean HTTP entry (app/server/hot.ts), in front of the Remix
 * route it replaces (app/routes/chi-so-cchc.luu.tsx). Both must refuse the same requests with the same
 * Vietnamese message and code, change nothing when they refuse, and audit a changed self-score.
 */
const env = useFreshDatabase("reform-index-hot-save");
const db = env.db;
let server: http.Server;
let base = "";

const unit = (code: string, name: string, parentId: number | null = null) =>
  db.insert(units).values({ code, name, nameFolded: foldVietnamese(name), kind: "xa", headcount: 8, parentId }).returning().get().id;
const person = (phone: string, name: string, unitId: number | null) =>
  insertUser(db, { fullName: name, phone, unitId, position: "Công chức", passwordHash: "x", consentAt: 1, createdAt: 1 }).id;
const cookieOf = (userId: number) => createSession(userId).split(";")[0];

let parent: number, a: number, b: number, outside: number;
let setId: number;
let rows: Record<string, number>;
const u: Record<string, number> = {};

beforeAll(async () => {
  parent = unit("HUYEN", "Huyện Thử");
  a = unit("XA-A", "Xã An Phú", parent);
  b = unit("XA-B", "Xã Bình Minh", parent);
  outside = unit("XA-C", "Xã Cẩm Hà", parent);
  setId = insertIndexSet(db, {
    year: 2025,
    groupCode: "xa",
    title: "Bộ chỉ số CCHC cấp xã 2025",
    bands: [{ label: "Tốt", min: 80 }, { label: "Khá", min: 50 }, { label: "Yếu", min: 0 }],
    rows: [
      { code: "I", stt: "I", parentCode: null, title: "Công tác chỉ đạo, điều hành", maxPoints: 3, method: { kind: "manual" }, evidence: "", allowNotApplicable: false, bonus: false, source: null },
      { code: "I.1", stt: "1", parentCode: "I", title: "Ban hành kế hoạch CCHC năm", maxPoints: 1, method: { kind: "manual" }, evidence: "Kế hoạch", allowNotApplicable: false, bonus: false, source: null },
      { code: "I.2", stt: "2", parentCode: "I", title: "Báo cáo CCHC đúng hạn", maxPoints: 2, method: { kind: "yes_no" }, evidence: "Báo cáo", allowNotApplicable: false, bonus: false, source: null },
    ],
    organizerUnitId: parent,
    unitIds: [a, b],
    selfDeadlineAt: Date.now() + 86_400_000,
  }).setId;
  setState(db, setId, "open");
  rows = Object.fromEntries((db.$client.prepare("SELECT code, id FROM index_rows WHERE set_id = ?").all(setId) as { code: string; id: number }[]).map((r) => [r.code, r.id]));
  u.headA = person("0900000001", "Thủ trưởng Xã An Phú", a);
  grantRole(db, u.headA, "unit_head", a);
  u.headB = person("0900000002", "Thủ trưởng Xã Bình Minh", b);
  grantRole(db, u.headB, "unit_head", b);
  u.headParent = person("0900000003", "Chủ tịch Huyện Thử", parent);
  grantRole(db, u.headParent, "unit_head", parent);
  u.officer = person("0900000004", "Cán bộ chỉ số Xã An Phú", a);
  u.participant = person("0900000005", "Công chức Xã An Phú", a);
  u.admin = person("0900000006", "Quản trị", null);
  grantRole(db, u.admin, "admin");
  server = await createWebServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await shutdownWeb(server);
  env.cleanup();
});

const body = (over: Record<string, unknown> = {}) => ({
  setId,
  unitId: a,
  rowId: rows["I.1"],
  declared: null,
  notApplicable: false,
  entered: 1,
  explanation: "Đã ban hành Kế hoạch số 12/KH-UBND.",
  links: ["https://xaanphu.gov.vn/ke-hoach-cchc-2025.pdf"],
  seq: 1,
  ...over,
});

type Answer = { status: number; message: string | undefined; json: Record<string, unknown> | null };

async function viaHot(userId: number | null, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}/chi-so-cchc/luu`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(userId === null ? {} : { Cookie: cookieOf(userId) }), ...headers },
    body: typeof payload === "string" ? payload : JSON.stringify(payload),
    redirect: "manual",
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, message: json.message as string | undefined, json };
}

/** The Remix route's action, as Remix calls it: what it answered, or the Response it threw. */
async function viaRemix(userId: number, payload: unknown): Promise<Answer> {
  const request = new Request("http://127.0.0.1/chi-so-cchc/luu", {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: cookieOf(userId) },
    body: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
  let res: Response;
  try {
    res = await remixSave({ request, params: {}, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    res = thrown;
  }
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: res.status, message: json ? (json.message as string) : text, json };
}

const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
const counts = () => ({
  entries: count("SELECT count(*) FROM index_entries"),
  assessments: count("SELECT count(*) FROM index_assessments"),
  audit: count("SELECT count(*) FROM audit_log WHERE action = 'reform_index.self_score'"),
  // What a refused save must not touch: the entries' contents and the assessments' times.
  written: count("SELECT coalesce(sum(seq), 0) + coalesce(sum(updated_at % 1000003), 0) FROM index_entries") + count("SELECT coalesce(sum(updated_at % 1000003), 0) FROM index_assessments"),
});

/** Both ways in refuse it, with the same code and words, and nothing changes. */
async function refusedAlike(userId: number, payload: unknown, status: number, message: string) {
  const before = counts();
  const hot = await viaHot(userId, payload);
  const remix = await viaRemix(userId, payload);
  expect({ status: hot.status, message: hot.message }).toEqual({ status, message });
  expect({ status: remix.status, message: remix.message }).toEqual({ status, message });
  expect(hot.json?.ok).toBe(false);
  expect(counts()).toEqual(before);
}

describe("the row autosave on the lean HTTP entry", () => {
  it("refuses bad JSON and a bad field with the Remix route's 400 and message", async () => {
    await refusedAlike(u.headA, "{not json", 400, "Dữ liệu gửi lên không hợp lệ.");
    await refusedAlike(u.headA, body({ links: ["ftp://xaanphu.gov.vn/a.pdf"] }), 400, "Đường dẫn tài liệu kiểm chứng phải bắt đầu bằng http:// hoặc https://");
    await refusedAlike(u.headA, body({ entered: "mười" }), 400, "Điểm phải là một số.");
  });

  it("refuses the wrong role, another unit, the head of the unit above, and an admin: 403", async () => {
    await refusedAlike(u.participant, body(), 403, fillMessages.forbidden);
    await refusedAlike(u.headB, body(), 403, fillMessages.forbidden);
    await refusedAlike(u.headParent, body(), 403, fillMessages.forbidden);
    await refusedAlike(u.admin, body(), 403, fillMessages.forbidden);
  });

  it("refuses a unit outside the set and a set that does not exist: 404; a row that is not a leaf: 409", async () => {
    await refusedAlike(u.headA, body({ unitId: outside }), 404, fillMessages.notFound);
    await refusedAlike(u.headA, body({ setId: setId + 100 }), 404, fillMessages.notFound);
    // The assessment exists once the head may write: a refused row changes nothing in it.
    await viaHot(u.headA, body({ rowId: rows["I.2"], declared: null, entered: null, seq: 1 }));
    await refusedAlike(u.headA, body({ rowId: rows.I }), 409, fillMessages.noRow);
  });

  it("refuses points over the row's maximum, with the maximum named: 409", async () => {
    await refusedAlike(u.headA, body({ entered: 1.5, seq: 5 }), 409, indexMessages.overMaximum(1));
    await refusedAlike(u.headA, body({ notApplicable: true, entered: null, seq: 5 }), 409, indexMessages.notApplicableRefused);
  });

  it("saves the head's row, audits the changed self-score once, and acknowledges a replayed older save without change", async () => {
    const before = counts();
    const saved = await viaHot(u.headA, body({ seq: 2 }));
    expect(saved).toMatchObject({ status: 200, json: { ok: true, selfScore: 1, seq: 2 } });
    expect(counts().audit).toBe(before.audit + 1);
    const stale = await viaHot(u.headA, body({ entered: 0, seq: 1 }));
    expect(stale).toMatchObject({ status: 200, json: { ok: true } });
    expect(counts().audit).toBe(before.audit + 1);
    const stored = db.$client.prepare("SELECT e.entered, e.self_score AS selfScore, e.seq, e.updated_by AS by FROM index_entries e JOIN index_assessments x ON x.id = e.assessment_id WHERE x.unit_id = ? AND e.row_id = ?").get(a, rows["I.1"]);
    expect(stored).toEqual({ entered: 1, selfScore: 1, seq: 2, by: u.headA });
    const audit = db.$client.prepare("SELECT user_id AS userId, entity_id AS entityId, detail FROM audit_log WHERE action = 'reform_index.self_score' ORDER BY id DESC LIMIT 1").get() as { userId: number; entityId: string; detail: string };
    expect(audit.userId).toBe(u.headA);
    expect(JSON.parse(audit.detail)).toMatchObject({ row: "1", from: null, to: 1 });
    // The Remix route answers the same save the same way.
    const remix = await viaRemix(u.headA, body({ entered: 0.5, seq: 3 }));
    expect(remix).toMatchObject({ status: 200, json: { ok: true, selfScore: 0.5, seq: 3 } });
  });

  it("lets the index officer assigned to the assessment fill it, and only while assigned", async () => {
    await refusedAlike(u.officer, body({ seq: 10 }), 403, fillMessages.forbidden);
    db.$client.prepare("UPDATE index_assessments SET officer_user_id = ? WHERE set_id = ? AND unit_id = ?").run(u.officer, setId, a);
    expect(await viaHot(u.officer, body({ entered: 0.75, seq: 10 }))).toMatchObject({ status: 200, json: { ok: true, selfScore: 0.75 } });
    // An officer of unit A is no officer of unit B.
    await refusedAlike(u.officer, body({ unitId: b, seq: 11 }), 403, fillMessages.forbidden);
    db.$client.prepare("UPDATE index_assessments SET officer_user_id = NULL WHERE set_id = ? AND unit_id = ?").run(setId, a);
    await refusedAlike(u.officer, body({ seq: 12 }), 403, fillMessages.forbidden);
  });

  it("refuses a sent assessment, a set that is not open, and a save after the deadline: 409", async () => {
    db.$client.prepare("UPDATE index_assessments SET state = 'submitted' WHERE set_id = ? AND unit_id = ?").run(setId, a);
    await refusedAlike(u.headA, body({ seq: 20 }), 409, fillMessages.sent);
    db.$client.prepare("UPDATE index_assessments SET state = 'returned' WHERE set_id = ? AND unit_id = ?").run(setId, a);
    expect(await viaHot(u.headA, body({ seq: 21 }))).toMatchObject({ status: 200, json: { ok: true } });
    setState(db, setId, "appraising");
    await refusedAlike(u.headA, body({ seq: 22 }), 409, fillMessages.notOpen);
    setState(db, setId, "open", { selfDeadlineAt: Date.now() - 1000 });
    await refusedAlike(u.headA, body({ seq: 23 }), 409, fillMessages.late);
    // Unit B's head has no assessment yet: refused as late, and none is created for it.
    await refusedAlike(u.headB, body({ unitId: b, seq: 1 }), 409, fillMessages.late);
    setState(db, setId, "open", { selfDeadlineAt: Date.now() + 86_400_000 });
  });

  it("asks for a login in JSON (the autosave keeps the text), and refuses a request from another site", async () => {
    const anonymous = await viaHot(null, body({ seq: 30 }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.message).toMatch(/đăng nhập/);
    const crossSite = await viaHot(u.headA, body({ seq: 30 }), { Origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.message).toBe("Yêu cầu bị từ chối: biểu mẫu không gửi từ trang của cuộc thi.");
    expect(db.$client.prepare("SELECT max(seq) FROM index_entries e JOIN index_assessments x ON x.id = e.assessment_id WHERE x.unit_id = ? AND e.row_id = ?").pluck().get(a, rows["I.1"])).toBeLessThan(30);
  });
});
