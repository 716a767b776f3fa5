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
import { DEFAULT_BANDS, rankByIndex } from "../core/reform-index/scoring";
import { readSheet } from "../excel.server";
import { coversRow, councilProgress, partOf, partsFor, scopesFromChoice } from "../core/reform-index/council";
import { foldVietnamese, looksLikePhone, wholePhoneQuery } from "../core/text";
import { maskPhone } from "../core/account/privacy";
import { send } from "../emulation/notify.server";
import { headsOfUnits } from "../../db/emulation/notifications";
import { formatDateTime as formatVn } from "../format";

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

/**
 * `fill`: the unit's own head or the index officer the head assigned; `head`: the head alone (assigns the officer,
 * sends the self-assessment, answers the council); `parts`: the parts of this unit the viewer appraises as a
 * council member (null: every part).
 */
export type Access = { fill: boolean; head: boolean; view: boolean; appraise: boolean; chair: boolean; organize: boolean; parts: string[] | null };

function accessTo(db: Db, user: CurrentUser, set: typeof indexSets.$inferSelect, unitId: number, officer: number | null): Access {
  const scope = scopeOf(db, user);
  const organize = organizesSet(scope, set);
  const mine = q.councilOf(db, set.id).filter((m) => m.userId === user.id);
  const members = mine.filter((m) => m.unitId === null || m.unitId === unitId);
  const ownHead = user.roles.some((r) => r.role === "unit_head" && r.unitId === unitId);
  const fill = mayFill(user, unitId, officer);
  return {
    fill,
    head: ownHead,
    view: fill || organize || members.length > 0 || scope.head.includes(unitId),
    appraise: members.length > 0,
    chair: members.some((m) => m.isChair) || (organize && q.councilOf(db, set.id).every((m) => !m.isChair)),
    organize,
    parts: partsFor(mine, unitId),
  };
}

/** Whether the header shows the index area: heads and organizers always, officers and council members too. */
export function showsIndexArea(user: CurrentUser): boolean {
  return user.roles.some((r) => r.role === "unit_head" || r.role === "organizer" || r.role === "admin") || q.hasIndexWork(getDb(), user.id);
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
    // A member's queue: on each sent assessment, the rows of their parts they have given an opinion on.
    const member = council.length > 0 && !council.some((m) => m.isChair);
    const marks = member ? q.appraisalMarksOfSet(db, set.id) : [];
    const setRows = member ? q.loadIndexSet(db, set.id)!.rows : [];
    const setLeaves = setRows.filter((r) => isLeaf(setRows, r.code));
    const queueOf = (u: number) => {
      const a = assessments.get(u);
      if (!member || !a || !APPRAISED_STATES.has(a.state)) return null;
      const p = councilProgress({ leaves: setLeaves, assessments: [{ id: a.id, unitId: u }], members: [{ userId: user.id, scopes: council }], marks, finals: [] }).members[0];
      return p.toAppraise ? { appraised: p.appraised, toAppraise: p.toAppraise } : null;
    };
    out.push({
      set: { id: set.id, title: set.title, year: set.year, group: set.groupCode, state: set.state, selfDeadlineAt: set.selfDeadlineAt, version: set.version },
      units: visible.map((u) => ({ unitId: u, name: names.get(u) ?? "", state: assessments.get(u)?.state ?? "draft", updatedAt: assessments.get(u)?.updatedAt ?? null, officer: assessments.get(u)?.officerUserId === user.id, queue: queueOf(u) })),
      council: council.length > 0,
      chair: council.some((m) => m.isChair),
      // The parts the member is assigned to, where the assignment names parts (else every part).
      parts: member && council.every((m) => m.partCode !== null) ? setRows.filter((r) => r.parentCode === null && council.some((m) => m.partCode === r.code)).map((r) => `${r.stt}. ${r.title}`) : null,
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
  const currentMembers = new Set(q.councilOf(db, setId).map((m) => m.userId));
  // A member assigned to some parts of this unit sees those rows only (the chair and the organizer see all).
  const onlyParts = access.appraise && !access.chair && !access.organize && !access.fill ? access.parts : null;
  const shown = onlyParts === null ? set.rows : set.rows.filter((r) => onlyParts.includes(partOf(r.code)));
  const officer = a.officerUserId ? db.select({ id: users.id, fullName: users.fullName, position: users.position }).from(users).where(eq(users.id, a.officerUserId)).get() ?? null : null;
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
    explainOpen: set.explainUntil !== null && now <= set.explainUntil,
    officer: officer ? { fullName: officer.fullName, position: officer.position, isMe: officer.id === user.id } : null,
    assignedParts: onlyParts === null ? null : set.rows.filter((r) => r.parentCode === null && onlyParts.includes(r.code)).map((r) => `${r.stt}. ${r.title}`),
    rows: shown.map((r) => {
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
    // A member removed from the council keeps their opinions in the record, named as such.
    memberNames: Object.fromEntries(
      (appraisals.length ? db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, [...new Set(appraisals.map((x) => x.memberUserId))])).all() : []).map((u) => [
        u.id,
        currentMembers.has(u.id) ? u.name : `${u.name} (đã rời Hội đồng)`,
      ]),
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

/** Sending is the head's: the officer fills the rows, the head answers for them before the council. */
export function submitSelfAssessment(user: CurrentUser, setId: number, unitId: number) {
  const db = getDb();
  const ctx = requireFillable(db, user, setId, unitId);
  if (!ctx.ok) return ctx;
  if (!accessTo(db, user, ctx.set, unitId, ctx.a.officerUserId).head) throw forbidden();
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

// ---- the index officer (cán bộ đầu mối) ----

const unitName = (db: Db, unitId: number) => db.select({ name: units.name }).from(units).where(eq(units.id, unitId)).get()?.name ?? "";

function requireHeadOf(db: Db, user: CurrentUser, setId: number, unitId: number) {
  const set = q.loadIndexSet(db, setId);
  if (!set || !q.isSetUnit(db, setId, unitId)) throw notFound();
  const assessmentId = q.ensureAssessment(db, setId, unitId);
  const a = q.getAssessment(db, assessmentId)!;
  if (!accessTo(db, user, set, unitId, a.officerUserId).head) throw forbidden();
  return { set, a };
}

export type OfficerCandidate = { id: number; fullName: string; phone: string; position: string | null };

/**
 * What the head sees to assign the officer: the current officer, and the people of the unit that match a name
 * (diacritics folded) or a whole phone number. Phones are masked: the head picks by name and position.
 */
export function officerPanel(user: CurrentUser, setId: number, unitId: number, query: string) {
  const db = getDb();
  const { a } = requireHeadOf(db, user, setId, unitId);
  const officer = a.officerUserId ? db.select({ id: users.id, fullName: users.fullName, position: users.position }).from(users).where(eq(users.id, a.officerUserId)).get() ?? null : null;
  const text = query.trim().slice(0, 100);
  let results: OfficerCandidate[] | null = null;
  let hint: string | null = null;
  if (text) {
    const phone = looksLikePhone(text) ? wholePhoneQuery(text) : null;
    if (looksLikePhone(text) && !phone) {
      results = [];
      hint = "Nhập đủ số điện thoại (10 chữ số), hoặc tìm theo họ tên.";
    } else {
      const folded = phone ? "" : foldVietnamese(text);
      results = q
        .peopleOfUnit(db, unitId, phone ?? "")
        .filter((p) => p.id !== user.id && (!folded || foldVietnamese(p.fullName).includes(folded)))
        .slice(0, 20)
        .map((p) => ({ ...p, phone: maskPhone(p.phone) }));
    }
  }
  return { officer, query: text, results, hint, closed: a.state === "closed" };
}

/** The head makes a person of the unit its index officer, who then fills the rows (and is told in the inbox). */
export function assignOfficer(user: CurrentUser, setId: number, unitId: number, personId: number, now = Date.now()) {
  const db = getDb();
  const { set, a } = requireHeadOf(db, user, setId, unitId);
  if (a.state === "closed") return { ok: false as const, message: "Kết quả đã công bố: không giao lại cán bộ đầu mối được nữa." };
  const person = db.select({ id: users.id, fullName: users.fullName, unitId: users.unitId }).from(users).where(eq(users.id, personId)).get();
  const here = unitName(db, unitId);
  if (!person || person.unitId !== unitId) return { ok: false as const, message: `Chỉ giao được cho người thuộc ${here}.` };
  if (person.id === user.id) return { ok: false as const, message: "Thủ trưởng đơn vị đã có quyền kê khai: hãy chọn một người khác của đơn vị." };
  if (a.officerUserId === person.id) return { ok: true as const, message: `${person.fullName} đã là cán bộ đầu mối.` };
  const before = a.officerUserId ? db.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.id, a.officerUserId)).get() : undefined;
  q.updateAssessment(db, a.id, { officerUserId: person.id }, now);
  logAudit(db, { userId: user.id, action: "reform_index.officer_assign", entity: "index_assessment", entityId: a.id, detail: { unit: here, name: person.fullName, userId: person.id, before: before?.fullName ?? null } }, now);
  const link = `/chi-so-cchc/${setId}/${unitId}`;
  send(
    [
      {
        userId: person.id,
        kind: "assignment",
        title: `Bạn được giao làm cán bộ đầu mối Chỉ số CCHC năm ${set.year}: ${here}`,
        body: `${user.fullName} giao bạn kê khai bản tự đánh giá “${set.title}”. Kê khai xong, thủ trưởng đơn vị gửi bản tự đánh giá đến Hội đồng thẩm định.`,
        link,
        dedupeKey: `index-officer-${a.id}-${person.id}-${now}`,
      },
      ...(before
        ? [{ userId: before.id, kind: "assignment" as const, title: `Bạn không còn là cán bộ đầu mối Chỉ số CCHC: ${here}`, body: `${user.fullName} đã giao cho ${person.fullName}.`, link: null, dedupeKey: `index-officer-off-${a.id}-${before.id}-${now}` }]
        : []),
    ],
    now,
  );
  return { ok: true as const, message: `Đã giao ${person.fullName} làm cán bộ đầu mối. Người này đã nhận thông báo.` };
}

export function removeOfficer(user: CurrentUser, setId: number, unitId: number, now = Date.now()) {
  const db = getDb();
  const { a } = requireHeadOf(db, user, setId, unitId);
  if (!a.officerUserId) return { ok: false as const, message: "Đơn vị chưa giao cán bộ đầu mối." };
  if (a.state === "closed") return { ok: false as const, message: "Kết quả đã công bố: không thay đổi cán bộ đầu mối được nữa." };
  const before = db.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.id, a.officerUserId)).get();
  const here = unitName(db, unitId);
  q.updateAssessment(db, a.id, { officerUserId: null }, now);
  logAudit(db, { userId: user.id, action: "reform_index.officer_remove", entity: "index_assessment", entityId: a.id, detail: { unit: here, name: before?.fullName ?? null, userId: a.officerUserId } }, now);
  if (before) send([{ userId: before.id, kind: "assignment", title: `Bạn không còn là cán bộ đầu mối Chỉ số CCHC: ${here}`, body: `${user.fullName} đã thôi giao.`, link: null, dedupeKey: `index-officer-off-${a.id}-${before.id}-${now}` }], now);
  return { ok: true as const, message: `Đã thôi giao ${before?.fullName ?? "cán bộ đầu mối"}: thủ trưởng đơn vị tự kê khai.` };
}

/** The officer tells the unit's head that the rows are filled and the self-assessment may be sent. */
export function tellHeadReady(user: CurrentUser, setId: number, unitId: number, now = Date.now()) {
  const db = getDb();
  const ctx = requireFillable(db, user, setId, unitId);
  if (!ctx.ok) return ctx;
  const heads = headsOfUnits(db, [unitId]).filter((h) => h.userId !== user.id);
  if (!heads.length) return { ok: false as const, message: "Đơn vị chưa có tài khoản thủ trưởng để nhận thông báo." };
  const missing = leaves(ctx.set.rows).filter((r) => !q.countedPoints(ctx.set.rows, q.entriesOf(db, ctx.assessmentId), []).has(r.code)).length;
  send(
    heads.map((h) => ({
      userId: h.userId,
      kind: "assignment" as const,
      title: `Cán bộ đầu mối đã kê khai Chỉ số CCHC năm ${ctx.set.year}: ${unitName(db, unitId)}`,
      body: `${user.fullName} đề nghị thủ trưởng xem lại và gửi bản tự đánh giá.${missing ? ` Còn ${missing} tiêu chí chưa kê khai.` : ""}`,
      link: `/chi-so-cchc/${setId}/${unitId}`,
      dedupeKey: `index-ready-${ctx.assessmentId}-${now}`,
    })),
    now,
  );
  return { ok: true as const, message: "Đã báo thủ trưởng đơn vị xem lại và gửi bản tự đánh giá." };
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
  if (!access.appraise && !access.chair) {
    // Someone who gave opinions on this set and is no longer on its council is told so, not just refused.
    if (q.opinionCountOnSet(db, set.id, user.id) > 0) throw new Response(NO_LONGER_MEMBER, { status: 403 });
    throw forbidden();
  }
  if (set.state !== "appraising" || a.state !== "submitted") return { ok: false as const, message: "Bản tự đánh giá này không ở giai đoạn thẩm định." };
  const row = set.rows.find((r) => r.id === input.rowId);
  if (!row || !isLeaf(set.rows, row.code)) return { ok: false as const, message: "Tiêu chí không có trong bộ chỉ số." };
  // A member assigned to some parts appraises those only; the chair may give an opinion on any row.
  if (!access.chair && access.parts !== null && !access.parts.includes(partOf(row.code))) throw forbidden();
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
  const row = set.rows.find((r) => r.id === input.rowId);
  if (!row) return { ok: false as const, message: "Tiêu chí không có trong bộ chỉ số." };
  // After the chair has finished a unit, a row the unit answered (giải trình) may still be decided again, until publication.
  const answered = a.state === "appraised" && q.finalScoresOf(db, a.id).some((f) => f.rowId === row.id && f.unitAnswer);
  if (set.state !== "appraising" || (a.state !== "submitted" && !answered)) return { ok: false as const, message: "Bản tự đánh giá này không ở giai đoạn thẩm định." };
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
  const now = Date.now();
  const window = set.explainUntil !== null && set.explainUntil > now ? ` Đơn vị giải trình đến ${formatVn(set.explainUntil)}.` : "";
  send(
    headsOfUnits(db, [a.unitId]).map((h) => ({ userId: h.userId, kind: "council" as const, title: `Hội đồng đã thẩm định Chỉ số CCHC năm ${set.year}: ${unitName(db, a.unitId)}`, body: `Xem điểm thẩm định và lý do từng tiêu chí.${window}`, link: `/chi-so-cchc/${set.id}/${a.unitId}`, dedupeKey: `index-appraised-${a.id}` })),
    now,
  );
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

// ---- the council's assignments and progress ----

const APPRAISED_STATES = new Set(["submitted", "appraised", "closed"]);

function councilContext(db: Db, user: CurrentUser, setId: number) {
  const set = q.loadIndexSet(db, setId);
  if (!set) throw notFound();
  const council = q.councilOf(db, setId);
  const organize = organizesSet(scopeOf(db, user), set);
  const isChair = council.some((m) => m.userId === user.id && m.isChair);
  const isMember = council.some((m) => m.userId === user.id);
  if (!organize && !isMember) throw forbidden();
  return { set, council, organize, isChair, canAssign: organize || isChair };
}

/**
 * The council page of a set: its parts and units, each member's assignment and progress (rows appraised / rows to
 * appraise), each unit's progress. The organizer and the chair assign; a member sees the page with their own line.
 */
export function councilPage(user: CurrentUser, setId: number) {
  const db = getDb();
  const { set, council, canAssign, organize, isChair } = councilContext(db, user, setId);
  const parts = set.rows.filter((r) => r.parentCode === null).map((r) => ({ code: r.code, stt: r.stt, title: r.title }));
  const unitRows = q.assessmentsOfSet(db, setId);
  const setUnits = new Set(q.setUnitIds(db, setId));
  const unitList = unitRows.filter((u) => setUnits.has(u.a.unitId)).map((u) => ({ unitId: u.a.unitId, name: u.unitName, state: u.a.state, assessmentId: u.a.id }));
  const byUser = new Map<number, typeof council>();
  for (const m of council) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m]);
  const names = new Map(
    (byUser.size ? db.select({ id: users.id, name: users.fullName, position: users.position }).from(users).where(inArray(users.id, [...byUser.keys()])).all() : []).map((u) => [u.id, u]),
  );
  const members = [...byUser.entries()].map(([userId, rows]) => ({
    userId,
    name: names.get(userId)?.name ?? "",
    position: names.get(userId)?.position ?? null,
    isChair: rows.some((r) => r.isChair),
    scopes: rows.map((r) => ({ unitId: r.unitId, partCode: r.partCode })),
  }));
  const sent = unitList.filter((u) => APPRAISED_STATES.has(u.state));
  const progress = councilProgress({
    leaves: set.rows.filter((r) => isLeaf(set.rows, r.code)),
    assessments: sent.map((u) => ({ id: u.assessmentId, unitId: u.unitId })),
    members: members.filter((m) => !m.isChair),
    marks: q.appraisalMarksOfSet(db, setId),
    finals: q.finalMarksOfSet(db, setId),
  });
  const visibleMembers = canAssign ? members : members.filter((m) => m.userId === user.id);
  return {
    set: { id: set.id, title: set.title, year: set.year, state: set.state, explainUntil: set.explainUntil },
    explainOpen: set.explainUntil !== null && Date.now() <= set.explainUntil,
    parts,
    units: unitList.map((u) => ({ unitId: u.unitId, name: u.name, state: u.state })),
    members: visibleMembers.map((m) => ({
      ...m,
      units: [...new Set(m.scopes.map((s) => s.unitId).filter((x): x is number => x !== null))],
      partCodes: [...new Set(m.scopes.map((s) => s.partCode).filter((x): x is string => x !== null))],
      progress: progress.members.find((p) => p.userId === m.userId) ?? null,
    })),
    unitProgress: canAssign ? progress.units.map((p) => ({ ...p, name: unitList.find((u) => u.unitId === p.unitId)?.name ?? "" })) : [],
    canAssign: canAssign && set.state !== "published",
    organize,
    isChair,
  };
}

/**
 * The window in which units answer the council (giải trình): the organizer or the chair sets its last day, or ends
 * it now; publication waits for its end.
 */
export function setExplainWindow(user: CurrentUser, setId: number, until: number | null, now = Date.now()) {
  const db = getDb();
  const { set, canAssign } = councilContext(db, user, setId);
  if (!canAssign) throw forbidden();
  if (set.state !== "appraising") return { ok: false as const, message: "Chỉ đặt hạn giải trình khi bộ chỉ số đang thẩm định." };
  if (until !== null && until <= now) return { ok: false as const, message: "Hạn giải trình phải sau thời điểm hiện tại." };
  if (until === null && (set.explainUntil === null || set.explainUntil <= now)) return { ok: false as const, message: "Không có thời hạn giải trình nào đang mở." };
  // Ending it now: a millisecond back, so that an answer and the publication in this same millisecond agree it is over.
  const to = until ?? now - 1;
  q.setState(db, setId, "appraising", { explainUntil: to });
  logAudit(db, { userId: user.id, action: "reform_index.explain_window", entity: "index_set", entityId: setId, detail: { before: set.explainUntil === null ? null : formatVn(set.explainUntil), after: formatVn(to) } }, now);
  return { ok: true as const, message: until === null ? "Đã kết thúc thời hạn giải trình: có thể công bố kết quả." : `Đơn vị giải trình đến ${formatVn(to)}.` };
}

/** The organizer or the chair assigns a member to units and/or parts (none chosen: the whole set). Audited; the member is told. */
export function assignCouncil(user: CurrentUser, setId: number, input: { memberUserId: number; unitIds: number[]; partCodes: string[] }, now = Date.now()) {
  const db = getDb();
  const { set, council, canAssign } = councilContext(db, user, setId);
  if (!canAssign) throw forbidden();
  if (set.state === "published") return { ok: false as const, message: "Kết quả đã công bố: không phân công lại được nữa." };
  const rows = council.filter((m) => m.userId === input.memberUserId);
  if (!rows.length) return { ok: false as const, message: "Người này không phải thành viên Hội đồng thẩm định của bộ chỉ số." };
  if (rows.some((r) => r.isChair)) return { ok: false as const, message: "Chủ tịch Hội đồng chốt điểm mọi đơn vị: không phân công riêng." };
  const setUnits = new Set(q.setUnitIds(db, setId));
  if (input.unitIds.some((u) => !setUnits.has(u))) return { ok: false as const, message: "Có đơn vị không thuộc bộ chỉ số này." };
  const parts = set.rows.filter((r) => r.parentCode === null);
  if (input.partCodes.some((c) => !parts.some((p) => p.code === c))) return { ok: false as const, message: "Có lĩnh vực không thuộc bộ chỉ số này." };
  q.replaceCouncilScopes(db, setId, input.memberUserId, scopesFromChoice(input.unitIds, input.partCodes));
  const person = db.select({ name: users.fullName }).from(users).where(eq(users.id, input.memberUserId)).get();
  const unitNames = input.unitIds.length ? db.select({ name: units.name }).from(units).where(inArray(units.id, input.unitIds)).all().map((u) => u.name) : [];
  const partTexts = parts.filter((p) => input.partCodes.includes(p.code)).map((p) => `${p.stt}. ${p.title}`);
  const what = `${unitNames.length ? unitNames.join(", ") : "mọi đơn vị"}; ${partTexts.length ? "lĩnh vực " + partTexts.join(", ") : "mọi lĩnh vực"}`;
  logAudit(db, { userId: user.id, action: "reform_index.council_assign", entity: "index_set", entityId: setId, detail: { name: person?.name ?? null, userId: input.memberUserId, unit: unitNames.length ? unitNames : "mọi đơn vị", parts: partTexts.length ? partTexts : "mọi lĩnh vực" } }, now);
  send([{ userId: input.memberUserId, kind: "council", title: `Phân công thẩm định Chỉ số CCHC năm ${set.year}`, body: `Bạn thẩm định: ${what}.`, link: "/chi-so-cchc", dedupeKey: `index-council-${setId}-${input.memberUserId}-${now}` }], now);
  return { ok: true as const, message: `Đã phân công ${person?.name ?? "thành viên"} thẩm định ${what}.` };
}

const NO_LONGER_MEMBER = "Bạn không còn là thành viên Hội đồng thẩm định của bộ chỉ số này: không thẩm định được nữa. Ý kiến bạn đã cho vẫn được giữ trong hồ sơ.";

/**
 * The organizer or the chair removes a member from the council: the member leaves every queue and may no longer
 * appraise; the opinions they gave stay (the chair still sees who said what, the audit keeps it). The chair cannot be
 * removed while chair. Audited; the member is told.
 */
export function removeCouncilMember(user: CurrentUser, setId: number, memberUserId: number, now = Date.now()) {
  const db = getDb();
  const { set, council, canAssign } = councilContext(db, user, setId);
  if (!canAssign) throw forbidden();
  if (set.state === "published") return { ok: false as const, message: "Kết quả đã công bố: không thay đổi Hội đồng được nữa." };
  const rows = council.filter((m) => m.userId === memberUserId);
  if (!rows.length) return { ok: false as const, message: "Người này không phải thành viên Hội đồng thẩm định của bộ chỉ số." };
  const person = db.select({ name: users.fullName }).from(users).where(eq(users.id, memberUserId)).get();
  const name = person?.name ?? "Thành viên";
  if (rows.some((r) => r.isChair)) return { ok: false as const, message: `${name} đang là Chủ tịch Hội đồng: không xóa được khỏi Hội đồng khi đang là Chủ tịch.` };
  const opinions = q.opinionCountOnSet(db, setId, memberUserId);
  q.removeCouncilMember(db, setId, memberUserId);
  logAudit(db, { userId: user.id, action: "reform_index.council_remove", entity: "index_set", entityId: setId, detail: { name, userId: memberUserId, opinions } }, now);
  send([{ userId: memberUserId, kind: "council", title: `Bạn không còn trong Hội đồng thẩm định Chỉ số CCHC năm ${set.year}`, body: `${user.fullName} đã xóa bạn khỏi Hội đồng thẩm định “${set.title}”. Ý kiến bạn đã cho vẫn được giữ trong hồ sơ.`, link: null, dedupeKey: `index-council-off-${setId}-${memberUserId}-${now}` }], now);
  return { ok: true as const, message: `Đã xóa ${name} khỏi Hội đồng thẩm định.${opinions ? ` ${opinions} ý kiến đã cho vẫn được giữ trong hồ sơ.` : ""}` };
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
  const now = withRanks(q.publishedResults(db, { years: [year] }));
  const before = new Map(withRanks(q.publishedResults(db, { years: [year - 1] })).map((r) => [r.unitId, r]));
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

/**
 * Results imported without a rank are stored with rank 0 ("not given"); a ranking shows them ranked by index within
 * their group rather than all at place 0.
 */
function withRanks(rows: q.PublishedIndex[]): q.PublishedIndex[] {
  const groups = new Map<string, q.PublishedIndex[]>();
  for (const r of rows) groups.set(r.groupCode, [...(groups.get(r.groupCode) ?? []), r]);
  return [...groups.values()].flatMap((g) => (g.some((r) => r.rank <= 0) ? rankByIndex(g) : g));
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
