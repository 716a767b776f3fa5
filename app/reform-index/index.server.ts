import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { logAudit } from "../../db/audit";
import type { Db } from "../../db/connection";
import * as q from "../../db/reform-index";
import { indexAssessments, indexEvidenceFiles, indexSetUnits, indexSets, units, users } from "../../db/schema";
import { subtreeIds } from "../../db/participation/units";
import { type IndexRow, isLeaf, leaves } from "../core/reform-index/index-set";
import { changeFromLastYear, computeIndex, disagreements } from "../core/reform-index/scoring";
import type { CurrentUser } from "../account/session.server";
import { getDb } from "../db.server";
import { filesDir } from "../organizer/organizer.server";
import type { RowSaveInput } from "./schemas";
import { findUserByPhone } from "../../db/account/users";
import { normalizePhone } from "../core/participation/roster";
import { validateIndexSet } from "../core/reform-index/set-import";
import { fillMessages, mayFill } from "../core/reform-index/fill";
import { DEFAULT_BANDS } from "../core/reform-index/scoring";
import { readSheet } from "../excel.server";

/**
 * Use cases of the reform index: who may fill, appraise, decide and publish, checked here on the server
 * for every loader and action; the routes only parse input and render.
 */

type Scope = { head: number[]; organizer: number[] | null; admin: boolean };

function scopeOf(db: Db, user: CurrentUser): Scope {
  const admin = user.roles.some((r) => r.role === "admin");
  const heads = user.roles.filter((r) => r.role === "unit_head" && r.unitId !== null).map((r) => r.unitId as number);
  const orgs = user.roles.filter((r) => r.role === "organizer" && r.unitId !== null).map((r) => r.unitId as number);
  return { admin, head: subtreeIds(db, heads), organizer: admin ? null : orgs.length ? subtreeIds(db, orgs) : [] };
}

const forbidden = () => new Response(fillMessages.forbidden, { status: 403 });
const notFound = () => new Response(fillMessages.notFound, { status: 404 });

/** An organizer of the set's organizing unit (or above it), or an admin. */
function organizesSet(scope: Scope, set: { organizerUnitId: number | null }): boolean {
  if (scope.admin) return true;
  return set.organizerUnitId !== null && (scope.organizer ?? []).includes(set.organizerUnitId);
}

export type Access = { fill: boolean; view: boolean; appraise: boolean; chair: boolean; organize: boolean };

function accessTo(db: Db, user: CurrentUser, set: typeof indexSets.$inferSelect, unitId: number, officer: number | null): Access {
  const scope = scopeOf(db, user);
  const organize = organizesSet(scope, set);
  const members = q.councilOf(db, set.id).filter((m) => m.userId === user.id && (m.unitId === null || m.unitId === unitId));
  const fill = mayFill(user, unitId, officer);
  return {
    fill,
    view: fill || organize || members.length > 0 || scope.head.includes(unitId),
    appraise: members.length > 0,
    chair: members.some((m) => m.isChair) || (organize && q.councilOf(db, set.id).every((m) => !m.isChair)),
    organize,
  };
}

// ---- the unit ----

/** The sets where the person fills, views, appraises or organizes something, with each unit's state. */
export function indexHome(user: CurrentUser) {
  const db = getDb();
  const scope = scopeOf(db, user);
  const sets = db.select().from(indexSets).all().filter((s) => s.state !== "draft" || organizesSet(scope, s));
  const out = [];
  for (const set of sets) {
    const unitIds = q.setUnitIds(db, set.id);
    const assessments = new Map(q.assessmentsOfSet(db, set.id).map((a) => [a.a.unitId, a.a]));
    const council = q.councilOf(db, set.id).filter((m) => m.userId === user.id);
    const visible = unitIds.filter((u) => {
      const a = assessments.get(u);
      return (
        scope.head.includes(u) ||
        a?.officerUserId === user.id ||
        organizesSet(scope, set) ||
        council.some((m) => m.unitId === null || m.unitId === u)
      );
    });
    if (!visible.length) continue;
    const names = new Map(db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, visible)).all().map((u) => [u.id, u.name]));
    out.push({
      set: { id: set.id, title: set.title, year: set.year, group: set.groupCode, state: set.state, selfDeadlineAt: set.selfDeadlineAt, version: set.version },
      units: visible.map((u) => ({ unitId: u, name: names.get(u) ?? "", state: assessments.get(u)?.state ?? "draft", updatedAt: assessments.get(u)?.updatedAt ?? null })),
      council: council.length > 0,
      organize: organizesSet(scope, set),
    });
  }
  return out;
}

/** Everything the assessment page shows for one unit: rows, the unit's entries, the council's work as the viewer may see it. */
export function assessmentPage(user: CurrentUser, setId: number, unitId: number) {
  const db = getDb();
  const set = q.loadIndexSet(db, setId);
  if (!set || !q.setUnitIds(db, setId).includes(unitId)) throw notFound();
  const assessmentId = q.ensureAssessment(db, setId, unitId);
  const a = q.getAssessment(db, assessmentId)!;
  const access = accessTo(db, user, set, unitId, a.officerUserId);
  if (!access.view) throw forbidden();
  const unit = db.select({ name: units.name }).from(units).where(eq(units.id, unitId)).get()!;
  const entries = new Map(q.entriesOf(db, assessmentId).map((e) => [e.rowId, e]));
  const files = db.select().from(indexEvidenceFiles).where(eq(indexEvidenceFiles.assessmentId, assessmentId)).all();
  // The council's scores reach the unit once the chair has finished (appraised) or the set is published.
  const councilVisible = access.appraise || access.organize || access.chair || a.state === "appraised" || a.state === "closed";
  const finals = councilVisible ? q.finalScoresOf(db, assessmentId) : [];
  const appraisals = access.appraise || access.organize || access.chair ? q.appraisalsOf(db, assessmentId) : [];
  const platform = platformValues(db, set, unitId);
  const points = q.countedPoints(set.rows, [...entries.values()], finals);
  const selfPoints = q.countedPoints(set.rows, [...entries.values()], []);
  const total = computeIndex(set.rows, points);
  const selfTotal = computeIndex(set.rows, selfPoints);
  const now = Date.now();
  const editable =
    access.fill && set.state === "open" && (a.state === "draft" || a.state === "returned") && (set.selfDeadlineAt === null || now <= set.selfDeadlineAt);
  const answerable = access.fill && a.state === "appraised" && set.explainUntil !== null && now <= set.explainUntil;
  return {
    set: { id: set.id, title: set.title, year: set.year, state: set.state, selfDeadlineAt: set.selfDeadlineAt, explainUntil: set.explainUntil, bands: set.bands },
    unit: { id: unitId, name: unit.name },
    assessment: { id: assessmentId, state: a.state, returnedReason: a.returnedReason, submittedAt: a.submittedAt },
    access,
    editable,
    answerable,
    rows: set.rows.map((r) => {
      const e = entries.get(r.id);
      return {
        id: r.id,
        code: r.code,
        stt: r.stt,
        depth: r.code.split(".").length - 1,
        leaf: isLeaf(set.rows, r.code),
        title: r.title,
        maxPoints: r.maxPoints,
        method: r.method,
        evidence: r.evidence,
        allowNotApplicable: r.allowNotApplicable,
        bonus: r.bonus,
        source: r.source,
        platformValue: r.source ? platform[r.source] ?? null : null,
        entry: e
          ? { declared: e.declared, notApplicable: e.notApplicable, entered: e.entered, selfScore: e.selfScore, explanation: e.explanation, links: e.links, seq: e.seq }
          : null,
        files: files.filter((f) => f.rowId === r.id).map((f) => ({ id: f.id, name: f.fileName, size: f.size })),
        final: finals.find((f) => f.rowId === r.id) ?? null,
        appraisals: appraisals.filter((x) => x.rowId === r.id).map((x) => ({ memberUserId: x.memberUserId, points: x.points, notApplicable: x.notApplicable, reason: x.reason })),
        subtotal: total.byCode.get(r.code) ?? null,
      };
    }),
    total: { obtained: total.obtained, max: total.applicableMax, index: total.index, missing: total.missing.length },
    selfTotal: { obtained: selfTotal.obtained, max: selfTotal.applicableMax, index: selfTotal.index, missing: selfTotal.missing.length },
    memberNames: Object.fromEntries(
      (appraisals.length ? db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, [...new Set(appraisals.map((x) => x.memberUserId))])).all() : []).map((u) => [u.id, u.name]),
    ) as Record<number, string>,
    councilVisible,
    disagreements: councilVisible ? disagreements(selfPoints, new Map(finals.map((f) => [set.rows.find((r) => r.id === f.rowId)?.code ?? "", f.notApplicable ? null : f.points]))).length : 0,
  };
}

/** Actions on an assessment start here: a 404 for a unit outside the set, a 403 for someone who may not see it. */
export function requireAssessmentAccess(user: CurrentUser, setId: number, unitId: number): Access {
  const db = getDb();
  const set = q.loadIndexSet(db, setId);
  if (!set || !q.setUnitIds(db, setId).includes(unitId)) throw notFound();
  const a = db.select().from(indexAssessments).where(and(eq(indexAssessments.setId, setId), eq(indexAssessments.unitId, unitId))).get();
  const access = accessTo(db, user, set, unitId, a?.officerUserId ?? null);
  if (!access.view) throw forbidden();
  return access;
}

/** Figures the platform holds for rows that name a source: the unit's contest participation, its initiatives. */
function platformValues(db: Db, set: q.LoadedSet, unitId: number): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  const part = q.participationOf(db, [unitId], set.linkedContestIds).get(unitId) ?? [];
  if (part.length) out.contest_participation = String(Math.round(Math.min(...part.map((p) => p.rate)) * 10000) / 100);
  return out;
}

/**
 * The assessment the person may write now (app/core/reform-index/fill.ts, db/reform-index/fill.ts: the same
 * check as the autosave on the hot entry). A set or unit outside it is a 404 and someone who may not fill a
 * 403, thrown; a closed assessment is a refusal the page shows.
 */
function requireFillable(db: Db, user: CurrentUser, setId: number, unitId: number) {
  const ctx = q.fillableAssessment(db, user, setId, unitId);
  if (!ctx.ok) {
    if (ctx.status === 404) throw notFound();
    if (ctx.status === 403) throw forbidden();
    return { ok: false as const, message: ctx.message };
  }
  return ctx;
}

/** One row saved as the person types; the answer says what is stored, so the page can show "Đã lưu". */
export function saveRow(user: CurrentUser, input: RowSaveInput) {
  const r = q.saveRowAs(getDb(), user, input);
  if (r.ok) return r;
  if (r.status === 404) throw notFound();
  if (r.status === 403) throw forbidden();
  return { ok: false as const, message: r.message };
}

export function submitSelfAssessment(user: CurrentUser, setId: number, unitId: number) {
  const db = getDb();
  const ctx = requireFillable(db, user, setId, unitId);
  if (!ctx.ok) return ctx;
  const entries = q.entriesOf(db, ctx.assessmentId);
  const points = q.countedPoints(ctx.set.rows, entries, []);
  const missing = leaves(ctx.set.rows).filter((r) => !points.has(r.code));
  if (missing.length) {
    return { ok: false as const, message: `Còn ${missing.length} tiêu chí chưa kê khai: ${missing.slice(0, 5).map((r) => r.stt + " " + r.title).join("; ")}${missing.length > 5 ? "; …" : ""}.` };
  }
  const now = Date.now();
  q.updateAssessment(db, ctx.assessmentId, { state: "submitted", submittedAt: now, returnedReason: null }, now);
  logAudit(db, { userId: user.id, action: "reform_index.submit", entity: "index_assessment", entityId: ctx.assessmentId, detail: { index: computeIndex(ctx.set.rows, points).index } }, now);
  return { ok: true as const, message: "Đã gửi bản tự đánh giá đến Hội đồng thẩm định." };
}

const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
const EVIDENCE_TYPES = /\.(pdf|docx?|xlsx?|jpe?g|png)$/i;

export async function uploadEvidence(user: CurrentUser, setId: number, unitId: number, rowId: number, file: File) {
  const db = getDb();
  const ctx = requireFillable(db, user, setId, unitId);
  if (!ctx.ok) return ctx;
  if (!ctx.set.rows.some((r) => r.id === rowId)) return { ok: false as const, message: "Tiêu chí không có trong bộ chỉ số." };
  if (!EVIDENCE_TYPES.test(file.name)) return { ok: false as const, message: "Chỉ nhận tệp PDF, Word, Excel hoặc ảnh (JPG, PNG)." };
  if (file.size === 0) return { ok: false as const, message: "Tệp rỗng." };
  if (file.size > MAX_EVIDENCE_BYTES) return { ok: false as const, message: "Tệp vượt quá 20 MB." };
  const stored = `evidence-${randomBytes(8).toString("hex")}${path.extname(file.name).toLowerCase()}`;
  fs.mkdirSync(filesDir(), { recursive: true });
  fs.writeFileSync(path.join(filesDir(), stored), Buffer.from(await file.arrayBuffer()));
  db.insert(indexEvidenceFiles)
    .values({ assessmentId: ctx.assessmentId, rowId, fileName: file.name.normalize("NFC").slice(0, 200), storedName: stored, size: file.size, uploadedBy: user.id, uploadedAt: Date.now() })
    .run();
  return { ok: true as const, message: `Đã tải lên "${file.name}".` };
}

/** An evidence file, for whoever may view the assessment. */
export function evidenceFile(user: CurrentUser, fileId: number) {
  const db = getDb();
  const f = db.select().from(indexEvidenceFiles).where(eq(indexEvidenceFiles.id, fileId)).get();
  if (!f) throw notFound();
  const a = q.getAssessment(db, f.assessmentId)!;
  const set = q.loadIndexSet(db, a.setId)!;
  if (!accessTo(db, user, set, a.unitId, a.officerUserId).view) throw forbidden();
  const full = path.join(filesDir(), f.storedName);
  if (!fs.existsSync(full)) throw notFound();
  return { name: f.fileName, body: fs.readFileSync(full) };
}

// ---- the council ----

export function appraiseRow(user: CurrentUser, input: { assessmentId: number; rowId: number; points: number | null; notApplicable: boolean; reason: string }) {
  const db = getDb();
  const a = q.getAssessment(db, input.assessmentId);
  if (!a) throw notFound();
  const set = q.loadIndexSet(db, a.setId)!;
  const access = accessTo(db, user, set, a.unitId, a.officerUserId);
  if (!access.appraise && !access.chair) throw forbidden();
  if (set.state !== "appraising" || a.state !== "submitted") return { ok: false as const, message: "Bản tự đánh giá này không ở giai đoạn thẩm định." };
  const row = set.rows.find((r) => r.id === input.rowId);
  if (!row || !isLeaf(set.rows, row.code)) return { ok: false as const, message: "Tiêu chí không có trong bộ chỉ số." };
  const check = checkCouncilScore(row, input);
  if (!check.ok) return check;
  const self = q.entriesOf(db, a.id).find((e) => e.rowId === row.id);
  const same = input.notApplicable ? !!self?.notApplicable : self?.selfScore === input.points;
  if (!same && !input.reason.trim()) return { ok: false as const, message: "Cần ghi lý do khi chấm khác điểm tự đánh giá." };
  const now = Date.now();
  q.saveAppraisal(db, { assessmentId: a.id, rowId: row.id, memberUserId: user.id, points: input.notApplicable ? null : input.points, notApplicable: input.notApplicable, reason: input.reason.trim(), at: now });
  logAudit(db, { userId: user.id, action: "reform_index.appraise", entity: "index_entry", entityId: `${a.id}:${row.id}`, detail: { row: row.stt, self: self?.selfScore ?? null, points: input.points, reason: input.reason.trim() } }, now);
  return { ok: true as const, message: "Đã lưu ý kiến thẩm định." };
}

function checkCouncilScore(row: IndexRow, input: { points: number | null; notApplicable: boolean }) {
  if (input.notApplicable) return row.allowNotApplicable ? { ok: true as const } : { ok: false as const, message: "Tiêu chí này không được tính là không áp dụng." };
  if (input.points === null || !Number.isFinite(input.points) || input.points < 0) return { ok: false as const, message: "Điểm thẩm định phải là số không âm." };
  if (input.points > row.maxPoints + 1e-9) return { ok: false as const, message: `Điểm không được vượt quá điểm tối đa ${row.maxPoints}.` };
  return { ok: true as const };
}

/** The chair sets the final score of a row (the members' views beside it). */
export function finalizeRow(user: CurrentUser, input: { assessmentId: number; rowId: number; points: number | null; notApplicable: boolean; reason: string }) {
  const db = getDb();
  const a = q.getAssessment(db, input.assessmentId);
  if (!a) throw notFound();
  const set = q.loadIndexSet(db, a.setId)!;
  if (!accessTo(db, user, set, a.unitId, a.officerUserId).chair) throw forbidden();
  if (set.state !== "appraising" || a.state !== "submitted") return { ok: false as const, message: "Bản tự đánh giá này không ở giai đoạn thẩm định." };
  const row = set.rows.find((r) => r.id === input.rowId);
  if (!row) return { ok: false as const, message: "Tiêu chí không có trong bộ chỉ số." };
  const check = checkCouncilScore(row, input);
  if (!check.ok) return check;
  const self = q.entriesOf(db, a.id).find((e) => e.rowId === row.id);
  const same = input.notApplicable ? !!self?.notApplicable : self?.selfScore === input.points;
  if (!same && !input.reason.trim()) return { ok: false as const, message: "Cần ghi lý do khi điểm thẩm định khác điểm tự đánh giá." };
  const now = Date.now();
  q.saveFinalScore(db, { assessmentId: a.id, rowId: row.id, points: input.notApplicable ? null : input.points, notApplicable: input.notApplicable, reason: input.reason.trim(), decidedBy: user.id, at: now });
  logAudit(db, { userId: user.id, action: "reform_index.final_score", entity: "index_entry", entityId: `${a.id}:${row.id}`, detail: { row: row.stt, self: self?.selfScore ?? null, points: input.points, reason: input.reason.trim() } }, now);
  return { ok: true as const, message: "Đã chốt điểm tiêu chí." };
}

/** The chair finishes a unit's appraisal: the unit now sees the scores and may answer until the window closes. */
export function finishAppraisal(user: CurrentUser, assessmentId: number) {
  const db = getDb();
  const a = q.getAssessment(db, assessmentId);
  if (!a) throw notFound();
  const set = q.loadIndexSet(db, a.setId)!;
  if (!accessTo(db, user, set, a.unitId, a.officerUserId).chair) throw forbidden();
  if (a.state !== "submitted") return { ok: false as const, message: "Chỉ hoàn thành thẩm định bản đã gửi." };
  q.updateAssessment(db, a.id, { state: "appraised" });
  logAudit(db, { userId: user.id, action: "reform_index.appraisal_done", entity: "index_assessment", entityId: a.id });
  return { ok: true as const, message: "Đã hoàn thành thẩm định: đơn vị xem được điểm và giải trình trong thời hạn." };
}

export function answerRow(user: CurrentUser, input: { assessmentId: number; rowId: number; answer: string }) {
  const db = getDb();
  const a = q.getAssessment(db, input.assessmentId);
  if (!a) throw notFound();
  const set = q.loadIndexSet(db, a.setId)!;
  if (!accessTo(db, user, set, a.unitId, a.officerUserId).fill) throw forbidden();
  if (a.state !== "appraised" || set.explainUntil === null || Date.now() > set.explainUntil) return { ok: false as const, message: "Đã hết thời hạn giải trình." };
  if (!q.saveUnitAnswer(db, a.id, input.rowId, input.answer.trim())) return { ok: false as const, message: "Chỉ giải trình được tiêu chí mà Hội đồng đã chấm lại." };
  logAudit(db, { userId: user.id, action: "reform_index.answer", entity: "index_entry", entityId: `${a.id}:${input.rowId}` });
  return { ok: true as const, message: "Đã gửi giải trình." };
}

// ---- the organizer ----

export function organizerSets(user: CurrentUser) {
  const db = getDb();
  const scope = scopeOf(db, user);
  return db
    .select()
    .from(indexSets)
    .all()
    .filter((s) => organizesSet(scope, s))
    .map((s) => ({
      ...s,
      units: q.assessmentsOfSet(db, s.id).map((a) => ({ assessmentId: a.a.id, unitId: a.a.unitId, name: a.unitName, state: a.a.state, submittedAt: a.a.submittedAt })),
      unitCount: q.setUnitIds(db, s.id).length,
    }));
}

function requireOrganizer(db: Db, user: CurrentUser, setId: number) {
  const set = db.select().from(indexSets).where(eq(indexSets.id, setId)).get();
  if (!set) throw notFound();
  if (!organizesSet(scopeOf(db, user), set)) throw forbidden();
  return set;
}

const transitions = { draft: ["open"], open: ["appraising"], appraising: ["published"], published: [] } as const;

export function moveSet(user: CurrentUser, setId: number, to: "open" | "appraising" | "published", extra: { explainUntil?: number | null; selfDeadlineAt?: number | null } = {}) {
  const db = getDb();
  const set = requireOrganizer(db, user, setId);
  if (!(transitions[set.state] as readonly string[]).includes(to)) return { ok: false as const, message: "Không chuyển được sang giai đoạn này." };
  const now = Date.now();
  if (to === "published") {
    const open = q.assessmentsOfSet(db, setId).filter((a) => a.a.state === "submitted");
    if (open.length) return { ok: false as const, message: `Còn ${open.length} đơn vị đã gửi nhưng chưa hoàn thành thẩm định: ${open.slice(0, 5).map((o) => o.unitName).join(", ")}.` };
    if (!q.assessmentsOfSet(db, setId).some((a) => a.a.state === "appraised")) return { ok: false as const, message: "Chưa có đơn vị nào được thẩm định xong." };
    if (set.explainUntil !== null && now <= set.explainUntil) return { ok: false as const, message: "Chưa hết thời hạn giải trình của đơn vị." };
    const results = q.publishSetResults(db, setId, now);
    logAudit(db, { userId: user.id, action: "reform_index.publish", entity: "index_set", entityId: setId, detail: { units: results.length } }, now);
    return { ok: true as const, message: `Đã công bố kết quả của ${results.length} đơn vị.` };
  }
  if (to === "open") for (const u of q.setUnitIds(db, setId)) q.ensureAssessment(db, setId, u, now);
  q.setState(db, setId, to, { ...(extra.explainUntil !== undefined ? { explainUntil: extra.explainUntil } : {}), ...(extra.selfDeadlineAt !== undefined ? { selfDeadlineAt: extra.selfDeadlineAt } : {}) });
  logAudit(db, { userId: user.id, action: `reform_index.${to}`, entity: "index_set", entityId: setId }, now);
  return { ok: true as const, message: to === "open" ? "Đã mở tự đánh giá cho các đơn vị." : "Đã chuyển sang thẩm định." };
}

export function returnAssessment(user: CurrentUser, assessmentId: number, reason: string) {
  const db = getDb();
  const a = q.getAssessment(db, assessmentId);
  if (!a) throw notFound();
  requireOrganizer(db, user, a.setId);
  if (a.state !== "submitted") return { ok: false as const, message: "Chỉ trả lại bản đã gửi." };
  if (!reason.trim()) return { ok: false as const, message: "Cần ghi lý do trả lại để đơn vị bổ sung." };
  q.updateAssessment(db, a.id, { state: "returned", returnedReason: reason.trim() });
  logAudit(db, { userId: user.id, action: "reform_index.return", entity: "index_assessment", entityId: a.id, detail: { reason: reason.trim() } });
  return { ok: true as const, message: "Đã trả lại để đơn vị bổ sung." };
}

/** A council member by phone number (a whole number: no search by fragments). */
export function addCouncil(user: CurrentUser, setId: number, member: { phone: string; isChair: boolean }) {
  const db = getDb();
  requireOrganizer(db, user, setId);
  const phone = normalizePhone(member.phone);
  const person = phone ? findUserByPhone(db, phone) : undefined;
  if (!person) return { ok: false as const, message: "Không có tài khoản với số điện thoại này." };
  if (q.councilOf(db, setId).some((m) => m.userId === person.id)) return { ok: false as const, message: `${person.fullName} đã là thành viên Hội đồng.` };
  q.addCouncilMember(db, { setId, userId: person.id, isChair: member.isChair, unitId: null, partCode: null });
  logAudit(db, { userId: user.id, action: "reform_index.council_add", entity: "index_set", entityId: setId, detail: { member: person.id, chair: member.isChair } });
  return { ok: true as const, message: `Đã thêm ${person.fullName} vào Hội đồng thẩm định${member.isChair ? " (Chủ tịch)" : ""}.` };
}

export function councilMembers(setId: number) {
  const db = getDb();
  const list = q.councilOf(db, setId);
  if (!list.length) return [];
  const names = new Map(db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, list.map((m) => m.userId))).all().map((u) => [u.id, u.name]));
  return list.map((m) => ({ id: m.id, name: names.get(m.userId) ?? "", isChair: m.isChair }));
}

/** An index set uploaded in the province's layout: all or nothing, each error with its row and column. */
export async function importSetUpload(user: CurrentUser, input: { year: number; group: string; title: string; file: File }) {
  const db = getDb();
  const scope = scopeOf(db, user);
  const organizerUnit = user.roles.find((r) => r.role === "organizer" && r.unitId !== null)?.unitId ?? null;
  if (!scope.admin && organizerUnit === null) throw forbidden();
  if (!/\.xlsx$/i.test(input.file.name)) return { ok: false as const, message: "Chọn tệp Excel (.xlsx).", errors: [] };
  const sheet = await readSheet(await input.file.arrayBuffer(), 7);
  if (!sheet.ok) return { ok: false as const, message: sheet.message, errors: [] };
  const parsed = validateIndexSet(sheet.rows);
  if (!parsed.ok) return { ok: false as const, message: `Tệp có ${parsed.errors.length} lỗi: chưa nhập gì.`, errors: parsed.errors };
  // The set scores the units of the organizer's subtree of the group's kind; the organizer adjusts the list later.
  const unitIds = (scope.organizer ?? db.select({ id: units.id }).from(units).all().map((u) => u.id)).filter((id) => id !== organizerUnit);
  const { setId, version } = q.insertIndexSet(db, { year: input.year, groupCode: input.group, title: input.title, bands: DEFAULT_BANDS, rows: parsed.rows, organizerUnitId: organizerUnit, unitIds });
  logAudit(db, { userId: user.id, action: "reform_index.set_import", entity: "index_set", entityId: setId, detail: { rows: parsed.rows.length, file: input.file.name } });
  return { ok: true as const, message: `Đã nhập bộ chỉ số ${parsed.rows.length} dòng, tối đa ${parsed.maximum} điểm (phiên bản ${version}).`, errors: [] };
}

// ---- publication ----

/** The published ranking of a year by group, with the change from the year before. Public. */
export function ranking(year: number) {
  const db = getDb();
  const now = q.publishedResults(db, { years: [year] });
  const before = new Map(q.publishedResults(db, { years: [year - 1] }).map((r) => [r.unitId, r]));
  const groups = [...new Set(now.map((r) => r.groupCode))];
  const label = (g: string) => {
    const unit = db.select({ name: units.name }).from(units).where(eq(units.code, g)).get();
    if (unit) return `Các đơn vị trực thuộc ${unit.name}`;
    const set = db.select({ title: indexSets.title }).from(indexSets).where(and(eq(indexSets.groupCode, g), eq(indexSets.year, year))).get();
    return set?.title ?? `Nhóm ${g}`;
  };
  return groups.map((g) => ({
    group: g,
    label: label(g),
    rows: now
      .filter((r) => r.groupCode === g)
      .map((r) => ({ ...r, ...changeFromLastYear(r, before.get(r.unitId)) })),
  }));
}

export function publishedYears(): number[] {
  const db = getDb();
  return [...new Set(q.publishedResults(db).map((r) => r.year))].sort((a, b) => b - a);
}

/** A unit's published index over the years, and its latest published set's rows with scores and comments. */
export function unitIndexHistory(unitId: number) {
  const db = getDb();
  const unit = db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId)).get();
  if (!unit) throw notFound();
  const years = q.publishedResults(db, { unitIds: [unitId] });
  const latest = [...years].reverse().find((y) => y.source === "platform");
  let rows: { stt: string; depth: number; title: string; max: number; self: number | null; final: number | null; reason: string; answer: string | null }[] = [];
  if (latest) {
    const setId = db.select({ setId: indexSets.id }).from(indexSets).where(and(eq(indexSets.year, latest.year), eq(indexSets.groupCode, latest.groupCode), eq(indexSets.state, "published"))).get()?.setId;
    const set = setId ? q.loadIndexSet(db, setId) : undefined;
    const a = setId ? db.select().from(indexAssessments).where(and(eq(indexAssessments.setId, setId), eq(indexAssessments.unitId, unitId))).get() : undefined;
    if (set && a) {
      const entries = q.entriesOf(db, a.id);
      const finals = q.finalScoresOf(db, a.id);
      const total = computeIndex(set.rows, q.countedPoints(set.rows, entries, finals));
      rows = set.rows.map((r) => {
        const e = entries.find((x) => x.rowId === r.id);
        const f = finals.find((x) => x.rowId === r.id);
        const leaf = isLeaf(set.rows, r.code);
        return {
          stt: r.stt,
          depth: r.code.split(".").length - 1,
          title: r.title,
          max: r.maxPoints,
          self: leaf ? (e?.selfScore ?? null) : null,
          final: leaf ? (f ? f.points : (e?.selfScore ?? null)) : (total.byCode.get(r.code)?.obtained ?? null),
          reason: f?.reason ?? "",
          answer: f?.unitAnswer ?? null,
        };
      });
    }
  }
  return { unit, years, latestYear: latest?.year ?? null, rows };
}

export function setUnitsOf(setId: number): number[] {
  return getDb().select({ id: indexSetUnits.unitId }).from(indexSetUnits).where(eq(indexSetUnits.setId, setId)).all().map((r) => r.id);
}
