import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { redirect } from "@remix-run/node";
import { getDb } from "../../db/connection";
import * as usersDb from "../../db/account/users";
import { env } from "../env.server";

export const SESSION_COOKIE = "cuocthi_session";
const SESSION_DAYS = 30;
/** A session nobody used for this long is over, even inside its 30 days (a phone left in a drawer). */
export const SESSION_IDLE_MS = 7 * 86_400_000;
/** How stale the stored last use may get before it is written again: at most one write per session per interval. */
export const SESSION_TOUCH_MS = 10 * 60_000;

function sign(value: string): string {
  return createHmac("sha256", env().SESSION_SECRET).update(value).digest("base64url");
}

function cookieValue(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The session id in a signed cookie, or null. Shared by Remix loaders and the lean HTTP handlers. */
export function sessionIdFromCookie(header: string | null | undefined): string | null {
  const value = cookieValue(header);
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(id));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

export function userIdFromCookie(header: string | null | undefined, now = Date.now()): number | null {
  const id = sessionIdFromCookie(header);
  return id ? usersDb.sessionUserId(getDb(), id, now, { idleMs: SESSION_IDLE_MS, touchEveryMs: SESSION_TOUCH_MS }) : null;
}

/**
 * `Secure` whenever the request came over HTTPS: the HTTP entry builds request.url from the socket, or from
 * X-Forwarded-Proto when a proxy is trusted (app/server/proxy.ts). Over plain HTTP (a LAN demo) a Secure
 * cookie would never come back, so it is left off there.
 */
function serialize(value: string, maxAgeS: number, request: Request | undefined): string {
  const secure = request && new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${secure}`;
}

/** A new session id at every login (no fixation); returns the Set-Cookie header. */
export function createSession(userId: number, now = Date.now(), request?: Request): string {
  const id = randomBytes(24).toString("base64url");
  usersDb.insertSession(getDb(), { id, userId, createdAt: now, lastUsedAt: now, expiresAt: now + SESSION_DAYS * 86_400_000 });
  return serialize(`${id}.${sign(id)}`, SESSION_DAYS * 86_400, request);
}

export function destroySession(request: Request): string {
  const id = sessionIdFromCookie(request.headers.get("Cookie"));
  if (id) usersDb.deleteSession(getDb(), id);
  return serialize("", 0, request);
}

export type CurrentUser = NonNullable<ReturnType<typeof loadCurrentUser>>;

function loadCurrentUser(userId: number) {
  const db = getDb();
  const row = usersDb.userWithUnit(db, userId);
  if (!row) return null;
  return {
    id: row.user.id,
    fullName: row.user.fullName,
    phone: row.user.phone,
    unitId: row.user.unitId,
    unitName: row.unitName,
    position: row.user.position,
    roles: usersDb.rolesOf(db, userId),
  };
}

export function getCurrentUser(request: Request): CurrentUser | null {
  const userId = userIdFromCookie(request.headers.get("Cookie"));
  return userId === null ? null : loadCurrentUser(userId);
}

/** Loaders start here: a visitor without a session goes to the login page and comes back afterwards. */
export function requireUser(request: Request): CurrentUser {
  const user = getCurrentUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/dang-nhap?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export type Role = CurrentUser["roles"][number]["role"];

export function hasRole(user: CurrentUser, role: Role): boolean {
  return user.roles.some((r) => r.role === role || r.role === "admin");
}

/**
 * Loaders and actions of a role's pages start here: anonymous visitors go to the login page, signed-in
 * people without the role get a 403. An admin holds every role.
 */
export function requireRole(request: Request, role: Role): CurrentUser {
  const user = requireUser(request);
  if (!hasRole(user, role)) throw new Response("Tài khoản của bạn không có quyền xem trang này.", { status: 403 });
  return user;
}

/** The units a role is scoped to (an organizer's organizing unit, a unit head's unit); null for an admin. */
export function roleUnitIds(user: CurrentUser, role: Role): number[] | null {
  if (user.roles.some((r) => r.role === "admin")) return null;
  return user.roles.filter((r) => r.role === role && r.unitId !== null).map((r) => r.unitId as number);
}
