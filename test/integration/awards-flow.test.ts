import path from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import { sessionAction, sessionView, openSession } from "../../app/awards/council.server";
import { certificates, createDecision, registerDecision } from "../../app/awards/decisions.server";
import { baoCaoDoc, bienBanDoc, quyetDinhDoc, toTrinhDoc } from "../../app/awards/documents.server";
import { organizerAction, organizerDossiers, unitAction, unitDossier, uploadDocument } from "../../app/awards/dossier.server";
import { findUserByPhone, rolesOf, userWithUnit } from "../../db/account/users";
import { awardsOfPerson, awardsOfUnit, getProposal } from "../../db/awards/queries";
import { movementInputs } from "../../db/emulation/inputs";
import { getMovementBySlug } from "../../db/emulation/queries";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("awards-flow");
beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.parse("2026-01-05T02:00:00Z"), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

function userOf(phone: string): CurrentUser {
  const u = findUserByPhone(env.db, phone)!;
  const row = userWithUnit(env.db, u.id)!;
  return { id: u.id, fullName: u.fullName, phone: u.phone, unitId: u.unitId, unitName: row.unitName, position: u.position, roles: rolesOf(env.db, u.id) };
}
const fd = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};
const pdf = (name = "ban-ky.pdf") => new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF")], name, { type: "application/pdf" });
const upload = (proposalId: number, kind: string, file: File, reason?: string) => {
  const f = fd({ intent: "upload", proposalId, kind, ...(reason ? { reason } : {}) });
  f.set("file", file);
  return f;
};
const text = async (buf: Buffer) => (await mammoth.extractRawText({ buffer: buf })).value;
const unitIdOf = (code: string) => env.db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number;

const JAN_10 = Date.parse("2026-01-10T03:00:00Z");
const JAN_16 = Date.parse("2026-01-16T03:00:00Z");

describe("seed 000 Tuy Phước: from the qualified list to a registered decision", () => {
  let mv: number;
  let head: CurrentUser, organizer: CurrentUser, chair: CurrentUser, lan: CurrentUser;
  let members: CurrentUser[];
  let proposalId: number;
  let sessionId: number;

  beforeAll(() => {
    mv = getMovementBySlug(env.db, "tuy-phuoc-2021-2025")!.id;
    head = userOf("0900000021");
    organizer = userOf("0900000020");
    chair = userOf("0900000022");
    lan = userOf("0900000026");
    members = ["0900000022", "0900000023", "0900000024", "0900000025"].map(userOf);
  });

  it("the unit sees its candidates with their standing and the reasons of unmet criteria", () => {
    const d = unitDossier(head, mv, JAN_10);
    expect(d.deadline).toBe("2026-01-15");
    expect(d.daysLeft).toBe(5);
    const ps = d.units[0];
    expect(ps.name).toBe("Xã Phước Sơn");
    const yearly = ps.candidates.find((c) => c.schemeId === "gk-tap-the-hang-nam")!;
    expect(yearly.standing).toBe("selected");
    expect(() => unitDossier(userOf("0900000003"), mv)).toThrow();
  });

  it("proposes within the quota, refuses a second proposal of the same candidate and someone else's unit", () => {
    const ps = unitIdOf("TPH-PS");
    const r = unitAction(head, mv, fd({ intent: "propose", schemeId: "gk-tap-the-hang-nam", candidateKey: `unit:${ps}` }), JAN_10);
    expect(r).toMatchObject({ ok: true });
    expect(unitAction(head, mv, fd({ intent: "propose", schemeId: "gk-tap-the-hang-nam", candidateKey: `unit:${ps}` }), JAN_10)).toMatchObject({ ok: false, message: "Ứng viên này đã có hồ sơ đề nghị." });
    expect(() => unitAction(head, mv, fd({ intent: "propose", schemeId: "gk-tap-the-hang-nam", candidateKey: `unit:${unitIdOf("TPH-TT")}` }), JAN_10)).toThrow();
    proposalId = unitDossier(head, mv, JAN_10).units[0].proposals[0].id;
    const audit = env.db.$client.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'awards.proposal.create'").pluck().get();
    expect(audit).toBe(1);
  });

  it("the generated Báo cáo thành tích carries the unit's figures (headcount, women, index and rank) and NĐ 152/2025", async () => {
    const doc = await baoCaoDoc(head, proposalId);
    const t = await text(doc.body);
    expect(t).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(t).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(t).toContain("BÁO CÁO THÀNH TÍCH");
    expect(t).toContain("Nghị định số 152/2025/NĐ-CP");
    expect(t).not.toMatch(/98\/2023|91\/2017/);
    expect(t).toContain("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH");
    expect(t).toContain("Tổng số cán bộ, công chức, viên chức, người lao động: 22 người; trong đó nữ: 9 người (41%)");
    expect(t).toContain("Chỉ số cải cách hành chính năm 2025 của Xã Phước Sơn: 96,5 điểm");
    expect(t).toMatch(/xếp hạng 1\/\d+/);
    expect(t).toContain("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG");
    const tt = await text((await toTrinhDoc(head, mv, unitIdOf("TPH-PS"), "gk-tap-the-hang-nam")).body);
    expect(tt).toContain("TỜ TRÌNH");
    expect(tt).toContain("Kính gửi: Ủy ban nhân dân huyện Tuy Phước (qua Phòng Nội vụ huyện Tuy Phước)");
    expect(tt).toContain("Luật Thi đua, khen thưởng số 06/2022/QH15");
    expect(tt).toContain("Xã Phước Sơn");
  });

  it("refuses to send without the signed documents, and refuses a file that is not PDF or Word", async () => {
    expect(unitAction(head, mv, fd({ intent: "send", proposalId }), JAN_10)).toMatchObject({ ok: false });
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], "to-trinh.pdf");
    expect(await uploadDocument(head, mv, upload(proposalId, "to_trinh", exe), JAN_10)).toMatchObject({ ok: false, message: "Chỉ nhận tệp PDF hoặc Word (.pdf, .docx, .doc)." });
    expect(await uploadDocument(head, mv, upload(proposalId, "to_trinh", pdf("to-trinh-ky.pdf")), JAN_10)).toMatchObject({ ok: true });
    const docx = await baoCaoDoc(head, proposalId);
    expect(await uploadDocument(head, mv, upload(proposalId, "bao_cao", new File([new Uint8Array(docx.body)], "bao-cao.docx")), JAN_10)).toMatchObject({ ok: true });
    expect(unitAction(head, mv, fd({ intent: "send", proposalId }), JAN_10)).toMatchObject({ ok: true });
    expect(getProposal(env.db, proposalId)!.state).toBe("da_gui");
  });

  it("after the deadline a dossier is refused until the organizer reopens it for the unit (audited)", async () => {
    const ps = unitIdOf("TPH-PS");
    const lanKey = unitDossier(head, mv, JAN_16).units[0].candidates.find((c) => c.schemeId === "gk-ca-nhan-hang-nam")!.key;
    expect(unitAction(head, mv, fd({ intent: "propose", schemeId: "gk-ca-nhan-hang-nam", candidateKey: lanKey }), JAN_16)).toMatchObject({ ok: true });
    const lanProposal = unitDossier(head, mv, JAN_16).units[0].proposals.find((p) => p.schemeCode === "gk-ca-nhan-hang-nam")!.id;
    await uploadDocument(head, mv, upload(lanProposal, "to_trinh", pdf()), JAN_16);
    await uploadDocument(head, mv, upload(lanProposal, "bao_cao", pdf()), JAN_16);
    expect(unitAction(head, mv, fd({ intent: "send", proposalId: lanProposal }), JAN_16)).toMatchObject({ ok: false, message: expect.stringContaining("quá hạn") });
    const o = organizerDossiers(organizer, mv, JAN_16);
    expect(o.daysLeft).toBe(-1);
    expect(o.notSent.map((u) => u.name)).toContain("Thị trấn Tuy Phước");
    expect(o.notSent.map((u) => u.name)).not.toContain("Xã Phước Sơn");
    expect(organizerAction(organizer, mv, fd({ intent: "reopen", unitId: ps, until: "20/01/2026", reason: "Xã bổ sung hồ sơ cá nhân" }), JAN_16)).toMatchObject({ ok: true });
    expect(env.db.$client.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'awards.reopen'").pluck().get()).toBe(1);
    expect(unitAction(head, mv, fd({ intent: "send", proposalId: lanProposal }), JAN_16)).toMatchObject({ ok: true });
    const p = getProposal(env.db, lanProposal)!;
    expect(p.personUserId).toBe(lan.id);
  });

  it("the organizer returns with a reason only, receives, appraises and submits to the council", () => {
    expect(organizerAction(organizer, mv, fd({ intent: "return", proposalId }), JAN_16)).toMatchObject({ ok: false, message: "Ghi rõ lý do (ít nhất 5 ký tự)." });
    expect(() => organizerAction(head, mv, fd({ intent: "receive", proposalId }), JAN_16)).toThrow();
    for (const intent of ["receive", "qualify", "submit"]) {
      for (const id of [proposalId, unitDossier(head, mv, JAN_16).units[0].proposals.find((p) => p.schemeCode === "gk-ca-nhan-hang-nam")!.id]) {
        expect(organizerAction(organizer, mv, fd({ intent, proposalId: id }), JAN_16)).toMatchObject({ ok: true });
      }
    }
    expect(getProposal(env.db, proposalId)!.state).toBe("trinh_hoi_dong");
  });

  it("a secret ballot stores who voted and the tally, never a member's choice; the chair closes with the result", () => {
    expect(openSession(organizer, mv, "Phiên họp xét khen thưởng năm 2025", JAN_16)).toMatchObject({ ok: true });
    const mine = sessionView(members[1], (sessionId = env.db.$client.prepare("SELECT MAX(id) FROM council_sessions").pluck().get() as number));
    expect(mine.session.modeLabel).toBe("Bỏ phiếu kín");
    expect(mine.items).toHaveLength(2);
    const items = ["Xã Phước Sơn", "Nguyễn Thị Lan"].map((n) => mine.items.find((i) => i.name === n)!);
    const choices = [["dong_y", "dong_y"], ["dong_y", "khong_dong_y"], ["khong_dong_y", "khong_dong_y"], ["dong_y", "dong_y"]];
    members.forEach((m, i) => items.forEach((it, j) => expect(sessionAction(m, sessionId, fd({ intent: "vote", itemId: it.id, choice: choices[i][j] }), JAN_16)).toMatchObject({ ok: true })));
    expect(sessionAction(members[0], sessionId, fd({ intent: "vote", itemId: items[0].id, choice: "khong_dong_y" }), JAN_16)).toMatchObject({ ok: false });
    // Nothing anywhere ties a member to a choice.
    expect(env.db.$client.prepare("SELECT COUNT(*) FROM council_open_votes").pluck().get()).toBe(0);
    const voteAudit = env.db.$client.prepare("SELECT detail FROM audit_log WHERE action = 'awards.vote'").pluck().all() as string[];
    expect(voteAudit).toHaveLength(8);
    expect(voteAudit.join()).not.toMatch(/dong_y/);
    expect(sessionView(members[2], sessionId).items.every((i) => i.tally === null)).toBe(true);
    expect(() => sessionAction(members[1], sessionId, fd({ intent: "close" }), JAN_16)).toThrow();
    expect(sessionAction(chair, sessionId, fd({ intent: "close" }), JAN_16)).toMatchObject({ ok: true });
    const closed = ["Xã Phước Sơn", "Nguyễn Thị Lan"].map((n) => sessionView(chair, sessionId).items.find((i) => i.name === n)!);
    expect(closed[0].tally).toMatchObject({ yes: 3, no: 1, passed: true });
    // Lan: 2 of 4 is not more than half of the members.
    expect(closed[1].tally).toMatchObject({ yes: 2, no: 2, passed: false });
    expect(getProposal(env.db, env.db.$client.prepare("SELECT proposal_id FROM council_items WHERE id = ?").pluck().get(closed[1].id) as number)!.state).toBe("khong_khen_thuong");
  });

  it("the minutes hold each vote's result", async () => {
    const t = await text((await bienBanDoc(chair, sessionId)).body);
    expect(t).toContain("BIÊN BẢN");
    expect(t).toContain("bỏ phiếu kín");
    expect(t).toContain("4/4 thành viên");
    expect(t).toContain("Thông qua.");
    expect(t).toContain("Không thông qua.");
  });

  it("the decision is numbered, generated with its annex, and registered with the signed copy; awards join the histories", async () => {
    const r = createDecision(organizer, mv, { sessionId, form: "giay-khen-chu-tich-ubnd-huyen", date: "2026-01-20", signerName: "Nguyễn Văn Thiện", signerTitle: "CHỦ TỊCH" }, JAN_16);
    expect(r).toMatchObject({ ok: true, message: expect.stringContaining("1/QĐ-UBND") });
    const decisionId = (r as { id: number }).id;
    const t = await text((await quyetDinhDoc(organizer, mv, decisionId)).body);
    expect(t).toContain("Số: 1/QĐ-UBND");
    expect(t).toContain("Tuy Phước, ngày 20 tháng 01 năm 2026");
    expect(t).toContain("ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC");
    expect(t).toContain("Kèm theo Quyết định số 1/QĐ-UBND ngày 20/01/2026");
    expect(t).toContain("Xã Phước Sơn");
    expect(t).not.toContain("Nguyễn Thị Lan");
    expect(() => certificates(organizer, mv, decisionId)).toThrow();
    expect(await registerDecision(organizer, mv, decisionId, pdf("qd-ky.pdf"), JAN_16)).toMatchObject({ ok: true });
    expect(await registerDecision(organizer, mv, decisionId, pdf("qd-ky.pdf"), JAN_16)).toMatchObject({ ok: false });
    expect(getProposal(env.db, proposalId)!.state).toBe("da_khen_thuong");
    const ps = unitIdOf("TPH-PS");
    expect(awardsOfUnit(env.db, ps).map((a) => [a.title, a.year, a.number])).toEqual([["Giấy khen của Chủ tịch Ủy ban nhân dân huyện", 2025, "1/QĐ-UBND"]]);
    expect(awardsOfPerson(env.db, lan.id)).toEqual([]);
    // The emulation's past-titles reader now sees the award.
    const titles = movementInputs(env.db, mv)!.data.titles;
    expect(titles).toContainEqual({ candidateKey: `unit:${ps}`, year: 2025, title: "Giấy khen của Chủ tịch Ủy ban nhân dân huyện" });
    expect(certificates(organizer, mv, decisionId).awards.map((a) => a.name)).toEqual(["Xã Phước Sơn"]);
    // The next report lists it in part III.
    const next = await text((await baoCaoDoc(head, proposalId)).body);
    expect(next).toContain("Giấy khen của Chủ tịch Ủy ban nhân dân huyện");
  });

  it("a document registered with the decision cannot be replaced, only superseded with a reason", async () => {
    expect(await uploadDocument(head, mv, upload(proposalId, "bao_cao", pdf()), JAN_16)).toMatchObject({ ok: false, message: expect.stringContaining("không thể thay") });
    expect(await uploadDocument(head, mv, upload(proposalId, "bao_cao", pdf(), "Bản ký lại do sai chức danh người ký"), JAN_16)).toMatchObject({ ok: true });
    const rows = env.db.$client.prepare("SELECT registered_decision_id AS reg, superseded_by_id AS sup, supersede_reason AS why FROM award_documents WHERE proposal_id = ? AND kind = 'bao_cao' ORDER BY id").all(proposalId) as { reg: number | null; sup: number | null; why: string | null }[];
    expect(rows).toHaveLength(2);
    expect(rows[0].reg).not.toBeNull();
    expect(rows[0].sup).not.toBeNull();
    expect(rows[0].why).toBe("Bản ký lại do sai chức danh người ký");
  });
});

describe("the audit log of the awards", () => {
  it("labels every action the flow wrote", async () => {
    const { auditActionText } = await import("../../app/core/organizer/audit-text");
    const rows = env.db.$client.prepare("SELECT DISTINCT action, entity FROM audit_log WHERE action LIKE 'awards.%'").all() as { action: string; entity: string }[];
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => auditActionText(r.action, r.entity).startsWith("Thao tác khác"))).toEqual([]);
  });
});
