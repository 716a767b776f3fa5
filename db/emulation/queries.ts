import { and, desc, eq, inArray } from "drizzle-orm";
import type { EvaluationData } from "../../app/core/emulation/context";
import type { Criterion, CriterionRule, Scheme } from "../../app/core/emulation/types";
import type { Db } from "../connection";
import {
  emulationCriteria,
  emulationDeclarations,
  emulationEvidenceFiles,
  emulationPendingCases,
  emulationPeople,
  emulationRegistrations,
  emulationSchemes,
  emulationTitles,
  initiativeCounts,
  initiativeRecognitions,
  movementDeadlines,
  movementDocuments,
  movements,
  units,
} from "../schema";
import { upsertResult } from "../reform-index";
import { subtreeIds } from "../participation/units";

/** Queries of the emulation feature. SQL stays here; the rules are in app/core/emulation. */

export type MovementRow = typeof movements.$inferSelect;

export function listMovements(db: Db): (MovementRow & { organizerName: string })[] {
  return db
    .select({ m: movements, organizerName: units.name })
    .from(movements)
    .innerJoin(units, eq(units.id, movements.organizerUnitId))
    .orderBy(desc(movements.year), movements.id)
    .all()
    .map((r) => ({ ...r.m, organizerName: r.organizerName }));
}

export function getMovement(db: Db, id: number): MovementRow | undefined {
  return db.select().from(movements).where(eq(movements.id, id)).get();
}

export function getMovementBySlug(db: Db, slug: string): MovementRow | undefined {
  return db.select().from(movements).where(eq(movements.slug, slug)).get();
}

export function setMovementState(db: Db, id: number, state: MovementRow["state"], now: number): void {
  db.update(movements)
    .set({ state, ...(state === "launched" ? { launchedAt: now } : {}) })
    .where(eq(movements.id, id))
    .run();
}

export function insertMovement(db: Db, row: typeof movements.$inferInsert): number {
  return db.insert(movements).values(row).returning({ id: movements.id }).get().id;
}

/** The units taking part: the root's subtree without the excluded subtrees. */
export function participatingUnitIds(db: Db, m: Pick<MovementRow, "rootUnitId" | "excludedUnitIds">): number[] {
  const out = new Set(subtreeIds(db, [m.rootUnitId]));
  for (const id of subtreeIds(db, m.excludedUnitIds)) out.delete(id);
  out.delete(m.rootUnitId);
  return [...out];
}

export function documentsOf(db: Db, movementId: number) {
  return db.select().from(movementDocuments).where(eq(movementDocuments.movementId, movementId)).all();
}

export function deadlinesOf(db: Db, movementId: number) {
  return db.select().from(movementDeadlines).where(eq(movementDeadlines.movementId, movementId)).orderBy(movementDeadlines.date).all();
}

export function schemesOf(db: Db, movementId: number): (Scheme & { dbId: number })[] {
  const rows = db.select().from(emulationSchemes).where(eq(emulationSchemes.movementId, movementId)).orderBy(emulationSchemes.sortOrder, emulationSchemes.id).all();
  if (rows.length === 0) return [];
  const crit = db
    .select()
    .from(emulationCriteria)
    .where(inArray(emulationCriteria.schemeId, rows.map((r) => r.id)))
    .orderBy(emulationCriteria.sortOrder, emulationCriteria.id)
    .all();
  return rows.map((s) => ({
    dbId: s.id,
    id: s.code,
    title: s.title,
    form: s.form,
    formName: s.formName ?? undefined,
    target: s.target,
    level: s.level,
    quota: s.quota,
    rankBy: s.rankBy,
    rankContest: s.rankContest ?? undefined,
    criteria: crit.filter((c) => c.schemeId === s.id).map((c) => ({ id: c.code, label: c.label, ...c.rule }) as Criterion),
  }));
}

export function insertScheme(db: Db, movementId: number, s: Scheme, sortOrder: number): number {
  const id = db
    .insert(emulationSchemes)
    .values({ movementId, code: s.id, title: s.title, form: s.form, formName: s.formName ?? null, target: s.target, level: s.level, quota: s.quota, rankBy: s.rankBy, rankContest: s.rankContest ?? null, sortOrder })
    .returning({ id: emulationSchemes.id })
    .get().id;
  s.criteria.forEach((c, i) => insertCriterion(db, id, c, i));
  return id;
}

export function insertCriterion(db: Db, schemeId: number, c: Criterion, sortOrder: number): void {
  const { id: code, label, ...rule } = c;
  db.insert(emulationCriteria).values({ schemeId, code, label, rule: rule as CriterionRule, sortOrder }).run();
}

// ---- registrations ----

export type RegistrationRow = typeof emulationRegistrations.$inferSelect;

export function registrationsOf(db: Db, movementId: number): (RegistrationRow & { unitName: string; parentId: number | null })[] {
  return db
    .select({ r: emulationRegistrations, unitName: units.name, parentId: units.parentId })
    .from(emulationRegistrations)
    .innerJoin(units, eq(units.id, emulationRegistrations.unitId))
    .where(eq(emulationRegistrations.movementId, movementId))
    .orderBy(units.sortOrder, units.id)
    .all()
    .map((x) => ({ ...x.r, unitName: x.unitName, parentId: x.parentId }));
}

export function registrationOf(db: Db, movementId: number, unitId: number): RegistrationRow | undefined {
  return db
    .select()
    .from(emulationRegistrations)
    .where(and(eq(emulationRegistrations.movementId, movementId), eq(emulationRegistrations.unitId, unitId)))
    .get();
}

export function upsertRegistration(
  db: Db,
  row: { movementId: number; unitId: number; status: RegistrationRow["status"]; schemeCodes: string[]; targets: string; initiatives?: string; returnReason?: string | null; now: number; by?: number | null },
): number {
  const decided = row.status === "da_duyet" || row.status === "tra_lai";
  return db
    .insert(emulationRegistrations)
    .values({
      movementId: row.movementId,
      unitId: row.unitId,
      status: row.status,
      schemeCodes: row.schemeCodes,
      targets: row.targets,
      initiatives: row.initiatives ?? "",
      returnReason: row.returnReason ?? null,
      submittedAt: row.status === "chua_gui" ? null : row.now,
      decidedAt: decided ? row.now : null,
      decidedBy: decided ? (row.by ?? null) : null,
      updatedAt: row.now,
    })
    .onConflictDoUpdate({
      target: [emulationRegistrations.movementId, emulationRegistrations.unitId],
      set: { status: row.status, schemeCodes: row.schemeCodes, targets: row.targets, ...(row.initiatives === undefined ? {} : { initiatives: row.initiatives }), returnReason: row.returnReason ?? null, updatedAt: row.now },
    })
    .returning({ id: emulationRegistrations.id })
    .get().id;
}

export function decideRegistration(db: Db, id: number, status: "da_duyet" | "tra_lai", reason: string | null, by: number, now: number, stage: "parent" | "organizer" = "organizer"): void {
  db.update(emulationRegistrations).set({ status, returnReason: reason, decidedAt: now, decidedBy: by, updatedAt: now, reviewStage: stage }).where(eq(emulationRegistrations.id, id)).run();
}

/** Sent (again): it waits for the given level, and an earlier approval by the parent unit no longer holds. */
export function setReviewStage(db: Db, id: number, stage: "parent" | "organizer"): void {
  db.update(emulationRegistrations).set({ reviewStage: stage, parentApprovedAt: null, parentApprovedBy: null }).where(eq(emulationRegistrations.id, id)).run();
}

/** The parent unit approves: the registration goes on to the organizer, still "chờ duyệt". */
export function parentApproveRegistration(db: Db, id: number, by: number, now: number): boolean {
  return (
    db.update(emulationRegistrations)
      .set({ reviewStage: "organizer", parentApprovedAt: now, parentApprovedBy: by, returnReason: null, updatedAt: now })
      .where(and(eq(emulationRegistrations.id, id), eq(emulationRegistrations.status, "cho_duyet"), eq(emulationRegistrations.reviewStage, "parent")))
      .run().changes === 1
  );
}

// ---- evidence files ----

export type EvidenceFileRow = typeof emulationEvidenceFiles.$inferSelect;

export function insertEvidenceFile(db: Db, row: Omit<typeof emulationEvidenceFiles.$inferInsert, "id">): number {
  return db.insert(emulationEvidenceFiles).values(row).returning({ id: emulationEvidenceFiles.id }).get().id;
}

export function evidenceFilesOf(db: Db, movementId: number): EvidenceFileRow[] {
  return db.select().from(emulationEvidenceFiles).where(eq(emulationEvidenceFiles.movementId, movementId)).orderBy(emulationEvidenceFiles.id).all();
}

export function getEvidenceFile(db: Db, id: number): EvidenceFileRow | undefined {
  return db.select().from(emulationEvidenceFiles).where(eq(emulationEvidenceFiles.id, id)).get();
}

export function peopleOf(db: Db, registrationIds: number[]) {
  if (registrationIds.length === 0) return [];
  return db.select().from(emulationPeople).where(inArray(emulationPeople.registrationId, registrationIds)).orderBy(emulationPeople.id).all();
}

export function insertPerson(db: Db, registrationId: number, p: { fullName: string; gender: "nam" | "nu" | null; position: string | null }): number {
  return db.insert(emulationPeople).values({ registrationId, ...p }).returning({ id: emulationPeople.id }).get().id;
}

/**
 * The people a registration names, as the unit's form sends them: a row with the id of a person already
 * registered is updated in place (their declarations and results are keyed by that id), a row without one is
 * added, and the registration's other people are removed. Ids of another registration's people are refused
 * by the caller before this runs.
 */
export function replacePeople(db: Db, registrationId: number, people: { id?: number; fullName: string; gender: "nam" | "nu"; position: string | null }[]): void {
  const kept = new Set(people.flatMap((p) => (p.id === undefined ? [] : [p.id])));
  for (const old of peopleOf(db, [registrationId])) if (!kept.has(old.id)) db.delete(emulationPeople).where(eq(emulationPeople.id, old.id)).run();
  for (const p of people) {
    if (p.id === undefined) insertPerson(db, registrationId, p);
    else db.update(emulationPeople).set({ fullName: p.fullName, gender: p.gender, position: p.position }).where(and(eq(emulationPeople.id, p.id), eq(emulationPeople.registrationId, registrationId))).run();
  }
}

// ---- declarations and cases ----

export function declarationsOf(db: Db, movementId: number) {
  return db.select().from(emulationDeclarations).where(eq(emulationDeclarations.movementId, movementId)).all();
}

export function upsertDeclaration(
  db: Db,
  row: { movementId: number; candidateKey: string; criterionCode: string; value: number | boolean; evidence: string | null; status?: "pending" | "accepted" | "returned"; returnReason?: string | null; now: number },
): void {
  const status = row.status ?? "pending";
  db.insert(emulationDeclarations)
    .values({ ...row, status, returnReason: row.returnReason ?? null, updatedAt: row.now })
    .onConflictDoUpdate({
      target: [emulationDeclarations.movementId, emulationDeclarations.candidateKey, emulationDeclarations.criterionCode],
      set: { value: row.value, evidence: row.evidence, status, returnReason: row.returnReason ?? null, updatedAt: row.now },
    })
    .run();
}

export function appraiseDeclaration(db: Db, id: number, movementId: number, status: "accepted" | "returned", reason: string | null, now: number): boolean {
  return (
    db.update(emulationDeclarations)
      .set({ status, returnReason: reason, updatedAt: now })
      .where(and(eq(emulationDeclarations.id, id), eq(emulationDeclarations.movementId, movementId)))
      .run().changes === 1
  );
}

export function setPendingCases(db: Db, movementId: number, candidateKey: string, c: { discipline: boolean; inspection: boolean; complaint: boolean }): void {
  db.insert(emulationPendingCases).values({ movementId, candidateKey, ...c }).onConflictDoUpdate({ target: [emulationPendingCases.movementId, emulationPendingCases.candidateKey], set: c }).run();
}

export function insertTitle(db: Db, candidateKey: string, year: number, title: string): void {
  db.insert(emulationTitles).values({ candidateKey, year, title }).run();
}

// ---- imported index and initiative figures ----

export type IndexImportRow = { unitId: number; year: number; score: number; band: EvaluationData["index"][number]["band"]; rank: number | null };
export type InitiativeImportRow = { unitId: number; year: number; registered: number; applied: number };
export type RecognitionImportRow = { unitId: number; year: number; title: string; scope: "co_so" | "tinh" | "toan_quoc"; council: string | null; personName: string | null };

/** One transaction: every row or none. A person named on a recognition is matched to a registered person of the unit by name. */
export function importResults(db: Db, rows: { index: IndexImportRow[]; initiatives: InitiativeImportRow[]; recognitions: RecognitionImportRow[] }, now: number) {
  db.transaction((tx) => {
    for (const r of rows.index) {
      // Imported figures go where the reform index publishes its own: one table of results per unit and year.
      const band = bandLabel(r.band ?? null, r.score);
      const values = {
        year: r.year,
        unitId: r.unitId,
        groupCode: groupOf(db, r.unitId),
        setId: null,
        indexValue: r.score,
        bandByPoints: band,
        band,
        rank: r.rank ?? 0,
        cappedReason: null,
        source: "imported" as const,
        publishedAt: now,
      };
      upsertResult(tx, values);
    }
    for (const r of rows.initiatives) {
      tx.insert(initiativeCounts)
        .values({ ...r, updatedAt: now })
        .onConflictDoUpdate({ target: [initiativeCounts.unitId, initiativeCounts.year], set: { registered: r.registered, applied: r.applied, updatedAt: now } })
        .run();
    }
    for (const r of rows.recognitions) {
      const person = r.personName
        ? (db.$client
            .prepare(
              `SELECT p.id FROM emulation_people p JOIN emulation_registrations g ON g.id = p.registration_id WHERE g.unit_id = ? AND p.full_name = ? ORDER BY p.id DESC LIMIT 1`,
            )
            .get(r.unitId, r.personName) as { id: number } | undefined)
        : undefined;
      tx.insert(initiativeRecognitions)
        .values({ ...r, personId: person?.id ?? null, updatedAt: now })
        .onConflictDoUpdate({
          target: [initiativeRecognitions.unitId, initiativeRecognitions.year, initiativeRecognitions.title],
          set: { scope: r.scope, council: r.council, personName: r.personName, personId: person?.id ?? null, updatedAt: now },
        })
        .run();
    }
  });
}

export function unitCodeIds(db: Db, codes: string[]): Map<string, number> {
  if (codes.length === 0) return new Map();
  return new Map(db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, codes)).all().map((u) => [u.code, u.id]));
}


const BAND_LABELS = { xuat_sac: "Xuất sắc", tot: "Tốt", kha: "Khá", trung_binh: "Trung bình", yeu: "Yếu" } as const;
type BandKey = keyof typeof BAND_LABELS;

/** The reform index stores a band by its label ("Xuất sắc"); the criteria compare keys (xuat_sac). */
function bandKey(label: string): BandKey | null {
  const hit = (Object.entries(BAND_LABELS) as [BandKey, string][]).find(([, l]) => l === label);
  return hit ? hit[0] : null;
}

function bandLabel(key: BandKey | null, score: number): string {
  if (key) return BAND_LABELS[key];
  return score >= 90 ? "Xuất sắc" : score >= 80 ? "Tốt" : score >= 70 ? "Khá" : score >= 50 ? "Trung bình" : "Yếu";
}

/** Imported units are ranked among the units of the same parent, whose code names the group. */
function groupOf(db: Db, unitId: number): string {
  const parent = db.$client.prepare("SELECT p.code FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?").pluck().get(unitId) as string | null | undefined;
  return parent ?? "chung";
}
