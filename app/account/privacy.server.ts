import { createHash, randomBytes } from "node:crypto";
import { getDb } from "../../db/connection";
import { logAudit } from "../../db/audit";
import * as privacyDb from "../../db/account/privacy";
import { subtreeIds } from "../../db/participation/units";
import * as usersDb from "../../db/account/users";
import { maskCccd, maskPhone, RESET_LINK_TTL_MS, resetAllowed, resetRefusalMessages, resetTokenMessages, resetTokenState } from "../core/account/privacy";
import { reviewAllowed } from "../core/quiz/scoring";
import { foldVietnamese, looksLikePhone, wholePhoneQuery } from "../core/text";
import { roundPhase } from "../core/quiz/timing";
import { hashPassword } from "./password.server";
import { type CurrentUser, hasRole, roleUnitIds, sessionIdFromCookie } from "./session.server";
import { clearLoginFailures } from "./throttle.server";

/**
 * Use cases of personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, in force since 01/01/2026; Nghị định 13/2023/NĐ-CP before) and of account recovery: one's own account page and
 * data download, logging out everywhere, one-time reset links, and the audit of every personal-data export.
 */

const forbidden = (message: string) => new Response(message, { status: 403 });

// ---------------------------------------------------------------- exports are logged

/** Every export of personal data writes an audit row: who, what, how many rows. */
export function logPersonalDataExport(user: CurrentUser, what: string, rows: number, detail: Record<string, unknown> = {}, now = Date.now()): void {
  logAudit(getDb(), { userId: user.id, action: "export_personal_data", entity: "export", entityId: what, detail: { what, rows, ...detail } }, now);
}

// ---------------------------------------------------------------- my account

export function accountPage(user: CurrentUser, cookieHeader: string | null, now = Date.now()) {
  const db = getDb();
  const profile = privacyDb.ownProfile(db, user.id);
  if (!profile) throw new Response("Không tìm thấy tài khoản.", { status: 404 });
  const current = sessionIdFromCookie(cookieHeader);
  const sessions = usersDb.sessionsOf(db, user.id, now).map((s, i) => ({ key: i, createdAt: s.createdAt, expiresAt: s.expiresAt, current: s.id === current }));
  const attempts = privacyDb.ownAttempts(db, user.id).map((a) => ({
    id: a.id,
    roundTitle: a.roundTitle,
    contestTitle: a.contestTitle,
    attemptNo: a.attemptNo,
    startedAt: a.startedAt,
    submittedAt: a.submittedAt,
    score: a.scoredAt !== null ? a.score : null,
  }));
  return {
    profile: { ...profile, cccd: profile.cccd ? maskCccd(profile.cccd) : null },
    roles: privacyDb.ownRoles(db, user.id),
    sessions,
    attempts,
  };
}

/** Ends every session of the person, this device's included. */
export function logoutEverywhere(user: CurrentUser, now = Date.now()): number {
  const db = getDb();
  const ended = usersDb.deleteSessionsOf(db, user.id);
  logAudit(db, { userId: user.id, action: "logout_all_devices", entity: "user", entityId: user.id, detail: { sessions: ended } }, now);
  return ended;
}

/**
 * Everything stored about the person, as a plain object for a JSON file. The answer key of a question is
 * included only where the round allows review now (as on the result page), never before.
 */
export function ownDataExport(user: CurrentUser, now = Date.now()) {
  const db = getDb();
  const profile = privacyDb.ownProfile(db, user.id);
  if (!profile) throw new Response("Không tìm thấy tài khoản.", { status: 404 });
  const attempts = privacyDb.ownAttempts(db, user.id);
  const items = privacyDb.ownAttemptItems(db, user.id);
  const itemsBy = new Map<number, typeof items>();
  for (const it of items) itemsBy.set(it.attemptId, [...(itemsBy.get(it.attemptId) ?? []), it]);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const perRound = new Map<number, { used: number; open: boolean }>();
  for (const a of attempts) {
    const r = perRound.get(a.roundId) ?? { used: 0, open: false };
    perRound.set(a.roundId, { used: r.used + 1, open: r.open || a.submittedAt === null });
  }
  const attemptsOut = attempts.map((a) => {
    const round = perRound.get(a.roundId)!;
    const review =
      a.scoredAt !== null &&
      reviewAllowed(a.reviewPolicy, {
        submitted: a.submittedAt !== null,
        roundClosed: roundPhase(a, now) === "closed",
        attemptsUsed: round.used,
        attemptsAllowed: a.attemptsAllowed,
        anyOpen: round.open,
      });
    return {
      contest: a.contestTitle,
      round: a.roundTitle,
      attemptNo: a.attemptNo,
      startedAt: iso(a.startedAt),
      deadlineAt: iso(a.deadlineAt),
      submittedAt: iso(a.submittedAt),
      endReason: a.endReason,
      score: a.scoredAt !== null ? a.score : null,
      correctCount: review ? a.correctCount : null,
      durationMs: a.durationMs,
      prediction: a.prediction,
      answers: (itemsBy.get(a.id) ?? []).map((it) => {
        const order = JSON.parse(it.optionOrder) as number[];
        const options = JSON.parse(it.options) as string[];
        const shown = order.map((o) => options[o]);
        return {
          position: it.position + 1,
          question: it.stem,
          options: shown,
          chosen: it.choice === null ? null : (shown[it.choice] ?? null),
          savedAt: iso(it.savedAt),
          ...(review ? { correct: shown[order.indexOf(it.answerIndex)] ?? null } : {}),
        };
      }),
    };
  });
  const data = {
    exportedAt: new Date(now).toISOString(),
    note: "Dữ liệu cá nhân của bạn lưu trên hệ thống thi, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (thay Nghị định 13/2023/NĐ-CP từ 01/01/2026). Đáp án chỉ có ở những vòng thi đã cho xem lại bài.",
    profile: { ...profile, consentAt: iso(profile.consentAt), createdAt: iso(profile.createdAt) },
    roles: privacyDb.ownRoles(db, user.id),
    roster: privacyDb.ownRosterEntries(db, user.id).map((r) => ({ ...r, importedAt: iso(r.importedAt) })),
    sessions: usersDb.sessionsOf(db, user.id, now).map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) })),
    attempts: attemptsOut,
    initiatives: privacyDb.ownInitiatives(db, user.id).map((e) => ({
      ...e,
      authors: typeof e.authors === "string" ? (JSON.parse(e.authors) as string[]) : e.authors,
      createdAt: iso(e.createdAt as number),
      submittedAt: iso((e.submittedAt as number | null) ?? null),
    })),
    votes: privacyDb.ownVotes(db, user.id).map((v) => ({ ...v, at: iso(v.at) })),
  };
  logPersonalDataExport(user, "own_data", 1, { attempts: attemptsOut.length }, now);
  return data;
}

// ---------------------------------------------------------------- reset links

export type ResetVia = "organizer" | "unit_head";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const isAdmin = (user: CurrentUser) => user.roles.some((r) => r.role === "admin");

/**
 * The units whose people the actor may create links for; null for everyone. An organizer's contests are open
 * to every unit (their overview and units page cover the whole tree), so their scope is everyone; a unit
 * head's is their subtree.
 */
function resetScope(actor: CurrentUser, via: ResetVia): number[] | null {
  if (!hasRole(actor, via)) throw forbidden("Tài khoản của bạn không có quyền xem trang này.");
  if (via === "organizer") return null;
  const roots = roleUnitIds(actor, via);
  return roots === null ? null : subtreeIds(getDb(), roots);
}

/** The check of app/core/account/privacy.ts resetAllowed for several people at once. */
function resetChecks(actor: CurrentUser, via: ResetVia, scope: number[] | null, people: { id: number; unitId: number | null }[]) {
  const db = getDb();
  const roles = privacyDb.grantedRolesOf(db, people.map((p) => p.id));
  const organizerRoots = actor.roles.filter((r) => r.role === "organizer" && r.unitId !== null).map((r) => r.unitId as number);
  const organizerUnits = new Set(subtreeIds(db, organizerRoots));
  const actorUnits = scope === null ? null : new Set(scope);
  return new Map(
    people.map((p) => [
      p.id,
      resetAllowed({ actorIsAdmin: isAdmin(actor), via, actorUnits, organizerUnits, target: { unitId: p.unitId, roles: roles.get(p.id) ?? [] } }),
    ]),
  );
}

/** The people of the actor's scope that match a name (folded) or a whole phone number; phones masked. */
export function searchPeopleForReset(actor: CurrentUser, via: ResetVia, query: string) {
  const scope = resetScope(actor, via);
  const q = query.trim();
  if (!q) return [];
  // A phone is matched as a whole number only (+84/84/0, spaces); a fragment finds no one.
  const phone = looksLikePhone(q) ? wholePhoneQuery(q) : null;
  if (looksLikePhone(q) && !phone) return [];
  const folded = phone ? "" : foldVietnamese(q);
  const rows = privacyDb
    .searchPeople(getDb(), { phone: phone ?? "", unitIds: scope })
    .filter((r) => !folded || foldVietnamese(r.fullName).includes(folded))
    .slice(0, 50);
  const checks = resetChecks(actor, via, scope, rows);
  return rows.map((r) => ({
      id: r.id,
      fullName: r.fullName,
      phone: maskPhone(r.phone),
      unitName: r.unitName,
      position: r.position,
      allowed: checks.get(r.id)?.ok === true,
      refusal: (() => {
        const c = checks.get(r.id);
        if (!c || c.ok) return null;
        return c.reason === "privileged" ? "Chỉ quản trị hệ thống" : "Ban Tổ chức của phạm vi đó hoặc quản trị hệ thống";
      })(),
    }));
}

export type CreatedLink = { ok: true; url: string; expiresAt: number; person: { fullName: string; phone: string } } | { ok: false; status: number; message: string };

/**
 * A one-time link for a person of the actor's scope. Only the token's hash is stored; a new link retires the
 * person's earlier unused ones. Accounts of organizers and admins are reset by an admin only.
 */
export function createResetLink(actor: CurrentUser, via: ResetVia, userId: number, origin: string, now = Date.now()): CreatedLink {
  const scope = resetScope(actor, via);
  const db = getDb();
  const person = privacyDb.personBrief(db, userId);
  if (!person) return { ok: false, status: 404, message: resetRefusalMessages.outOfScope };
  const check = resetChecks(actor, via, scope, [person]).get(person.id)!;
  if (!check.ok) return { ok: false, status: check.reason === "outOfScope" ? 404 : 403, message: resetRefusalMessages[check.reason] };
  const token = randomBytes(32).toString("base64url");
  const expiresAt = now + RESET_LINK_TTL_MS;
  db.transaction(() => {
    privacyDb.retireResetTokensOf(db, userId, now);
    privacyDb.insertResetToken(db, { tokenHash: hashToken(token), userId, createdBy: actor.id, createdAt: now, expiresAt });
    logAudit(db, { userId: actor.id, action: "create_password_reset_link", entity: "user", entityId: userId, detail: { via, expiresAt } }, now);
  });
  return { ok: true, url: `${origin}/dat-lai-mat-khau/${token}`, expiresAt, person: { fullName: person.fullName, phone: maskPhone(person.phone) } };
}

/** What the reset page shows for a token: the masked account, or why the link does not work. */
export function resetLinkState(token: string, now = Date.now()) {
  const db = getDb();
  const row = privacyDb.findResetToken(db, hashToken(token));
  const state = resetTokenState(row, now);
  if (state !== "valid" || !row) return { ok: false as const, state, message: resetTokenMessages[state === "valid" ? "unknown" : state] };
  const person = privacyDb.personBrief(db, row.userId);
  return { ok: true as const, fullName: person?.fullName ?? "", phone: maskPhone(person?.phone) };
}

/** Sets the new password once: marks the link used, stores the hash, and ends every session of the person. */
export async function redeemResetLink(token: string, password: string, now = Date.now()) {
  const db = getDb();
  const passwordHash = await hashPassword(password);
  const result = db.transaction(() => {
    const row = privacyDb.findResetToken(db, hashToken(token));
    const state = resetTokenState(row, now);
    if (state !== "valid" || !row) return { ok: false as const, message: resetTokenMessages[state === "valid" ? "unknown" : state] };
    if (!privacyDb.markResetTokenUsed(db, row.id, now)) return { ok: false as const, message: resetTokenMessages.used };
    usersDb.updatePasswordHash(db, row.userId, passwordHash);
    const ended = usersDb.deleteSessionsOf(db, row.userId);
    logAudit(db, { userId: row.userId, action: "password_reset_by_link", entity: "user", entityId: row.userId, detail: { sessionsEnded: ended, linkBy: row.createdBy } }, now);
    return { ok: true as const, userId: row.userId };
  });
  if (result.ok) {
    const person = usersDb.findUserById(db, result.userId);
    if (person) await clearLoginFailures(person.phone);
  }
  return result;
}

// ---------------------------------------------------------------- registration address

export function rememberSignupAddress(userId: number, address: string | undefined, now = Date.now()): void {
  privacyDb.recordSignupAddress(getDb(), userId, address || "unknown", now);
}
