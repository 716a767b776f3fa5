import { logAudit } from "../../db/audit";
import type { Db } from "../../db/connection";
import * as ir from "../../db/initiative-register/queries";
import { initiativeFigures } from "../../db/initiative-register/figures";
import * as contest from "../../db/initiatives/initiatives";
import { getUnit, listUnits, subtreeIds } from "../../db/participation/units";
import { findUserById, findUserByPhone } from "../../db/account/users";
import { overlapPercent, searchText, similarityQuery } from "../core/initiatives/initiatives";
import {
  authorMayEdit,
  checkSheet,
  conflictOfInterest,
  councilChanges,
  councilLevelProblem,
  councilLevelText,
  councilMean,
  criteriaProblem,
  DEFAULT_WIDENING,
  type Decision,
  decisionProblem,
  effectiveScope,
  passMarkProblem,
  requestStateText,
  scopeOfLevel,
  scopeRank,
  scopeText,
  scoringProgress,
  sharesProblem,
  yearInVietnam,
} from "../core/initiative-register/rules";
import { registerWorkbook } from "./export.server";
import type { CouncilInput, DecisionInput, RequestInput } from "./schemas";

/** Who acts: the signed-in person as the session gives it. */
export type Actor = { id: number; unitId: number | null; roles: { role: string; unitId: number | null }[] };
export type Failure = { ok: false; status: number; message: string; fieldErrors?: Record<string, string> };
const fail = (status: number, message: string, fieldErrors?: Record<string, string>): Failure => ({ ok: false, status, message, fieldErrors });

const isAdmin = (a: Actor) => a.roles.some((r) => r.role === "admin");

/**
 * The units an organizer's register covers; null (all) for an admin or an unscoped organizer. A
 * specialised agency (Phòng Nội vụ, kind co_quan_chuyen_mon) keeps the emulation work of the people's
 * committee above it, so its register is that committee's whole subtree; any other unit covers its own.
 */
export function organizerScope(db: Db, actor: Actor): number[] | null {
  if (isAdmin(actor)) return null;
  const grants = actor.roles.filter((r) => r.role === "organizer");
  if (grants.some((g) => g.unitId === null)) return null;
  const roots = grants.map((g) => {
    const unit = getUnit(db, g.unitId as number);
    return unit?.kind === "co_quan_chuyen_mon" && unit.parentId ? unit.parentId : (g.unitId as number);
  });
  return subtreeIds(db, roots);
}

/** The units a person may file for: their own, or a unit head's subtree; an organizer's scope. */
function filingUnits(db: Db, actor: Actor): number[] | null {
  const org = actor.roles.some((r) => r.role === "organizer" || r.role === "admin") ? organizerScope(db, actor) : [];
  if (org === null) return null;
  const heads = subtreeIds(db, actor.roles.filter((r) => r.role === "unit_head" && r.unitId !== null).map((r) => r.unitId as number));
  return [...new Set([...(actor.unitId ? [actor.unitId] : []), ...org, ...heads])];
}

export function unitOptions(db: Db, allowed: number[] | null) {
  return listUnits(db)
    .filter((u) => allowed === null || allowed.includes(u.id))
    .map((u) => ({ id: u.id, name: u.name }));
}

export function filingUnitOptions(db: Db, actor: Actor) {
  return unitOptions(db, filingUnits(db, actor));
}

// ---------------------------------------------------------------- authors' side

export function myRequests(db: Db, actor: Actor) {
  return ir.requestsOfPerson(db, actor.id);
}

/** A request as its author sees it: filer or named author. */
export function ownRequest(db: Db, actor: Actor, id: number) {
  const row = ir.getRequest(db, id);
  if (!row || (row.request.ownerId !== actor.id && !row.authors.some((a) => a.userId === actor.id))) return null;
  const applications = ir.applicationsOf(db, [id]);
  // The scope as applications widen it (what the figures count), beside the one the council recognised.
  const scope = row.request.state === "recognised" ? effectiveScope(row.request.decidedScope ?? "co_so", [{ unitId: row.request.unitId, districtId: row.unitParentId }, ...applications], DEFAULT_WIDENING) : null;
  return { ...row, applications, scope, mayEdit: authorMayEdit(row.request.state) && row.request.ownerId === actor.id };
}

function authorRows(db: Db, input: RequestInput["authors"], unitId: number) {
  return input.map((a) => {
    const user = a.phone ? findUserByPhone(db, a.phone) : undefined;
    return { fullName: a.fullName, share: a.share, userId: user?.id ?? null, unitId: user?.unitId ?? unitId, position: user?.position ?? null };
  });
}

/** Why a request may not be filed yet (the fields a council needs), or null. */
function filingProblem(r: ir.RequestRow, shares: { fullName: string; share: number }[]): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const need = (key: keyof ir.RequestRow, label: string, min: number) => {
    const v = r[key];
    if (typeof v !== "string" || v.trim().length < min) errors[key] = `Cần nêu ${label} (ít nhất ${min} ký tự) trước khi nộp.`;
  };
  need("problem", "thực trạng, vấn đề cần giải quyết", 20);
  need("novelty", "tính mới của sáng kiến", 20);
  need("howApplied", "cách thức và nơi áp dụng", 10);
  need("benefit", "hiệu quả, lợi ích thu được", 20);
  if (!r.appliedSince) errors.appliedSince = "Cần nêu ngày bắt đầu áp dụng (hoặc áp dụng thử) trước khi nộp.";
  const shareProblem = sharesProblem(shares);
  if (shareProblem) errors.authors = shareProblem;
  return Object.keys(errors).length ? errors : null;
}

/** The council a request goes to: of its unit or the nearest unit above it, covering its field. */
export function councilFor(db: Db, unitId: number, field: string) {
  const councils = ir.listCouncils(db).map((c) => c.council);
  let u = getUnit(db, unitId);
  while (u) {
    const here = councils.filter((c) => c.unitId === u!.id && (c.fields.length === 0 || c.fields.some((f) => f.toLowerCase() === field.toLowerCase())));
    if (here.length) return here.sort((a, b) => COUNCIL_ORDER[a.level] - COUNCIL_ORDER[b.level])[0];
    u = u.parentId ? getUnit(db, u.parentId) : undefined;
  }
  return undefined;
}
const COUNCIL_ORDER = { unit: 0, district: 1, province: 2 } as const;

/**
 * Saves a draft (new or existing) and, with intent "submit", files it with the council of its unit's
 * level. Filing checks the contents and the shares; a failed check saves nothing.
 */
export function saveRequest(db: Db, actor: Actor, requestId: number | null, input: RequestInput, now: number): { ok: true; id: number; state: ir.RequestRow["state"] } | Failure {
  const allowed = filingUnits(db, actor);
  if (allowed !== null && !allowed.includes(input.unitId)) return fail(403, "Bạn chỉ nộp sáng kiến cho đơn vị của mình.", { unitId: "Bạn chỉ nộp sáng kiến cho đơn vị của mình." });
  if (!getUnit(db, input.unitId)) return fail(400, "Đơn vị không tồn tại.", { unitId: "Đơn vị không tồn tại." });
  let existing: ir.RequestRow | undefined;
  if (requestId !== null) {
    existing = ir.getRequest(db, requestId)?.request;
    if (!existing || existing.ownerId !== actor.id) return fail(404, "Không tìm thấy đơn.");
    if (!authorMayEdit(existing.state)) return fail(409, "Đơn đã nộp cho hội đồng: không sửa được nữa.");
  }
  const authors = authorRows(db, input.authors, input.unitId);
  const fields = {
    title: input.title,
    field: input.field,
    unitId: input.unitId,
    problem: input.problem,
    novelty: input.novelty,
    howApplied: input.howApplied,
    appliedSince: input.appliedSince,
    benefit: input.benefit,
    claimedScope: input.claimedScope,
    evidence: input.evidence,
    videoUrl: input.videoUrl,
    searchFolded: searchText([input.title, input.problem, input.novelty, input.benefit]),
    updatedAt: now,
  };
  let council: ir.CouncilRow | undefined;
  if (input.intent === "submit") {
    const problems = filingProblem({ ...(existing ?? ({} as ir.RequestRow)), ...fields } as ir.RequestRow, authors);
    if (problems) return fail(400, "Đơn chưa đủ nội dung để nộp. Đã giữ nguyên bản nháp trước đó.", problems);
    council = councilFor(db, input.unitId, input.field);
    if (!council) return fail(409, "Chưa có hội đồng sáng kiến nào cho đơn vị và lĩnh vực này. Vui lòng liên hệ Ban Tổ chức.");
  } else if (input.authors.length && sharesProblem(authors) && authors.reduce((s, a) => s + a.share, 0) > 100) {
    return fail(400, "Tổng tỷ lệ đóng góp vượt quá 100%.", { authors: sharesProblem(authors)! });
  }
  const submitted = input.intent === "submit" ? { state: "submitted" as const, stateReason: null, councilId: council!.id, submittedAt: now, year: yearInVietnam(now) } : {};
  let id = requestId ?? 0;
  db.transaction(() => {
    if (existing) {
      ir.updateRequest(db, existing.id, { ...fields, ...submitted });
      ir.setAuthors(db, existing.id, authors);
    } else {
      id = ir.insertRequest(db, { ...fields, ownerId: actor.id, year: yearInVietnam(now), createdAt: now, ...submitted }, authors).id;
    }
    logAudit(db, { userId: actor.id, action: input.intent === "submit" ? "initiative_register.submit" : "initiative_register.save", entity: "ir_request", entityId: id, detail: { councilId: council?.id ?? null } }, now);
  });
  return { ok: true, id, state: input.intent === "submit" ? "submitted" : (existing?.state ?? "draft") };
}

/** The contest entries of a person that can be carried over (not yet carried). */
export function carriableEntries(db: Db, actor: Actor) {
  return contest
    .listOwnerEntries(db, actor.id)
    .filter((e) => e.entry.status !== "draft" && !ir.requestByEntry(db, e.entry.id))
    .map((e) => ({ id: e.entry.id, title: e.entry.title, status: e.entry.status, unitName: e.unitName }));
}

/**
 * An entry of the contest's initiative round becomes a draft request in one step: its text and video link
 * copied, the link between them kept (one request per entry), the authors sharing equally.
 */
export function carryOver(db: Db, actor: Actor, entryId: number, now: number): { ok: true; id: number } | Failure {
  const row = contest.getEntry(db, entryId);
  if (!row || row.entry.ownerId !== actor.id) return fail(404, "Không tìm thấy bài dự thi của bạn.");
  if (row.entry.status === "draft") return fail(409, "Bài dự thi còn là bản nháp: hãy nộp bài dự thi trước khi chuyển thành đơn.");
  const already = ir.requestByEntry(db, entryId);
  if (already) return { ok: true, id: already.id };
  const names = row.entry.authors.length ? row.entry.authors : [row.ownerName];
  const base = Math.floor(100 / names.length);
  const authors = names.map((n, i) => {
    const isOwner = n === row.ownerName;
    return { fullName: n, share: base + (i === 0 ? 100 - base * names.length : 0), userId: isOwner ? actor.id : null, unitId: row.entry.unitId, position: null };
  });
  let id = 0;
  db.transaction(() => {
    id = ir.insertRequest(
      db,
      {
        ownerId: actor.id,
        unitId: row.entry.unitId,
        title: row.entry.title,
        field: "Cải cách hành chính",
        problem: row.entry.summary,
        novelty: row.entry.novelty,
        howApplied: row.entry.appliedAt,
        benefit: "",
        videoUrl: row.entry.videoUrl,
        contestEntryId: entryId,
        year: yearInVietnam(now),
        searchFolded: searchText([row.entry.title, row.entry.summary, row.entry.novelty]),
        createdAt: now,
        updatedAt: now,
      },
      authors,
    ).id;
    logAudit(db, { userId: actor.id, action: "initiative_register.carry_over", entity: "ir_request", entityId: id, detail: { entryId } }, now);
  });
  return { ok: true, id };
}

export type Similar = { kind: "register" | "entry" | "archive"; id: number; title: string; percent: number; where: string | null };

/**
 * The duplicate-idea check: the contest's FTS5 index (entries and archive) and the register's own, with
 * the same folded MATCH expression; the closest by syllable overlap first.
 */
export function similarIdeas(db: Db, folded: string, exceptRequestId: number | null, limit = 5): Similar[] {
  const match = similarityQuery(folded);
  if (!match) return [];
  const out: Similar[] = [];
  const regIds = ir.similarRequestIds(db, match, 30).filter((id) => id !== exceptRequestId);
  for (const r of ir.requestsByIds(db, regIds)) if (r.state !== "draft") out.push({ kind: "register", id: r.id, title: r.title, percent: overlapPercent(folded, r.searchFolded), where: `${r.unitName}, ${r.year}` });
  const hits = contest.similarRowids(db, match, 30);
  const entryIds = hits.filter((h) => h.rowid % 2 === 0).map((h) => h.rowid / 2);
  const archiveIds = hits.filter((h) => h.rowid % 2 === 1).map((h) => (h.rowid - 1) / 2);
  for (const e of contest.entriesByIds(db, entryIds)) if (e.status !== "draft") out.push({ kind: "entry", id: e.id, title: e.title, percent: overlapPercent(folded, e.searchFolded), where: e.unitName });
  for (const a of contest.archiveByIds(db, archiveIds)) out.push({ kind: "archive", id: a.id, title: a.title, percent: overlapPercent(folded, a.searchFolded), where: [a.unit, a.province, a.year].filter(Boolean).join(", ") || null });
  return out.filter((s) => s.percent > 0).sort((a, b) => b.percent - a.percent).slice(0, limit);
}

/** What the live check before the first save may show of another initiative: public fields only. */
export type ClosestIdea = { source: "register" | "archive"; title: string; unit: string; year: number | null; state: string; percent: number };
const LIVE_MIN_TOKENS = 3;

/**
 * The duplicate-idea check while an author writes a new request (before anything is saved): the closest
 * filed requests of the register and the archive, by the same folded FTS5 expression and overlap as the
 * check on a saved request. Only public fields go out (title, unit, year, state); drafts are never shown
 * (not even the person's own: a draft is not an initiative yet), nor any request's text.
 */
export function closestIdeas(db: Db, text: string, limit = 3): ClosestIdea[] {
  const folded = searchText([text.slice(0, 4000)]);
  if (folded.split(/\s+/).filter((t) => t.length > 1).length < LIVE_MIN_TOKENS) return [];
  const match = similarityQuery(folded);
  if (!match) return [];
  const out: ClosestIdea[] = [];
  for (const r of ir.requestsByIds(db, ir.similarRequestIds(db, match, 30)))
    if (r.state !== "draft") out.push({ source: "register", title: r.title, unit: r.unitName, year: r.year, state: requestStateText[r.state], percent: overlapPercent(folded, r.searchFolded) });
  const archiveIds = contest.similarRowids(db, match, 30).filter((h) => h.rowid % 2 === 1).map((h) => (h.rowid - 1) / 2);
  for (const a of contest.archiveByIds(db, archiveIds))
    out.push({ source: "archive", title: a.title, unit: [a.unit, a.province].filter(Boolean).join(", "), year: a.year, state: "Đã công bố", percent: overlapPercent(folded, a.searchFolded) });
  return out.filter((s) => s.percent > 0).sort((a, b) => b.percent - a.percent).slice(0, limit);
}

/** The author's opt-in to the public list of recognised initiatives (only a recognised one can be listed). */
export function setPublic(db: Db, actor: Actor, id: number, optIn: boolean, now: number): { ok: true; optIn: boolean } | Failure {
  const row = ir.getRequest(db, id);
  if (!row || row.request.ownerId !== actor.id) return fail(404, "Không tìm thấy đơn.");
  if (row.request.state !== "recognised") return fail(409, "Chỉ sáng kiến đã được công nhận mới đưa vào danh sách công khai.");
  if (row.request.publicOptIn === optIn) return { ok: true, optIn };
  db.transaction(() => {
    ir.updateRequest(db, id, { publicOptIn: optIn, updatedAt: now });
    logAudit(db, { userId: actor.id, action: optIn ? "initiative_register.publish" : "initiative_register.unpublish", entity: "ir_request", entityId: id }, now);
  });
  return { ok: true, optIn };
}

// ---------------------------------------------------------------- applications

/** Who may record an application for a unit: a person of that unit, its unit head (subtree), an organizer over it. */
function mayActForUnit(db: Db, actor: Actor, unitId: number): boolean {
  const units = filingUnits(db, actor);
  return units === null || units.includes(unitId);
}

export function applyingUnitOptions(db: Db, actor: Actor) {
  return filingUnitOptions(db, actor);
}

const CERT_TYPES = new Set(["application/pdf", "image/jpeg", "image/png"]);
export const CERT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A unit records that it applies a recognised initiative, with the applying unit's giấy xác nhận hiệu
 * quả áp dụng (PDF or image, at most 5 MB). One record per unit and initiative.
 */
export function recordApplication(
  db: Db,
  actor: Actor,
  requestId: number,
  input: { unitId: number; since: string; effect: string },
  file: { name: string; type: string; data: Buffer } | null,
  now: number,
): { ok: true } | Failure {
  const row = ir.getRequest(db, requestId);
  if (!row || row.request.state !== "recognised") return fail(404, "Không tìm thấy sáng kiến đã được công nhận.");
  if (!mayActForUnit(db, actor, input.unitId)) return fail(403, "Bạn chỉ ghi nhận áp dụng cho đơn vị của mình.", { unitId: "Bạn chỉ ghi nhận áp dụng cho đơn vị của mình." });
  if (!file || file.data.length === 0) return fail(400, "Vui lòng tải lên giấy xác nhận hiệu quả áp dụng.", { certificate: "Vui lòng tải lên giấy xác nhận hiệu quả áp dụng (PDF, JPG hoặc PNG)." });
  if (!CERT_TYPES.has(file.type)) return fail(400, "Giấy xác nhận phải là tệp PDF, JPG hoặc PNG.", { certificate: "Giấy xác nhận phải là tệp PDF, JPG hoặc PNG." });
  if (file.data.length > CERT_MAX_BYTES) return fail(413, "Giấy xác nhận tối đa 5 MB.", { certificate: "Giấy xác nhận tối đa 5 MB." });
  let added = false;
  db.transaction(() => {
    added = ir.insertApplication(db, { requestId, unitId: input.unitId, since: input.since, effect: input.effect, certificateName: file.name.slice(0, 200), certificateType: file.type, certificate: file.data, recordedBy: actor.id, createdAt: now });
    if (added) logAudit(db, { userId: actor.id, action: "initiative_register.apply", entity: "ir_request", entityId: requestId, detail: { unitId: input.unitId, since: input.since } }, now);
  });
  if (!added) return fail(409, "Đơn vị này đã ghi nhận áp dụng sáng kiến.", { unitId: "Đơn vị này đã ghi nhận áp dụng sáng kiến." });
  return { ok: true };
}

/** A recognised initiative as any signed-in person sees it (to record its application), with its effective scope. */
export function recognisedView(db: Db, id: number) {
  const row = ir.getRequest(db, id);
  if (!row || row.request.state !== "recognised") return null;
  const applications = ir.applicationsOf(db, [id]);
  const scope = effectiveScope(row.request.decidedScope ?? "co_so", [{ unitId: row.request.unitId, districtId: row.unitParentId }, ...applications], DEFAULT_WIDENING);
  return { ...row, applications, scope };
}

export function certificate(db: Db, actor: Actor, applicationId: number) {
  const cert = ir.applicationCertificate(db, applicationId);
  if (!cert || !cert.data) return null;
  const req = ir.getRequest(db, cert.requestId);
  const org = actor.roles.some((r) => r.role === "organizer" || r.role === "admin") ? organizerScope(db, actor) : [];
  const mayView =
    req &&
    (req.request.ownerId === actor.id ||
      req.authors.some((a) => a.userId === actor.id) ||
      mayActForUnit(db, actor, cert.unitId) ||
      org === null ||
      org.includes(req.request.unitId) ||
      (req.request.councilId !== null && ir.councilsOf(db, actor.id).some((c) => c.id === req.request.councilId)));
  return mayView ? cert : null;
}

// ---------------------------------------------------------------- council

function memberOf(db: Db, actor: Actor, councilId: number) {
  const members = ir.councilMembers(db, councilId);
  const council = ir.getCouncil(db, councilId);
  return { council, members, isMember: members.some((m) => m.userId === actor.id), isSecretary: council?.secretaryId === actor.id || isAdmin(actor) };
}

/** The sheet a request is scored on: the one frozen onto it, else its council's current one. */
function sheetOf(r: ir.RequestRow, council: ir.CouncilRow) {
  return r.criteriaUsed && r.passMarkUsed !== null
    ? { criteria: r.criteriaUsed, passMark: r.passMarkUsed, frozen: true }
    : { criteria: council.criteria, passMark: council.passMark, frozen: false };
}

/**
 * Who counts for a request: the council's members without a conflict, and whoever already gave a sheet while
 * a member (taking someone off the council does not undo the sheet they gave).
 */
function eligibleScorers(
  row: NonNullable<ReturnType<typeof ir.getRequest>>,
  members: ReturnType<typeof ir.councilMembers>,
  sheets: ReturnType<typeof ir.sheetsOf>,
) {
  const current = members.filter((m) => !conflictFor(row, m)).map((m) => ({ userId: m.userId, fullName: m.fullName }));
  const past = sheets.filter((s) => !current.some((m) => m.userId === s.sheet.memberId)).map((s) => ({ userId: s.sheet.memberId, fullName: s.fullName }));
  return [...current, ...past];
}

function conflictFor(row: NonNullable<ReturnType<typeof ir.getRequest>>, member: { userId: number; unitId: number | null }) {
  return conflictOfInterest(member, {
    ownerId: row.request.ownerId ?? -1,
    unitId: row.request.unitId,
    authorUserIds: row.authors.map((a) => a.userId),
    authorUnitIds: row.authors.map((a) => a.unitId),
  });
}

/** The council's queue for one person: requests before its councils that are filed and undecided. */
export function councilQueue(db: Db, actor: Actor) {
  const councils = ir.councilsOf(db, actor.id);
  if (councils.length === 0) return { councils: [], items: [] };
  const items = ir.listRegister(db, { councilIds: councils.map((c) => c.id), states: ["submitted", "scoring", "needs_more"] }).map((r) => {
    const full = ir.getRequest(db, r.id)!;
    const { members, isSecretary } = memberOf(db, actor, r.councilId!);
    const sheets = ir.sheetsOf(db, r.id);
    const eligible = eligibleScorers(full, members, sheets).map((m) => m.userId);
    const me = members.find((m) => m.userId === actor.id);
    return {
      ...r,
      progress: scoringProgress(eligible, sheets.map((s) => s.sheet.memberId)),
      mine: sheets.some((s) => s.sheet.memberId === actor.id),
      conflict: me ? conflictFor(full, me) : null,
      isSecretary,
    };
  });
  return { councils: councils.map((c) => ({ id: c.id, name: c.name })), items };
}

/** One request before the council: its contents, the sheet, the progress (for the secretary), the closest ideas. */
export function councilRequest(db: Db, actor: Actor, id: number) {
  const row = ir.getRequest(db, id);
  if (!row || row.request.councilId === null || row.request.state === "draft") return fail(404, "Không tìm thấy đơn.");
  const { council, members, isMember, isSecretary } = memberOf(db, actor, row.request.councilId);
  if (!council || (!isMember && !isSecretary)) return fail(403, "Bạn không thuộc hội đồng xét đơn này.");
  const sheets = ir.sheetsOf(db, id);
  const me = members.find((m) => m.userId === actor.id);
  const conflict = me ? conflictFor(row, me) : null;
  const eligible = eligibleScorers(row, members, sheets);
  const progress = scoringProgress(eligible.map((m) => m.userId), sheets.map((s) => s.sheet.memberId));
  const valid = sheets.filter((s) => eligible.some((m) => m.userId === s.sheet.memberId));
  const mean = councilMean(valid.map((s) => s.sheet.total));
  const sheet = sheetOf(row.request, council);
  return {
    ok: true as const,
    request: row.request,
    unitName: row.unitName,
    authors: row.authors,
    council: { id: council.id, name: council.name, level: council.level, criteria: sheet.criteria, passMark: sheet.passMark, frozen: sheet.frozen, maxScope: scopeOfLevel[council.level] },
    mySheet: sheets.find((s) => s.sheet.memberId === actor.id)?.sheet ?? null,
    isMember,
    isSecretary,
    conflict,
    progress,
    mean: isSecretary ? mean : null,
    members: isSecretary ? eligible.map((m) => ({ fullName: m.fullName, scored: sheets.some((s) => s.sheet.memberId === m.userId) })) : [],
    similar: similarIdeas(db, row.request.searchFolded, id),
  };
}

export function scoreRequest(db: Db, actor: Actor, id: number, raw: Record<string, string>, comment: string, now: number): { ok: true } | Failure {
  const row = ir.getRequest(db, id);
  if (!row || row.request.councilId === null) return fail(404, "Không tìm thấy đơn.");
  const { council, members } = memberOf(db, actor, row.request.councilId);
  const me = members.find((m) => m.userId === actor.id);
  if (!council || !me) return fail(403, "Chỉ thành viên hội đồng mới chấm điểm.");
  const conflict = conflictFor(row, me);
  if (conflict) return fail(403, conflict);
  if (row.request.state !== "submitted" && row.request.state !== "scoring") return fail(409, "Đơn không ở trạng thái chấm điểm.");
  const used = sheetOf(row.request, council);
  const sheet = checkSheet(used.criteria, raw);
  if (!sheet.ok) return fail(400, "Phiếu chấm chưa hợp lệ.", sheet.errors);
  db.transaction(() => {
    ir.saveSheet(db, { requestId: id, memberId: actor.id, scores: sheet.scores, total: sheet.total, comment: comment || null, updatedAt: now });
    // The first sheet fixes the phiếu chấm and pass mark for this request: later council edits leave it as scored.
    const freeze = used.frozen ? {} : { criteriaUsed: used.criteria, passMarkUsed: used.passMark };
    if (row.request.state === "submitted") ir.updateRequest(db, id, { state: "scoring", ...freeze, updatedAt: now });
    else if (!used.frozen) ir.updateRequest(db, id, freeze);
    logAudit(db, { userId: actor.id, action: "initiative_register.score", entity: "ir_request", entityId: id, detail: { total: sheet.total } }, now);
  });
  return { ok: true };
}

/** The council's decision, recorded by its secretary (or an admin). */
export function decide(db: Db, actor: Actor, id: number, input: DecisionInput, now: number): { ok: true; decision: Decision } | Failure {
  const view = councilRequest(db, actor, id);
  if (!view.ok) return view;
  if (!view.isSecretary) return fail(403, "Chỉ thư ký hội đồng ghi kết luận.");
  if (view.request.state !== "submitted" && view.request.state !== "scoring") return fail(409, "Đơn không chờ kết luận.");
  const problem = decisionProblem(input.decision, { mean: view.mean, passMark: view.council.passMark, progress: view.progress, reason: input.reason });
  if (problem) return fail(400, problem);
  if (input.decision === "recognised" && scopeRank(input.scope!) > scopeRank(view.council.maxScope))
    return fail(400, `Hội đồng cấp này chỉ công nhận phạm vi đến "${scopeText[view.council.maxScope]}".`, { scope: `Tối đa "${scopeText[view.council.maxScope]}".` });
  const patch =
    input.decision === "recognised"
      ? { state: "recognised" as const, stateReason: input.reason || null, decisionNumber: input.decisionNumber, decisionDate: input.decisionDate, decidedScope: input.scope!, meanScore: view.mean, decidedAt: now, year: Number(input.decisionDate!.slice(0, 4)) }
      : input.decision === "not_recognised"
        ? { state: "not_recognised" as const, stateReason: input.reason || `Điểm trung bình dưới điểm đạt ${view.council.passMark}.`, meanScore: view.mean, decidedAt: now }
        : { state: "needs_more" as const, stateReason: input.reason };
  db.transaction(() => {
    // Asked to complete: the sheets go with the old text, so members score the completed one afresh.
    ir.updateRequest(db, id, { ...patch, updatedAt: now });
    if (input.decision === "needs_more") {
      db.$client.prepare("DELETE FROM ir_sheets WHERE request_id = ?").run(id);
      ir.updateRequest(db, id, { criteriaUsed: null, passMarkUsed: null });
    }
    logAudit(db, { userId: actor.id, action: `initiative_register.decide.${input.decision}`, entity: "ir_request", entityId: id, detail: { mean: view.mean, decisionNumber: input.decisionNumber, scope: input.scope } }, now);
  });
  return { ok: true, decision: input.decision };
}

// ---------------------------------------------------------------- organizers

export function councilsOverview(db: Db, actor: Actor) {
  const scope = organizerScope(db, actor);
  return ir
    .listCouncils(db)
    .filter((c) => scope === null || scope.includes(c.council.unitId))
    .map((c) => ({ ...c, members: ir.councilMembers(db, c.council.id).sort((a, b) => Number(b.role === "chair") - Number(a.role === "chair")) }));
}

/** A council as its edit form shows it, with how many of its requests are scored or decided (null when out of scope). */
export function councilForEdit(db: Db, actor: Actor, councilId: number) {
  const scope = organizerScope(db, actor);
  const council = ir.getCouncil(db, councilId);
  if (!council || (scope !== null && !scope.includes(council.unitId))) return null;
  const members = ir.councilMembers(db, councilId);
  const phone = (id: number | null) => (id ? (findUserById(db, id)?.phone ?? "") : "");
  const chair = members.find((m) => m.role === "chair");
  return {
    council,
    secretaryName: council.secretaryId ? (findUserById(db, council.secretaryId)?.fullName ?? null) : null,
    members,
    defaults: {
      name: council.name,
      unitId: String(council.unitId),
      level: council.level,
      fields: council.fields.join(", "),
      passMark: String(council.passMark),
      criteria: council.criteria.map((c) => ({ name: c.name, maxPoints: String(c.maxPoints) })),
      chairPhone: phone(chair?.userId ?? null),
      memberPhones: members.filter((m) => m.role !== "chair").map((m) => phone(m.userId)).join("\n"),
      secretaryPhone: phone(council.secretaryId),
    },
    usage: ir.councilUsage(db, councilId),
    history: ir.councilHistory(db, councilId),
  };
}

/**
 * Creates or edits a council. Every phone must be an account; a person sits once (the secretary may also
 * be a member). Past scores are not rewritten: a request that has sheets keeps the phiếu chấm and pass mark it
 * was scored on (frozen onto it before the change), decided requests keep their mean and decision, and a
 * member taken off the council keeps the sheets already given. Each edit is audited with what it changed.
 */
export function saveCouncil(db: Db, actor: Actor, councilId: number | null, input: CouncilInput, now: number): { ok: true; id: number; changes: string[] } | Failure {
  const scope = organizerScope(db, actor);
  if (scope !== null && !scope.includes(input.unitId)) return fail(403, "Đơn vị ngoài phạm vi quản lý của bạn.", { unitId: "Đơn vị ngoài phạm vi quản lý của bạn." });
  const unit = getUnit(db, input.unitId);
  if (!unit) return fail(400, "Đơn vị không tồn tại.", { unitId: "Đơn vị không tồn tại." });
  const levelProblem = councilLevelProblem(input.level, unit);
  if (levelProblem) return fail(400, "Cấp hội đồng không phù hợp với đơn vị thành lập (xem ô Cấp hội đồng).", { level: levelProblem });
  const existing = councilId !== null ? ir.getCouncil(db, councilId) : undefined;
  if (councilId !== null && (!existing || (scope !== null && !scope.includes(existing.unitId)))) return fail(404, "Không tìm thấy hội đồng.");
  // Keys stay with a criterion's name, so an unchanged criterion keeps the key its sheets were saved under.
  const oldKey = new Map((existing?.criteria ?? []).map((c) => [c.name.toLowerCase(), c.key]));
  const used = new Set<string>();
  const criteria = input.criteria.map((c, i) => {
    let key = oldKey.get(c.name.toLowerCase()) ?? `tc-${i + 1}`;
    for (let n = i + 1; used.has(key); n++) key = `tc-${n}`;
    used.add(key);
    return { key, name: c.name, maxPoints: c.maxPoints };
  });
  const cp = criteriaProblem(criteria) ?? passMarkProblem(input.passMark, criteria);
  if (cp) return fail(400, cp, { passMark: cp });
  const secretary = findUserByPhone(db, input.secretaryPhone);
  if (!secretary) return fail(400, "Không tìm thấy tài khoản thư ký.", { secretaryPhone: `Không có tài khoản với số ${input.secretaryPhone}.` });
  const chair = findUserByPhone(db, input.chairPhone);
  if (!chair) return fail(400, "Không tìm thấy tài khoản Chủ tịch hội đồng.", { chairPhone: `Không có tài khoản với số ${input.chairPhone}.` });
  const members: { userId: number; role: "chair" | "member"; fullName: string }[] = [{ userId: chair.id, role: "chair", fullName: chair.fullName }];
  for (const phone of input.memberPhones) {
    const u = findUserByPhone(db, phone);
    if (!u) return fail(400, "Không tìm thấy tài khoản thành viên.", { memberPhones: `Không có tài khoản với số ${phone}.` });
    if (members.some((m) => m.userId === u.id)) return fail(400, "Một người được ghi hai lần.", { memberPhones: `${u.fullName} (${phone}) được ghi hai lần: mỗi người chỉ có một ghế.` });
    members.push({ userId: u.id, role: "member", fullName: u.fullName });
  }
  const before = existing ? settingsOf(db, existing) : null;
  const after = { name: input.name, fields: input.fields, criteria, passMark: input.passMark, secretary: secretary.fullName, chair: chair.fullName, members: members.map((m) => m.fullName) };
  const changes = before ? councilChanges(before, after) : [];
  if (existing && before && (before.unitId !== input.unitId || existing.level !== input.level))
    changes.unshift(`Đơn vị, cấp: ${before.unitName}, ${councilLevelText[existing.level]} → ${getUnit(db, input.unitId)?.name ?? ""}, ${councilLevelText[input.level]}`);
  if (existing && changes.length === 0) return { ok: true, id: existing.id, changes };
  let id = councilId ?? 0;
  db.transaction(() => {
    const row = { name: input.name, unitId: input.unitId, level: input.level, fields: input.fields, passMark: input.passMark, criteria, secretaryId: secretary.id, updatedAt: now };
    let frozen = 0;
    if (existing) {
      // Requests already being scored keep the sheet and the pass mark they were scored on.
      frozen = ir.freezeSheets(db, existing.id, existing.criteria, existing.passMark);
      ir.updateCouncil(db, existing.id, row);
    } else id = ir.insertCouncil(db, { ...row, createdAt: now }).id;
    ir.setCouncilMembers(db, id, members.map(({ userId, role }) => ({ userId, role })));
    logAudit(
      db,
      { userId: actor.id, action: existing ? "initiative_register.council.update" : "initiative_register.council.create", entity: "ir_council", entityId: id, detail: existing ? { changes, frozen } : { name: input.name, members: members.length } },
      now,
    );
  });
  return { ok: true, id, changes };
}

function settingsOf(db: Db, c: ir.CouncilRow) {
  const members = ir.councilMembers(db, c.id);
  return {
    unitId: c.unitId,
    unitName: getUnit(db, c.unitId)?.name ?? "",
    name: c.name,
    fields: c.fields,
    criteria: c.criteria,
    passMark: c.passMark,
    secretary: c.secretaryId ? (findUserById(db, c.secretaryId)?.fullName ?? null) : null,
    chair: members.find((m) => m.role === "chair")?.fullName ?? null,
    members: members.map((m) => m.fullName),
  };
}

export function organizerRegister(db: Db, actor: Actor, filter: Omit<ir.RegisterFilter, "unitIds"> & { unitId?: number }) {
  const scope = organizerScope(db, actor);
  const unitIds = filter.unitId ? (scope === null || scope.includes(filter.unitId) ? [filter.unitId] : []) : scope;
  // The scope filter reads the scope as applications widen it (what the figures count), not only the decided one.
  const rows = ir.listRegister(db, { ...filter, scope: null, unitIds }, 2000);
  const apps = ir.applicationsOf(db, rows.filter((r) => r.state === "recognised").map((r) => r.id));
  const parent = new Map(listUnits(db).map((u) => [u.id, u.parentId]));
  const withScope = rows.map((r) => ({
    ...r,
    scope:
      r.state === "recognised"
        ? effectiveScope(r.decidedScope ?? "co_so", [{ unitId: r.unitId, districtId: parent.get(r.unitId) ?? null }, ...apps.filter((a) => a.requestId === r.id)], DEFAULT_WIDENING)
        : null,
  }));
  return filter.scope ? withScope.filter((r) => r.scope === filter.scope) : withScope;
}

export function publicRegister(db: Db, filter: { year?: number; field?: string }) {
  return ir.listRegister(db, { publicOnly: true, year: filter.year ?? null, field: filter.field ?? null });
}

/** Per-unit figures for the organizer's scope (and the CLI), with unit names. */
export function organizerStats(db: Db, actor: Actor, year: number | null) {
  const scope = organizerScope(db, actor);
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  return initiativeFigures(db, { years: year ? [year] : [], unitIds: scope ?? [] })
    .units.filter((f) => scope === null || scope.includes(f.unitId))
    .map((f) => ({ ...f, unitName: names.get(f.unitId) ?? "" }));
}

export const registerFields = (db: Db): string[] => ir.distinctFields(db);

/**
 * The organizer's Excel export of the register (one year, the page's filters) and the per-unit statistics:
 * both the scope the council decided and the scope applications in several units widened it to. Audited.
 */
export async function exportRegister(db: Db, actor: Actor, filter: Omit<ir.RegisterFilter, "unitIds" | "year"> & { unitId?: number; year?: number | null }, now: number) {
  const year = filter.year ?? yearInVietnam(now);
  const rows = organizerRegister(db, actor, { ...filter, year });
  const body = await registerWorkbook(rows, organizerStats(db, actor, year));
  logAudit(db, { userId: actor.id, action: "initiative_register.export", entity: "ir_request", detail: { year, rows: rows.length } }, now);
  return { body, year, rows: rows.length };
}
