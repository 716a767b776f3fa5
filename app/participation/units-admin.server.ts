import { z } from "zod";
import { cleanText } from "../text.schemas";
import { getDb } from "../../db/connection";
import { logAudit } from "../../db/audit";
import { createTask, getOwnTask, getTask, updateTask } from "../../db/tasks";
import { reviewData } from "./roster-link.server";
import * as rosters from "../../db/participation/rosters";
import * as admin from "../../db/participation/unit-admin";
import { getUnit, listUnits, subtreeIds } from "../../db/participation/units";
import { findUserByPhone, grantRole } from "../../db/account/users";
import { contestIds } from "../../db/participation/participation";
import { enqueueContestRecompute } from "../../workers/queues";
import { parseRosterRows, type ImportError, type RosterRow } from "../core/participation/roster";
import { UNIT_KINDS, validateUnitImport, type UnitImportRow } from "../core/participation/unit-import";
import { maskCccd, maskPhone } from "../core/account/privacy";
import { readSheet } from "../excel.server";
import { type CurrentUser, hasRole } from "../account/session.server";

/**
 * The organizers' unit page: the tree, imports of units and rosters (preview, then all or nothing),
 * unit heads, and registrations that matched no roster row. Every function checks the role again.
 */

export type ActionResult =
  | { ok: true; message: string; preview?: Preview }
  | { ok: false; message: string; errors?: ImportError[]; fieldErrors?: Record<string, string> };

export type Preview = { taskId: number; kind: "units" | "roster"; unitName?: string; count: number; sample: string[][]; note: string };

function assertOrganizer(user: CurrentUser) {
  if (!hasRole(user, "organizer")) throw new Response("Tài khoản của bạn không có quyền xem trang này.", { status: 403 });
}

async function recomputeEverything() {
  for (const id of contestIds(getDb())) await enqueueContestRecompute(id);
}

export function unitsPageData(user: CurrentUser, selectedId: number | null) {
  assertOrganizer(user);
  const db = getDb();
  const units = listUnits(db);
  const sizes = rosters.rosterSizes(db);
  const heads = admin.unitHeads(db);
  // Depth-first order with depth, for an indented list that reads like the tree.
  const children = new Map<number | null, typeof units>();
  for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const ordered: { id: number; code: string; name: string; kind: string; headcount: number; parentId: number | null; depth: number; roster: number; linked: number; heads: string[] }[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      const s = sizes.get(u.id);
      ordered.push({
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        headcount: u.headcount,
        parentId: u.parentId,
        depth,
        roster: s?.size ?? 0,
        linked: s?.linked ?? 0,
        heads: heads.filter((h) => h.unitId === u.id).map((h) => h.fullName),
      });
      if (depth < 50) visit(u.id, depth + 1);
    }
  };
  visit(null, 0);
  const selected = selectedId === null ? null : (ordered.find((u) => u.id === selectedId) ?? null);
  const unmatched = rosters.unmatchedRegistrations(db, null);
  const free = rosters.freeRosterRows(db, [...new Set(unmatched.map((u) => u.unitId))]);
  return {
    units: ordered,
    kinds: UNIT_KINDS,
    selected,
    selectedRoster: selected ? rosters.rosterOf(db, selected.id).slice(0, 500).map((r) => ({ ...r, phone: maskPhone(r.phone), cccd: maskCccd(r.cccd) })) : [],
    selectedHeads: selected ? heads.filter((h) => h.unitId === selected.id).map((h) => ({ ...h, phone: maskPhone(h.phone) })) : [],
    unmatched: unmatched.map((u) => ({ ...u, phone: maskPhone(u.phone), candidates: free.filter((f) => f.unitId === u.unitId) })),
    review: reviewData(user, null),
  };
}

const MAX_BYTES = 10 * 1024 * 1024;

async function fileFrom(form: FormData): Promise<ArrayBuffer | string> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return "Vui lòng chọn tệp Excel (.xlsx).";
  if (file.size > MAX_BYTES) return "Tệp lớn hơn 10 MB.";
  return file.arrayBuffer();
}

/** Reads and checks a unit-tree file; nothing is written until the organizer confirms the preview. */
export async function previewUnitImport(user: CurrentUser, form: FormData): Promise<ActionResult> {
  assertOrganizer(user);
  const data = await fileFrom(form);
  if (typeof data === "string") return { ok: false, message: data };
  const sheet = await readSheet(data, 5);
  if (!sheet.ok) return { ok: false, message: sheet.message };
  const db = getDb();
  const result = validateUnitImport(sheet.rows, admin.unitCodesWithParents(db));
  if (!result.ok) return { ok: false, message: `Tệp có ${result.errors.length} lỗi; chưa nhập dòng nào.`, errors: result.errors };
  const existing = new Set(admin.unitCodesWithParents(db).map((u) => u.code));
  const fresh = result.rows.filter((r) => !existing.has(r.code)).length;
  const task = createTask(db, { kind: "unit-import", input: { rows: result.rows }, createdBy: user.id });
  return {
    ok: true,
    message: "Tệp hợp lệ. Kiểm tra rồi bấm xác nhận để nhập.",
    preview: {
      taskId: task.id,
      kind: "units",
      count: result.rows.length,
      sample: result.rows.slice(0, 10).map((r) => [r.code, r.name, r.parentCode ?? "", UNIT_KINDS[r.kind] ?? r.kind, String(r.headcount)]),
      note: `${fresh} đơn vị mới, ${result.rows.length - fresh} đơn vị cập nhật.`,
    },
  };
}

function ownPendingTask(user: CurrentUser, taskId: number, kind: string) {
  const db = getDb();
  const task = user.roles.some((r) => r.role === "admin") ? getTask(db, taskId) : getOwnTask(db, taskId, user.id);
  if (!task || task.kind !== kind || task.status !== "queued") return null;
  return task;
}

export async function confirmUnitImport(user: CurrentUser, taskId: number): Promise<ActionResult> {
  assertOrganizer(user);
  const task = ownPendingTask(user, taskId, "unit-import");
  if (!task) return { ok: false, message: "Không tìm thấy bản xem trước, hoặc tệp này đã được nhập." };
  const db = getDb();
  const rows = (task.input as { rows: UnitImportRow[] }).rows;
  // The tree may have changed since the preview: check again against what is there now.
  const again = validateUnitImport(
    rows.map((r, i) => ({ row: i + 2, cells: [r.code, r.name, r.parentCode, r.kind, r.headcount] })),
    admin.unitCodesWithParents(db),
  );
  if (!again.ok) return { ok: false, message: "Cây đơn vị đã thay đổi từ lúc xem trước; vui lòng tải tệp lên lại.", errors: again.errors };
  const counts = admin.upsertUnits(db, again.rows);
  updateTask(db, task.id, { status: "done", progress: rows.length, total: rows.length, result: counts });
  logAudit(db, { userId: user.id, action: "import", entity: "units", detail: counts });
  await recomputeEverything();
  return { ok: true, message: `Đã nhập: ${counts.inserted} đơn vị mới, ${counts.updated} đơn vị cập nhật.` };
}

function unitInScope(unitId: number) {
  const unit = getUnit(getDb(), unitId);
  if (!unit) throw new Response("Không tìm thấy đơn vị.", { status: 404 });
  return unit;
}

/** A roster for one unit; an organizer may import any unit's, a unit head only a unit of their subtree. */
export async function previewRosterImport(user: CurrentUser, unitId: number, form: FormData): Promise<ActionResult> {
  const unit = unitInScope(unitId);
  assertRosterScope(user, unitId);
  const data = await fileFrom(form);
  if (typeof data === "string") return { ok: false, message: data };
  const sheet = await readSheet(data, 5);
  if (!sheet.ok) return { ok: false, message: sheet.message };
  const parsed = parseRosterRows(sheet.rows);
  if (!parsed.ok) return { ok: false, message: `Tệp có ${parsed.errors.length} lỗi; chưa nhập dòng nào.`, errors: parsed.errors };
  const task = createTask(getDb(), { kind: "roster-import", input: { unitId, rows: parsed.rows }, createdBy: user.id });
  return {
    ok: true,
    message: "Danh sách hợp lệ. Kiểm tra rồi bấm xác nhận để nhập.",
    preview: {
      taskId: task.id,
      kind: "roster",
      unitName: unit.name,
      count: parsed.rows.length,
      sample: parsed.rows.slice(0, 10).map((r) => [r.fullName, r.birthDate ?? "", maskPhone(r.phone), maskCccd(r.cccd), r.position ?? ""]),
      note: `Danh sách mới thay cho danh sách hiện có của ${unit.name}.`,
    },
  };
}

function assertRosterScope(user: CurrentUser, unitId: number) {
  if (hasRole(user, "organizer")) return;
  const heads = user.roles.filter((r) => r.role === "unit_head" && r.unitId !== null).map((r) => r.unitId as number);
  if (!subtreeIds(getDb(), heads).includes(unitId)) throw new Response("Không tìm thấy đơn vị trong phạm vi của bạn.", { status: 404 });
}

export async function confirmRosterImport(user: CurrentUser, taskId: number): Promise<ActionResult> {
  const task = ownPendingTask(user, taskId, "roster-import");
  if (!task) return { ok: false, message: "Không tìm thấy bản xem trước, hoặc danh sách này đã được nhập." };
  const { unitId, rows } = task.input as { unitId: number; rows: RosterRow[] };
  assertRosterScope(user, unitId);
  const db = getDb();
  const counts = rosters.replaceRoster(db, unitId, rows, Date.now());
  const linked = rosters.linkRosterMatches(db, [unitId]).length;
  updateTask(db, task.id, { status: "done", progress: rows.length, total: rows.length, result: { ...counts, linked } });
  logAudit(db, { userId: user.id, action: "import", entity: "roster", entityId: unitId, detail: { ...counts, linked } });
  await recomputeEverything();
  return { ok: true, message: `Đã nhập ${counts.inserted} người; ${linked} người khớp với tài khoản đã đăng ký.` };
}

const unitFields = z.object({
  name: cleanText("tên đơn vị", { max: 200, letters: true }),
  kind: z.string().refine((k) => k in UNIT_KINDS, "Loại đơn vị không hợp lệ."),
  headcount: z.coerce.number({ invalid_type_error: "Biên chế phải là số." }).int("Biên chế phải là số nguyên.").min(0, "Biên chế không được âm.").max(1_000_000),
  parentId: z.preprocess((v) => (v === "" || v === null ? null : v), z.coerce.number().int().positive().nullable()),
});
const newUnit = unitFields.extend({ code: z.string().trim().regex(/^[\p{L}\p{N}._-]{1,40}$/u, "Mã chỉ gồm chữ, số, dấu chấm, gạch ngang.") });

function fieldErrors(err: z.ZodError): Record<string, string> {
  return Object.fromEntries(err.issues.map((i) => [String(i.path[0]), i.message]));
}

export async function createUnit(user: CurrentUser, form: FormData): Promise<ActionResult> {
  assertOrganizer(user);
  const parsed = newUnit.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Vui lòng sửa các ô bị lỗi.", fieldErrors: fieldErrors(parsed.error) };
  const v = parsed.data;
  const db = getDb();
  const parent = v.parentId === null ? null : getUnit(db, v.parentId);
  if (v.parentId !== null && !parent) return { ok: false, message: "Đơn vị cấp trên không tồn tại.", fieldErrors: { parentId: "Đơn vị cấp trên không tồn tại." } };
  const check = validateUnitImport([{ row: 1, cells: [v.code, v.name, parent?.code ?? "", v.kind, v.headcount] }], admin.unitCodesWithParents(db));
  if (admin.unitCodesWithParents(db).some((u) => u.code === v.code)) return { ok: false, message: "Mã đơn vị đã có.", fieldErrors: { code: `Mã "${v.code}" đã có.` } };
  if (!check.ok) return { ok: false, message: check.errors[0].message };
  admin.upsertUnits(db, check.rows);
  logAudit(db, { userId: user.id, action: "create", entity: "unit", entityId: v.code, detail: { name: v.name, headcount: v.headcount } });
  await recomputeEverything();
  return { ok: true, message: `Đã thêm ${v.name}.` };
}

export async function updateUnit(user: CurrentUser, unitId: number, form: FormData): Promise<ActionResult> {
  assertOrganizer(user);
  const unit = unitInScope(unitId);
  const parsed = unitFields.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Vui lòng sửa các ô bị lỗi.", fieldErrors: fieldErrors(parsed.error) };
  const v = parsed.data;
  const db = getDb();
  if (v.parentId !== null && subtreeIds(db, [unitId]).includes(v.parentId)) {
    return { ok: false, message: "Không thể đặt đơn vị dưới chính nó hoặc đơn vị trực thuộc nó.", fieldErrors: { parentId: "Tạo vòng lặp trong cây đơn vị." } };
  }
  admin.updateUnitFields(db, unitId, v);
  logAudit(db, { userId: user.id, action: "update", entity: "unit", entityId: unit.code, detail: { before: { name: unit.name, headcount: unit.headcount, parentId: unit.parentId }, after: v } });
  await recomputeEverything();
  return { ok: true, message: `Đã lưu ${v.name}.` };
}

const phoneSchema = z.string().trim().regex(/^0\d{9}$/, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.");

export async function assignHead(user: CurrentUser, unitId: number, form: FormData): Promise<ActionResult> {
  assertOrganizer(user);
  const unit = unitInScope(unitId);
  const phone = phoneSchema.safeParse(form.get("phone"));
  if (!phone.success) return { ok: false, message: phone.error.issues[0].message, fieldErrors: { phone: phone.error.issues[0].message } };
  const db = getDb();
  const person = findUserByPhone(db, phone.data);
  if (!person) return { ok: false, message: "Không có tài khoản nào với số điện thoại này.", fieldErrors: { phone: "Không có tài khoản nào với số điện thoại này." } };
  grantRole(db, person.id, "unit_head", unitId);
  logAudit(db, { userId: user.id, action: "grant", entity: "role_grant", entityId: person.id, detail: { role: "unit_head", unit: unit.code } });
  return { ok: true, message: `${person.fullName} phụ trách ${unit.name}.` };
}

export async function revokeHead(user: CurrentUser, grantId: number): Promise<ActionResult> {
  assertOrganizer(user);
  const db = getDb();
  const row = admin.revokeGrant(db, grantId);
  if (!row) return { ok: false, message: "Không tìm thấy phân công này." };
  logAudit(db, { userId: user.id, action: "revoke", entity: "role_grant", entityId: row.userId, detail: { role: "unit_head", unitId: row.unitId } });
  return { ok: true, message: "Đã thu hồi quyền thủ trưởng đơn vị." };
}

const linkSchema = z.object({ userId: z.coerce.number().int().positive(), entryId: z.coerce.number().int().positive({ message: "Vui lòng chọn một người trong danh sách." }) });

export async function linkRegistration(user: CurrentUser, form: FormData): Promise<ActionResult> {
  assertOrganizer(user);
  const parsed = linkSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  const db = getDb();
  if (!rosters.linkByHand(db, parsed.data.userId, parsed.data.entryId)) return { ok: false, message: "Người này hoặc dòng danh sách đã được ghép." };
  logAudit(db, { userId: user.id, action: "link", entity: "roster_entry", entityId: parsed.data.entryId, detail: { userId: parsed.data.userId } });
  await recomputeEverything();
  return { ok: true, message: "Đã ghép tài khoản với danh sách." };
}

const moveSchema = z.object({ userId: z.coerce.number().int().positive(), toUnitId: z.coerce.number({ invalid_type_error: "Vui lòng chọn đơn vị." }).int().positive("Vui lòng chọn đơn vị.") });

export async function moveRegistration(user: CurrentUser, form: FormData): Promise<ActionResult> {
  assertOrganizer(user);
  const parsed = moveSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  const db = getDb();
  const to = unitInScope(parsed.data.toUnitId);
  const moved = rosters.movePerson(db, parsed.data.userId, to.id);
  if (!moved) return { ok: false, message: "Không tìm thấy người này." };
  rosters.linkRosterMatches(db, [to.id]);
  logAudit(db, { userId: user.id, action: "move", entity: "user", entityId: parsed.data.userId, detail: { from: moved.fromUnitId, to: to.id } });
  await recomputeEverything();
  return { ok: true, message: `Đã chuyển sang ${to.name}.` };
}
