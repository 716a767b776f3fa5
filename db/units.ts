import { asc, eq } from "drizzle-orm";
import type { Db } from "./connection";
import { units } from "./schema";

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
