import { asc, eq } from "drizzle-orm";
import type { Db } from "../connection";
import { units } from "../schema";

export type UnitRow = typeof units.$inferSelect;

export function listUnits(db: Db): UnitRow[] {
  return db.select().from(units).orderBy(asc(units.sortOrder), asc(units.id)).all();
}

export function getUnit(db: Db, id: number): UnitRow | undefined {
  return db.select().from(units).where(eq(units.id, id)).get();
}

export function getUnitByCode(db: Db, code: string): UnitRow | undefined {
  return db.select().from(units).where(eq(units.code, code)).get();
}

/** A unit and every unit below it, at any depth (one recursive query). */
export function subtreeIds(db: Db, rootIds: number[]): number[] {
  if (rootIds.length === 0) return [];
  const rows = db.$client
    .prepare(
      `WITH RECURSIVE sub(id) AS (SELECT value FROM json_each(?) UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)
       SELECT id FROM sub`,
    )
    .all(JSON.stringify(rootIds)) as { id: number }[];
  return rows.map((r) => r.id);
}
