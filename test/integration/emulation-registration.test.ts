import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import { evidenceFileFor, memberMovement, organizerAction, organizerMovement, parentAction, saveDeclaration, saveRegistration } from "../../app/emulation/movements.server";
import { filesDir } from "../../app/organizer/organizer.server";
import { findUserByPhone, rolesOf, userWithUnit } from "../../db/account/users";
import { movementInputs } from "../../db/emulation/inputs";
import { getMovementBySlug, registrationOf } from "../../db/emulation/queries";
import { sweepNotices } from "../../db/emulation/notices";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/**
 * The demo commune's movement (content/emulation/xa-minh-hoa-2026.yaml): Điểm phục vụ số 2 registers and
 * backs a criterion with a PDF; the head of the Trung tâm above it returns the registration, then approves
 * it; the organizer has the last word. Scope, file type and size are checked on the server, with Vietnamese
 * messages and nothing changed.
 */

const env = useFreshDatabase("emulation-registration");
const NOW = Date.parse("2026-12-01T03:00:00Z");
beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: NOW, hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

function userOf(phone: string): CurrentUser {
  const u = findUserByPhone(env.db, phone)!;
  const row = userWithUnit(env.db, u.id)!;
  return { id: u.id, fullName: u.fullName, phone: u.phone, unitId: u.unitId, unitName: row.unitName, position: u.position, roles: rolesOf(env.db, u.id) };
}
const fd = (o: Record<string, string | number | string[]>, file?: File) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v)) for (const x of v) f.append(k, x);
    else f.set(k, String(v));
  }
  if (file) f.set("file", file);
  return f;
};
const unitIdOf = (code: string) => env.db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number;
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const inbox = (userId: number) => env.db.$client.prepare("SELECT kind, title, body FROM notifications WHERE user_id = ? ORDER BY id").all(userId) as { kind: string; title: string; body: string }[];
const status = (f: () => unknown): number => {
  try {
    f();
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
  return 200;
};
const evidenceOnDisk = () => fs.readdirSync(filesDir()).filter((f) => f.startsWith("emulation-evidence-")).length;
const declCount = (mv: number) => env.db.$client.prepare("SELECT count(*) FROM emulation_declarations WHERE movement_id = ?").pluck().get(mv) as number;
const fileCount = (mv: number) => env.db.$client.prepare("SELECT count(*) FROM emulation_evidence_files WHERE movement_id = ?").pluck().get(mv) as number;

describe("a parent unit reviews its children's registrations, with evidence as files", () => {
  let mv: number, dpv1: number, dpv2: number;
  let organizer: CurrentUser, parent: CurrentUser, child: CurrentUser, sibling: CurrentUser, stranger: CurrentUser, otherOrganizer: CurrentUser;
  beforeAll(() => {
    mv = getMovementBySlug(env.db, "xa-minh-hoa-2026")!.id;
    dpv1 = unitIdOf("MH-DPV1");
    dpv2 = unitIdOf("MH-DPV2");
    organizer = userOf("0900000040");
    parent = userOf("0900000041");
    child = userOf("0900000042");
    sibling = userOf("0900000043");
    stranger = userOf("0900000003");
    otherOrganizer = userOf("0900000002");
  });

  it("the centre's head sees both service points under 'Đơn vị cấp dưới', the one waiting for them with approve and return", () => {
    const d = memberMovement(parent, mv);
    expect(d.units.map((u) => u.name)).toEqual(["Trung tâm Phục vụ hành chính công xã Minh Hòa"]);
    const kids = new Map(d.children.map((u) => [u.unitId, u]));
    expect([...kids.keys()].sort()).toEqual([dpv1, dpv2].sort());
    expect(kids.get(dpv1)!.registration.statusLabel).toBe("Chờ duyệt");
    expect(kids.get(dpv1)!.canReview).toBe(true);
    expect(kids.get(dpv1)!.registration.stageText).toBe("Chờ Trung tâm Phục vụ hành chính công xã Minh Hòa duyệt, sau đó Ban Tổ chức duyệt.");
    expect(kids.get(dpv2)!.registration.statusLabel).toBe("Chưa gửi");
    expect(kids.get(dpv2)!.canReview).toBe(false);
    // The child's own head does not review anyone, and sees where their registration will go.
    const c = memberMovement(child, mv);
    expect(c.children).toEqual([]);
    expect(c.units[0].reviewerName).toBe("Trung tâm Phục vụ hành chính công xã Minh Hòa");
  });

  it("a child's registration goes to the parent unit first, whose head is told", () => {
    const r = saveRegistration(child, mv, fd({ unitId: dpv2, intent: "send", schemes: ["giay-khen-tap-the"], targets: "Số hóa 100% hồ sơ tại điểm phục vụ" }), NOW);
    expect(r).toEqual({ ok: true, message: "Đã gửi bản đăng ký đến Trung tâm Phục vụ hành chính công xã Minh Hòa, chờ duyệt." });
    const reg = registrationOf(env.db, mv, dpv2)!;
    expect([reg.status, reg.reviewStage]).toEqual(["cho_duyet", "parent"]);
    expect(inbox(parent.id).at(-1)).toMatchObject({ kind: "review", title: "Đơn vị cấp dưới gửi đăng ký: Điểm phục vụ hành chính công số 2" });
    // Sent is sent: no second send while it waits.
    expect(saveRegistration(child, mv, fd({ unitId: dpv2, intent: "send", schemes: ["giay-khen-tap-the"] }), NOW).ok).toBe(false);
  });

  it("only the head above may approve or return: the child itself, a sibling, a head elsewhere are refused and nothing changes", () => {
    const reg = registrationOf(env.db, mv, dpv2)!;
    const before = JSON.stringify(reg);
    const audits = env.db.$client.prepare("SELECT count(*) FROM audit_log").pluck().get();
    for (const who of [child, sibling, stranger]) {
      expect(status(() => parentAction(who, mv, fd({ intent: "parent-approve", registrationId: reg.id }), NOW))).toBe(403);
      expect(status(() => parentAction(who, mv, fd({ intent: "parent-return", registrationId: reg.id, reason: "Không phải việc của tôi" }), NOW))).toBe(403);
    }
    // A participant without the role.
    const person = { ...child, roles: [] };
    expect(status(() => parentAction(person, mv, fd({ intent: "parent-approve", registrationId: reg.id }), NOW))).toBe(403);
    // The parent with a reason too short.
    expect(parentAction(parent, mv, fd({ intent: "parent-return", registrationId: reg.id, reason: "x" }), NOW)).toEqual({ ok: false, field: "reason", message: "Ghi lý do trả lại (ít nhất 5 ký tự)." });
    expect(JSON.stringify(registrationOf(env.db, mv, dpv2))).toBe(before);
    expect(env.db.$client.prepare("SELECT count(*) FROM audit_log").pluck().get()).toBe(audits);
  });

  it("the parent returns it with a reason: the child sees it, its head is told, the step is audited", () => {
    const reg = registrationOf(env.db, mv, dpv2)!;
    const r = parentAction(parent, mv, fd({ intent: "parent-return", registrationId: reg.id, reason: "Bổ sung minh chứng số hóa hồ sơ" }), NOW + 1000);
    expect(r).toEqual({ ok: true, message: "Đã trả lại bản đăng ký của Điểm phục vụ hành chính công số 2." });
    const after = registrationOf(env.db, mv, dpv2)!;
    expect([after.status, after.reviewStage, after.returnReason, after.decidedBy]).toEqual(["tra_lai", "parent", "Bổ sung minh chứng số hóa hồ sơ", parent.id]);
    const u = memberMovement(child, mv).units[0];
    expect(u.registration.stageText).toBe("Trung tâm Phục vụ hành chính công xã Minh Hòa trả lại để hoàn thiện.");
    expect(inbox(child.id).at(-1)).toEqual({ kind: "returned", title: "Bản đăng ký bị trả lại: Điểm phục vụ hành chính công số 2", body: "Bổ sung minh chứng số hóa hồ sơ" });
    const audit = env.db.$client.prepare("SELECT user_id AS userId, detail FROM audit_log WHERE action = 'emulation.registration.parent_return'").get() as { userId: number; detail: string };
    expect(audit.userId).toBe(parent.id);
    expect(JSON.parse(audit.detail)).toMatchObject({ movementId: mv, unitId: dpv2, reason: "Bổ sung minh chứng số hóa hồ sơ" });
  });

  it("refuses evidence files by content and size with a Vietnamese message, and keeps nothing of them", async () => {
    const before = { disk: evidenceOnDisk(), decl: declCount(mv), files: fileCount(mv) };
    const declare = (file: File, extra: Record<string, string> = {}) => saveDeclaration(child, mv, fd({ intent: "declare", unitId: dpv2, criterionId: "so-hoa", value: "95", ...extra }, file), NOW);
    // A PNG renamed .pdf, a text file renamed .pdf, a program, an old .doc, an empty file, one byte over 10 MB.
    expect(await declare(new File([PNG], "bao-cao.pdf"))).toEqual({ ok: false, field: "file", message: "Chỉ nhận tệp PDF, Word (.docx) hoặc ảnh JPG, PNG; nội dung tệp phải đúng loại với tên tệp." });
    expect((await declare(new File(["chỉ là chữ"], "bao-cao.pdf"))).ok).toBe(false);
    expect((await declare(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0])], "cai-dat.exe"))).ok).toBe(false);
    expect((await declare(new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])], "cu.doc"))).ok).toBe(false);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    expect(await declare(new File([big], "lon.pdf"))).toEqual({ ok: false, field: "file", message: "Tệp minh chứng quá lớn: tối đa 10 MB." });
    // No evidence at all, and a bad link.
    expect(await saveDeclaration(child, mv, fd({ intent: "declare", unitId: dpv2, criterionId: "so-hoa", value: "95" }), NOW)).toEqual({ ok: false, field: "file", message: "Thêm minh chứng: tải lên tệp (PDF, Word, ảnh) hoặc ghi đường dẫn." });
    expect(await saveDeclaration(child, mv, fd({ intent: "declare", unitId: dpv2, criterionId: "so-hoa", value: "95", evidence: "khong-phai-link" }), NOW)).toEqual({ ok: false, field: "evidence", message: "Đường dẫn minh chứng phải bắt đầu bằng https://" });
    // A sibling may not declare for this unit.
    await expect(saveDeclaration(sibling, mv, fd({ intent: "declare", unitId: dpv2, criterionId: "so-hoa", value: "95" }, new File([PDF], "a.pdf")), NOW)).rejects.toMatchObject({ status: 403 });
    expect({ disk: evidenceOnDisk(), decl: declCount(mv), files: fileCount(mv) }).toEqual(before);
  });

  it("keeps a PDF, a JPEG and a PNG: the bytes on disk, the row, and the evaluation counts the evidence as waiting for appraisal", async () => {
    const r = await saveDeclaration(child, mv, fd({ intent: "declare", unitId: dpv2, criterionId: "so-hoa", value: "95" }, new File([PDF], "Bảng số hóa.pdf")), NOW);
    expect(r).toEqual({ ok: true, message: 'Đã lưu kê khai và tệp "Bảng số hóa.pdf", chờ Ban Tổ chức thẩm định.' });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    expect((await saveDeclaration(child, mv, fd({ intent: "declare", unitId: dpv2, criterionId: "khong-tre-hen", value: "co" }, new File([jpeg], "anh.JPG")), NOW)).ok).toBe(true);
    expect((await saveDeclaration(child, mv, fd({ intent: "declare", unitId: dpv2, criterionId: "khong-tre-hen", value: "co" }, new File([PNG], "anh-2.png")), NOW)).ok).toBe(true);
    const rows = env.db.$client.prepare("SELECT id, file_name AS name, stored_name AS stored, mime, size FROM emulation_evidence_files WHERE movement_id = ? ORDER BY id").all(mv) as { id: number; name: string; stored: string; mime: string; size: number }[];
    expect(rows.map((x) => [x.name, x.mime])).toEqual([
      ["Bảng số hóa.pdf", "application/pdf"],
      ["anh.JPG", "image/jpeg"],
      ["anh-2.png", "image/png"],
    ]);
    expect(new Uint8Array(fs.readFileSync(path.join(filesDir(), rows[0].stored)))).toEqual(PDF);
    const decl = movementInputs(env.db, mv)!.data.declarations.find((d) => d.candidateKey === `unit:${dpv2}` && d.criterionId === "so-hoa")!;
    expect([decl.value, decl.evidence, decl.status]).toEqual([95, "tệp: Bảng số hóa.pdf", "pending"]);
    // The page lists the file with its download link.
    const item = memberMovement(child, mv).units[0].declared.find((x) => x.criterionId === "so-hoa")!;
    expect(item.files).toEqual([{ id: rows[0].id, name: "Bảng số hóa.pdf", size: PDF.length, href: `/thi-dua/${mv}/minh-chung/${rows[0].id}` }]);
  });

  it("a file is downloaded by those who see the unit's registration, and by nobody else", () => {
    const id = env.db.$client.prepare("SELECT id FROM emulation_evidence_files WHERE movement_id = ? ORDER BY id LIMIT 1").pluck().get(mv) as number;
    for (const who of [child, parent, organizer]) expect(new Uint8Array(evidenceFileFor(who, mv, id).body)).toEqual(PDF);
    expect(status(() => evidenceFileFor(sibling, mv, id))).toBe(403);
    expect(status(() => evidenceFileFor(stranger, mv, id))).toBe(403);
    expect(status(() => evidenceFileFor(otherOrganizer, mv, id))).toBe(403);
    // The id under another movement's address is not found.
    expect(status(() => evidenceFileFor(child, mv - 1, id))).toBe(404);
  });

  it("the child sends again, the parent approves: it goes on to the organizer, who sees it and decides", () => {
    expect(saveRegistration(child, mv, fd({ unitId: dpv2, intent: "send", schemes: ["giay-khen-tap-the"], targets: "Số hóa 100% hồ sơ tại điểm phục vụ" }), NOW + 2000).ok).toBe(true);
    const reg = registrationOf(env.db, mv, dpv2)!;
    expect([reg.status, reg.reviewStage, reg.returnReason]).toEqual(["cho_duyet", "parent", null]);
    // The organizer's table says it waits for the centre.
    expect(organizerMovement(organizer, mv).registration.rows.find((r) => r.unitId === dpv2)!.atParent).toBe(true);
    expect(parentAction(parent, mv, fd({ intent: "parent-approve", registrationId: reg.id }), NOW + 3000)).toEqual({ ok: true, message: "Đã duyệt bản đăng ký của Điểm phục vụ hành chính công số 2; chuyển Ban Tổ chức duyệt." });
    const after = registrationOf(env.db, mv, dpv2)!;
    expect([after.status, after.reviewStage, after.parentApprovedBy]).toEqual(["cho_duyet", "organizer", parent.id]);
    expect(inbox(child.id).at(-1)!.title).toBe("Trung tâm Phục vụ hành chính công xã Minh Hòa đã duyệt bản đăng ký: Điểm phục vụ hành chính công số 2");
    // The organizers of the movement are told once that it now waits for them; organizers elsewhere are not.
    const waiting = (userId: number) => inbox(userId).filter((n) => n.title === "Bản đăng ký chờ Ban Tổ chức duyệt: Điểm phục vụ hành chính công số 2");
    expect(waiting(organizer.id)).toEqual([
      { kind: "review", title: "Bản đăng ký chờ Ban Tổ chức duyệt: Điểm phục vụ hành chính công số 2", body: `${getMovementBySlug(env.db, "xa-minh-hoa-2026")!.title}. Trung tâm Phục vụ hành chính công xã Minh Hòa đã duyệt bản đăng ký; Ban Tổ chức duyệt hoặc trả lại.` },
    ]);
    expect(waiting(otherOrganizer.id)).toEqual([]);
    expect(env.db.$client.prepare("SELECT link FROM notifications WHERE user_id = ? AND title LIKE 'Bản đăng ký chờ Ban Tổ chức duyệt:%'").pluck().all(organizer.id)).toEqual([`/quan-tri/thi-dua/${mv}`]);
    // The reminders' catch-up sends nothing twice; a notice lost (deleted here) is sent again, once.
    expect(sweepNotices(env.db, NOW + 3100).approved).toBe(0);
    env.db.$client.prepare("DELETE FROM notifications WHERE user_id = ? AND title LIKE 'Bản đăng ký chờ Ban Tổ chức duyệt:%'").run(organizer.id);
    expect(sweepNotices(env.db, NOW + 3200).approved).toBe(1);
    expect(sweepNotices(env.db, NOW + 3300).approved).toBe(0);
    expect(waiting(organizer.id)).toHaveLength(1);
    // Once passed on, the parent cannot act on it again.
    expect(parentAction(parent, mv, fd({ intent: "parent-return", registrationId: reg.id, reason: "Đổi ý sau khi duyệt" }), NOW + 3500)).toEqual({ ok: false, message: "Bản đăng ký không còn chờ đơn vị cấp trên duyệt." });
    const o = organizerMovement(organizer, mv);
    const row = o.registration.rows.find((r) => r.unitId === dpv2)!;
    expect([row.statusLabel, row.stageText, row.atParent]).toEqual(["Chờ duyệt", "Trung tâm Phục vụ hành chính công xã Minh Hòa đã duyệt; chờ Ban Tổ chức duyệt.", false]);
    const appraise = o.toAppraise.find((x) => x.unitName === "Điểm phục vụ hành chính công số 2" && x.criterion.startsWith("Tỷ lệ"))!;
    expect(appraise.files.map((f) => f.name)).toEqual(["Bảng số hóa.pdf"]);
    expect(organizerAction(organizer, mv, fd({ intent: "approve", registrationId: reg.id }), NOW + 4000).ok).toBe(true);
    expect(registrationOf(env.db, mv, dpv2)!.status).toBe("da_duyet");
    // The organizer returns the evidence with a reason; the unit's head is told.
    expect(organizerAction(organizer, mv, fd({ intent: "reject", declarationId: appraise.id, reason: "Tệp chưa có chữ ký, dấu của đơn vị" }), NOW + 5000).ok).toBe(true);
    expect(inbox(child.id).at(-1)).toEqual({ kind: "missing_evidence", title: "Minh chứng bị trả lại: Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa", body: "Tệp chưa có chữ ký, dấu của đơn vị" });
  });

  it("an organizer of another unit does not reach this movement", () => {
    expect(status(() => organizerMovement(otherOrganizer, mv))).toBe(404);
  });
});
