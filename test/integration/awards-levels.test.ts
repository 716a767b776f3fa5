import path from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import { openSession, sessionAction, sessionView } from "../../app/awards/council.server";
import { certificates, createDecision, decisionView, registerDecision } from "../../app/awards/decisions.server";
import { quyetDinhDoc } from "../../app/awards/documents.server";
import { organizerAction, organizerDossiers, unitAction, unitDossier, uploadDocument } from "../../app/awards/dossier.server";
import { findUserByPhone, rolesOf, userWithUnit } from "../../db/account/users";
import { awardsOfUnit, issuerOf, settingsOf } from "../../db/awards/queries";
import { getMovementBySlug } from "../../db/emulation/queries";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("awards-levels");
beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.parse("2019-12-01T02:00:00Z"), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

function userOf(phone: string): CurrentUser {
  const u = findUserByPhone(env.db, phone)!;
  return { id: u.id, fullName: u.fullName, phone: u.phone, unitId: u.unitId, unitName: userWithUnit(env.db, u.id)!.unitName, position: u.position, roles: rolesOf(env.db, u.id) };
}
const fd = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};
const pdf = () => new File([new TextEncoder().encode("%PDF-1.4\n%%EOF")], "ky.pdf");
const DEC_5 = Date.parse("2019-12-05T03:00:00Z");
const JAN_15 = Date.parse("2020-01-15T03:00:00Z");
const issuerForm = (levelUnitId: number, o: Record<string, string | number> = {}) =>
  fd({ intent: "issuer", levelUnitId, issuingBody: "Ủy ban nhân dân thành phố Cần Thơ", issuingParent: "", symbol: "UBND", place: "Cần Thơ", signerTitle: "CHỦ TỊCH", signerName: "Trần Việt Trường", certOffsetX: 3, certOffsetY: -2, ...o });
const statusOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof Response ? e.status : -1;
  }
  return 200;
};

function closeSession(chair: CurrentUser, voters: CurrentUser[], sessionId: number, now: number) {
  for (const item of sessionView(chair, sessionId).items) for (const v of voters) expect(sessionAction(v, sessionId, fd({ intent: "vote", itemId: item.id, choice: "dong_y" }), now)).toMatchObject({ ok: true });
  expect(sessionAction(chair, sessionId, fd({ intent: "close" }), now)).toMatchObject({ ok: true });
}

describe("seed 004 Cần Thơ: each deciding level issues under its own name, number register and blank", () => {
  it("keeps each level's settings to its own organizer, refuses a form above the level, and the city decides what the office forwarded", async () => {
    const mv = getMovementBySlug(env.db, "can-tho-vp-ubnd-2019")!.id;
    const head = userOf("0900000031");
    const office = userOf("0900000030");
    const city = userOf("0900000036");
    const unitId = (code: string) => env.db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number;
    const cto = unitId("CTO");
    const hctc = unitId("CT-HCTC");

    // Defaults: the office keeps the movement's issuer; the city starts from its own name.
    expect(issuerOf(env.db, mv, hctc)).toMatchObject({ issuingBody: "Văn phòng Ủy ban nhân dân thành phố Cần Thơ", symbol: "VPUB", own: true });
    expect(issuerOf(env.db, mv, cto)).toMatchObject({ issuingBody: "Ủy ban nhân dân thành phố Cần Thơ", issuingParent: null, symbol: "UBND", place: "Cần Thơ", signerTitle: "CHỦ TỊCH", saved: false });
    expect(organizerDossiers(city, mv, DEC_5)).toMatchObject({ ownLevel: false, levelUnitId: cto, forms: [{ code: "bang-khen-chu-tich-ubnd-tinh", name: "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ" }] });

    // Scope: the office cannot set the city's issuer, the city neither the office's nor the movement's deadline.
    const before = JSON.stringify(settingsOf(env.db, mv));
    expect(statusOf(() => organizerAction(office, mv, issuerForm(cto), DEC_5))).toBe(403);
    expect(statusOf(() => organizerAction(city, mv, issuerForm(hctc), DEC_5))).toBe(403);
    const deadline = fd({ intent: "settings", deadline: "31/12/2019", ballotMode: "secret", passMark: "more_than_half", quorum: "more_than_half", issuingBody: "UBND", symbol: "UBND", place: "Cần Thơ", signerTitle: "CHỦ TỊCH", certOffsetX: 0, certOffsetY: 0 });
    expect(statusOf(() => organizerAction(city, mv, deadline, DEC_5))).toBe(403);
    expect(statusOf(() => organizerAction(city, mv, fd({ intent: "reopen", unitId: unitId("CT-TH"), until: "31/12/2019", reason: "Thử mở lại từ thành phố" }), DEC_5))).toBe(403);
    expect(env.db.$client.prepare("SELECT COUNT(*) FROM award_reopenings").pluck().get()).toBe(0);
    expect(JSON.stringify(settingsOf(env.db, mv))).toBe(before);
    expect(issuerOf(env.db, mv, cto).saved).toBe(false);
    // Bad input: a message, nothing saved.
    expect(organizerAction(city, mv, issuerForm(cto, { symbol: "ub nd" }), DEC_5)).toMatchObject({ ok: false, message: expect.stringContaining("Ký hiệu viết hoa") });
    expect(issuerOf(env.db, mv, cto).saved).toBe(false);
    expect(organizerAction(city, mv, issuerForm(cto), DEC_5)).toMatchObject({ ok: true, message: "Đã lưu cài đặt quyết định của Ủy ban nhân dân thành phố Cần Thơ." });
    expect(issuerOf(env.db, mv, cto)).toMatchObject({ signerName: "Trần Việt Trường", certOffsetX: 3, saved: true });
    expect(JSON.stringify(settingsOf(env.db, mv))).toBe(before);

    // Phòng Kinh tế (collective) goes up to the city; Phạm Thị Bích stays at the office.
    const cands = unitDossier(head, mv, DEC_5).units[0].candidates;
    const kt = cands.find((c) => c.schemeId === "giay-khen-tap-the")!.key;
    const bich = cands.find((c) => c.schemeId === "giay-khen-ca-nhan" && c.name === "Phạm Thị Bích")!.key;
    expect(unitAction(head, mv, fd({ intent: "propose", schemeId: "giay-khen-tap-the", candidateKey: kt }), DEC_5)).toMatchObject({ ok: true });
    expect(unitAction(head, mv, fd({ intent: "propose", schemeId: "giay-khen-ca-nhan", candidateKey: bich }), DEC_5)).toMatchObject({ ok: true });
    const ps = unitDossier(head, mv, DEC_5).units[0].proposals;
    for (const p of ps) {
      for (const kind of ["to_trinh", "bao_cao"]) {
        const f = fd({ intent: "upload", proposalId: p.id, kind });
        f.set("file", pdf());
        expect(await uploadDocument(head, mv, f, DEC_5)).toMatchObject({ ok: true });
      }
      expect(unitAction(head, mv, fd({ intent: "send", proposalId: p.id }), DEC_5)).toMatchObject({ ok: true });
      for (const intent of ["receive", "qualify"]) expect(organizerAction(office, mv, fd({ intent, proposalId: p.id }), DEC_5)).toMatchObject({ ok: true });
    }
    const ktP = ps.find((p) => p.name === "Phòng Kinh tế")!;
    const bichP = ps.find((p) => p.name === "Phạm Thị Bích")!;
    expect(organizerAction(office, mv, fd({ intent: "submit", proposalId: bichP.id }), DEC_5)).toMatchObject({ ok: true });
    expect(organizerAction(office, mv, fd({ intent: "forward", proposalId: ktP.id }), JAN_15)).toMatchObject({ ok: true });

    // The office's council decides Bích; the office cannot grant the city's Bằng khen.
    expect(openSession(office, mv, "Họp Hội đồng Văn phòng", JAN_15)).toMatchObject({ ok: true });
    const officeSession = env.db.$client.prepare("SELECT MAX(id) FROM council_sessions").pluck().get() as number;
    closeSession(userOf("0900000032"), ["0900000032", "0900000030", "0900000034"].map(userOf), officeSession, JAN_15);
    const above = createDecision(office, mv, { sessionId: officeSession, form: "bang-khen-chu-tich-ubnd-tinh", date: "2020-01-16", signerName: "Trần Văn Chánh", signerTitle: "CHÁNH VĂN PHÒNG" }, JAN_15);
    expect(above).toEqual({ ok: false, message: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh thuộc thẩm quyền cấp tỉnh, thành phố trực thuộc trung ương: Văn phòng Ủy ban nhân dân thành phố Cần Thơ là cấp cơ sở, không được ban hành quyết định khen thưởng hình thức này." });
    const od = createDecision(office, mv, { sessionId: officeSession, form: "giay-khen-thu-truong", date: "2020-01-16", signerName: "Trần Văn Chánh", signerTitle: "CHÁNH VĂN PHÒNG" }, JAN_15);
    expect(od).toMatchObject({ ok: true, message: expect.stringContaining("1/QĐ-VPUB") });
    // The city decides on its own sessions only.
    expect(createDecision(city, mv, { sessionId: officeSession, form: "bang-khen-chu-tich-ubnd-tinh", date: "2020-01-16", signerName: "X Y Z", signerTitle: "CHỦ TỊCH" }, JAN_15)).toEqual({ ok: false, message: "Không tìm thấy phiên họp." });
    expect(await registerDecision(office, mv, (od as { id: number }).id, pdf(), JAN_15)).toMatchObject({ ok: true });

    // The city: receives, appraises, its own council (3 members) votes, it decides.
    for (const intent of ["receive", "qualify", "submit"]) expect(organizerAction(city, mv, fd({ intent, proposalId: ktP.id }), JAN_15)).toMatchObject({ ok: true });
    for (const [phone, role] of [["0900000036", "chu_tich"], ["0900000032", "thanh_vien"], ["0900000034", "thanh_vien"]]) expect(organizerAction(city, mv, fd({ intent: "member", phone, role }), JAN_15)).toMatchObject({ ok: true });
    expect(openSession(city, mv, "Họp Hội đồng Thi đua – Khen thưởng thành phố", JAN_15)).toMatchObject({ ok: true });
    const citySession = env.db.$client.prepare("SELECT MAX(id) FROM council_sessions").pluck().get() as number;
    expect(sessionView(city, citySession).items.map((i) => i.name)).toEqual(["Phòng Kinh tế"]);
    closeSession(city, [city, userOf("0900000032")], citySession, JAN_15);
    expect(createDecision(city, mv, { sessionId: citySession, form: "giay-khen-thu-truong", date: "2020-01-20", signerName: "Trần Việt Trường", signerTitle: "CHỦ TỊCH" }, JAN_15)).toMatchObject({ ok: false, message: expect.stringContaining("chỉ ban hành quyết định: Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ") });
    const cd = createDecision(city, mv, { sessionId: citySession, form: "bang-khen-chu-tich-ubnd-tinh", date: "2020-01-20", signerName: "Trần Việt Trường", signerTitle: "CHỦ TỊCH" }, JAN_15);
    // Its own register: number 1 of 2020 for the city, beside the office's 1/QĐ-VPUB.
    expect(cd).toMatchObject({ ok: true, message: "Đã lập dự thảo Quyết định số 1/QĐ-UBND (1 tập thể, cá nhân)." });
    const cid = (cd as { id: number }).id;
    expect(decisionView(city, mv, cid).decision).toMatchObject({ number: "1/QĐ-UBND", issuingBody: "Ủy ban nhân dân thành phố Cần Thơ", levelUnitId: cto, formName: "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ" });
    // The office cannot open the city's decision.
    expect(statusOf(() => decisionView(office, mv, cid))).toBe(404);
    const text = (await mammoth.extractRawText({ buffer: (await quyetDinhDoc(city, mv, cid)).body })).value;
    expect(text).toContain("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ");
    expect(text).toContain("Số: 1/QĐ-UBND");
    expect(text).toContain("Phòng Kinh tế");
    expect(text).toContain("Theo đề nghị của Văn phòng Ủy ban nhân dân thành phố Cần Thơ.");
    expect(text).not.toContain("VPUB");

    expect(await registerDecision(city, mv, cid, pdf(), JAN_15)).toMatchObject({ ok: true });
    const history = awardsOfUnit(env.db, unitId("CT-KT"), "all").map((r) => [r.name, r.title, r.level, r.number, r.issuingBody]);
    expect(history).toEqual([
      ["Phạm Thị Bích", "Giấy khen của Thủ trưởng cơ quan", "cơ quan", "1/QĐ-VPUB", "Văn phòng Ủy ban nhân dân thành phố Cần Thơ"],
      ["Phòng Kinh tế", "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ", "tỉnh", "1/QĐ-UBND", "Ủy ban nhân dân thành phố Cần Thơ"],
    ]);
    const cert = certificates(city, mv, cid);
    expect(cert.decision).toMatchObject({ issuingBody: "Ủy ban nhân dân thành phố Cần Thơ", number: "1/QĐ-UBND" });
    expect(cert.layout).toMatchObject({ offsetX: 3, offsetY: -2, place: "Cần Thơ" });
    expect(certificates(office, mv, (od as { id: number }).id).layout).toMatchObject({ offsetX: 0, place: "Cần Thơ" });
  });
});
