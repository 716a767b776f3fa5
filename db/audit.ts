import type { Db } from "./connection";
import { auditLog } from "./schema";

export function logAudit(
  db: Db,
  entry: { userId: number | null; action: string; entity: string; entityId?: string | number | null; detail?: Record<string, unknown> },
  now = Date.now(),
): void {
  db.insert(auditLog)
    .values({
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      detail: entry.detail ?? null,
      at: now,
    })
    .run();
}

/** Whether the user wrote this action on this object since `since` with the same detail (to log a refreshed view once). */
export function loggedSince(db: Db, e: { userId: number; action: string; entityId: string; detail: Record<string, unknown> }, since: number): boolean {
  const rows = db.$client
    .prepare(`SELECT detail FROM audit_log WHERE user_id = ? AND action = ? AND entity_id = ? AND at >= ? ORDER BY at DESC LIMIT 20`)
    .all(e.userId, e.action, e.entityId, since) as { detail: string | null }[];
  const wanted = JSON.stringify(e.detail);
  return rows.some((r) => r.detail !== null && r.detail === wanted);
}
