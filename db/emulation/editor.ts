import { and, eq, max } from "drizzle-orm";
import type { CriterionRule, Quota } from "../../app/core/emulation/types";
import type { Db } from "../connection";
import { contests, emulationCriteria, emulationSchemes, movementDeadlines, movementDocuments, movements } from "../schema";

/** Queries of the organizer's movement editor (drafts, schemes, criteria, launching documents). */

export type MovementFields = Pick<
  typeof movements.$inferInsert,
  "title" | "organizerUnitId" | "kind" | "periodStart" | "periodEnd" | "planNumber" | "planDate" | "contentsMd" | "rootUnitId" | "excludedUnitIds" | "linkedContestId" | "year"
>;

export function updateMovementFields(db: Db, id: number, f: MovementFields): void {
  db.update(movements).set(f).where(eq(movements.id, id)).run();
}

export function deleteMovement(db: Db, id: number): void {
  db.delete(movements).where(eq(movements.id, id)).run();
  // Its snapshots went with it; the input parts no other snapshot names go too.
  db.$client.exec(`DELETE FROM evaluation_input_parts WHERE hash NOT IN (
    SELECT p.value FROM evaluation_snapshots s, json_each(s.input_parts, '$.parts') p WHERE s.input_parts IS NOT NULL)`);
}

export function slugTaken(db: Db, slug: string): boolean {
  return db.select({ id: movements.id }).from(movements).where(eq(movements.slug, slug)).get() !== undefined;
}

/** Sets (or, with null, removes) the deadline of a label; the other deadlines of the movement stay. */
export function setDeadline(db: Db, movementId: number, label: string, date: string | null, kind: DeadlineRow["kind"] = null): void {
  db.delete(movementDeadlines).where(and(eq(movementDeadlines.movementId, movementId), eq(movementDeadlines.label, label))).run();
  if (date) db.insert(movementDeadlines).values({ movementId, label, date, kind }).run();
}

export type DeadlineRow = typeof movementDeadlines.$inferSelect;
export type DeadlineFields = Pick<DeadlineRow, "label" | "date" | "time" | "kind">;

export function getDeadline(db: Db, movementId: number, deadlineId: number): DeadlineRow | undefined {
  return db.select().from(movementDeadlines).where(and(eq(movementDeadlines.movementId, movementId), eq(movementDeadlines.id, deadlineId))).get();
}

export function insertDeadline(db: Db, movementId: number, f: DeadlineFields): number {
  return db.insert(movementDeadlines).values({ movementId, ...f }).returning({ id: movementDeadlines.id }).get().id;
}

export function updateDeadline(db: Db, deadlineId: number, f: Partial<DeadlineFields>): void {
  db.update(movementDeadlines).set(f).where(eq(movementDeadlines.id, deadlineId)).run();
}

export function deleteDeadline(db: Db, deadlineId: number): void {
  db.delete(movementDeadlines).where(eq(movementDeadlines.id, deadlineId)).run();
}

export function contestChoices(db: Db) {
  return db.select({ id: contests.id, slug: contests.slug, title: contests.title }).from(contests).orderBy(contests.id).all();
}

/** The names a "recognised by" criterion may name: the register's councils and those of imported recognitions. */
export function councilNames(db: Db): string[] {
  return db.$client
    .prepare(`SELECT name FROM ir_councils UNION SELECT council FROM initiative_recognitions WHERE council IS NOT NULL ORDER BY 1`)
    .pluck()
    .all() as string[];
}

// ---- documents ----

export type DocumentRow = typeof movementDocuments.$inferSelect;

export function insertDocument(db: Db, row: typeof movementDocuments.$inferInsert): number {
  return db.insert(movementDocuments).values(row).returning({ id: movementDocuments.id }).get().id;
}

export function setDocumentUrl(db: Db, id: number, url: string): void {
  db.update(movementDocuments).set({ url }).where(eq(movementDocuments.id, id)).run();
}

export function getDocument(db: Db, movementId: number, id: number): DocumentRow | undefined {
  return db.select().from(movementDocuments).where(and(eq(movementDocuments.id, id), eq(movementDocuments.movementId, movementId))).get();
}

export function deleteDocument(db: Db, id: number): void {
  db.delete(movementDocuments).where(eq(movementDocuments.id, id)).run();
}

// ---- schemes and criteria ----

export type SchemeRow = typeof emulationSchemes.$inferSelect;
export type CriterionRow = typeof emulationCriteria.$inferSelect;

export function getScheme(db: Db, movementId: number, id: number): SchemeRow | undefined {
  return db.select().from(emulationSchemes).where(and(eq(emulationSchemes.id, id), eq(emulationSchemes.movementId, movementId))).get();
}

export function schemeCodes(db: Db, movementId: number): Set<string> {
  return new Set(db.select({ code: emulationSchemes.code }).from(emulationSchemes).where(eq(emulationSchemes.movementId, movementId)).all().map((r) => r.code));
}

export function nextSchemeOrder(db: Db, movementId: number): number {
  return (db.select({ n: max(emulationSchemes.sortOrder) }).from(emulationSchemes).where(eq(emulationSchemes.movementId, movementId)).get()?.n ?? -1) + 1;
}

export function updateScheme(
  db: Db,
  id: number,
  f: { title: string; form: string; formName: string | null; target: "collective" | "individual"; level: string; quota: Quota; rankBy: "none" | "index_score" | "quiz_score"; rankContest: string | null },
): void {
  db.update(emulationSchemes).set(f).where(eq(emulationSchemes.id, id)).run();
}

export function deleteScheme(db: Db, id: number): void {
  db.delete(emulationSchemes).where(eq(emulationSchemes.id, id)).run();
}

export function criteriaRows(db: Db, schemeId: number): CriterionRow[] {
  return db.select().from(emulationCriteria).where(eq(emulationCriteria.schemeId, schemeId)).orderBy(emulationCriteria.sortOrder, emulationCriteria.id).all();
}

/** Criterion codes of every scheme of the movement: a declaration names a criterion by code, so they are unique per movement. */
export function criterionCodes(db: Db, movementId: number): Set<string> {
  return new Set(
    db
      .select({ code: emulationCriteria.code })
      .from(emulationCriteria)
      .innerJoin(emulationSchemes, eq(emulationSchemes.id, emulationCriteria.schemeId))
      .where(eq(emulationSchemes.movementId, movementId))
      .all()
      .map((r) => r.code),
  );
}

export function getCriterion(db: Db, schemeId: number, id: number): CriterionRow | undefined {
  return db.select().from(emulationCriteria).where(and(eq(emulationCriteria.id, id), eq(emulationCriteria.schemeId, schemeId))).get();
}

export function nextCriterionOrder(db: Db, schemeId: number): number {
  return (db.select({ n: max(emulationCriteria.sortOrder) }).from(emulationCriteria).where(eq(emulationCriteria.schemeId, schemeId)).get()?.n ?? -1) + 1;
}

export function updateCriterion(db: Db, id: number, label: string, rule: CriterionRule): void {
  db.update(emulationCriteria).set({ label, rule }).where(eq(emulationCriteria.id, id)).run();
}

export function deleteCriterion(db: Db, id: number): void {
  db.delete(emulationCriteria).where(eq(emulationCriteria.id, id)).run();
}
