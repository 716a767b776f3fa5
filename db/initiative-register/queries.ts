import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../connection";
import { irApplications, irAuthors, irCouncilMembers, irCouncils, irRequests, irSheets, units, users } from "../schema";

export type CouncilRow = typeof irCouncils.$inferSelect;
export type RequestRow = typeof irRequests.$inferSelect;
export type AuthorRow = typeof irAuthors.$inferSelect;
export type AuthorInsert = Omit<typeof irAuthors.$inferInsert, "requestId" | "seq">;

// ---------------------------------------------------------------- councils

export function listCouncils(db: Db) {
  return db
    .select({ council: irCouncils, unitName: units.name, secretaryName: users.fullName })
    .from(irCouncils)
    .innerJoin(units, eq(units.id, irCouncils.unitId))
    .leftJoin(users, eq(users.id, irCouncils.secretaryId))
    .orderBy(asc(irCouncils.id))
    .all();
}

export function getCouncil(db: Db, id: number): CouncilRow | undefined {
  return db.select().from(irCouncils).where(eq(irCouncils.id, id)).get();
}

export function councilMembers(db: Db, councilId: number) {
  return db
    .select({ userId: irCouncilMembers.userId, role: irCouncilMembers.role, fullName: users.fullName, unitId: users.unitId, unitName: units.name })
    .from(irCouncilMembers)
    .innerJoin(users, eq(users.id, irCouncilMembers.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(irCouncilMembers.councilId, councilId))
    .orderBy(asc(users.fullName))
    .all();
}

/** The councils a person sits on or is the secretary of. */
export function councilsOf(db: Db, userId: number): CouncilRow[] {
  return db
    .select()
    .from(irCouncils)
    .where(
      sql`${irCouncils.secretaryId} = ${userId} OR ${irCouncils.id} IN (SELECT council_id FROM ir_council_members WHERE user_id = ${userId})`,
    )
    .all();
}

export function insertCouncil(db: Db, row: typeof irCouncils.$inferInsert): CouncilRow {
  return db.insert(irCouncils).values(row).returning().get();
}

export function updateCouncil(db: Db, id: number, patch: Partial<typeof irCouncils.$inferInsert>): void {
  db.update(irCouncils).set(patch).where(eq(irCouncils.id, id)).run();
}

export function setCouncilMembers(db: Db, councilId: number, members: { userId: number; role: "chair" | "member" }[]): void {
  db.delete(irCouncilMembers).where(eq(irCouncilMembers.councilId, councilId)).run();
  for (const m of members) db.insert(irCouncilMembers).values({ councilId, ...m }).onConflictDoNothing().run();
}

/**
 * Freezes the council's current phiếu chấm and pass mark onto its undecided requests that already have
 * sheets and nothing frozen yet (before the council is changed); returns how many.
 */
export function freezeSheets(db: Db, councilId: number, criteria: CouncilRow["criteria"], passMark: number): number {
  return db.$client
    .prepare(
      `UPDATE ir_requests SET criteria_used = ?, pass_mark_used = ?
        WHERE council_id = ? AND criteria_used IS NULL AND state IN ('submitted', 'scoring')
          AND id IN (SELECT request_id FROM ir_sheets)`,
    )
    .run(JSON.stringify(criteria), passMark, councilId).changes;
}

/** How much of a council's work is on record: requests with sheets, and requests decided. */
export function councilUsage(db: Db, councilId: number): { scored: number; decided: number; open: number } {
  return db.$client
    .prepare(
      `SELECT
         COUNT(DISTINCT CASE WHEN s.request_id IS NOT NULL THEN r.id END) AS scored,
         COUNT(DISTINCT CASE WHEN r.state IN ('recognised', 'not_recognised') THEN r.id END) AS decided,
         COUNT(DISTINCT CASE WHEN r.state IN ('submitted', 'scoring', 'needs_more') THEN r.id END) AS open
       FROM ir_requests r LEFT JOIN ir_sheets s ON s.request_id = r.id WHERE r.council_id = ?`,
    )
    .get(councilId) as { scored: number; decided: number; open: number };
}

/** The audited changes of a council, newest first. */
export function councilHistory(db: Db, councilId: number) {
  return (
    db.$client
      .prepare(
        `SELECT a.at, a.action, a.detail, u.full_name AS byName FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
          WHERE a.entity = 'ir_council' AND a.entity_id = ? ORDER BY a.at DESC, a.id DESC LIMIT 50`,
      )
      .all(String(councilId)) as { at: number; action: string; detail: string | null; byName: string | null }[]
  ).map((r) => {
    const detail = r.detail ? (JSON.parse(r.detail) as { changes?: string[]; frozen?: number }) : {};
    return { at: r.at, created: r.action.endsWith(".create"), byName: r.byName, changes: detail.changes ?? [], frozen: detail.frozen ?? 0 };
  });
}

// ---------------------------------------------------------------- requests

export function insertRequest(db: Db, row: typeof irRequests.$inferInsert, authors: AuthorInsert[]): RequestRow {
  const inserted = db.insert(irRequests).values(row).returning().get();
  setAuthors(db, inserted.id, authors);
  return inserted;
}

export function updateRequest(db: Db, id: number, patch: Partial<typeof irRequests.$inferInsert>): void {
  db.update(irRequests).set(patch).where(eq(irRequests.id, id)).run();
}

export function setAuthors(db: Db, requestId: number, authors: AuthorInsert[]): void {
  db.delete(irAuthors).where(eq(irAuthors.requestId, requestId)).run();
  authors.forEach((a, seq) => db.insert(irAuthors).values({ ...a, requestId, seq }).run());
}

export function getRequest(db: Db, id: number) {
  const row = db
    .select({ request: irRequests, unitName: units.name, unitParentId: units.parentId })
    .from(irRequests)
    .innerJoin(units, eq(units.id, irRequests.unitId))
    .where(eq(irRequests.id, id))
    .get();
  if (!row) return undefined;
  return { ...row, authors: authorsOf(db, [id]).get(id) ?? [] };
}

export function authorsOf(db: Db, requestIds: number[]): Map<number, AuthorRow[]> {
  const out = new Map<number, AuthorRow[]>();
  if (requestIds.length === 0) return out;
  for (const a of db.select().from(irAuthors).where(inArray(irAuthors.requestId, requestIds)).orderBy(asc(irAuthors.requestId), asc(irAuthors.seq)).all()) {
    const list = out.get(a.requestId) ?? [];
    list.push(a);
    out.set(a.requestId, list);
  }
  return out;
}

export function requestByEntry(db: Db, entryId: number): RequestRow | undefined {
  return db.select().from(irRequests).where(eq(irRequests.contestEntryId, entryId)).get();
}

const listColumns = {
  id: irRequests.id,
  title: irRequests.title,
  field: irRequests.field,
  state: irRequests.state,
  stateReason: irRequests.stateReason,
  year: irRequests.year,
  unitId: irRequests.unitId,
  unitName: units.name,
  claimedScope: irRequests.claimedScope,
  decidedScope: irRequests.decidedScope,
  decisionNumber: irRequests.decisionNumber,
  decisionDate: irRequests.decisionDate,
  meanScore: irRequests.meanScore,
  councilId: irRequests.councilId,
  publicOptIn: irRequests.publicOptIn,
  updatedAt: irRequests.updatedAt,
  submittedAt: irRequests.submittedAt,
  appliedUnits: sql<number>`(SELECT count(*) FROM ir_applications a WHERE a.request_id = ${irRequests.id})`,
};

/** A person's requests: filed by them or naming them as an author. */
export function requestsOfPerson(db: Db, userId: number) {
  return db
    .select(listColumns)
    .from(irRequests)
    .innerJoin(units, eq(units.id, irRequests.unitId))
    .where(sql`${irRequests.ownerId} = ${userId} OR ${irRequests.id} IN (SELECT request_id FROM ir_authors WHERE user_id = ${userId})`)
    .orderBy(desc(irRequests.updatedAt))
    .all();
}

export type RegisterFilter = {
  unitIds?: number[] | null;
  year?: number | null;
  state?: RequestRow["state"] | null;
  field?: string | null;
  scope?: NonNullable<RequestRow["decidedScope"]> | null;
  councilIds?: number[];
  states?: RequestRow["state"][];
  publicOnly?: boolean;
};

export function listRegister(db: Db, f: RegisterFilter, limit = 500) {
  const where: SQL[] = [];
  if (f.unitIds) where.push(f.unitIds.length ? inArray(irRequests.unitId, f.unitIds) : sql`0`);
  if (f.year) where.push(eq(irRequests.year, f.year));
  if (f.state) where.push(eq(irRequests.state, f.state));
  if (f.states) where.push(inArray(irRequests.state, f.states));
  if (f.field) where.push(eq(irRequests.field, f.field));
  if (f.scope) where.push(eq(irRequests.decidedScope, f.scope));
  if (f.councilIds) where.push(f.councilIds.length ? inArray(irRequests.councilId, f.councilIds) : sql`0`);
  if (f.publicOnly) where.push(and(eq(irRequests.publicOptIn, true), eq(irRequests.state, "recognised"))!);
  return db
    .select(listColumns)
    .from(irRequests)
    .innerJoin(units, eq(units.id, irRequests.unitId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(irRequests.year), asc(units.sortOrder), asc(irRequests.id))
    .limit(limit)
    .all();
}

export function distinctFields(db: Db): string[] {
  return db.selectDistinct({ field: irRequests.field }).from(irRequests).orderBy(asc(irRequests.field)).all().map((r) => r.field);
}

/** Register candidates for the duplicate check, best bm25 first. */
export function similarRequestIds(db: Db, match: string, limit = 30): number[] {
  return (
    db.$client.prepare(`SELECT rowid FROM ir_requests_fts WHERE ir_requests_fts MATCH ? ORDER BY bm25(ir_requests_fts) LIMIT ?`).all(match, limit) as {
      rowid: number;
    }[]
  ).map((r) => r.rowid);
}

export function requestsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: irRequests.id, title: irRequests.title, state: irRequests.state, unitName: units.name, year: irRequests.year, searchFolded: irRequests.searchFolded })
    .from(irRequests)
    .innerJoin(units, eq(units.id, irRequests.unitId))
    .where(inArray(irRequests.id, ids))
    .all();
}

// ---------------------------------------------------------------- sheets

export function sheetsOf(db: Db, requestId: number) {
  return db
    .select({ sheet: irSheets, fullName: users.fullName })
    .from(irSheets)
    .innerJoin(users, eq(users.id, irSheets.memberId))
    .where(eq(irSheets.requestId, requestId))
    .all();
}

export function saveSheet(db: Db, row: typeof irSheets.$inferInsert): void {
  db.insert(irSheets)
    .values(row)
    .onConflictDoUpdate({ target: [irSheets.requestId, irSheets.memberId], set: { scores: row.scores, total: row.total, comment: row.comment, updatedAt: row.updatedAt } })
    .run();
}

// ---------------------------------------------------------------- applications

export function applicationsOf(db: Db, requestIds: number[]) {
  if (requestIds.length === 0) return [];
  return db
    .select({
      id: irApplications.id,
      requestId: irApplications.requestId,
      unitId: irApplications.unitId,
      unitName: units.name,
      districtId: units.parentId,
      since: irApplications.since,
      effect: irApplications.effect,
      certificateName: irApplications.certificateName,
      createdAt: irApplications.createdAt,
    })
    .from(irApplications)
    .innerJoin(units, eq(units.id, irApplications.unitId))
    .where(inArray(irApplications.requestId, requestIds))
    .orderBy(asc(irApplications.since))
    .all();
}

export function insertApplication(db: Db, row: typeof irApplications.$inferInsert): boolean {
  return db.insert(irApplications).values(row).onConflictDoNothing().run().changes === 1;
}

export function applicationCertificate(db: Db, id: number) {
  return db
    .select({ requestId: irApplications.requestId, unitId: irApplications.unitId, name: irApplications.certificateName, type: irApplications.certificateType, data: irApplications.certificate })
    .from(irApplications)
    .where(eq(irApplications.id, id))
    .get();
}
