import path from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import { openSession, sessionAction, sessionView } from "../../app/awards/council.server";
import { bienBanDoc } from "../../app/awards/documents.server";
import { organizerAction, organizerDossiers, unitAction, unitDossier, uploadDocument } from "../../app/awards/dossier.server";
import { findUserByPhone, rolesOf, userWithUnit } from "../../db/account/users";
import { ballotOf, settingsOf } from "../../db/awards/queries";
import { getMovementBySlug } from "../../db/emulation/queries";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("awards-level-ballot");
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
const issuer = { issuingBody: "Ủy ban nhân dân thành phố Cần Thơ", issuingParent: "", symbol: "UBND", place: "Cần Thơ", signerTitle: "CHỦ TỊCH", signerName: "Trần Việt Trường", certOffsetX: 0, certOffsetY: 0 };
const levelForm = (levelUnitId: number, o: Record<string, string | number> = {}) => fd({ intent: "issuer", levelUnitId, ...issuer, ...o });
const movementForm = (o: Record<string, string | number>) =>
  fd({ intent: "settings", deadline: "10/12/2019", issuingBody: "Văn phòng Ủy ban nhân dân thành phố Cần Thơ", issuingParent: "Ủy ban nhân dân thành phố Cần Thơ", symbol: "VPUB", place: "Cần Thơ", signerTitle: "CHÁNH VĂN PHÒNG", certOffsetX: 0, certOffsetY: 0, ...o });
const statusOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof Response ? e.status : -1;
  }
  return 200;
};
const count = (sql: string, ...args: unknown[]) => env.db.$client.prepare(sql).pluck().get(...args) as number;

describe("seed 004 Cần Thơ: each deciding level's council votes by its own ballot", () => {
  it("keeps the ballot to the level's organizer, opens each session with its level's rules and keeps them, and a secret ballot leaves only the tally and who voted", async () => {
    const mv = getMovementBySlug(env.db, "can-tho-vp-ubnd-2019")!.id;
    const head = userOf("0900000031");
    const office = userOf("0900000030");
    const city = userOf("0900000036");
    const unitId = (code: string) => count("SELECT id FROM units WHERE code = ?", code);
    const cto = unitId("CTO");
    const hctc = unitId("CT-HCTC");

    // The office (the movement's level) moves to "more than half"; the city, with no ballot of its own, follows.
    expect(organizerAction(office, mv, movementForm({ ballotMode: "open", passMark: "more_than_half", quorum: "more_than_half" }), DEC_5)).toMatchObject({ ok: true });
    expect(ballotOf(env.db, mv, hctc)).toEqual({ mode: "open", passMark: "more_than_half", quorum: "more_than_half", own: true });
    expect(ballotOf(env.db, mv, cto)).toEqual({ mode: "open", passMark: "more_than_half", quorum: "more_than_half", own: false });
    expect(organizerDossiers(city, mv, DEC_5).ballot).toMatchObject({ passMark: "more_than_half", own: false });

    // Scope: the office cannot set the city's ballot, nor the city the office's or the movement's.
    const movementBefore = JSON.stringify(settingsOf(env.db, mv));
    const cityBallot = { ballotMode: "secret", passMark: "two_thirds", quorum: "more_than_half" };
    expect(statusOf(() => organizerAction(office, mv, levelForm(cto, cityBallot), DEC_5))).toBe(403);
    expect(statusOf(() => organizerAction(city, mv, levelForm(hctc, cityBallot), DEC_5))).toBe(403);
    expect(statusOf(() => organizerAction(city, mv, movementForm(cityBallot), DEC_5))).toBe(403);
    expect(ballotOf(env.db, mv, cto).own).toBe(false);
    expect(JSON.stringify(settingsOf(env.db, mv))).toBe(movementBefore);

    // Bad input: a Vietnamese message, nothing saved.
    expect(organizerAction(city, mv, levelForm(cto, { ...cityBallot, passMark: "one_third" }), DEC_5)).toEqual({ ok: false, message: "Tiêu chuẩn thông qua phải là quá nửa hoặc từ hai phần ba tổng số thành viên." });
    expect(organizerAction(city, mv, levelForm(cto, { ...cityBallot, quorum: "all" }), DEC_5)).toEqual({ ok: false, message: "Số thành viên tối thiểu tham gia biểu quyết phải là quá nửa hoặc từ hai phần ba tổng số thành viên." });
    expect(organizerAction(city, mv, levelForm(cto, { ballotMode: "secret" }), DEC_5)).toMatchObject({ ok: false, message: expect.stringContaining("Chọn đủ hình thức biểu quyết") });
    expect(count("SELECT COUNT(*) FROM award_level_settings")).toBe(0);
    const audits = () => count("SELECT COUNT(*) FROM audit_log WHERE action = 'awards.level_settings'");
    expect(audits()).toBe(0);

    // The city chooses a secret ballot passed by two thirds; audited with the before and after.
    expect(organizerAction(city, mv, levelForm(cto, cityBallot), DEC_5)).toMatchObject({ ok: true });
    expect(ballotOf(env.db, mv, cto)).toEqual({ mode: "secret", passMark: "two_thirds", quorum: "more_than_half", own: true });
    expect(ballotOf(env.db, mv, hctc)).toMatchObject({ mode: "open", passMark: "more_than_half" });
    const detail = JSON.parse(env.db.$client.prepare("SELECT detail FROM audit_log WHERE action = 'awards.level_settings' ORDER BY id DESC").pluck().get() as string);
    expect(detail).toMatchObject({ movementId: mv, ballotBefore: { mode: "open", passMark: "more_than_half", quorum: "more_than_half" }, ballot: { mode: "secret", passMark: "two_thirds", quorum: "more_than_half" } });
    // Saving the issuer alone keeps the level's ballot.
    expect(organizerAction(city, mv, levelForm(cto, { signerName: "Lê Quang Mạnh" }), DEC_5)).toMatchObject({ ok: true });
    expect(ballotOf(env.db, mv, cto)).toMatchObject({ mode: "secret", passMark: "two_thirds", own: true });

    // Phòng Kinh tế goes up to the city; Phạm Thị Bích stays at the office.
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

    // The office's session: open ballot, more than half of its 4 members (3 of 4 pass).
    expect(openSession(office, mv, "Họp Hội đồng Văn phòng", JAN_15)).toMatchObject({ ok: true, message: expect.stringContaining("biểu quyết công khai, thông qua khi được quá nửa tổng số thành viên đồng ý") });
    const officeSession = count("SELECT MAX(id) FROM council_sessions");
    const chanh = userOf("0900000032");
    expect(sessionView(chanh, officeSession).session).toMatchObject({ mode: "open", passMark: "quá nửa tổng số thành viên", memberCount: 4 });

    // The city's council of 5: two thirds is 4 "đồng ý"; 3 of 5 would pass by more than half, not here.
    for (const [phone, role] of [["0900000036", "chu_tich"], ["0900000032", "thanh_vien"], ["0900000034", "thanh_vien"], ["0900000035", "thanh_vien"], ["0900000030", "thu_ky"]]) expect(organizerAction(city, mv, fd({ intent: "member", phone, role }), JAN_15)).toMatchObject({ ok: true });
    for (const intent of ["receive", "qualify", "submit"]) expect(organizerAction(city, mv, fd({ intent, proposalId: ktP.id }), JAN_15)).toMatchObject({ ok: true });
    expect(openSession(city, mv, "Họp Hội đồng Thi đua – Khen thưởng thành phố", JAN_15)).toMatchObject({ ok: true, message: expect.stringContaining("bỏ phiếu kín, thông qua khi được từ hai phần ba tổng số thành viên đồng ý") });
    const citySession = count("SELECT MAX(id) FROM council_sessions");
    expect(citySession).not.toBe(officeSession);

    // The city relaxes its settings after opening: the open session keeps the rules it was opened with.
    expect(organizerAction(city, mv, levelForm(cto, { ballotMode: "open", passMark: "more_than_half", quorum: "more_than_half" }), JAN_15)).toMatchObject({ ok: true });
    expect(ballotOf(env.db, mv, cto)).toMatchObject({ mode: "open", passMark: "more_than_half" });
    const item = sessionView(city, citySession).items[0];
    for (const [phone, choice] of [["0900000036", "dong_y"], ["0900000032", "dong_y"], ["0900000034", "dong_y"], ["0900000035", "khong_dong_y"]])
      expect(sessionAction(userOf(phone), citySession, fd({ intent: "vote", itemId: item.id, choice }), JAN_15)).toMatchObject({ ok: true });
    expect(sessionAction(city, citySession, fd({ intent: "close" }), JAN_15)).toMatchObject({ ok: true });
    const view = sessionView(city, citySession);
    expect(view.session).toMatchObject({ mode: "secret", passMark: "từ hai phần ba tổng số thành viên", quorum: "quá nửa tổng số thành viên", memberCount: 5 });
    expect(view.items[0].name).toBe("Phòng Kinh tế");
    expect(env.db.$client.prepare("SELECT yes, no, passed FROM council_items WHERE session_id = ?").get(citySession)).toEqual({ yes: 3, no: 1, passed: 0 });
    expect(env.db.$client.prepare("SELECT result_text FROM council_items WHERE session_id = ?").pluck().get(citySession)).toContain("không đạt (cần từ hai phần ba tổng số thành viên, tức 4)");

    // Secret: who voted and the tally, nothing that says how anyone voted.
    expect(count("SELECT COUNT(*) FROM council_voters WHERE item_id = ?", item.id)).toBe(4);
    expect(count("SELECT COUNT(*) FROM council_open_votes WHERE item_id = ?", item.id)).toBe(0);

    // The minutes carry the session's rules, not the settings of today.
    const text = (await mammoth.extractRawText({ buffer: (await bienBanDoc(city, citySession)).body })).value;
    expect(text).toContain("từ hai phần ba tổng số thành viên");
    expect(text).toContain("bỏ phiếu kín");
    expect(text).not.toContain("quá nửa tổng số thành viên đồng ý");
  });
});
