import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../connection";
import { notifications } from "../schema";

/** The in-app inbox. */
export function insertNotifications(db: Db, rows: { userId: number; kind: string; title: string; body: string; link: string | null; dedupeKey: string | null }[], now: number): number {
  let n = 0;
  for (const r of rows) n += db.insert(notifications).values({ ...r, createdAt: now }).onConflictDoNothing().run().changes;
  return n;
}

export function inboxOf(db: Db, userId: number) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(100).all();
}

export function unreadCount(db: Db, userId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).get()?.n ?? 0;
}

export function markAllRead(db: Db, userId: number, now: number): void {
  db.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).run();
}

/** Unit heads whose grant is one of the units. */
export function headsOfUnits(db: Db, unitIds: number[]): { userId: number; unitId: number }[] {
  if (unitIds.length === 0) return [];
  return db.$client
    .prepare(`SELECT user_id AS userId, unit_id AS unitId FROM role_grants WHERE role = 'unit_head' AND unit_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(unitIds)) as { userId: number; unitId: number }[];
}


/**
 * The organizers of a movement run by the unit: every organizer whose grant covers it (a grant on the unit or
 * one above it, or an unscoped grant), as the organizer's pages decide who may run it.
 */
export function organizersOfUnit(db: Db, unitId: number): number[] {
  return db.$client
    .prepare(
      `WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
       SELECT DISTINCT user_id FROM role_grants WHERE role = 'organizer' AND (unit_id IS NULL OR unit_id IN (SELECT id FROM up)) ORDER BY user_id`,
    )
    .pluck()
    .all(unitId) as number[];
}
