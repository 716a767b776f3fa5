import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { logAudit } from "../../db/audit";
import * as q from "../../db/awards/queries";
import { getDb } from "../../db/connection";
import * as em from "../../db/emulation/queries";
import { latestSnapshot } from "../../db/emulation/snapshots";
import { headsOfUnits } from "../../db/emulation/notifications";
import { findUserByPhone } from "../../db/account/users";
import { listUnits, subtreeIds } from "../../db/participation/units";
import {
  availableActions,
  checkQuota,
  checkReplace,
  checkTransition,
  checkUpload,
  COUNTED_STATES,
  daysLeft,
  MIME,
  type ProposalAction,
  type ProposalState,
  STATE_LABEL,
  TRANSITIONS,
  withinDeadline,
  nextLevel,
  ownLevels,
} from "../core/awards";
import { STANDING_LABEL } from "../core/emulation";
import type { CurrentUser } from "../account/session.server";
import { send } from "../emulation/notify.server";
import { filesDir } from "../organizer/organizer.server";
import { canOrganizeLevel, forbidden, headUnitsIn, notFound, organizerScope, requireMovement } from "./access.server";
import { formsOfLevel } from "./decisions.server";
import { formName } from "./forms.server";
import { DOC_LABEL, organizerForm, unitForm, uploadForm } from "./schemas";

/** Use cases of the dossier: the unit proposes and sends; the organizer of the level receives, appraises, submits. */

type Result = { ok: true; message: string } | { ok: false; message: string };
const fail = (message: string): Result => ({ ok: false, message });

function candidatesOf(movementId: number) {
  const snap = latestSnapshot(getDb(), movementId);
  return snap ? snap.result : [];
}

function unitNames() {
  return new Map(listUnits(getDb()).map((u) => [u.id, u]));
}

function proposalView(p: q.ProposalRow, names: Map<number, { name: string }>, docs: q.DocumentRow[], events: ReturnType<typeof q.eventsOf>, actor: "unit" | "organizer") {
  return {
    id: p.id,
    schemeCode: p.schemeCode,
    name: p.name,
    target: p.target,
    position: p.position,
    unitName: names.get(p.unitId)?.name ?? "",
    proposerUnitId: p.proposerUnitId,
    levelName: names.get(p.levelUnitId)?.name ?? "",
    achievement: p.achievement,
    qualified: p.qualified,
    unmet: p.unmet,
    state: p.state,
    stateLabel: STATE_LABEL[p.state],
    reason: p.reason,
    actions: availableActions(p.state, actor).map((a) => ({ action: a, label: TRANSITIONS[a].label, reason: TRANSITIONS[a].reason })),
    documents: docs
      .filter((d) => d.proposalId === p.id)
      .map((d) => ({ id: d.id, kind: d.kind, kindLabel: DOC_LABEL[d.kind], fileName: d.fileName, size: d.size, registered: d.registeredDecisionId !== null, superseded: d.supersededById !== null, supersedeReason: d.supersedeReason, uploadedAt: d.uploadedAt })),
    events: events.filter((e) => e.proposalId === p.id).map((e) => ({ at: e.at, action: e.action, to: e.action === "forward" ? `Chuyển lên cấp trên — ${STATE_LABEL.da_gui.toLowerCase()}` : e.action === "create" ? "Lập hồ sơ nháp" : STATE_LABEL[e.toState as ProposalState] ?? e.toState, reason: e.reason, by: e.userName, level: e.levelName })),
  };
}

// ---------------- the unit ----------------

export function unitDossier(user: CurrentUser, movementId: number, now = Date.now()) {
  const db = getDb();
  const m = requireMovement(movementId);
  const mine = headUnitsIn(user, m);
  if (mine.length === 0) throw notFound("Không tìm thấy phong trào này.");
  const names = unitNames();
  const settings = q.settingsOf(db, movementId);
  const schemes = em.schemesOf(db, movementId);
  const result = candidatesOf(movementId);
  const proposals = q.proposalsOf(db, movementId, { proposerUnitIds: mine });
  const docs = q.documentsOf(db, { proposalIds: proposals.map((p) => p.id) });
  const events = q.eventsOf(db, proposals.map((p) => p.id));
  return {
    movement: { id: m.id, title: m.title, year: m.year },
    deadline: settings.deadline,
    daysLeft: settings.deadline ? daysLeft(settings.deadline, now) : null,
    units: mine.map((unitId) => {
      const reopened = q.reopeningFor(db, movementId, unitId);
      const open = withinDeadline({ deadline: settings.deadline, reopenedUntil: reopened }, now);
      return {
        unitId,
        name: names.get(unitId)?.name ?? "",
        open,
        reopenedUntil: reopened,
        candidates: result.flatMap((s) =>
          s.candidates
            .filter((c) => c.unitId === unitId)
            .map((c) => ({
              schemeId: s.schemeId,
              schemeTitle: s.title,
              key: c.key,
              name: c.name,
              standing: c.standing,
              standingLabel: STANDING_LABEL[c.standing],
              note: c.note,
              unmet: c.results.filter((r) => r.outcome !== "met").map((r) => r.reason),
              proposed: proposals.some((p) => p.schemeCode === s.schemeId && p.candidateKey === c.key),
            })),
        ),
        proposals: proposals.filter((p) => p.proposerUnitId === unitId).map((p) => ({ ...proposalView(p, names, docs, events, "unit"), schemeTitle: schemes.find((s) => s.id === p.schemeCode)?.title ?? p.schemeCode })),
      };
    }),
  };
}

function requireOwnProposal(user: CurrentUser, m: em.MovementRow, proposalId: number): q.ProposalRow {
  const p = q.getProposal(getDb(), proposalId);
  if (!p || p.movementId !== m.id || !headUnitsIn(user, m).includes(p.proposerUnitId)) throw notFound("Không tìm thấy hồ sơ.");
  return p;
}

export function unitAction(user: CurrentUser, movementId: number, form: FormData, now = Date.now()): Result {
  const db = getDb();
  const m = requireMovement(movementId);
  const mine = headUnitsIn(user, m);
  if (mine.length === 0) throw notFound("Không tìm thấy phong trào này.");
  const parsed = unitForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return fail(parsed.error.issues[0].message);
  const a = parsed.data;
  if (a.intent === "propose") {
    const scheme = em.schemesOf(db, movementId).find((s) => s.id === a.schemeId);
    const cand = candidatesOf(movementId).find((s) => s.schemeId === a.schemeId)?.candidates.find((c) => c.key === a.candidateKey);
    if (!scheme || !cand) return fail("Ứng viên không có trong kết quả xét của hình thức này.");
    if (!mine.includes(cand.unitId)) throw forbidden();
    if (q.findProposal(db, movementId, a.schemeId, a.candidateKey)) return fail("Ứng viên này đã có hồ sơ đề nghị.");
    const counted = q.proposalsOf(db, movementId, { proposerUnitIds: [cand.unitId] }).filter((p) => p.schemeCode === a.schemeId && COUNTED_STATES.includes(p.state)).length;
    const quota = checkQuota(scheme.quota, counted);
    if (!quota.ok) return quota;
    const unit = unitNames().get(cand.unitId);
    const person = cand.key.startsWith("person:") ? em.peopleOf(db, em.registrationsOf(db, movementId).map((r) => r.id)).find((p) => `person:${p.id}` === cand.key) : undefined;
    const id = q.insertProposal(
      db,
      {
        movementId,
        schemeCode: a.schemeId,
        candidateKey: cand.key,
        target: cand.target,
        unitId: cand.unitId,
        proposerUnitId: cand.unitId,
        levelUnitId: m.organizerUnitId,
        emulationPersonId: person?.id ?? null,
        personUserId: person?.userId ?? null,
        name: cand.name,
        position: person?.position ?? null,
        gender: person?.gender ?? null,
        womenShare: unit?.womenShare === null || unit?.womenShare === undefined ? null : Math.round(unit.womenShare * 100),
        achievement: `Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh cải cách hành chính năm ${m.year}.`,
        qualified: cand.outcome === "qualified",
        unmet: cand.results.filter((r) => r.outcome !== "met").map((r) => r.reason).concat(cand.standing === "over_quota" && cand.note ? [cand.note] : []),
        state: "nhap",
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      },
      user.id,
    );
    logAudit(db, { userId: user.id, action: "awards.proposal.create", entity: "award_proposal", entityId: id, detail: { movementId, scheme: a.schemeId, candidate: cand.key, qualified: cand.outcome === "qualified" } }, now);
    return { ok: true, message: cand.outcome === "qualified" ? `Đã lập hồ sơ đề nghị cho ${cand.name}.` : `Đã lập hồ sơ đề nghị cho ${cand.name}; lý do chưa đạt tiêu chí được hiển thị cho người thẩm định.` };
  }
  const p = requireOwnProposal(user, m, a.proposalId);
  if (a.intent === "achievement") {
    if (p.state !== "nhap" && p.state !== "tra_lai") return fail("Chỉ sửa được hồ sơ nháp hoặc bị trả lại.");
    q.setAchievement(db, p.id, a.achievement, now);
    logAudit(db, { userId: user.id, action: "awards.proposal.edit", entity: "award_proposal", entityId: p.id }, now);
    return { ok: true, message: "Đã lưu thành tích." };
  }
  if (a.intent === "delete") {
    if (!q.deleteDraft(db, p.id)) return fail("Chỉ xóa được hồ sơ nháp.");
    logAudit(db, { userId: user.id, action: "awards.proposal.delete", entity: "award_proposal", entityId: p.id }, now);
    return { ok: true, message: `Đã xóa hồ sơ nháp của ${p.name}.` };
  }
  const settings = q.settingsOf(db, movementId);
  const check = checkTransition(p.state, a.intent, { actor: "unit", window: { deadline: settings.deadline, reopenedUntil: q.reopeningFor(db, movementId, p.proposerUnitId) }, now });
  if (!check.ok) return check;
  if (a.intent === "send") {
    const kinds = new Set(q.documentsOf(db, { proposalIds: [p.id] }).filter((d) => d.supersededById === null).map((d) => d.kind));
    const missing = (["to_trinh", "bao_cao"] as const).filter((k) => !kinds.has(k));
    if (missing.length) return fail(`Hồ sơ còn thiếu bản ký: ${missing.map((k) => DOC_LABEL[k]).join(", ")}. Tải mẫu, ký và tải lên trước khi gửi.`);
  }
  if (!q.moveProposal(db, p, { action: a.intent, to: check.to, reason: null, userId: user.id, now })) return fail("Hồ sơ vừa thay đổi; tải lại trang.");
  logAudit(db, { userId: user.id, action: `awards.proposal.${a.intent}`, entity: "award_proposal", entityId: p.id, detail: { from: p.state, to: check.to } }, now);
  return { ok: true, message: a.intent === "send" ? `Đã gửi hồ sơ của ${p.name}.` : `Đã rút hồ sơ của ${p.name} về nháp.` };
}

/** A signed scan or a Word file for a dossier; a document registered with a decision is only superseded, with a reason. */
export async function uploadDocument(user: CurrentUser, movementId: number, form: FormData, now = Date.now()): Promise<Result> {
  const db = getDb();
  const m = requireMovement(movementId);
  if (headUnitsIn(user, m).length === 0) throw notFound("Không tìm thấy phong trào này.");
  const parsed = uploadForm.safeParse(Object.fromEntries([...form.entries()].filter(([k]) => k !== "file")));
  if (!parsed.success) return fail(parsed.error.issues[0].message);
  const p = requireOwnProposal(user, m, parsed.data.proposalId);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return fail("Chọn tệp để tải lên.");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const ok = checkUpload(bytes, file.name);
  if (!ok.ok) return ok;
  const current = q.documentsOf(db, { proposalIds: [p.id] }).find((d) => d.kind === parsed.data.kind && d.supersededById === null);
  if (current) {
    const r = checkReplace(current, parsed.data.reason ?? null);
    if (!r.ok) return r;
  } else if (!["nhap", "tra_lai"].includes(p.state)) {
    return fail("Chỉ bổ sung tài liệu khi hồ sơ đang nháp hoặc bị trả lại.");
  }
  if (current && current.registeredDecisionId === null && !["nhap", "tra_lai"].includes(p.state)) return fail("Chỉ thay tài liệu khi hồ sơ đang nháp hoặc bị trả lại.");
  const stored = `award-${randomBytes(8).toString("hex")}.${ok.kind}`;
  fs.writeFileSync(path.join(filesDir(), stored), bytes);
  const row = { proposalId: p.id, kind: parsed.data.kind, fileName: file.name.normalize("NFC").slice(0, 200), storedName: stored, mime: MIME[ok.kind], size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), uploadedBy: user.id, uploadedAt: now };
  let id: number;
  if (current && current.registeredDecisionId !== null) {
    id = q.insertDocument(db, row, { id: current.id, reason: parsed.data.reason!.trim() });
  } else {
    if (current) {
      const old = q.deleteUnregistered(db, current.id);
      if (old) fs.rmSync(path.join(filesDir(), old.storedName), { force: true });
    }
    id = q.insertDocument(db, row);
  }
  logAudit(db, { userId: user.id, action: current?.registeredDecisionId ? "awards.document.supersede" : "awards.document.upload", entity: "award_document", entityId: id, detail: { proposalId: p.id, kind: row.kind, sha256: row.sha256, reason: parsed.data.reason ?? null } }, now);
  return { ok: true, message: `Đã tải lên ${DOC_LABEL[row.kind]} "${row.fileName}".` };
}

/** An uploaded file, for the proposing unit's head, the organizer of the level and the council of the level. */
export function documentFile(user: CurrentUser, documentId: number, canSeeAsCouncil: (levelUnitId: number) => boolean) {
  const db = getDb();
  const d = q.getDocument(db, documentId);
  if (!d) throw notFound();
  let allowed = false;
  if (d.proposalId !== null) {
    const p = q.getProposal(db, d.proposalId)!;
    const m = requireMovement(p.movementId);
    allowed = headUnitsIn(user, m).includes(p.proposerUnitId) || canOrganizeLevel(user, p.levelUnitId) || canSeeAsCouncil(p.levelUnitId);
  } else if (d.decisionId !== null) {
    const dec = q.getDecision(db, d.decisionId)!;
    allowed = canOrganizeLevel(user, dec.levelUnitId);
  }
  if (!allowed) throw notFound();
  const full = path.join(filesDir(), d.storedName);
  if (!fs.existsSync(full)) throw notFound();
  return { name: d.fileName, mime: d.mime, body: fs.readFileSync(full) };
}

// ---------------- the organizer ----------------

/**
 * The levels of a movement the organizer acts for: its organizing unit, and levels above it that hold forwarded
 * proposals; a scoped organizer who may act at two of them on one branch works at the higher (the province's office
 * sees what the district forwarded, not the district's desk).
 */
function organizerLevels(user: CurrentUser, m: em.MovementRow): number[] {
  const db = getDb();
  // The levels a proposal can reach: the movement's own, those that hold one now, and every level above it.
  const chain: number[] = [];
  for (let l = parentLevel(m, m.organizerUnitId); l !== null && !chain.includes(l) && chain.length < 20; l = parentLevel(m, l)) chain.push(l);
  const levels = [...new Set([m.organizerUnitId, ...q.proposalsOf(db, m.id).map((p) => p.levelUnitId), ...chain])].filter((l) => canOrganizeLevel(user, l));
  if (organizerScope(user) === null) return levels;
  const units = unitNames();
  const isAbove = (upper: number, lower: number) => {
    for (let u = units.get(lower)?.parentId ?? null; u !== null; u = units.get(u)?.parentId ?? null) if (u === upper) return true;
    return false;
  };
  return ownLevels(levels, isAbove);
}

export function requireOrganizer(user: CurrentUser, movementId: number) {
  const m = requireMovement(movementId);
  const levels = organizerLevels(user, m);
  if (levels.length === 0) throw notFound("Không tìm thấy phong trào này.");
  // The level whose council, sessions and decisions the page shows: the movement's own, or the one above it.
  const level = levels.includes(m.organizerUnitId) ? m.organizerUnitId : levels[0];
  return { m, levels, level };
}

/** The level a proposal goes up to, from its level now (see nextLevel). */
function parentLevel(m: em.MovementRow, levelUnitId: number): number | null {
  const units = unitNames();
  const tree = new Set(subtreeIds(getDb(), [m.rootUnitId]));
  return nextLevel(levelUnitId, { rootUnitId: m.rootUnitId, inTree: (u) => tree.has(u) }, (u) => units.get(u)?.parentId ?? null);
}

export function organizerMovements(user: CurrentUser) {
  const db = getDb();
  const scope = organizerScope(user);
  return em
    .listMovements(db)
    .filter((m) => scope === null || scope.has(m.organizerUnitId))
    .map((m) => {
      const ps = q.proposalsOf(db, m.id);
      const s = q.settingsOf(db, m.id);
      return { id: m.id, title: m.title, year: m.year, deadline: s.deadline, proposals: ps.length, waiting: ps.filter((p) => p.state === "da_gui").length, awarded: ps.filter((p) => p.state === "da_khen_thuong").length };
    });
}

export function organizerDossiers(user: CurrentUser, movementId: number, now = Date.now()) {
  const db = getDb();
  const { m, levels, level } = requireOrganizer(user, movementId);
  const names = unitNames();
  const settings = q.settingsOf(db, movementId);
  const schemes = em.schemesOf(db, movementId);
  const all = q.proposalsOf(db, movementId);
  const here = all.filter((p) => levels.includes(p.levelUnitId) && p.state !== "nhap");
  const docs = q.documentsOf(db, { proposalIds: here.map((p) => p.id) });
  const events = q.eventsOf(db, here.map((p) => p.id));
  const sentUnits = new Set(all.filter((p) => p.state !== "nhap").map((p) => p.proposerUnitId));
  const part = em.participatingUnitIds(db, m);
  const reopenings = q.reopeningsOf(db, movementId);
  const sessions = q.sessionsOf(db, { movementId }).filter((s) => s.levelUnitId === level);
  // Proposals that passed through this level and went up: the level sees where they are now and what happened there.
  const gone = all.filter((p) => !levels.includes(p.levelUnitId) && p.state !== "nhap");
  const goneEvents = q.eventsOf(db, gone.map((p) => p.id));
  const forwarded = gone.filter((p) => goneEvents.some((e) => e.proposalId === p.id && e.action === "forward" && e.fromState !== null && goneEvents.some((x) => x.proposalId === p.id && levels.includes(x.levelUnitId))));
  const next = em.deadlinesOf(db, movementId).filter((x) => settings.deadline === null || x.date > settings.deadline);
  return {
    movement: { id: m.id, title: m.title, year: m.year, organizerName: names.get(m.organizerUnitId)?.name ?? "" },
    settings,
    /** The page's level decides with its own issuer; the movement's deadline and ballot are the movement level's. */
    ownLevel: level === m.organizerUnitId,
    levelUnitId: level,
    issuer: q.issuerOf(db, movementId, level),
    /** The ballot this level's council opens its next session with (its own, else the movement's). */
    ballot: q.ballotOf(db, movementId, level),
    daysLeft: settings.deadline ? daysLeft(settings.deadline, now) : null,
    notSent: part.filter((u) => !sentUnits.has(u)).map((u) => ({ unitId: u, name: names.get(u)?.name ?? "", reopenedUntil: reopenings.find((r) => r.unitId === u)?.until ?? null })),
    reopenings: reopenings.map((r) => ({ unitName: names.get(r.unitId)?.name ?? "", until: r.until, reason: r.reason, at: r.at })),
    units: part.map((u) => ({ id: u, name: names.get(u)?.name ?? "" })),
    proposals: here.map((p) => ({
      ...proposalView(p, names, docs, events, "organizer"),
      schemeTitle: schemes.find((s) => s.id === p.schemeCode)?.title ?? p.schemeCode,
      canForward: parentLevel(m, p.levelUnitId) !== null,
      forwardTo: names.get(parentLevel(m, p.levelUnitId) ?? -1)?.name ?? null,
    })),
    forwarded: forwarded.map((p) => ({ ...proposalView(p, names, [], goneEvents, "unit"), actions: [], schemeTitle: schemes.find((s) => s.id === p.schemeCode)?.title ?? p.schemeCode })),
    levelName: names.get(level)?.name ?? "",
    nextDeadlines: next.map((x) => ({ label: x.label, date: x.date, daysLeft: daysLeft(x.date, now) })),
    counts: Object.fromEntries(Object.keys(STATE_LABEL).map((s) => [s, all.filter((p) => p.state === s).length])) as Record<ProposalState, number>,
    council: q.councilOf(db, level),
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, state: s.state, mode: s.mode, passMark: s.passMark, quorum: s.quorum, openedAt: s.openedAt, closedAt: s.closedAt })),
    decisions: q.decisionsOf(db, movementId).filter((x) => levels.includes(x.levelUnitId)).map((d) => ({ id: d.id, number: d.number, date: d.date, state: d.state, signerName: d.signerName })),
    forms: formsOfLevel(m, level),
    readyForSession: here.filter((p) => p.state === "trinh_hoi_dong" && p.levelUnitId === level).length,
  };
}

const ORGANIZER_ACTIONS: ProposalAction[] = ["receive", "return", "qualify", "disqualify", "submit", "forward"];

export function organizerAction(user: CurrentUser, movementId: number, form: FormData, now = Date.now()): Result {
  const db = getDb();
  const { m, levels, level } = requireOrganizer(user, movementId);
  const parsed = organizerForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return fail(parsed.error.issues[0].message);
  const a = parsed.data;
  if (a.intent === "reopen") {
    // Reopening the movement's deadline is its organizer's, not a level above's.
    if (!levels.includes(m.organizerUnitId)) throw forbidden("Chỉ cơ quan thường trực phong trào được mở lại hạn gửi hồ sơ.");
    if (!em.participatingUnitIds(db, m).includes(a.unitId)) return fail("Đơn vị không tham gia phong trào.");
    q.insertReopening(db, { movementId, unitId: a.unitId, until: a.until, reason: a.reason, byUserId: user.id, at: now });
    logAudit(db, { userId: user.id, action: "awards.reopen", entity: "movement", entityId: movementId, detail: { unitId: a.unitId, until: a.until, reason: a.reason } }, now);
    const unitName = unitNames().get(a.unitId)?.name ?? "";
    send(headsOfUnits(db, [a.unitId]).map((h) => ({ userId: h.userId, kind: "deadline" as const, title: `Mở lại hạn gửi hồ sơ khen thưởng: ${m.title}`, body: `Đơn vị được gửi hồ sơ đến hết ngày ${a.until.split("-").reverse().join("/")}.`, link: `/thi-dua/${movementId}/de-nghi`, dedupeKey: `awards-reopen-${movementId}-${a.unitId}-${now}` })), now);
    return { ok: true, message: `Đã mở lại hạn gửi hồ sơ cho ${unitName} đến ${a.until.split("-").reverse().join("/")}.` };
  }
  if (a.intent === "issuer") {
    // Each deciding level sets its own issuer; no one sets another level's.
    if (!levels.includes(a.levelUnitId) || !canOrganizeLevel(user, a.levelUnitId)) throw forbidden("Chỉ cơ quan thường trực của cấp này được đổi cài đặt quyết định của cấp.");
    const issuer = { issuingBody: a.issuingBody, issuingParent: a.issuingParent || null, symbol: a.symbol, place: a.place, signerTitle: a.signerTitle, signerName: a.signerName ?? "", certOffsetX: a.certOffsetX, certOffsetY: a.certOffsetY, certBlank: a.certBlank === "on" };
    // The ballot's three fields come together or not at all (absent: the level keeps its ballot).
    const given = [a.ballotMode, a.passMark, a.quorum].filter((x) => x !== undefined).length;
    if (given > 0 && given < 3) return fail("Chọn đủ hình thức biểu quyết, tiêu chuẩn thông qua và số thành viên tối thiểu tham gia biểu quyết.");
    const ballot = a.ballotMode && a.passMark && a.quorum ? { mode: a.ballotMode, passMark: a.passMark, quorum: a.quorum } : undefined;
    const before = q.ballotOf(db, movementId, a.levelUnitId);
    q.saveIssuer(db, movementId, a.levelUnitId, issuer, user.id, now, ballot);
    const ballotChange = ballot ? { ballotBefore: { mode: before.mode, passMark: before.passMark, quorum: before.quorum }, ballot } : {};
    logAudit(db, { userId: user.id, action: "awards.level_settings", entity: "unit", entityId: a.levelUnitId, detail: { movementId, issuingBody: issuer.issuingBody, symbol: issuer.symbol, signerTitle: issuer.signerTitle, ...ballotChange } }, now);
    return { ok: true, message: `Đã lưu cài đặt quyết định của ${unitNames().get(a.levelUnitId)?.name ?? ""}.` };
  }
  if (a.intent === "settings") {
    // The movement's deadline and ballot are its organizer's: a level above that receives dossiers cannot change them.
    if (!levels.includes(m.organizerUnitId)) throw forbidden("Chỉ cơ quan thường trực phong trào được đổi hạn gửi hồ sơ và cách biểu quyết.");
    const before = q.settingsOf(db, movementId);
    const row = { ...before, deadline: a.deadline, ballotMode: a.ballotMode, passMark: a.passMark, quorum: a.quorum, issuingBody: a.issuingBody, issuingParent: a.issuingParent || null, symbol: a.symbol, place: a.place, signerTitle: a.signerTitle, signerName: a.signerName ?? "", certOffsetX: a.certOffsetX, certOffsetY: a.certOffsetY, certBlank: a.certBlank === "on", updatedAt: now };
    q.saveSettings(db, row);
    logAudit(db, { userId: user.id, action: "awards.settings", entity: "movement", entityId: movementId, detail: { deadline: a.deadline, ballotMode: a.ballotMode, passMark: a.passMark, quorum: a.quorum } }, now);
    return { ok: true, message: "Đã lưu cài đặt khen thưởng." };
  }
  if (a.intent === "member" || a.intent === "unmember") {
    if (!canOrganizeLevel(user, level)) throw forbidden();
    if (a.intent === "member") {
      const u = findUserByPhone(db, a.phone);
      if (!u) return fail("Không có tài khoản với số điện thoại này.");
      q.setCouncilMember(db, { levelUnitId: level, userId: u.id, role: a.role, title: a.title || null });
      logAudit(db, { userId: user.id, action: "awards.council.member", entity: "council", entityId: level, detail: { userId: u.id, role: a.role } }, now);
      return { ok: true, message: `Đã thêm ${u.fullName} vào Hội đồng.` };
    }
    if (!q.removeCouncilMember(db, level, a.userId)) return fail("Người này không ở trong Hội đồng.");
    logAudit(db, { userId: user.id, action: "awards.council.remove", entity: "council", entityId: level, detail: { userId: a.userId } }, now);
    return { ok: true, message: "Đã bỏ thành viên khỏi Hội đồng." };
  }
  if (a.intent === "session" || a.intent === "decision") throw new Error("handled by council/decision use cases");
  const p = q.getProposal(db, a.proposalId);
  if (!p || p.movementId !== movementId || !levels.includes(p.levelUnitId)) return fail("Không tìm thấy hồ sơ.");
  if (!ORGANIZER_ACTIONS.includes(a.intent)) return fail("Thao tác không hợp lệ.");
  const parent = parentLevel(m, p.levelUnitId);
  const check = checkTransition(p.state, a.intent, { actor: "organizer", reason: a.reason ?? null, hasParentLevel: parent !== null });
  if (!check.ok) return check;
  const levelUnitId = a.intent === "forward" ? parent! : p.levelUnitId;
  if (a.intent === "forward") {
    // The receiving level's organizers learn of it in their inbox.
    const to = unitNames().get(parent!)?.name ?? "";
    const heads = db.$client.prepare("SELECT DISTINCT user_id FROM role_grants WHERE role = 'organizer' AND unit_id = ?").pluck().all(parent!) as number[];
    send(heads.map((userId) => ({ userId, kind: "council" as const, title: `Hồ sơ đề nghị khen thưởng chuyển lên: ${p.name}`, body: `${unitNames().get(p.levelUnitId)?.name ?? ""} chuyển hồ sơ lên ${to}.`, link: `/quan-tri/khen-thuong/${movementId}`, dedupeKey: `awards-forward-${p.id}-${now}` })), now);
  }
  if (!q.moveProposal(db, p, { action: a.intent, to: check.to, reason: a.reason?.trim() || null, userId: user.id, levelUnitId, now })) return fail("Hồ sơ vừa thay đổi; tải lại trang.");
  logAudit(db, { userId: user.id, action: `awards.proposal.${a.intent}`, entity: "award_proposal", entityId: p.id, detail: { from: p.state, to: check.to, reason: a.reason ?? null, levelUnitId } }, now);
  if (a.intent === "return" || a.intent === "disqualify") {
    send(headsOfUnits(db, [p.proposerUnitId]).map((h) => ({ userId: h.userId, kind: "returned" as const, title: `${TRANSITIONS[a.intent].label}: ${p.name}`, body: a.reason ?? "", link: `/thi-dua/${movementId}/de-nghi`, dedupeKey: `awards-${a.intent}-${p.id}-${now}` })), now);
  }
  return { ok: true, message: `${TRANSITIONS[a.intent].label}: ${p.name}.` };
}
