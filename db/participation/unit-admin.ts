import { foldVietnamese } from "../../app/core/text";
import type { UnitImportRow } from "../../app/core/participation/unit-import";
import type { Db } from "../connection";
import { stmt } from "../statements";

/** Writes of the unit tree and unit-head grants, from the organizers' page. */

export function unitCodesWithParents(db: Db): { code: string; parentCode: string | null }[] {
  return stmt(db, `SELECT u.code, p.code AS parentCode FROM units u LEFT JOIN units p ON p.id = u.parent_id`).all() as {
    code: string;
    parentCode: string | null;
  }[];
}

/** Inserts new codes and updates existing ones, parents first, in one transaction. */
export function upsertUnits(db: Db, rows: UnitImportRow[]): { inserted: number; updated: number } {
  let inserted = 0;
  let updated = 0;
  const find = stmt(db, `SELECT id FROM units WHERE code = ?`);
  const insert = stmt(
    db,
    `INSERT INTO units (code, name, name_folded, kind, parent_id, headcount, sort_order)
     VALUES (?, ?, ?, ?, (SELECT id FROM units WHERE code = ?), ?, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM units))`,
  );
  const update = stmt(
    db,
    `UPDATE units SET name = ?, name_folded = ?, kind = ?, parent_id = (SELECT id FROM units WHERE code = ?), headcount = ? WHERE code = ?`,
  );
  db.$client.transaction(() => {
    for (const r of rows) {
      if (find.get(r.code)) {
        update.run(r.name, foldVietnamese(r.name), r.kind, r.parentCode, r.headcount, r.code);
        updated++;
      } else {
        insert.run(r.code, r.name, foldVietnamese(r.name), r.kind, r.parentCode, r.headcount);
        inserted++;
      }
    }
  }).immediate();
  return { inserted, updated };
}

export function updateUnitFields(db: Db, id: number, f: { name: string; kind: string; headcount: number; parentId: number | null }): void {
  stmt(db, `UPDATE units SET name = ?, name_folded = ?, kind = ?, headcount = ?, parent_id = ? WHERE id = ?`).run(
    f.name,
    foldVietnamese(f.name),
    f.kind,
    f.headcount,
    f.parentId,
    id,
  );
}

export function unitHeads(db: Db) {
  return stmt(
    db,
    `SELECT g.id AS grantId, g.unit_id AS unitId, u.id AS userId, u.full_name AS fullName, u.phone
       FROM role_grants g JOIN users u ON u.id = g.user_id WHERE g.role = 'unit_head' ORDER BY u.full_name`,
  ).all() as { grantId: number; unitId: number; userId: number; fullName: string; phone: string }[];
}

export function revokeGrant(db: Db, grantId: number): { userId: number; unitId: number } | undefined {
  const row = stmt(db, `SELECT user_id AS userId, unit_id AS unitId FROM role_grants WHERE id = ? AND role = 'unit_head'`).get(grantId) as
    | { userId: number; unitId: number }
    | undefined;
  if (row) stmt(db, `DELETE FROM role_grants WHERE id = ?`).run(grantId);
  return row;
}
