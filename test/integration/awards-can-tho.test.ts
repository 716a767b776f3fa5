import path from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import { openSession, sessionAction, sessionView } from "../../app/awards/council.server";
import { createDecision, registerDecision } from "../../app/awards/decisions.server";
import { baoCaoDoc } from "../../app/awards/documents.server";
import { organizerAction, unitAction, unitDossier, uploadDocument } from "../../app/awards/dossier.server";
import { findUserByPhone, rolesOf, userWithUnit } from "../../db/account/users";
import { awardsOfUnit } from "../../db/awards/queries";
import { getMovementBySlug } from "../../db/emulation/queries";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("awards-can-tho");
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

describe("seed 004 Cần Thơ: per-unit quota, open ballot with a two-thirds pass mark", () => {
  it("refuses a third person of Phòng Kinh tế (quota 2 per unit) and fills Bích's report with her initiative", async () => {
    const mv = getMovementBySlug(env.db, "can-tho-vp-ubnd-2019")!.id;
    const head = userOf("0900000031");
    const d = unitDossier(head, mv, DEC_5);
    const people = d.units[0].candidates.filter((c) => c.schemeId === "giay-khen-ca-nhan");
    const key = (name: string) => people.find((c) => c.name === name)!.key;
    for (const n of ["Phạm Thị Bích", "Võ Thị Cúc"]) expect(unitAction(head, mv, fd({ intent: "propose", schemeId: "giay-khen-ca-nhan", candidateKey: key(n) }), DEC_5)).toMatchObject({ ok: true });
    expect(people.find((c) => c.name === "Lê Văn An")!.standing).toBe("over_quota");
    expect(unitAction(head, mv, fd({ intent: "propose", schemeId: "giay-khen-ca-nhan", candidateKey: key("Lê Văn An") }), DEC_5)).toMatchObject({ ok: false, message: expect.stringContaining("tối đa 2") });

    const proposals = unitDossier(head, mv, DEC_5).units[0].proposals;
    const bich = proposals.find((p) => p.name === "Phạm Thị Bích")!;
    const report = (await mammoth.extractRawText({ buffer: (await baoCaoDoc(head, bich.id)).body })).value;
    expect(report).toContain("Họ và tên: Phạm Thị Bích. Giới tính: Nữ.");
    expect(report).toContain('"Mẫu hóa tờ trình kinh tế" (phạm vi cơ sở, Hội đồng Sáng kiến Văn phòng UBND thành phố)');
    expect(report).not.toContain("Bảng theo dõi văn bản đến hạn");
    expect(report).toContain("VĂN PHÒNG UBND THÀNH PHỐ CẦN THƠ");

    for (const p of proposals) {
      for (const kind of ["to_trinh", "bao_cao"]) {
        const f = fd({ intent: "upload", proposalId: p.id, kind });
        f.set("file", pdf());
        expect(await uploadDocument(head, mv, f, DEC_5)).toMatchObject({ ok: true });
      }
      expect(unitAction(head, mv, fd({ intent: "send", proposalId: p.id }), DEC_5)).toMatchObject({ ok: true });
    }
    const org = userOf("0900000030");
    for (const p of proposals) for (const intent of ["receive", "qualify", "submit"]) expect(organizerAction(org, mv, fd({ intent, proposalId: p.id }), DEC_5)).toMatchObject({ ok: true });
    expect(openSession(org, mv, "Họp Hội đồng xét thi đua, khen thưởng Văn phòng", DEC_5)).toMatchObject({ ok: true, message: expect.stringContaining("biểu quyết công khai") });
    const sessionId = env.db.$client.prepare("SELECT MAX(id) FROM council_sessions").pluck().get() as number;
    const members = ["0900000032", "0900000030", "0900000034", "0900000035"].map(userOf);
    const items = sessionView(members[0], sessionId).items;
    const bichItem = items.find((i) => i.name === "Phạm Thị Bích")!;
    const cucItem = items.find((i) => i.name === "Võ Thị Cúc")!;
    members.forEach((m, i) => {
      sessionAction(m, sessionId, fd({ intent: "vote", itemId: bichItem.id, choice: i < 3 ? "dong_y" : "khong_dong_y" }), DEC_5);
      sessionAction(m, sessionId, fd({ intent: "vote", itemId: cucItem.id, choice: i < 2 ? "dong_y" : "khong_dong_y" }), DEC_5);
    });
    // An open ballot keeps each member's choice, shown once the session is closed.
    expect(env.db.$client.prepare("SELECT COUNT(*) FROM council_open_votes").pluck().get()).toBe(8);
    expect(sessionView(members[2], sessionId).items[0].openChoices).toEqual([]);
    expect(sessionAction(members[0], sessionId, fd({ intent: "close" }), DEC_5)).toMatchObject({ ok: true, message: expect.stringContaining("1/2") });
    const after = sessionView(members[2], sessionId).items;
    expect(after.find((i) => i.name === "Phạm Thị Bích")!.tally).toMatchObject({ yes: 3, passed: true });
    // 2 of 4 is short of two thirds (3).
    expect(after.find((i) => i.name === "Võ Thị Cúc")!.tally).toMatchObject({ yes: 2, passed: false, text: expect.stringContaining("cần từ hai phần ba tổng số thành viên, tức 3") });
    expect(after.find((i) => i.name === "Phạm Thị Bích")!.openChoices).toContainEqual({ name: "Châu Văn Tổng", choice: "Không đồng ý" });

    const r = createDecision(org, mv, { sessionId, form: "giay-khen-thu-truong", date: "2019-12-20", signerName: "Trần Văn Chánh", signerTitle: "CHÁNH VĂN PHÒNG" }, DEC_5);
    expect(r).toMatchObject({ ok: true, message: expect.stringContaining("1/QĐ-VPUB") });
    expect(await registerDecision(org, mv, (r as { id: number }).id, pdf(), DEC_5)).toMatchObject({ ok: true });
    const kt = env.db.$client.prepare("SELECT id FROM units WHERE code = 'CT-KT'").pluck().get() as number;
    expect(awardsOfUnit(env.db, kt, "all").map((a) => [a.name, a.title])).toEqual([["Phạm Thị Bích", "Giấy khen của Thủ trưởng cơ quan"]]);
  });
});
