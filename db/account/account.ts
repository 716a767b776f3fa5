import type { Db } from "../connection";
import { stmt } from "../statements";

/** Writes of the person's own account page: profile, password, sessions, unit change requests. */

export function updateProfile(db: Db, userId: number, p: { fullName: string; position: string; email: string | null }): void {
  stmt(db, `UPDATE users SET full_name = ?, position = ?, email = ? WHERE id = ?`).run(p.fullName, p.position, p.email, userId);
}

export function deleteOtherSessions(db: Db, userId: number, keepId: string | null): number {
  return stmt(db, `DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?`).run(userId, keepId).changes;
}

export function pendingUnitChange(db: Db, userId: number) {
  return stmt(
    db,
    `SELECT r.id, r.to_unit_id AS toUnitId, u.name AS toUnitName, r.created_at AS createdAt FROM unit_change_requests r
       JOIN units u ON u.id = r.to_unit_id WHERE r.user_id = ? AND r.status = 'pending' ORDER BY r.id DESC LIMIT 1`,
  ).get(userId) as { id: number; toUnitId: number; toUnitName: string; createdAt: number } | undefined;
}

/** One pending request per person: a new one replaces the old. */
export function requestUnitChange(db: Db, r: { userId: number; fromUnitId: number | null; toUnitId: number; reason: string | null }, now: number): void {
  db.$client
    .transaction(() => {
      stmt(db, `UPDATE unit_change_requests SET status = 'refused', decided_at = ? WHERE user_id = ? AND status = 'pending'`).run(now, r.userId);
      stmt(db, `INSERT INTO unit_change_requests (user_id, from_unit_id, to_unit_id, reason, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`).run(
        r.userId,
        r.fromUnitId,
        r.toUnitId,
        r.reason,
        now,
      );
    })
    .immediate();
}

export type UnitChangeRow = {
  id: number;
  userId: number;
  fullName: string;
  phone: string;
  fromUnitId: number | null;
  fromUnitName: string | null;
  toUnitId: number;
  toUnitName: string;
  reason: string | null;
  createdAt: number;
};

/** Pending requests whose source or destination lies in the given units (null: all). */
export function pendingUnitChanges(db: Db, unitIds: number[] | null): UnitChangeRow[] {
  return stmt(
    db,
    `SELECT r.id, r.user_id AS userId, p.full_name AS fullName, p.phone, r.from_unit_id AS fromUnitId, f.name AS fromUnitName,
            r.to_unit_id AS toUnitId, t.name AS toUnitName, r.reason, r.created_at AS createdAt
       FROM unit_change_requests r JOIN users p ON p.id = r.user_id JOIN units t ON t.id = r.to_unit_id
       LEFT JOIN units f ON f.id = r.from_unit_id
      WHERE r.status = 'pending'
        AND (:units IS NULL OR r.to_unit_id IN (SELECT value FROM json_each(:units)) OR r.from_unit_id IN (SELECT value FROM json_each(:units)))
      ORDER BY r.created_at, r.id`,
  ).all({ units: unitIds === null ? null : JSON.stringify(unitIds) }) as UnitChangeRow[];
}

export function unitChangeById(db: Db, id: number): UnitChangeRow | undefined {
  return pendingUnitChanges(db, null).find((r) => r.id === id);
}

export function decideUnitChange(db: Db, id: number, status: "approved" | "refused", by: number, now: number): boolean {
  return stmt(db, `UPDATE unit_change_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'`).run(status, by, now, id).changes > 0;
}
