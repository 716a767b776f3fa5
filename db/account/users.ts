import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../connection";
import { roleGrants, sessions, units, users } from "../schema";

export type UserRow = typeof users.$inferSelect;
export type Role = (typeof roleGrants.$inferSelect)["role"];

const cache = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  const p = sql.placeholder;
  return {
    // Alive while not past its end and used within the idle window (a session older than the column
    // counts from its creation).
    sessionUser: db
      .select({ userId: sessions.userId, lastUsedAt: sql<number>`coalesce(${sessions.lastUsedAt}, ${sessions.createdAt})` })
      .from(sessions)
      .where(
        and(
          eq(sessions.id, p("id")),
          gt(sessions.expiresAt, p("now")),
          gt(sql`coalesce(${sessions.lastUsedAt}, ${sessions.createdAt})`, p("idleSince")),
        ),
      )
      .prepare(),
    touchSession: db
      .update(sessions)
      .set({ lastUsedAt: sql`${p("now")}` })
      .where(eq(sessions.id, p("id")))
      .prepare(),
  };
}
function statements(db: Db) {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = prepare(db)));
  return s;
}

/**
 * The hot paths check a session with this one prepared lookup. A session unused for `idleMs` is over; the
 * last use is written only when the stored one is older than `touchEveryMs`, so a contest's thousands of
 * answer saves do not each cost a write.
 */
export function sessionUserId(
  db: Db,
  sessionId: string,
  now: number,
  { idleMs, touchEveryMs }: { idleMs: number; touchEveryMs: number },
): number | null {
  const s = statements(db);
  const row = s.sessionUser.get({ id: sessionId, now, idleSince: now - idleMs });
  if (!row) return null;
  if (now - row.lastUsedAt >= touchEveryMs) s.touchSession.run({ id: sessionId, now });
  return row.userId;
}

export function insertSession(db: Db, row: typeof sessions.$inferInsert): void {
  db.insert(sessions).values(row).run();
}

export function deleteSession(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

export function findUserById(db: Db, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findUserByPhone(db: Db, phone: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.phone, phone)).get();
}

export function findUserByCccd(db: Db, cccd: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.cccd, cccd)).get();
}

export function insertUser(db: Db, row: typeof users.$inferInsert): UserRow {
  return db.insert(users).values(row).returning().get();
}

export function rolesOf(db: Db, userId: number) {
  return db.select({ role: roleGrants.role, unitId: roleGrants.unitId }).from(roleGrants).where(eq(roleGrants.userId, userId)).all();
}

export function grantRole(db: Db, userId: number, role: Role, unitId: number | null = null): void {
  db.insert(roleGrants).values({ userId, role, unitId }).onConflictDoNothing().run();
}

export function userWithUnit(db: Db, userId: number) {
  return db
    .select({ user: users, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId))
    .get();
}

/** The person's sessions (devices), newest first. */
export function sessionsOf(db: Db, userId: number, now: number) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(sql`${sessions.createdAt} DESC`)
    .all();
}

/** Logs the person out of every device; returns how many sessions ended. */
export function deleteSessionsOf(db: Db, userId: number): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

export function updatePasswordHash(db: Db, userId: number, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}
