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
