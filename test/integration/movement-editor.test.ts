import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../app/account/session.server";
import { criterionSchema } from "../../app/emulation/schemas";
import { findUserByPhone, grantRole, insertUser } from "../../db/account/users";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { getMovement, participatingUnitIds, schemesOf } from "../../db/emulation/queries";
import { getUnitByCode } from "../../db/participation/units";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/**
 * The organizer's movement editor through its routes, as the browser calls them: a draft, its scheme and
 * criteria, the launch; the refusals (role, scope, bad input) answer 4xx with a Vietnamese sentence and
 * change nothing; what the editor saves is what the engine evaluates.
 */

const env = useFreshDatabase("movement-editor");
const db = env.db;
let build: ServerBuild;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await seedDemo(db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
  const cookieOf = (phone: string) => createSession(findUserByPhone(db, phone)!.id).split(";")[0];
  cookies.organizer = cookieOf("0900000002");
  cookies.head = cookieOf("0900000003");
  cookies.participant = cookieOf("0900000010");
  // An organizer of Thị trấn Hà Lam: inside the district, outside Phòng Nội vụ's movements.
  const halam = getUnitByCode(db, "20791")!.id;
  const other = insertUser(db, { fullName: "Tổ chức Hà Lam", phone: "0900000091", unitId: halam, passwordHash: "x", createdAt: Date.now() });
  grantRole(db, other.id, "organizer", halam);
  cookies.organizerOther = createSession(other.id).split(";")[0];
  build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
});
afterAll(() => env.cleanup());

const unit = (code: string) => getUnitByCode(db, code)!.id;
const count = (sql: string, ...args: unknown[]) => db.$client.prepare(sql).pluck().get(...args) as number;

type Call = { status: number; location: string | null; body: unknown };

async function call(
  routeId: string,
  who: keyof typeof cookies,
  opts: { params?: Record<string, string>; form?: Record<string, string | string[] | File>; search?: string } = {},
): Promise<Call> {
  const route = build.routes[`routes/${routeId}`];
  const kind = opts.form ? "action" : "loader";
  const headers = new Headers({ Origin: "http://localhost", Cookie: cookies[who] });
  let body: FormData | undefined;
  if (opts.form) {
    body = new FormData();
    for (const [k, v] of Object.entries(opts.form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  }
  const request = new Request(`http://localhost/${route.path}${opts.search ?? ""}`, { method: opts.form ? "POST" : "GET", headers, body });
  try {
    const r = await route.module[kind]!({ request, params: opts.params ?? {}, context: { clientAddress: "127.0.0.1" } } as never);
    if (r instanceof Response) return { status: r.status, location: r.headers.get("Location"), body: null };
    const d = r as { data?: unknown; init?: { status?: number } };
    return d && "data" in d ? { status: d.init?.status ?? 200, location: null, body: d.data } : { status: 200, location: null, body: r };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), body: await thrown.text() };
    throw thrown;
  }
}

/** Every message a reply carries: the form's and each field's. */
function messages(body: unknown): string[] {
  const b = body as { error?: Record<string, string[] | null>; result?: { error?: Record<string, string[] | null> }; message?: string };
  const err = b?.error ?? b?.result?.error ?? {};
  return [...Object.values(err).flatMap((v) => v ?? []), ...(b?.message ? [b.message] : [])];
}

const draft = (over: Record<string, string | string[]> = {}) => ({
  intent: "movement",
  title: "Phong trào thi đua số hóa hồ sơ huyện Thăng Bình năm 2026",
  organizerUnitId: String(unit("513-NV")),
  kind: "hang_nam",
  periodStart: "01/01/2026",
  periodEnd: "31/12/2026",
  year: "2026",
  planNumber: "105/KH-UBND",
  planDate: "17/05/2026",
  contentsMd: "- **100%** hồ sơ được số hóa.",
  rootUnitId: String(unit("513")),
  excludedUnitIds: [String(unit("20848"))],
  registrationDeadline: "20/12/2026",
  dossierDeadline: "15/01/2027",
  ...over,
});

let movementId = 0;
let schemeId = 0;

describe("a draft movement", () => {
  it("is created by Phòng Nội vụ's organizer for the district, with its deadlines, and audited", async () => {
    const r = await call("quan-tri.thi-dua.moi", "organizer", { form: draft() });
    expect(r.status).toBe(302);
    movementId = Number(/thi-dua\/(\d+)\/sua/.exec(r.location!)![1]);
    const m = db.$client.prepare("SELECT * FROM movements WHERE id = ?").get(movementId) as Record<string, unknown>;
    expect(m).toMatchObject({ state: "draft", plan_number: "105/KH-UBND", plan_date: "2026-05-17", period_end: "2026-12-31", year: 2026, root_unit_id: unit("513") });
    expect(JSON.parse(m.excluded_unit_ids as string)).toEqual([unit("20848")]);
    expect(db.$client.prepare("SELECT label, date FROM movement_deadlines WHERE movement_id = ? ORDER BY date").all(movementId)).toEqual([
      { label: "Hạn đăng ký thi đua", date: "2026-12-20" },
      { label: "Hạn nộp hồ sơ đề nghị khen thưởng", date: "2027-01-15" },
    ]);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.movement.create' AND entity_id = ?", String(movementId))).toBe(1);
    // A draft is the organizer's alone: the units do not see it.
    expect((await call("thi-dua.$movementId", "head", { params: { movementId: String(movementId) } })).status).toBe(404);
  });

  it("refuses bad input with a Vietnamese message, tied to the field, and saves nothing", async () => {
    const before = count("SELECT count(*) FROM movements");
    const cases: [Record<string, string | string[]>, string][] = [
      [{ periodEnd: "31/12/2025" }, "Ngày kết thúc phải sau ngày bắt đầu."],
      [{ periodEnd: "31/02/2026" }, "Ngày kết thúc không hợp lệ: nhập ngày/tháng/năm, ví dụ 17/05/2024."],
      [{ planNumber: "một trăm lẻ năm" }, 'Số kế hoạch ghi như "105/KH-UBND".'],
      [{ planDate: "" }, "Ghi cả số và ngày ban hành của kế hoạch, hoặc để trống cả hai."],
      [{ year: "2030" }, "Năm xét khen thưởng phải trong thời gian của phong trào (2026–2026)."],
      [{ dossierDeadline: "01/12/2026" }, "Hạn nộp hồ sơ phải sau hạn đăng ký."],
      [{ title: "Ngắn" }, "Tên phong trào cần ít nhất 10 ký tự."],
    ];
    for (const [over, message] of cases) {
      const r = await call("quan-tri.thi-dua.moi", "organizer", { form: draft(over) });
      expect(r.status, message).toBe(400);
      expect(messages(r.body)).toContain(message);
    }
    expect(count("SELECT count(*) FROM movements")).toBe(before);
  });

  it("keeps an organizer to their own units: organizing unit, the level it serves, exclusions inside", async () => {
    const before = count("SELECT count(*) FROM movements");
    const notMine = await call("quan-tri.thi-dua.moi", "organizer", { form: draft({ organizerUnitId: String(unit("20791")) }) });
    expect(notMine.status).toBe(403);
    expect(messages(notMine.body)).toContain("Bạn chỉ lập phong trào cho đơn vị mình phụ trách.");
    const province = await call("quan-tri.thi-dua.moi", "organizer", { form: draft({ rootUnitId: String(unit("49")) }) });
    expect(province.status).toBe(400);
    expect(messages(province.body)).toContain("Chọn đơn vị thuộc cấp của đơn vị phát động.");
    const outside = await call("quan-tri.thi-dua.moi", "organizer", { form: draft({ rootUnitId: String(unit("20794")), excludedUnitIds: [String(unit("20848"))] }) });
    expect(outside.status).toBe(400);
    expect(messages(outside.body)).toContain("Có đơn vị loại trừ không thuộc đơn vị tham gia.");
    expect((await call("quan-tri.thi-dua.moi", "participant", { form: draft() })).status).toBe(403);
    expect(count("SELECT count(*) FROM movements")).toBe(before);
    // Another organizing unit's organizer neither sees nor changes the draft.
    const params = { movementId: String(movementId) };
    expect((await call("quan-tri.thi-dua.$movementId_.sua", "organizerOther", { params })).status).toBe(404);
    expect((await call("quan-tri.thi-dua.$movementId_.sua", "organizerOther", { params, form: draft({ title: "Phong trào của người khác sửa" }) })).status).toBe(404);
    expect((await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizerOther", { params: { ...params, schemeId: "moi" }, form: { formChoice: "giay-khen-chu-tich-ubnd-huyen", title: "Giấy khen lạ", target: "collective", level: "huyện", quotaType: "none" } })).status).toBe(404);
    expect(db.$client.prepare("SELECT title FROM movements WHERE id = ?").pluck().get(movementId)).toBe("Phong trào thi đua số hóa hồ sơ huyện Thăng Bình năm 2026");
    expect(count("SELECT count(*) FROM emulation_schemes WHERE movement_id = ?", movementId)).toBe(0);
  });

  it("is thrown away only as a draft, by its own organizer", async () => {
    const r = await call("quan-tri.thi-dua.moi", "organizer", { form: draft({ title: "Phong trào thử để xóa của Phòng Nội vụ" }) });
    const id = Number(/thi-dua\/(\d+)\/sua/.exec(r.location!)![1]);
    const params = { movementId: String(id) };
    expect((await call("quan-tri.thi-dua.$movementId_.sua", "organizerOther", { params, form: { intent: "delete-movement" } })).status).toBe(404);
    expect(count("SELECT count(*) FROM movements WHERE id = ?", id)).toBe(1);
    const gone = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params, form: { intent: "delete-movement" } });
    expect(gone).toMatchObject({ status: 302, location: "/quan-tri/thi-dua?da-xoa=1" });
    expect(count("SELECT count(*) FROM movements WHERE id = ?", id)).toBe(0);
    expect(count("SELECT count(*) FROM movement_deadlines WHERE movement_id = ?", id)).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.movement.delete' AND entity_id = ?", String(id))).toBe(1);
  });

  it("is edited while a draft", async () => {
    const r = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: { movementId: String(movementId) }, form: draft({ kind: "theo_dot", excludedUnitIds: [] }) });
    expect(r.status).toBe(200);
    expect(db.$client.prepare("SELECT kind, excluded_unit_ids AS ex FROM movements WHERE id = ?").get(movementId)).toEqual({ kind: "theo_dot", ex: "[]" });
  });
});

describe("the deadlines of a draft", () => {
  const params = () => ({ movementId: String(movementId) });
  const save = (form: Record<string, string>) => call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "save-deadline", time: "", ...form } });
  const rows = () => db.$client.prepare("SELECT id, label, date, time, kind FROM movement_deadlines WHERE movement_id = ? ORDER BY id").all(movementId) as { id: number; label: string; date: string; time: string | null; kind: string }[];
  const audits = () => count("SELECT count(*) FROM audit_log WHERE action LIKE 'emulation.deadline.%' AND detail ->> '$.movementId' = ?", movementId);

  it("refuses a deadline outside the period or out of order, with a Vietnamese message, and saves nothing", async () => {
    const before = JSON.stringify(rows());
    const cases: [Record<string, string>, string][] = [
      [{ label: "Kê khai minh chứng", kind: "evidence", date: "05/01/2027" }, "Hạn “Kê khai minh chứng” (05/01/2027) phải trong thời gian của phong trào (đến 31/12/2026)."],
      [{ label: "Họp triển khai", kind: "other", date: "15/12/2025" }, "Hạn “Họp triển khai” (15/12/2025) không được trước ngày bắt đầu phong trào (01/01/2026)."],
      [{ label: "Nộp hồ sơ sớm", kind: "dossier", date: "10/12/2026" }, "Hạn nộp hồ sơ (10/12/2026) không được trước hạn đăng ký thi đua (20/12/2026)."],
      [{ label: "Gửi hồ sơ về UBND tỉnh", kind: "forward", date: "10/01/2027" }, "Hạn gửi hồ sơ lên cấp trên (10/01/2027) không được trước hạn các đơn vị nộp hồ sơ (15/01/2027)."],
      [{ label: "Thẩm định", kind: "appraisal", date: "15/01/2028" }, "Hạn “Thẩm định” (15/01/2028) quá xa: chậm nhất một năm sau khi phong trào kết thúc (31/12/2027)."],
      [{ label: "Kê khai minh chứng", kind: "evidence", date: "22/12/2026", time: "25:00" }, "Giờ không hợp lệ: nhập giờ:phút theo 24 giờ, ví dụ 17:00."],
      [{ label: "Kê khai minh chứng", kind: "evidence", date: "31/02/2026" }, "Ngày của hạn không hợp lệ: nhập ngày/tháng/năm, ví dụ 17/05/2024."],
      [{ label: "Kê khai minh chứng", kind: "khac-la", date: "22/12/2026" }, "Chọn loại của mốc thời hạn."],
    ];
    for (const [form, message] of cases) {
      const r = await save(form);
      expect(r.status, message).toBe(400);
      expect(messages(r.body), message).toContain(message);
    }
    // The registration deadline may not move past the dossier deadline either.
    const reg = rows().find((d) => d.kind === "registration")!;
    const late = await save({ targetId: String(reg.id), label: reg.label, kind: "registration", date: "16/01/2027" });
    expect(late.status).toBe(400);
    expect(messages(late.body)).toContain("Hạn “Hạn đăng ký thi đua” (16/01/2027) phải trong thời gian của phong trào (đến 31/12/2026).");
    expect(JSON.stringify(rows())).toBe(before);
    expect(audits()).toBe(0);
  });

  it("adds, edits and removes every kind of deadline, shown by date, each change audited", async () => {
    expect((await save({ label: "Kê khai số liệu và gửi minh chứng", kind: "evidence", date: "22/12/2026", time: "17:00" })).status).toBe(200);
    expect((await save({ label: "Gửi hồ sơ đề nghị về UBND tỉnh", kind: "forward", date: "20/01/2027" })).status).toBe(200);
    expect((await save({ label: "Hội đồng thẩm định", kind: "appraisal", date: "31/01/2027" })).status).toBe(200);
    const reg = rows().find((d) => d.kind === "registration")!;
    const edited = await save({ targetId: String(reg.id), label: "Đăng ký thi đua", kind: "registration", date: "18/12/2026", time: "7h30" });
    expect(edited.status).toBe(200);
    expect(rows().find((d) => d.id === reg.id)).toMatchObject({ label: "Đăng ký thi đua", date: "2026-12-18", time: "07:30", kind: "registration" });
    const page = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params() });
    const shown = (page.body as { deadlines: { label: string; date: string; time: string | null; kindText: string }[] }).deadlines;
    expect(shown.map((d) => [d.date, d.time, d.kindText])).toEqual([
      ["2026-12-18", "07:30", "Đăng ký thi đua"],
      ["2026-12-22", "17:00", "Kê khai, gửi minh chứng"],
      ["2027-01-15", null, "Nộp hồ sơ đề nghị khen thưởng"],
      ["2027-01-20", null, "Gửi hồ sơ lên cấp trên"],
      ["2027-01-31", null, "Thẩm định, xét khen thưởng"],
    ]);
    const appraisal = rows().find((d) => d.kind === "appraisal")!;
    const removed = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "remove-deadline", targetId: String(appraisal.id) } });
    expect(removed.status).toBe(200);
    expect(rows().some((d) => d.id === appraisal.id)).toBe(false);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.deadline.create' AND detail ->> '$.movementId' = ?", movementId)).toBe(3);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.deadline.update' AND entity_id = ?", String(reg.id))).toBe(1);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.deadline.remove' AND entity_id = ?", String(appraisal.id))).toBe(1);
    // Another organizing unit's organizer changes nothing.
    expect((await call("quan-tri.thi-dua.$movementId_.sua", "organizerOther", { params: params(), form: { intent: "save-deadline", label: "Mốc lạ", kind: "other", date: "01/06/2026" } })).status).toBe(404);
    expect(rows()).toHaveLength(4);
  });

  it("keeps a new period from leaving a deadline outside it", async () => {
    const r = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: draft({ periodEnd: "30/11/2026", registrationDeadline: "", dossierDeadline: "" }) });
    expect(r.status).toBe(400);
    expect(messages(r.body).join(" ")).toContain("Hạn “Đăng ký thi đua” (18/12/2026) phải trong thời gian của phong trào (đến 30/11/2026). Sửa hoặc xóa mốc này trước khi đổi thời gian của phong trào.");
    expect(db.$client.prepare("SELECT period_end FROM movements WHERE id = ?").pluck().get(movementId)).toBe("2026-12-31");
  });
});

describe("schemes and criteria", () => {
  const schemeForm = (over: Record<string, string> = {}) => ({
    intent: "scheme",
    formChoice: "giay-khen-chu-tich-ubnd-huyen",
    title: "Giấy khen của Chủ tịch UBND huyện cho tập thể",
    target: "collective",
    level: "huyện",
    quotaType: "per_unit",
    quotaN: "3",
    rankBy: "none",
    ...over,
  });
  const sp = () => ({ movementId: String(movementId), schemeId: "moi" });

  it("adds a scheme from the catalogue, refusing a title for the wrong target or a missing quota", async () => {
    const wrong = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: sp(), form: schemeForm({ formChoice: "chien-si-thi-dua-co-so" }) });
    expect(wrong.status).toBe(400);
    expect(messages(wrong.body)).toContain("“Chiến sĩ thi đua cơ sở” là danh hiệu cho cá nhân.");
    const noQuota = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: sp(), form: schemeForm({ quotaN: "" }) });
    expect(noQuota.status).toBe(400);
    expect(messages(noQuota.body)).toContain("Chỉ tiêu là số nguyên từ 1 trở lên.");
    expect(count("SELECT count(*) FROM emulation_schemes WHERE movement_id = ?", movementId)).toBe(0);

    const ok = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: sp(), form: schemeForm() });
    expect(ok.status).toBe(302);
    schemeId = Number(/hinh-thuc\/(\d+)/.exec(ok.location!)![1]);
    expect(schemesOf(db, movementId)[0]).toMatchObject({ form: "giay-khen-chu-tich-ubnd-huyen", target: "collective", quota: { type: "per_unit", n: 3 }, criteria: [] });
    // The organizer's own form is kept under a code of its own.
    const own = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: sp(), form: schemeForm({ formChoice: "rieng", ownName: "Giấy khen của Trưởng phòng Nội vụ", title: "Giấy khen của Trưởng phòng Nội vụ cho cá nhân", target: "individual", quotaType: "total", quotaN: "2" }) });
    expect(own.status).toBe(302);
    expect(schemesOf(db, movementId)[1]).toMatchObject({ form: "rieng-giay-khen-cua-truong-phong-noi-vu", formName: "Giấy khen của Trưởng phòng Nội vụ", target: "individual" });
    // Once used, the own form is offered again and may be picked by its code; an unknown code is refused.
    const page = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: sp() });
    expect((page.body as { ownForms: { id: string; name: string }[] }).ownForms).toContainEqual({ id: "rieng-giay-khen-cua-truong-phong-noi-vu", name: "Giấy khen của Trưởng phòng Nội vụ" });
    const unknown = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: sp(), form: schemeForm({ formChoice: "rieng-khong-co" }) });
    expect(unknown.status).toBe(400);
    expect(messages(unknown.body)).toContain("Chọn hình thức trong danh mục, hoặc “Hình thức riêng mới”.");
    const again = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: sp(), form: schemeForm({ formChoice: "rieng-giay-khen-cua-truong-phong-noi-vu", title: "Giấy khen của Trưởng phòng Nội vụ cho tập thể" }) });
    expect(again.status).toBe(302);
    const third = schemesOf(db, movementId)[2];
    expect(third).toMatchObject({ form: "rieng-giay-khen-cua-truong-phong-noi-vu", formName: "Giấy khen của Trưởng phòng Nội vụ", target: "collective" });
    const editor = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: { movementId: String(movementId) } });
    expect((editor.body as { schemes: { dbId: number; formName: string }[] }).schemes.find((x) => x.dbId === third.dbId)?.formName).toBe("Giấy khen của Trưởng phòng Nội vụ");
    expect((await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: { movementId: String(movementId) }, form: { intent: "remove-scheme", targetId: String(third.dbId) } })).status).toBe(200);
  });

  it("refuses a draft with a scheme that has no criteria at launch", async () => {
    const r = await call("quan-tri.thi-dua.$movementId", "organizer", { params: { movementId: String(movementId) }, form: { intent: "advance" } });
    expect(r.status).toBe(400);
    expect(messages(r.body).join(" ")).toContain("Hình thức “Giấy khen của Chủ tịch UBND huyện cho tập thể” chưa có tiêu chí.");
    expect(db.$client.prepare("SELECT state FROM movements WHERE id = ?").pluck().get(movementId)).toBe("draft");
  });

  const cp = () => ({ movementId: String(movementId), schemeId: String(schemeId), criterionId: "moi" });
  const addCriterion = (form: Record<string, string>) => call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId_.tieu-chi.$criterionId", "organizer", { params: cp(), form: { intent: "criterion", ...form } });

  it("refuses a criterion the engine could not evaluate, with the reason, and saves nothing", async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ kind: "participation_rate", label: "Tham gia cuộc thi", contest: "cchc-2023", minRatePct: "120" }, 400, "Tỷ lệ tham gia tối thiểu không lớn hơn 100."],
      [{ kind: "participation_rate", label: "Tham gia cuộc thi", contest: "khong-co", minRatePct: "100" }, 400, "Chọn cuộc thi có trên nền tảng."],
      [{ kind: "index_years", label: "Ba năm đạt 90%", minScore: "90", span: "2", minYears: "3" }, 400, "Số năm phải đạt không quá số năm của giai đoạn."],
      [{ kind: "index_band", label: "Xếp loại Khá", minBand: "gioi", yearOffset: "0" }, 400, "Chọn xếp loại tối thiểu."],
      [{ kind: "declared_number", label: "Giải ngân vốn", op: ">=", target: "nhiều" }, 400, "Mức yêu cầu phải là một số."],
      [{ kind: "khong-co-loai", label: "Tiêu chí lạ" }, 400, "Chọn loại tiêu chí."],
    ];
    for (const [form, status, message] of cases) {
      const r = await addCriterion(form);
      expect(r.status, message).toBe(status);
      expect(messages(r.body), message).toContain(message);
    }
    expect(count("SELECT count(*) FROM emulation_criteria WHERE scheme_id = ?", schemeId)).toBe(0);
  });

  it("saves one criterion per kind as the engine's own rule, which the evaluation reads", async () => {
    const forms: Record<string, string>[] = [
      { kind: "participation_rate", label: "100% công chức tham gia cuộc thi", contest: "cchc-2023", minRatePct: "100" },
      { kind: "quiz_score", label: "Có người dự thi", contest: "cchc-2023", minScore: "0" },
      { kind: "index_score", label: "Chỉ số CCHC từ 90%", minScore: "90", yearOffset: "0" },
      { kind: "index_band", label: "Chỉ số CCHC năm trước từ loại Khá", minBand: "kha", yearOffset: "-1" },
      { kind: "index_rank", label: "Xếp hạng trong 3 đơn vị đầu", maxRank: "3", yearOffset: "0" },
      { kind: "index_years", label: "3 năm trong 5 năm đạt 90%", minScore: "90", span: "5", minYears: "3" },
      { kind: "initiatives_registered", label: "Đăng ký mô hình, sáng kiến", min: "1" },
      { kind: "initiatives_recognised", label: "Có sáng kiến được công nhận cấp tỉnh", min: "1", minScope: "tinh", council: "" },
      { kind: "initiatives_applied", label: "10% mô hình được áp dụng", minPct: "10" },
      { kind: "past_titles", label: "Hai năm liền Tập thể lao động xuất sắc", title: "Tập thể lao động xuất sắc", years: "2" },
      { kind: "declared_boolean", label: "Không có hồ sơ trễ hạn", expected: "co" },
      { kind: "declared_number", label: "Giải ngân 100% vốn đầu tư công", op: ">=", target: "100", unit: "%" },
      { kind: "disqualify_share", label: "Không quá 10% biên chế đi muộn", maxSharePct: "10" },
      { kind: "disqualify_pending", label: "Không đang bị kỷ luật, thanh tra, khiếu nại" },
    ];
    for (const form of forms) {
      const r = await addCriterion(form);
      expect(r.status, form.kind).toBe(302);
    }
    const [scheme] = schemesOf(db, movementId);
    expect(scheme.criteria).toHaveLength(forms.length);
    for (const c of scheme.criteria) expect(criterionSchema.safeParse(c).success, c.id).toBe(true);
    expect(scheme.criteria.map(({ id: _id, label: _l, ...rule }) => rule)).toEqual([
      { kind: "participation_rate", contest: "cchc-2023", minRate: 1 },
      { kind: "quiz_score", contest: "cchc-2023", minScore: 0 },
      { kind: "index_score", minScore: 90 },
      { kind: "index_band", minBand: "kha", yearOffset: -1 },
      { kind: "index_rank", maxRank: 3 },
      { kind: "index_years", minScore: 90, minYears: 3, fromOffset: -4, toOffset: 0 },
      { kind: "initiatives", measure: "registered", min: 1 },
      { kind: "initiatives", measure: "recognised", min: 1, minScope: "tinh" },
      { kind: "initiatives", measure: "applied_share", min: 0.1 },
      { kind: "past_titles", title: "Tập thể lao động xuất sắc", years: 2 },
      { kind: "declared_boolean", expected: true },
      { kind: "declared_number", op: ">=", target: 100, unit: "%" },
      { kind: "disqualify_share", maxShare: 0.1 },
      { kind: "disqualify_pending" },
    ]);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.criterion.create'")).toBe(forms.length);
    // The engine evaluates the saved rules for a registered unit, one result per criterion.
    db.$client
      .prepare("INSERT INTO emulation_registrations (movement_id, unit_id, status, scheme_codes, targets, updated_at) VALUES (?, ?, 'da_duyet', ?, '', ?)")
      .run(movementId, unit("20794"), JSON.stringify([scheme.id]), Date.now());
    const ev = evaluateAndSnapshot(db, movementId, { reason: "Thử", now: Date.now() })!;
    const cand = ev.result[0].candidates.find((c) => c.unitId === unit("20794"))!;
    expect(cand.results.map((x) => x.criterionId)).toEqual(scheme.criteria.map((c) => c.id));
    expect(cand.results.find((x) => x.criterionId === scheme.criteria[10].id)).toMatchObject({ outcome: "missing_evidence", reason: "Còn thiếu: đơn vị chưa kê khai số liệu." });
    db.$client.prepare("DELETE FROM emulation_registrations WHERE movement_id = ?").run(movementId);
  });

  it("edits a criterion within its kind and removes one", async () => {
    const [scheme] = schemesOf(db, movementId);
    const row = db.$client.prepare("SELECT id FROM emulation_criteria WHERE scheme_id = ? AND rule ->> '$.kind' = 'index_score'").pluck().get(schemeId) as number;
    const params = { ...cp(), criterionId: String(row) };
    const changed = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId_.tieu-chi.$criterionId", "organizer", { params, form: { intent: "criterion", kind: "index_score", label: "Chỉ số CCHC từ 85%", minScore: "85,5", yearOffset: "0" } });
    expect(changed.status).toBe(302);
    expect(schemesOf(db, movementId)[0].criteria.find((c) => c.kind === "index_score")).toMatchObject({ id: scheme.criteria[2].id, label: "Chỉ số CCHC từ 85%", minScore: 85.5 });
    const otherKind = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId_.tieu-chi.$criterionId", "organizer", { params, form: { intent: "criterion", kind: "index_rank", label: "Đổi loại", maxRank: "3", yearOffset: "0" } });
    expect(otherKind.status).toBe(400);
    expect(messages(otherKind.body)).toContain("Không đổi loại của tiêu chí đã lưu; xóa tiêu chí và thêm tiêu chí mới.");
    const quiz = db.$client.prepare("SELECT id FROM emulation_criteria WHERE scheme_id = ? AND rule ->> '$.kind' = 'quiz_score'").pluck().get(schemeId) as number;
    const removed = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: { movementId: String(movementId), schemeId: String(schemeId) }, form: { intent: "remove-criterion", targetId: String(quiz) } });
    expect(removed.status).toBe(200);
    expect(schemesOf(db, movementId)[0].criteria).toHaveLength(13);
  });
});

describe("launching documents", () => {
  const params = () => ({ movementId: String(movementId) });
  it("accepts a PDF or a link and refuses a file that is not PDF or Word", async () => {
    const fake = new File([new TextEncoder().encode("không phải PDF")], "ke-hoach.pdf", { type: "application/pdf" });
    const bad = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "add-document", title: "Kế hoạch giả", file: fake } });
    expect(bad.status).toBe(400);
    expect(messages(bad.body)).toContain("Chỉ nhận tệp PDF hoặc Word (.pdf, .docx, .doc).");
    const neither = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "add-document", title: "Kế hoạch không tệp" } });
    expect(neither.status).toBe(400);
    expect(messages(neither.body)).toContain("Tải lên một tệp hoặc ghi đường dẫn của văn bản.");
    expect(count("SELECT count(*) FROM movement_documents WHERE movement_id = ?", movementId)).toBe(0);

    const pdf = new File([new TextEncoder().encode("%PDF-1.7\n%%EOF\n")], "ke-hoach-105.pdf", { type: "application/pdf" });
    expect((await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "add-document", title: "Kế hoạch số 105/KH-UBND", file: pdf } })).status).toBe(200);
    expect((await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "add-document", title: "Kế hoạch của UBND tỉnh", url: "https://quangnam.gov.vn/ke-hoach" } })).status).toBe(200);
    const doc = db.$client.prepare("SELECT id, url FROM movement_documents WHERE movement_id = ? AND stored_name IS NOT NULL").get(movementId) as { id: number; url: string };
    expect(doc.url).toBe(`/thi-dua/${movementId}/van-ban/${doc.id}`);
    // Before the launch only the organizer downloads it.
    const dp = { movementId: String(movementId), documentId: String(doc.id) };
    expect((await call("thi-dua.$movementId_.van-ban.$documentId", "organizer", { params: dp })).status).toBe(200);
    expect((await call("thi-dua.$movementId_.van-ban.$documentId", "participant", { params: dp })).status).toBe(404);
  });
});

describe("the launch and what it locks", () => {
  it("launches, tells the units' heads in the inbox, and lets a participant read the plan", async () => {
    // The organizer's own scheme has no criteria yet: removed from the draft, with its audit entry.
    const own = schemesOf(db, movementId)[1].dbId;
    const removed = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: { movementId: String(movementId) }, form: { intent: "remove-scheme", targetId: String(own) } });
    expect(removed.status).toBe(200);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.scheme.remove' AND entity_id = ?", String(own))).toBe(1);
    const r = await call("quan-tri.thi-dua.$movementId", "organizer", { params: { movementId: String(movementId) }, form: { intent: "advance" } });
    expect(r.status).toBe(200);
    expect(db.$client.prepare("SELECT state FROM movements WHERE id = ?").pluck().get(movementId)).toBe("launched");
    const headId = findUserByPhone(db, "0900000003")!.id;
    expect(db.$client.prepare("SELECT title, link FROM notifications WHERE user_id = ? AND kind = 'launch' AND dedupe_key = ?").get(headId, `launch-${movementId}`)).toEqual({
      title: "Phát động: Phong trào thi đua số hóa hồ sơ huyện Thăng Bình năm 2026",
      link: `/thi-dua/${movementId}`,
    });
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.movement.launched'")).toBeGreaterThan(0);
    const doc = db.$client.prepare("SELECT id FROM movement_documents WHERE movement_id = ? AND stored_name IS NOT NULL").pluck().get(movementId) as number;
    const file = await call("thi-dua.$movementId_.van-ban.$documentId", "participant", { params: { movementId: String(movementId), documentId: String(doc) } });
    expect(file.status).toBe(200);
  });

  it("refuses to change the movement, its schemes or criteria once launched (409), and keeps them as they were", async () => {
    const before = JSON.stringify(schemesOf(db, movementId));
    const title = db.$client.prepare("SELECT title FROM movements WHERE id = ?").pluck().get(movementId);
    const lock = "Phong trào đã phát động: hình thức khen thưởng, tiêu chí và đơn vị tham gia đã công bố cho các đơn vị, không sửa được nữa.";
    const edits = [
      call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: { movementId: String(movementId) }, form: draft({ title: "Phong trào đã sửa sau khi phát động" }) }),
      call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", { params: { movementId: String(movementId), schemeId: String(schemeId) }, form: { intent: "scheme", formChoice: "giay-khen-chu-tich-ubnd-huyen", title: "Giấy khen đã sửa", target: "collective", level: "huyện", quotaType: "none" } }),
      call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: { movementId: String(movementId) }, form: { intent: "remove-scheme", targetId: String(schemeId) } }),
      call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId_.tieu-chi.$criterionId", "organizer", { params: { movementId: String(movementId), schemeId: String(schemeId), criterionId: "moi" }, form: { intent: "criterion", kind: "disqualify_pending", label: "Thêm sau khi phát động" } }),
    ];
    for (const r of await Promise.all(edits)) {
      expect(r.status).toBe(409);
      expect(messages(r.body).join(" ")).toContain(lock);
    }
    expect(JSON.stringify(schemesOf(db, movementId))).toBe(before);
    expect(db.$client.prepare("SELECT title FROM movements WHERE id = ?").pluck().get(movementId)).toBe(title);
    const del = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: { movementId: String(movementId) }, form: { intent: "delete-movement" } });
    expect(del.status).toBe(409);
    expect(count("SELECT count(*) FROM movements WHERE id = ?", movementId)).toBe(1);
    // An amended plan may still be added, and is audited.
    const amended = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: { movementId: String(movementId) }, form: { intent: "add-document", title: "Kế hoạch điều chỉnh số 120/KH-UBND", url: "https://thangbinh.quangnam.gov.vn/kh-120" } });
    expect(amended.status).toBe(200);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.document.add' AND detail ->> '$.movementId' = ?", movementId)).toBe(3);
  });
});

describe("a launched movement's deadlines", () => {
  const params = () => ({ movementId: String(movementId) });
  const evidence = () => db.$client.prepare("SELECT id, label, date, time FROM movement_deadlines WHERE movement_id = ? AND kind = 'evidence'").get(movementId) as { id: number; label: string; date: string; time: string | null };
  const move = (form: Record<string, string>) => call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "move-deadline", targetId: String(evidence().id), time: "", ...form } });
  const moved = () => count("SELECT count(*) FROM notifications WHERE dedupe_key LIKE 'deadline-moved-%'");

  it("refuses moving a deadline earlier, beyond the period or without a reason, and adding or removing one (nothing changes)", async () => {
    const before = JSON.stringify(db.$client.prepare("SELECT * FROM movement_deadlines WHERE movement_id = ? ORDER BY id").all(movementId));
    const cases: [Record<string, string>, number, string][] = [
      [{ date: "21/12/2026", reason: "Rút ngắn cho kịp tổng kết" }, 400, "Phong trào đã phát động: chỉ lùi hạn về sau, không rút ngắn thời gian đã công bố cho các đơn vị."],
      [{ date: "22/12/2026", time: "16:00", reason: "Rút ngắn cho kịp tổng kết" }, 400, "Phong trào đã phát động: chỉ lùi hạn về sau, không rút ngắn thời gian đã công bố cho các đơn vị."],
      [{ date: "22/12/2026", time: "17:00", reason: "Không đổi gì cả, thử lại" }, 400, "Hạn mới trùng với hạn đã công bố."],
      [{ date: "05/01/2027", reason: "Gia hạn sang năm sau" }, 400, "Hạn “Kê khai số liệu và gửi minh chứng” (05/01/2027) phải trong thời gian của phong trào (đến 31/12/2026)."],
      [{ date: "29/12/2026", reason: "Mưa" }, 400, "Lý do dời hạn cần ít nhất 10 ký tự."],
    ];
    for (const [form, status, message] of cases) {
      const r = await move(form);
      expect(r.status, message).toBe(status);
      expect(messages(r.body), message).toContain(message);
    }
    const locked = "Phong trào đã phát động: các mốc thời hạn đã công bố cho các đơn vị; chỉ dời được hạn về sau, kèm lý do.";
    const add = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "save-deadline", label: "Mốc mới sau phát động", kind: "other", date: "01/12/2026", time: "" } });
    const edit = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "save-deadline", targetId: String(evidence().id), label: "Kê khai", kind: "evidence", date: "01/12/2026", time: "" } });
    const remove = await call("quan-tri.thi-dua.$movementId_.sua", "organizer", { params: params(), form: { intent: "remove-deadline", targetId: String(evidence().id) } });
    for (const r of [add, edit, remove]) {
      expect(r.status).toBe(409);
      expect(messages(r.body)).toContain(locked);
    }
    expect(JSON.stringify(db.$client.prepare("SELECT * FROM movement_deadlines WHERE movement_id = ? ORDER BY id").all(movementId))).toBe(before);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'emulation.deadline.move'")).toBe(0);
    expect(moved()).toBe(0);
  });

  it("moves a deadline later with the reason: audited, every head told once, the reminder rearmed for the new date", async () => {
    const d = evidence();
    const r = await move({ date: "29/12/2026", reason: "Gia hạn theo đề nghị của các xã do mưa lũ" });
    expect(r.status).toBe(200);
    expect(evidence()).toMatchObject({ date: "2026-12-29", time: null });
    const audit = db.$client.prepare("SELECT detail FROM audit_log WHERE action = 'emulation.deadline.move' AND entity_id = ?").pluck().all(String(d.id)) as string[];
    expect(audit.map((x) => JSON.parse(x))).toEqual([
      { movementId, label: "Kê khai số liệu và gửi minh chứng", from: { date: "2026-12-22", time: "17:00" }, to: { date: "2026-12-29", time: null }, reason: "Gia hạn theo đề nghị của các xã do mưa lũ" },
    ]);
    const key = `deadline-moved-${d.id}-2026-12-29T23:59`;
    const units = [unit("513"), ...participatingUnitIds(db, getMovement(db, movementId)!)];
    const heads = db.$client.prepare(`SELECT DISTINCT user_id FROM role_grants WHERE role = 'unit_head' AND unit_id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(units)) as number[];
    expect(heads.length).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM notifications WHERE dedupe_key = ?", key)).toBe(heads.length);
    expect(count("SELECT count(DISTINCT user_id) FROM notifications WHERE dedupe_key = ?", key)).toBe(heads.length);
    const headId = findUserByPhone(db, "0900000003")!.id;
    expect(db.$client.prepare("SELECT kind, title, body, link FROM notifications WHERE user_id = ? AND dedupe_key = ?").get(headId, key)).toEqual({
      kind: "deadline",
      title: "Dời hạn: Kê khai số liệu và gửi minh chứng đến 29/12/2026",
      body: "Phong trào thi đua số hóa hồ sơ huyện Thăng Bình năm 2026. Hạn cũ 22/12/2026 lúc 17:00, hạn mới 29/12/2026. Lý do: Gia hạn theo đề nghị của các xã do mưa lũ",
      link: `/thi-dua/${movementId}`,
    });
    // Sent once: the same notice sent again through the one sending module adds nothing.
    const { send } = await import("../../app/emulation/notify.server");
    expect(send([{ userId: headId, kind: "deadline", title: "x", body: "", link: null, dedupeKey: key }])).toBe(0);
    expect(count("SELECT count(*) FROM notifications WHERE dedupe_key = ?", key)).toBe(heads.length);
    // The units read the new date.
    const member = await call("thi-dua.$movementId", "head", { params: params() });
    expect(JSON.stringify(member.body)).toContain('"date":"2026-12-29"');
  });
});

describe("an organizer's own award form in the awards pages and documents", () => {
  it("shows the stored name, not the code, in the dossier page and in the generated Tờ trình", async () => {
    const created = await call("quan-tri.thi-dua.moi", "organizer", { form: draft({ title: "Phong trào thi đua hình thức riêng huyện Thăng Bình năm 2026" }) });
    const id = Number(/thi-dua\/(\d+)\/sua/.exec(created.location!)![1]);
    const own = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId", "organizer", {
      params: { movementId: String(id), schemeId: "moi" },
      form: { intent: "scheme", formChoice: "rieng", ownName: "Giấy khen của Trưởng phòng Nội vụ huyện", title: "Giấy khen của Trưởng phòng Nội vụ cho tập thể", target: "collective", level: "huyện", quotaType: "none", rankBy: "none" },
    });
    expect(own.status).toBe(302);
    const schemeDb = Number(/hinh-thuc\/(\d+)/.exec(own.location!)![1]);
    const crit = await call("quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId_.tieu-chi.$criterionId", "organizer", {
      params: { movementId: String(id), schemeId: String(schemeDb), criterionId: "moi" },
      form: { intent: "criterion", kind: "disqualify_pending", label: "Không đang bị kỷ luật, thanh tra, khiếu nại" },
    });
    expect(crit.status).toBe(302);
    expect((await call("quan-tri.thi-dua.$movementId", "organizer", { params: { movementId: String(id) }, form: { intent: "advance" } })).status).toBe(200);
    const [scheme] = schemesOf(db, id);
    expect(scheme.form).toMatch(/^rieng-/);

    const page = await call("quan-tri.khen-thuong.$movementId", "organizer", { params: { movementId: String(id) } });
    expect((page.body as { forms: { code: string; name: string }[] }).forms).toEqual([{ code: scheme.form, name: "Giấy khen của Trưởng phòng Nội vụ huyện" }]);

    const proposer = unit("20794");
    db.$client
      .prepare(
        `INSERT INTO award_proposals (movement_id, scheme_code, candidate_key, target, unit_id, proposer_unit_id, level_unit_id, name, achievement, qualified, unmet, state, created_at, updated_at)
         VALUES (?, ?, ?, 'collective', ?, ?, ?, 'Thị trấn Hà Lam', 'Số hóa 100% hồ sơ', 1, '[]', 'da_gui', ?, ?)`,
      )
      .run(id, scheme.id, `unit:${proposer}`, proposer, proposer, unit("513-NV"), Date.now(), Date.now());
    const route = build.routes["routes/thi-dua.$movementId_.de-nghi_.tai-lieu"];
    const request = new Request(`http://localhost/thi-dua/${id}/de-nghi/tai-lieu?loai=to-trinh&don-vi=${proposer}&hinh-thuc=${scheme.id}`, { headers: { Cookie: cookies.organizer } });
    const res = (await route.module.loader!({ request, params: { movementId: String(id) }, context: {} } as never)) as Response;
    expect(res.status).toBe(200);
    const JSZip = (await import("jszip")).default;
    const xml = await (await JSZip.loadAsync(await res.arrayBuffer())).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("Giấy khen của Trưởng phòng Nội vụ huyện");
    expect(text).not.toContain(scheme.form);
    // The Báo cáo thành tích the awards worker builds names the form the same way.
    const { reportInputs } = await import("../../db/awards/reports");
    const { getProposal } = await import("../../db/awards/queries");
    const proposalId = db.$client.prepare("SELECT id FROM award_proposals WHERE movement_id = ?").pluck().get(id) as number;
    expect(reportInputs(db, getProposal(db, proposalId)!).subject.form).toBe("Giấy khen của Trưởng phòng Nội vụ huyện");
  });
});
