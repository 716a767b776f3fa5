import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import { organizerAction, organizerDossiers, unitAction, unitDossier, uploadDocument } from "../../app/awards/dossier.server";
import { findUserByPhone, rolesOf, userWithUnit } from "../../db/account/users";
import { getProposal } from "../../db/awards/queries";
import { getMovementBySlug } from "../../db/emulation/queries";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("awards-forward");
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
const DEC_5 = Date.parse("2019-12-05T03:00:00Z");
const JAN_15 = Date.parse("2020-01-15T03:00:00Z");

describe("seed 004 Cần Thơ: the office's council forwards a dossier to the city, keeping its history", () => {
  it("the office forwards after appraisal; the city's office sees it with every earlier step, the office sees it gone up, the unit sees where it is", async () => {
    const mv = getMovementBySlug(env.db, "can-tho-vp-ubnd-2019")!.id;
    const head = userOf("0900000031");
    const office = userOf("0900000030");
    const city = userOf("0900000036");
    const key = unitDossier(head, mv, DEC_5).units[0].candidates.find((c) => c.schemeId === "giay-khen-tap-the")!.key;
    expect(unitAction(head, mv, fd({ intent: "propose", schemeId: "giay-khen-tap-the", candidateKey: key }), DEC_5)).toMatchObject({ ok: true });
    const id = unitDossier(head, mv, DEC_5).units[0].proposals[0].id;
    for (const kind of ["to_trinh", "bao_cao"]) {
      const f = fd({ intent: "upload", proposalId: id, kind });
      f.set("file", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF")], "ky.pdf"));
      expect(await uploadDocument(head, mv, f, DEC_5)).toMatchObject({ ok: true });
    }
    expect(unitAction(head, mv, fd({ intent: "send", proposalId: id }), DEC_5)).toMatchObject({ ok: true });
    // Before it goes up, the city's office works at its own level, where nothing is yet.
    expect(organizerDossiers(city, mv, DEC_5)).toMatchObject({ levelName: "Ủy ban nhân dân thành phố Cần Thơ", proposals: [] });
    // Not yet appraised: it cannot go up.
    expect(organizerAction(office, mv, fd({ intent: "forward", proposalId: id }), DEC_5)).toMatchObject({ ok: false });
    for (const intent of ["receive", "qualify"]) expect(organizerAction(office, mv, fd({ intent, proposalId: id }), DEC_5)).toMatchObject({ ok: true });
    const here = organizerDossiers(office, mv, JAN_15).proposals.find((p) => p.id === id)!;
    expect(here.forwardTo).toBe("Ủy ban nhân dân thành phố Cần Thơ");
    expect(organizerDossiers(office, mv, JAN_15).nextDeadlines).toEqual([{ label: "Hội đồng gửi hồ sơ đề nghị về thành phố", date: "2020-01-20", daysLeft: 5 }]);
    expect(organizerAction(office, mv, fd({ intent: "forward", proposalId: id }), JAN_15)).toMatchObject({ ok: true, message: "Chuyển lên cấp trên: Phòng Kinh tế." });

    const cto = env.db.$client.prepare("SELECT id FROM units WHERE code = 'CTO'").pluck().get() as number;
    expect(getProposal(env.db, id)).toMatchObject({ state: "da_gui", levelUnitId: cto });
    // The city: the dossier with its whole route, from the unit's draft to the office's forward.
    const up = organizerDossiers(city, mv, JAN_15);
    expect(up.levelName).toBe("Ủy ban nhân dân thành phố Cần Thơ");
    const there = up.proposals.find((p) => p.id === id)!;
    expect(there.events.map((e) => [e.to, e.level])).toEqual([
      ["Lập hồ sơ nháp", "Phòng Hành chính – Tổ chức"],
      ["Đã gửi", "Phòng Hành chính – Tổ chức"],
      ["Đã tiếp nhận", "Phòng Hành chính – Tổ chức"],
      ["Đủ điều kiện", "Phòng Hành chính – Tổ chức"],
      ["Chuyển lên cấp trên — đã gửi", "Ủy ban nhân dân thành phố Cần Thơ"],
    ]);
    expect(there.documents.map((d) => d.kind).sort()).toEqual(["bao_cao", "to_trinh"]);
    expect(there.actions.map((a) => a.action)).toEqual(["receive", "return"]);
    // The city's office works at its own level only: the office's other dossiers are not on its page.
    expect(up.proposals.every((p) => p.levelName === "Ủy ban nhân dân thành phố Cần Thơ")).toBe(true);
    // The office: no longer its to act on, listed as gone up with where it is now.
    const below = organizerDossiers(office, mv, JAN_15);
    expect(below.proposals.some((p) => p.id === id)).toBe(false);
    expect(below.forwarded.map((p) => [p.name, p.levelName, p.stateLabel])).toEqual([["Phòng Kinh tế", "Ủy ban nhân dân thành phố Cần Thơ", "Đã gửi"]]);
    expect(organizerAction(office, mv, fd({ intent: "return", proposalId: id, reason: "Thử trả lại" }), JAN_15)).toMatchObject({ ok: false, message: "Không tìm thấy hồ sơ." });
    expect(organizerAction(city, mv, fd({ intent: "receive", proposalId: id }), JAN_15)).toMatchObject({ ok: true });
    expect(unitDossier(head, mv, JAN_15).units[0].proposals[0]).toMatchObject({ stateLabel: "Đã tiếp nhận", levelName: "Ủy ban nhân dân thành phố Cần Thơ" });
    // No level above the city: it cannot go further.
    expect(organizerAction(city, mv, fd({ intent: "qualify", proposalId: id }), JAN_15)).toMatchObject({ ok: true });
    expect(organizerDossiers(city, mv, JAN_15).proposals.find((p) => p.id === id)!.canForward).toBe(false);
    expect(organizerAction(city, mv, fd({ intent: "forward", proposalId: id }), JAN_15)).toMatchObject({ ok: false, message: "Không có cấp trên để chuyển hồ sơ." });
    const inbox = env.db.$client.prepare("SELECT title FROM notifications WHERE user_id = ?").pluck().all(city.id);
    expect(inbox).toContain("Hồ sơ đề nghị khen thưởng chuyển lên: Phòng Kinh tế");
  });
});
