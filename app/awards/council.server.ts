import { logAudit } from "../../db/audit";
import * as q from "../../db/awards/queries";
import { getDb } from "../../db/connection";
import * as em from "../../db/emulation/queries";
import { listUnits } from "../../db/participation/units";
import { CHOICE_LABEL, MODE_LABEL, orderWithinQuota, recordVote, SHARE_LABEL, STATE_LABEL, tallyResult } from "../core/awards";
import type { CurrentUser } from "../account/session.server";
import { councilLevels, forbidden, notFound } from "./access.server";
import { requireOrganizer } from "./dossier.server";
import { voteForm } from "./schemas";
import { send } from "../emulation/notify.server";

/**
 * The council's session: the organizer opens it with the proposals submitted to the council (trình hội
 * đồng); each member votes per candidate; the chair closes it, which fixes each result, orders the passed
 * candidates within the scheme's quota (NĐ 152/2025 Điều 4) and moves the failed ones to "không khen thưởng".
 */

type Result = { ok: true; message: string } | { ok: false; message: string };

export function openSession(user: CurrentUser, movementId: number, title: string, now = Date.now()): Result {
  const db = getDb();
  const { level } = requireOrganizer(user, movementId);
  const members = q.councilOf(db, level);
  if (members.length < 3) return { ok: false, message: "Hội đồng cần ít nhất 3 thành viên trước khi mở phiên họp." };
  if (!members.some((x) => x.role === "chu_tich")) return { ok: false, message: "Hội đồng chưa có Chủ tịch." };
  if (q.sessionsOf(db, { movementId }).some((s) => s.state === "open" && s.levelUnitId === level)) return { ok: false, message: "Đang có một phiên họp chưa kết thúc." };
  const items = q.proposalsOf(db, movementId, { levelUnitId: level }).filter((p) => p.state === "trinh_hoi_dong");
  const already = new Set(q.sessionsOf(db, { movementId }).flatMap((s) => q.itemsOf(db, s.id).map((i) => i.p.id)));
  const fresh = items.filter((p) => !already.has(p.id));
  if (fresh.length === 0) return { ok: false, message: "Chưa có hồ sơ nào trình Hội đồng." };
  // The deciding level's ballot, copied into the session: later changes to the settings do not reach it.
  const b = q.ballotOf(db, movementId, level);
  const s = { ballotMode: b.mode, passMark: b.passMark, quorum: b.quorum };
  const id = q.openSession(db, { movementId, levelUnitId: level, title, mode: s.ballotMode, passMark: s.passMark, quorum: s.quorum, memberCount: members.length, openedBy: user.id, openedAt: now }, fresh.map((p) => p.id));
  // Members learn of the session in their inbox, which links to the ballot.
  send(members.map((x) => ({ userId: x.userId, kind: "council" as const, title: `Phiên họp Hội đồng: ${title}`, body: `${fresh.length} hồ sơ chờ biểu quyết.`, link: `/hoi-dong/${id}`, dedupeKey: `council-session-${id}` })), now);
  logAudit(db, { userId: user.id, action: "awards.session.open", entity: "council_session", entityId: id, detail: { movementId, items: fresh.length, mode: s.ballotMode, passMark: s.passMark, quorum: s.quorum, members: members.length } }, now);
  return { ok: true, message: `Đã mở phiên họp "${title}" với ${fresh.length} hồ sơ (${MODE_LABEL[s.ballotMode].toLowerCase()}, thông qua khi được ${SHARE_LABEL[s.passMark]} đồng ý).` };
}

export function mySessions(user: CurrentUser) {
  const levels = councilLevels(user);
  const rows = q.sessionsOf(getDb(), { levelUnitIds: [...levels.keys()] });
  return rows.map((s) => ({ id: s.id, title: s.title, movementTitle: s.movementTitle, state: s.state, mode: MODE_LABEL[s.mode], openedAt: s.openedAt, role: levels.get(s.levelUnitId)! }));
}

function requireMember(user: CurrentUser, sessionId: number) {
  const s = q.getSession(getDb(), sessionId);
  const role = s ? councilLevels(user).get(s.levelUnitId) : undefined;
  if (!s || !role) throw notFound("Không tìm thấy phiên họp.");
  return { s, role };
}

export function sessionView(user: CurrentUser, sessionId: number) {
  const db = getDb();
  const { s, role } = requireMember(user, sessionId);
  const items = q.itemsOf(db, sessionId);
  const voters = q.votersOf(db, sessionId);
  const members = q.councilOf(db, s.levelUnitId);
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const schemes = em.schemesOf(db, s.movementId);
  // An open ballot's choices are shown after the session closes; a secret ballot has none to show.
  const open = s.mode === "open" && s.state === "closed" ? q.openVotesOf(db, sessionId) : [];
  const memberName = new Map(members.map((x) => [x.userId, x.fullName]));
  return {
    session: { id: s.id, title: s.title, state: s.state, mode: s.mode, modeLabel: MODE_LABEL[s.mode], passMark: SHARE_LABEL[s.passMark], quorum: SHARE_LABEL[s.quorum], memberCount: s.memberCount, openedAt: s.openedAt, closedAt: s.closedAt },
    isChair: role === "chu_tich",
    members: members.map((x) => ({ name: x.fullName, role: x.role })),
    items: items.map(({ item, p }) => {
      const result = tallyResult(s, s.memberCount, item);
      return {
        id: item.id,
        name: p.name,
        unitName: names.get(p.unitId) ?? "",
        position: p.position,
        scheme: schemes.find((x) => x.id === p.schemeCode)?.title ?? p.schemeCode,
        qualified: p.qualified,
        unmet: p.unmet,
        achievement: p.achievement,
        proposalState: STATE_LABEL[p.state],
        voted: voters.filter((v) => v.itemId === item.id).length,
        iVoted: voters.some((v) => v.itemId === item.id && v.userId === user.id),
        // Counts only after the close, so nobody votes with the running tally in view.
        tally: s.state === "closed" ? { yes: item.yes, no: item.no, text: item.resultText ?? result.text, passed: item.passed, withinQuota: item.withinQuota, note: item.note } : null,
        openChoices: open.filter((v) => v.itemId === item.id).map((v) => ({ name: memberName.get(v.userId) ?? "", choice: CHOICE_LABEL[v.choice] })),
      };
    }),
  };
}

export function sessionAction(user: CurrentUser, sessionId: number, form: FormData, now = Date.now()): Result {
  const db = getDb();
  const { s, role } = requireMember(user, sessionId);
  const parsed = voteForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  if (s.state !== "open") return { ok: false, message: "Phiên họp đã kết thúc." };
  const a = parsed.data;
  if (a.intent === "vote") {
    const item = q.itemsOf(db, sessionId).find((i) => i.item.id === a.itemId);
    if (!item) return { ok: false, message: "Không tìm thấy hồ sơ trong phiên họp." };
    const already = q.votersOf(db, sessionId).some((v) => v.itemId === a.itemId && v.userId === user.id);
    const rec = recordVote(s.mode, user.id, a.choice, already);
    if (!rec.ok) return rec;
    if (!q.castVote(db, a.itemId, rec.record, now)) return { ok: false, message: "Bạn đã biểu quyết hồ sơ này." };
    // The audit says who voted on what, and (open ballot only) how.
    logAudit(db, { userId: user.id, action: "awards.vote", entity: "council_item", entityId: a.itemId, detail: s.mode === "open" ? { sessionId, choice: a.choice } : { sessionId } }, now);
    return { ok: true, message: `Đã ghi nhận biểu quyết cho ${item.p.name}.` };
  }
  if (role !== "chu_tich") throw forbidden("Chỉ Chủ tịch Hội đồng kết thúc phiên họp.");
  const items = q.itemsOf(db, sessionId);
  const schemes = em.schemesOf(db, s.movementId);
  const results = items.map(({ item, p }) => ({ item, p, r: tallyResult(s, s.memberCount, item) }));
  const placed = new Map<number, { withinQuota: boolean; note: string | null }>();
  for (const scheme of schemes) {
    const passed = results.filter((x) => x.p.schemeCode === scheme.id && x.r.passed);
    for (const o of orderWithinQuota(scheme.quota, passed.map((x) => ({ key: String(x.item.id), name: x.p.name, target: x.p.target, yes: x.item.yes, gender: x.p.gender, womenShare: x.p.womenShare === null ? null : x.p.womenShare / 100, group: String(x.p.proposerUnitId) })))) {
      placed.set(Number(o.key), { withinQuota: o.withinQuota, note: o.note });
    }
  }
  const rows = results.map(({ item, r }) => ({ itemId: item.id, passed: r.passed, withinQuota: placed.get(item.id)?.withinQuota ?? false, note: placed.get(item.id)?.note ?? null, resultText: r.text }));
  if (!q.closeSession(db, sessionId, rows, user.id, now)) return { ok: false, message: "Phiên họp đã kết thúc." };
  for (const { item, p, r } of results) {
    const ok = rows.find((x) => x.itemId === item.id)!;
    if (r.passed && ok.withinQuota) continue;
    const reason = r.passed ? ok.note ?? "Vượt chỉ tiêu." : r.text;
    if (q.moveProposal(db, p, { action: "reject", to: "khong_khen_thuong", reason, userId: user.id, now })) {
      logAudit(db, { userId: user.id, action: "awards.proposal.reject", entity: "award_proposal", entityId: p.id, detail: { sessionId, reason } }, now);
    }
  }
  logAudit(db, { userId: user.id, action: "awards.session.close", entity: "council_session", entityId: sessionId, detail: { passed: rows.filter((x) => x.passed && x.withinQuota).length, of: rows.length } }, now);
  return { ok: true, message: `Đã kết thúc phiên họp: ${rows.filter((x) => x.passed && x.withinQuota).length}/${rows.length} hồ sơ được Hội đồng thông qua.` };
}
