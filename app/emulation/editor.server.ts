import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getDb } from "../../db/connection";
import { logAudit } from "../../db/audit";
import * as ed from "../../db/emulation/editor";
import * as q from "../../db/emulation/queries";
import { listUnits, subtreeIds, type UnitRow } from "../../db/participation/units";
import { type CurrentUser, hasRole, roleUnitIds } from "../account/session.server";
import { checkUpload, MIME } from "../core/awards/uploads";
import type { Criterion, CriterionRule } from "../core/emulation/types";
import { foldVietnamese } from "../core/text";
import { parseCatalogue } from "./content";
import { ruleSummary, KIND_TITLE } from "./criterion-text";
import {
  codeFrom,
  DEADLINE_LOCKED,
  type DeadlineInput,
  DOSSIER_DEADLINE,
  formKindOf,
  LOCKED_MESSAGE,
  type FormKind,
  type MoveDeadlineInput,
  type MovementInput,
  OWN_FORM,
  REGISTRATION_DEADLINE,
  ruleDefaults,
  type SchemeInput,
} from "./editor-schemas";
import { byDate, DEADLINE_KIND_TEXT, deadlineProblem, type DeadlineDraft, moveProblem } from "../core/emulation/deadlines";
import { deadlineKind } from "../core/emulation/notices";
import { headsOfUnits } from "../../db/emulation/notifications";
import { send } from "./notify.server";
import { quotaText } from "./report";
import { criterionSchema, schemeSchema } from "./schemas";
import { filesDir } from "../organizer/organizer.server";

/**
 * The organizer's editor: a movement is written as a draft (title, organizing unit, period, plan, documents,
 * contents, units taking part, deadlines), then its award schemes and their criteria. Only a draft changes
 * freely: once launched, the units have registered against its schemes and criteria, so those stay as
 * published; documents may still be added (an amended plan), each change audited.
 */

export type Result<T = object> = ({ ok: true; message: string } & T) | { ok: false; status: number; message: string; fieldErrors?: Record<string, string> };

const fail = (status: number, message: string, fieldErrors?: Record<string, string>) => ({ ok: false as const, status, message, fieldErrors });
const notFound = () => new Response("Không tìm thấy phong trào này.", { status: 404 });

// ---------------- scope ----------------

/** The units an organizer may name as organizing unit: their grants' subtrees (every unit for an admin). */
function organizingUnits(user: CurrentUser, all: UnitRow[]): UnitRow[] {
  if (!hasRole(user, "organizer")) return [];
  const scoped = roleUnitIds(user, "organizer");
  if (scoped === null) return all;
  const ids = new Set(subtreeIds(getDb(), scoped));
  return all.filter((u) => ids.has(u.id));
}

/**
 * The units whose subtree may take part in a movement of an organizing unit: the level it serves (a Phòng
 * Nội vụ is the standing body of its district's committee, so the district takes part) and everything below.
 */
function reachOf(organizerUnitId: number, all: UnitRow[]): Set<number> {
  const u = all.find((x) => x.id === organizerUnitId);
  const top = u?.parentId ?? organizerUnitId;
  return new Set(subtreeIds(getDb(), [top]));
}

function canOrganize(user: CurrentUser, m: q.MovementRow): boolean {
  if (!hasRole(user, "organizer")) return false;
  const scoped = roleUnitIds(user, "organizer");
  return scoped === null || new Set(subtreeIds(getDb(), scoped)).has(m.organizerUnitId);
}

function requireOrganized(user: CurrentUser, id: number): q.MovementRow {
  const m = q.getMovement(getDb(), id);
  if (!m || !canOrganize(user, m)) throw notFound();
  return m;
}

/** The tree as options, indented by depth, limited to `keep`. */
function treeOptions(all: UnitRow[], keep: Set<number>) {
  const children = new Map<number | null, UnitRow[]>();
  for (const u of all) {
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  const out: { id: number; name: string; depth: number; parentId: number | null }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      const shown = keep.has(u.id);
      if (shown) out.push({ id: u.id, name: u.name, depth, parentId: u.parentId });
      walk(u.id, shown ? depth + 1 : depth);
    }
  };
  walk(null, 0);
  return out;
}

let catalogue: ReturnType<typeof parseCatalogue>["forms"] | null = null;
export function catalogueForms() {
  if (!catalogue) {
    const file = path.resolve("content/emulation/catalogue.yaml");
    catalogue = fs.existsSync(file) ? parseCatalogue(fs.readFileSync(file, "utf8")).forms : [];
  }
  return catalogue;
}

// ---------------- the movement ----------------

/** What the new-movement page and the edit page offer: the organizer's units, the tree that may take part, contests. */
export function movementChoices(user: CurrentUser) {
  const db = getDb();
  const all = listUnits(db);
  const org = organizingUnits(user, all);
  const reach = new Set<number>();
  for (const u of org) for (const id of reachOf(u.id, all)) reach.add(id);
  return {
    organizingUnits: org.map((u) => ({ id: u.id, name: u.name })),
    tree: treeOptions(all, reach),
    contests: ed.contestChoices(db).map((c) => ({ id: c.id, slug: c.slug, title: c.title })),
  };
}

function checkUnits(user: CurrentUser, v: MovementInput): Result | null {
  const db = getDb();
  const all = listUnits(db);
  if (!organizingUnits(user, all).some((u) => u.id === v.organizerUnitId)) return fail(403, "Bạn chỉ lập phong trào cho đơn vị mình phụ trách.", { organizerUnitId: "Chọn đơn vị trong phạm vi của bạn." });
  if (!reachOf(v.organizerUnitId, all).has(v.rootUnitId)) return fail(400, "Đơn vị tham gia phải thuộc cấp mà đơn vị phát động phụ trách.", { rootUnitId: "Chọn đơn vị thuộc cấp của đơn vị phát động." });
  const sub = new Set(subtreeIds(db, [v.rootUnitId]));
  if (v.excludedUnitIds.some((id) => !sub.has(id))) return fail(400, "Chỉ loại trừ đơn vị nằm trong đơn vị tham gia.", { excludedUnitIds: "Có đơn vị loại trừ không thuộc đơn vị tham gia." });
  if (v.linkedContestId !== undefined && !ed.contestChoices(db).some((c) => c.id === v.linkedContestId)) return fail(400, "Không có cuộc thi này.", { linkedContestId: "Chọn cuộc thi có trên nền tảng." });
  return null;
}

function fieldsOf(v: MovementInput): ed.MovementFields {
  return {
    title: v.title,
    organizerUnitId: v.organizerUnitId,
    kind: v.kind,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    planNumber: v.planNumber || null,
    planDate: v.planDate,
    contentsMd: v.contentsMd,
    rootUnitId: v.rootUnitId,
    excludedUnitIds: [...new Set(v.excludedUnitIds)],
    linkedContestId: v.linkedContestId ?? null,
    year: v.year,
  };
}

export function createMovement(user: CurrentUser, v: MovementInput, now = Date.now()): Result<{ id: number }> {
  if (!hasRole(user, "organizer")) return fail(403, "Chỉ Ban Tổ chức lập được phong trào.");
  const bad = checkUnits(user, v);
  if (bad) return bad as Result<{ id: number }>;
  const db = getDb();
  const base = codeFrom(`${v.title}`, new Set(), foldVietnamese).slice(0, 40).replace(/-+$/, "");
  let slug = `${base}-${v.year}`;
  for (let i = 2; ed.slugTaken(db, slug); i++) slug = `${base}-${v.year}-${i}`;
  const id = db.transaction(() => {
    const id = q.insertMovement(db, { slug, ...fieldsOf(v), state: "draft", createdAt: now, launchedAt: null });
    ed.setDeadline(db, id, REGISTRATION_DEADLINE, v.registrationDeadline, "registration");
    ed.setDeadline(db, id, DOSSIER_DEADLINE, v.dossierDeadline, "dossier");
    logAudit(db, { userId: user.id, action: "emulation.movement.create", entity: "movement", entityId: id, detail: { title: v.title, organizerUnitId: v.organizerUnitId } }, now);
    return id;
  });
  return { ok: true, message: "Đã lưu bản nháp phong trào.", id };
}

export function updateMovement(user: CurrentUser, id: number, v: MovementInput, now = Date.now()): Result {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, LOCKED_MESSAGE);
  const bad = checkUnits(user, v);
  if (bad) return bad;
  const db = getDb();
  // The deadlines are edited one by one in their own section; a new period must still hold them all.
  for (const d of q.deadlinesOf(db, id)) {
    const problem = deadlineProblem(draftOf(d), [], { start: v.periodStart, end: v.periodEnd });
    if (problem) return fail(400, `${problem} Sửa hoặc xóa mốc này trước khi đổi thời gian của phong trào.`, { periodEnd: "Thời gian mới không chứa hết các mốc thời hạn." });
  }
  db.transaction(() => {
    ed.updateMovementFields(db, id, fieldsOf(v));
    logAudit(db, { userId: user.id, action: "emulation.movement.update", entity: "movement", entityId: id, detail: { title: v.title } }, now);
  });
  return { ok: true, message: "Đã lưu thay đổi của phong trào." };
}

/** A draft nobody has seen yet may be thrown away, with its documents, schemes and criteria. */
export function deleteDraft(user: CurrentUser, id: number, now = Date.now()): Result {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, "Chỉ xóa được phong trào còn là bản nháp; phong trào đã phát động được kết thúc, không xóa.");
  const db = getDb();
  const files = q.documentsOf(db, id).map((d) => d.storedName).filter((n): n is string => !!n);
  db.transaction(() => {
    ed.deleteMovement(db, id);
    logAudit(db, { userId: user.id, action: "emulation.movement.delete", entity: "movement", entityId: id, detail: { title: m.title } }, now);
  });
  for (const f of files) fs.rmSync(path.join(filesDir(), f), { force: true });
  return { ok: true, message: `Đã xóa bản nháp “${m.title}”.` };
}

/** What keeps a draft from being launched; empty when it may be. */
export function launchProblems(movementId: number): string[] {
  const schemes = q.schemesOf(getDb(), movementId);
  const out: string[] = [];
  if (schemes.length === 0) out.push("Phong trào chưa có hình thức khen thưởng nào.");
  for (const s of schemes) if (s.criteria.length === 0) out.push(`Hình thức “${s.title}” chưa có tiêu chí.`);
  const m = q.getMovement(getDb(), movementId);
  if (m && q.participatingUnitIds(getDb(), m).length === 0) out.push("Phong trào chưa có đơn vị tham gia (đơn vị gốc không có đơn vị trực thuộc, hoặc đã loại trừ hết).");
  return out;
}

/** The edit page of a movement: its fields as the form shows them, documents, schemes with their criteria. */
export function movementEditor(user: CurrentUser, id: number) {
  const db = getDb();
  const m = requireOrganized(user, id);
  const deadlines = q.deadlinesOf(db, id);
  const contests = ed.contestChoices(db);
  const contestName = (slug: string) => contests.find((c) => c.slug === slug)?.title ?? slug;
  const forms = new Map(catalogueForms().map((f) => [f.id, f.name]));
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const excludedText = m.excludedUnitIds.map((u) => names.get(u) ?? String(u)).join(", ");
  return {
    movement: { id: m.id, title: m.title, state: m.state, year: m.year },
    draft: m.state === "draft",
    participantsText: `${names.get(m.rootUnitId) ?? ""} và các đơn vị trực thuộc (${q.participatingUnitIds(db, m).length} đơn vị)${excludedText ? `, trừ ${excludedText}` : ""}`,
    defaults: {
      title: m.title,
      organizerUnitId: String(m.organizerUnitId),
      kind: m.kind,
      periodStart: m.periodStart,
      periodEnd: m.periodEnd,
      year: String(m.year),
      planNumber: m.planNumber ?? "",
      planDate: m.planDate ?? "",
      contentsMd: m.contentsMd,
      linkedContestId: m.linkedContestId ? String(m.linkedContestId) : "",
      rootUnitId: String(m.rootUnitId),
      excludedUnitIds: m.excludedUnitIds.map(String),
    },
    deadlines: byDate(deadlines).map((d) => {
      const kind = deadlineKind(d.label, d.kind);
      return { id: d.id, label: d.label, date: d.date, time: d.time, kind, kindText: DEADLINE_KIND_TEXT[kind] };
    }),
    period: { start: m.periodStart, end: m.periodEnd },
    movable: m.state === "launched" || m.state === "registration_closed" || m.state === "evaluating",
    documents: q.documentsOf(db, id).map((d) => ({ id: d.id, title: d.title, url: d.url, fileName: d.fileName, size: d.size })),
    schemes: q.schemesOf(db, id).map((s) => ({
      dbId: s.dbId,
      title: s.title,
      formName: s.formName ?? forms.get(s.form) ?? (s.form.startsWith(`${OWN_FORM}-`) ? "Hình thức riêng của đơn vị" : s.form),
      target: s.target,
      level: s.level,
      quotaText: quotaText(s.quota),
      criteria: s.criteria.map((c) => ({ id: c.id, label: c.label, kindTitle: KIND_TITLE[formKindOf(c)], summary: ruleSummary(c, m.year, contestName) })),
    })),
    launchProblems: m.state === "draft" ? launchProblems(id) : [],
  };
}

// ---------------- deadlines ----------------

function draftOf(d: ed.DeadlineRow): DeadlineDraft {
  return { id: d.id, label: d.label, date: d.date, time: d.time, kind: deadlineKind(d.label, d.kind) };
}

const dayText = (d: { date: string; time: string | null }) => `${d.date.split("-").reverse().join("/")}${d.time ? ` lúc ${d.time}` : ""}`;

/** Adds or edits a draft's deadline: within the period, in order with the others of its movement. */
export function saveDeadline(user: CurrentUser, id: number, deadlineId: number | null, v: DeadlineInput, now = Date.now()): Result {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, DEADLINE_LOCKED);
  const db = getDb();
  const existing = deadlineId === null ? undefined : ed.getDeadline(db, id, deadlineId);
  if (deadlineId !== null && !existing) return fail(404, "Không tìm thấy mốc thời hạn.");
  const others = q.deadlinesOf(db, id).filter((d) => d.id !== deadlineId).map(draftOf);
  const problem = deadlineProblem({ label: v.label, date: v.date, time: v.time, kind: v.kind }, others, { start: m.periodStart, end: m.periodEnd });
  if (problem) return fail(400, problem, { date: problem });
  const fields = { label: v.label, date: v.date, time: v.time, kind: v.kind };
  db.transaction(() => {
    if (existing) {
      ed.updateDeadline(db, existing.id, fields);
      logAudit(db, { userId: user.id, action: "emulation.deadline.update", entity: "movement_deadline", entityId: existing.id, detail: { movementId: id, ...fields, before: { label: existing.label, date: existing.date, time: existing.time, kind: existing.kind } } }, now);
    } else {
      const newId = ed.insertDeadline(db, id, fields);
      logAudit(db, { userId: user.id, action: "emulation.deadline.create", entity: "movement_deadline", entityId: newId, detail: { movementId: id, ...fields } }, now);
    }
  });
  return { ok: true, message: existing ? `Đã lưu hạn “${v.label}” (${dayText(v)}).` : `Đã thêm hạn “${v.label}” (${dayText(v)}).` };
}

export function removeDeadline(user: CurrentUser, id: number, deadlineId: number, now = Date.now()): Result {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, DEADLINE_LOCKED);
  const db = getDb();
  const d = ed.getDeadline(db, id, deadlineId);
  if (!d) return fail(404, "Không tìm thấy mốc thời hạn.");
  ed.deleteDeadline(db, d.id);
  logAudit(db, { userId: user.id, action: "emulation.deadline.remove", entity: "movement_deadline", entityId: d.id, detail: { movementId: id, label: d.label, date: d.date, time: d.time } }, now);
  return { ok: true, message: `Đã xóa hạn “${d.label}”.` };
}

/**
 * Moves a launched movement's deadline later, with the reason: audited, and every head of a unit taking part
 * told once (one notice per person and new date, the inbox's unique key).
 */
export function moveDeadline(user: CurrentUser, id: number, deadlineId: number, v: MoveDeadlineInput, now = Date.now()): Result<{ notified: number }> {
  const m = requireOrganized(user, id);
  if (m.state === "draft") return fail(409, "Phong trào còn là bản nháp: sửa thẳng mốc thời hạn, không cần dời hạn.");
  if (m.state === "closed") return fail(409, "Phong trào đã kết thúc, không dời hạn được nữa.");
  const db = getDb();
  const d = ed.getDeadline(db, id, deadlineId);
  if (!d) return fail(404, "Không tìm thấy mốc thời hạn.");
  const after = { date: v.date, time: v.time };
  const later = moveProblem(d, after);
  if (later) return fail(400, later, { date: later });
  const others = q.deadlinesOf(db, id).filter((x) => x.id !== d.id).map(draftOf);
  const problem = deadlineProblem({ ...draftOf(d), ...after }, others, { start: m.periodStart, end: m.periodEnd });
  if (problem) return fail(400, problem, { date: problem });
  const link = `/thi-dua/${id}`;
  const notified = db.transaction(() => {
    ed.updateDeadline(db, d.id, after);
    logAudit(db, { userId: user.id, action: "emulation.deadline.move", entity: "movement_deadline", entityId: d.id, detail: { movementId: id, label: d.label, from: { date: d.date, time: d.time }, to: after, reason: v.reason } }, now);
    const heads = [...new Set(headsOfUnits(db, [m.rootUnitId, ...q.participatingUnitIds(db, m)]).map((h) => h.userId))];
    return send(
      heads.map((userId) => ({
        userId,
        kind: "deadline" as const,
        title: `Dời hạn: ${d.label} đến ${dayText(after)}`,
        body: `${m.title}. Hạn cũ ${dayText(d)}, hạn mới ${dayText(after)}. Lý do: ${v.reason}`,
        link,
        dedupeKey: `deadline-moved-${d.id}-${v.date}T${v.time ?? "23:59"}`,
      })),
      now,
    );
  });
  return { ok: true, message: `Đã dời hạn “${d.label}” đến ${dayText(after)}; đã báo ${notified} thủ trưởng đơn vị.`, notified };
}

// ---------------- documents ----------------

export async function addDocument(user: CurrentUser, id: number, v: { title: string; url?: string; file?: File }, now = Date.now()): Promise<Result> {
  const m = requireOrganized(user, id);
  if (m.state === "closed") return fail(409, "Phong trào đã kết thúc, không thêm văn bản được.");
  const db = getDb();
  if (v.url) {
    const docId = ed.insertDocument(db, { movementId: id, title: v.title, url: v.url });
    logAudit(db, { userId: user.id, action: "emulation.document.add", entity: "movement_document", entityId: docId, detail: { movementId: id, title: v.title, url: v.url } }, now);
    return { ok: true, message: `Đã thêm văn bản “${v.title}”.` };
  }
  const file = v.file!;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const checked = checkUpload(bytes, file.name);
  if (!checked.ok) return fail(400, checked.message, { file: checked.message });
  const stored = `movement-${randomBytes(8).toString("hex")}.${checked.kind}`;
  fs.writeFileSync(path.join(filesDir(), stored), bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  db.transaction(() => {
    const docId = ed.insertDocument(db, {
      movementId: id,
      title: v.title,
      fileName: file.name.normalize("NFC").slice(0, 200),
      storedName: stored,
      mime: MIME[checked.kind],
      size: bytes.length,
      uploadedBy: user.id,
      uploadedAt: now,
    });
    // The member page links every document by its url; an uploaded one is served by the platform.
    ed.setDocumentUrl(db, docId, `/thi-dua/${id}/van-ban/${docId}`);
    logAudit(db, { userId: user.id, action: "emulation.document.add", entity: "movement_document", entityId: docId, detail: { movementId: id, title: v.title, fileName: file.name, sha256 } }, now);
  });
  return { ok: true, message: `Đã tải lên văn bản “${v.title}”.` };
}

export function removeDocument(user: CurrentUser, id: number, documentId: number, now = Date.now()): Result {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, "Văn bản của phong trào đã phát động không gỡ được; hãy thêm văn bản điều chỉnh.");
  const db = getDb();
  const d = ed.getDocument(db, id, documentId);
  if (!d) return fail(404, "Không tìm thấy văn bản.");
  ed.deleteDocument(db, d.id);
  if (d.storedName) fs.rmSync(path.join(filesDir(), d.storedName), { force: true });
  logAudit(db, { userId: user.id, action: "emulation.document.remove", entity: "movement_document", entityId: d.id, detail: { movementId: id, title: d.title } }, now);
  return { ok: true, message: `Đã gỡ văn bản “${d.title}”.` };
}

/** An uploaded launching document, for the movement's organizers and, once launched, everyone taking part. */
export function documentFile(user: CurrentUser, movementId: number, documentId: number) {
  const db = getDb();
  const m = q.getMovement(db, movementId);
  if (!m) throw notFound();
  let allowed = canOrganize(user, m);
  if (!allowed && m.state !== "draft") {
    const part = new Set(q.participatingUnitIds(db, m));
    const headScope = hasRole(user, "unit_head") ? roleUnitIds(user, "unit_head") : [];
    allowed = (user.unitId !== null && part.has(user.unitId)) || headScope === null || subtreeIds(db, headScope ?? []).some((u) => part.has(u));
  }
  const d = allowed ? ed.getDocument(db, movementId, documentId) : undefined;
  if (!d || !d.storedName) throw new Response("Không tìm thấy văn bản.", { status: 404 });
  const full = path.join(filesDir(), d.storedName);
  if (!fs.existsSync(full)) throw new Response("Không tìm thấy văn bản.", { status: 404 });
  return { fileName: d.fileName ?? "van-ban", mime: d.mime ?? "application/octet-stream", body: fs.readFileSync(full) };
}

// ---------------- schemes ----------------

/**
 * The organizer's own forms already used in the movements they organize, to pick again: code → its stored
 * name (a scheme saved before the name was stored shows the scheme's title instead).
 */
function ownForms(user: CurrentUser): { id: string; name: string }[] {
  const db = getDb();
  const out = new Map<string, string>();
  const named = new Set<string>();
  for (const m of q.listMovements(db).filter((x) => canOrganize(user, x))) {
    for (const s of q.schemesOf(db, m.id)) {
      if (!s.form.startsWith(`${OWN_FORM}-`)) continue;
      if (s.formName && !named.has(s.form)) {
        out.set(s.form, s.formName);
        named.add(s.form);
      } else if (!out.has(s.form)) out.set(s.form, s.title);
    }
  }
  return [...out].map(([id, name]) => ({ id, name }));
}

export function schemeEditor(user: CurrentUser, id: number, schemeId: number | null) {
  const db = getDb();
  const m = requireOrganized(user, id);
  const forms = catalogueForms();
  const contests = ed.contestChoices(db);
  const contestName = (slug: string) => contests.find((c) => c.slug === slug)?.title ?? slug;
  let scheme = null;
  if (schemeId !== null) {
    const s = q.schemesOf(db, id).find((x) => x.dbId === schemeId);
    if (!s) throw new Response("Không tìm thấy hình thức khen thưởng.", { status: 404 });
    const own = !forms.some((f) => f.id === s.form) && !s.form.startsWith(`${OWN_FORM}-`);
    const rows = ed.criteriaRows(db, schemeId);
    const formName = s.formName ?? forms.find((f) => f.id === s.form)?.name ?? "Hình thức riêng của đơn vị";
    scheme = {
      dbId: s.dbId,
      title: s.title,
      target: s.target,
      facts: `${formName} · ${s.target === "collective" ? "tập thể" : "cá nhân"} · cấp ${s.level} · ${quotaText(s.quota)}`,
      defaults: {
        formChoice: own ? OWN_FORM : s.form,
        ownName: own ? s.title : "",
        title: s.title,
        target: s.target,
        level: s.level,
        quotaType: s.quota.type,
        quotaN: s.quota.type === "none" ? "" : String(s.quota.n),
        rankBy: s.rankBy,
        rankContest: s.rankContest ?? "",
      },
      criteria: s.criteria.map((c, i) => ({ dbId: rows[i].id, label: c.label, kind: formKindOf(c), kindTitle: KIND_TITLE[formKindOf(c)], summary: ruleSummary(c, m.year, contestName) })),
    };
  }
  return {
    movement: { id: m.id, title: m.title, state: m.state, year: m.year },
    draft: m.state === "draft",
    forms: forms.map((f) => ({ id: f.id, name: f.name, target: f.target, level: f.level, note: f.note ?? null })),
    ownForms: ownForms(user),
    contests: contests.map((c) => ({ slug: c.slug, title: c.title })),
    scheme,
  };
}

export function saveScheme(user: CurrentUser, id: number, schemeId: number | null, v: SchemeInput, now = Date.now()): Result<{ schemeId: number }> {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, LOCKED_MESSAGE);
  const db = getDb();
  const catalogueForm = catalogueForms().find((f) => f.id === v.formChoice);
  const reused = v.formChoice.startsWith(`${OWN_FORM}-`) && ownForms(user).some((f) => f.id === v.formChoice) ? v.formChoice : null;
  if (v.formChoice !== OWN_FORM && !catalogueForm && !reused) return fail(400, "Hình thức không có trong danh mục.", { formChoice: "Chọn hình thức trong danh mục, hoặc “Hình thức riêng mới”." });
  if (catalogueForm && catalogueForm.target !== "both" && catalogueForm.target !== v.target) {
    const msg = catalogueForm.target === "collective" ? `“${catalogueForm.name}” là danh hiệu cho tập thể.` : `“${catalogueForm.name}” là danh hiệu cho cá nhân.`;
    return fail(400, msg, { target: msg });
  }
  if (v.rankContest && !ed.contestChoices(db).some((c) => c.slug === v.rankContest)) return fail(400, "Không có cuộc thi này.", { rankContest: "Chọn cuộc thi có trên nền tảng." });
  const existing = schemeId === null ? undefined : ed.getScheme(db, id, schemeId);
  if (schemeId !== null && !existing) throw new Response("Không tìm thấy hình thức khen thưởng.", { status: 404 });
  const form = catalogueForm ? catalogueForm.id : reused ? reused : existing?.form.startsWith(`${OWN_FORM}-`) ? existing.form : `${OWN_FORM}-${codeFrom(v.ownName, new Set(), foldVietnamese).slice(0, 40)}`;
  // An own form's name is stored with the scheme: the awards' pages and documents have no catalogue entry to read it from.
  const formName = catalogueForm
    ? null
    : v.formChoice === OWN_FORM
      ? v.ownName
      : reused
        ? (ownForms(user).find((f) => f.id === reused)?.name ?? null)
        : (existing?.formName ?? null);
  const taken = ed.schemeCodes(db, id);
  const code = existing?.code ?? codeFrom(v.title, taken, foldVietnamese);
  const scheme = { id: code, title: v.title, form, formName: formName ?? undefined, target: v.target, level: v.level, quota: v.quota, rankBy: v.rankBy, rankContest: v.rankContest, criteria: [] as Criterion[] };
  // The engine's own schema, criteria aside (a new scheme has none yet).
  const checked = schemeSchema.omit({ criteria: true }).safeParse(scheme);
  if (!checked.success) return fail(400, `Hình thức khen thưởng không hợp lệ: ${checked.error.issues[0].message}`);
  // A scheme's criteria were written for its target; switching collective ↔ individual would change what they mean.
  if (existing && existing.target !== v.target && ed.criteriaRows(db, existing.id).length > 0) {
    return fail(400, "Hình thức đã có tiêu chí: xóa các tiêu chí trước khi đổi đối tượng tập thể / cá nhân.", { target: "Không đổi đối tượng khi đã có tiêu chí." });
  }
  const out = db.transaction(() => {
    if (existing) {
      ed.updateScheme(db, existing.id, { title: v.title, form, formName, target: v.target, level: v.level, quota: v.quota, rankBy: v.rankBy, rankContest: v.rankContest ?? null });
      logAudit(db, { userId: user.id, action: "emulation.scheme.update", entity: "emulation_scheme", entityId: existing.id, detail: { movementId: id, title: v.title } }, now);
      return existing.id;
    }
    const newId = q.insertScheme(db, id, scheme, ed.nextSchemeOrder(db, id));
    logAudit(db, { userId: user.id, action: "emulation.scheme.create", entity: "emulation_scheme", entityId: newId, detail: { movementId: id, title: v.title } }, now);
    return newId;
  });
  return { ok: true, message: existing ? `Đã lưu hình thức “${v.title}”.` : `Đã thêm hình thức “${v.title}”. Thêm tiêu chí cho hình thức này.`, schemeId: out };
}

export function removeScheme(user: CurrentUser, id: number, schemeId: number, now = Date.now()): Result {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, LOCKED_MESSAGE);
  const db = getDb();
  const s = ed.getScheme(db, id, schemeId);
  if (!s) return fail(404, "Không tìm thấy hình thức khen thưởng.");
  ed.deleteScheme(db, s.id);
  logAudit(db, { userId: user.id, action: "emulation.scheme.remove", entity: "emulation_scheme", entityId: s.id, detail: { movementId: id, title: s.title } }, now);
  return { ok: true, message: `Đã xóa hình thức “${s.title}” và các tiêu chí của nó.` };
}

// ---------------- criteria ----------------

export function criterionEditor(user: CurrentUser, id: number, schemeId: number, criterionId: number | null, kind: FormKind | null) {
  const db = getDb();
  const m = requireOrganized(user, id);
  const s = ed.getScheme(db, id, schemeId);
  if (!s) throw new Response("Không tìm thấy hình thức khen thưởng.", { status: 404 });
  let current: { dbId: number; kind: FormKind; defaults: Record<string, string> } | null = null;
  if (criterionId !== null) {
    const c = ed.getCriterion(db, schemeId, criterionId);
    if (!c) throw new Response("Không tìm thấy tiêu chí.", { status: 404 });
    current = { dbId: c.id, kind: formKindOf(c.rule), defaults: ruleDefaults(c.label, c.rule) };
  }
  return {
    movement: { id: m.id, title: m.title, state: m.state, year: m.year },
    draft: m.state === "draft",
    scheme: { dbId: s.id, title: s.title, target: s.target },
    kind: current?.kind ?? kind,
    current,
    contests: ed.contestChoices(db).map((c) => ({ slug: c.slug, title: c.title })),
    titles: [...new Set([...catalogueForms().map((f) => f.name), ...ownForms(user).map((f) => f.name)])],
    councils: ed.councilNames(db),
  };
}

export function saveCriterion(
  user: CurrentUser,
  id: number,
  schemeId: number,
  criterionId: number | null,
  kind: FormKind,
  v: { label: string; rule: CriterionRule },
  now = Date.now(),
): Result {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, LOCKED_MESSAGE);
  const db = getDb();
  const s = ed.getScheme(db, id, schemeId);
  if (!s) throw new Response("Không tìm thấy hình thức khen thưởng.", { status: 404 });
  const existing = criterionId === null ? undefined : ed.getCriterion(db, schemeId, criterionId);
  if (criterionId !== null && !existing) throw new Response("Không tìm thấy tiêu chí.", { status: 404 });
  if (existing && formKindOf(existing.rule) !== kind) return fail(400, "Không đổi loại của tiêu chí đã lưu; xóa tiêu chí và thêm tiêu chí mới.");
  const rule = v.rule;
  if ((rule.kind === "participation_rate" || rule.kind === "quiz_score") && !ed.contestChoices(db).some((c) => c.slug === rule.contest)) {
    return fail(400, "Không có cuộc thi này trên nền tảng.", { contest: "Chọn cuộc thi có trên nền tảng." });
  }
  if (rule.kind === "disqualify_share" && s.target !== "collective") return fail(400, "Tỷ lệ vi phạm trên biên chế chỉ xét cho tập thể.");
  const code = existing?.code ?? codeFrom(v.label, ed.criterionCodes(db, id), foldVietnamese);
  // The engine's schema: what is saved here is what the evaluation reads, so it must parse as a shipped criterion does.
  const checked = criterionSchema.safeParse({ id: code, label: v.label, ...rule });
  if (!checked.success) return fail(400, `Tiêu chí chưa xét được: ${checked.error.issues[0].message}`);
  db.transaction(() => {
    if (existing) {
      ed.updateCriterion(db, existing.id, v.label, rule);
      logAudit(db, { userId: user.id, action: "emulation.criterion.update", entity: "emulation_criterion", entityId: existing.id, detail: { movementId: id, schemeId, label: v.label, check: ruleSummary(rule, m.year) } }, now);
    } else {
      q.insertCriterion(db, schemeId, { id: code, label: v.label, ...rule } as Criterion, ed.nextCriterionOrder(db, schemeId));
      logAudit(db, { userId: user.id, action: "emulation.criterion.create", entity: "emulation_criterion", entityId: code, detail: { movementId: id, schemeId, label: v.label, check: ruleSummary(rule, m.year) } }, now);
    }
  });
  return { ok: true, message: existing ? `Đã lưu tiêu chí “${v.label}”.` : `Đã thêm tiêu chí “${v.label}”.` };
}

export function removeCriterion(user: CurrentUser, id: number, schemeId: number, criterionId: number, now = Date.now()): Result {
  const m = requireOrganized(user, id);
  if (m.state !== "draft") return fail(409, LOCKED_MESSAGE);
  const db = getDb();
  const s = ed.getScheme(db, id, schemeId);
  const c = s ? ed.getCriterion(db, schemeId, criterionId) : undefined;
  if (!c) return fail(404, "Không tìm thấy tiêu chí.");
  ed.deleteCriterion(db, c.id);
  logAudit(db, { userId: user.id, action: "emulation.criterion.remove", entity: "emulation_criterion", entityId: c.id, detail: { movementId: id, schemeId, label: c.label } }, now);
  return { ok: true, message: `Đã xóa tiêu chí “${c.label}”.` };
}
