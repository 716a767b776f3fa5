import type { Statement } from "better-sqlite3";
import type { Db } from "./connection";
import { auditLog } from "./schema";

// One prepared insert per connection: the row autosave writes an audit line with most saves.
const insertCache = new WeakMap<object, Statement>();

export function logAudit(
  db: Db,
  entry: { userId: number | null; action: string; entity: string; entityId?: string | number | null; detail?: Record<string, unknown> },
  now = Date.now(),
): void {
  const values = {
    userId: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    detail: entry.detail ?? null,
    at: now,
  };
  // A drizzle transaction handed in as `db` has no client of its own: it writes through drizzle.
  const client = (db as Partial<Pick<Db, "$client">>).$client;
  if (!client) return void db.insert(auditLog).values(values).run();
  let insert = insertCache.get(client);
  if (!insert) {
    insert = client.prepare("INSERT INTO audit_log (user_id, action, entity, entity_id, detail, at) VALUES (?, ?, ?, ?, ?, ?)");
    insertCache.set(client, insert);
  }
  // The text drizzle's json column would store for `detail` (JSON.stringify, or NULL).
  insert.run(values.userId, values.action, values.entity, values.entityId, values.detail === null ? null : JSON.stringify(values.detail), now);
}

/** Whether the user wrote this action on this object since `since` with the same detail (to log a refreshed view once). */
export function loggedSince(db: Db, e: { userId: number; action: string; entityId: string; detail: Record<string, unknown> }, since: number): boolean {
  const rows = db.$client
    .prepare(`SELECT detail FROM audit_log WHERE user_id = ? AND action = ? AND entity_id = ? AND at >= ? ORDER BY at DESC LIMIT 20`)
    .all(e.userId, e.action, e.entityId, since) as { detail: string | null }[];
  const wanted = JSON.stringify(e.detail);
  return rows.some((r) => r.detail !== null && r.detail === wanted);
}
