import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../connection";
import { stmt } from "../statements";
import {
  contests,
  initiativeArchive,
  initiativeComments,
  initiativeCriteria,
  initiativeEntries,
  initiativeJudges,
  initiativeRecusals,
  initiativeScores,
  initiativeSettings,
  initiativeVotes,
  roleGrants,
  rounds,
  units,
  users,
} from "../schema";

export type EntryRow = typeof initiativeEntries.$inferSelect;
export type SettingsRow = typeof initiativeSettings.$inferSelect;
export type CriterionRow = typeof initiativeCriteria.$inferSelect;
export type ArchiveInsert = Omit<typeof initiativeArchive.$inferInsert, "id">;

export function getRound(db: Db, roundId: number) {
  return db
    .select({ round: rounds, contest: contests })
    .from(rounds)
    .innerJoin(contests, eq(contests.id, rounds.contestId))
    .where(and(eq(rounds.id, roundId), eq(rounds.kind, "initiative")))
    .get();
}

export function listInitiativeRounds(db: Db, publishedOnly = true) {
  return db
    .select({ round: rounds, contest: { id: contests.id, title: contests.title, organizerUnitId: contests.organizerUnitId } })
    .from(rounds)
    .innerJoin(contests, eq(contests.id, rounds.contestId))
    .where(publishedOnly ? and(eq(rounds.kind, "initiative"), eq(rounds.status, "published")) : eq(rounds.kind, "initiative"))
    .orderBy(desc(rounds.opensAt), asc(rounds.id))
    .all();
}

export function getSettings(db: Db, roundId: number): SettingsRow | undefined {
  return db.select().from(initiativeSettings).where(eq(initiativeSettings.roundId, roundId)).get();
}

export function upsertSettings(db: Db, row: typeof initiativeSettings.$inferInsert): void {
  const { roundId, ...rest } = row;
  db.insert(initiativeSettings).values(row).onConflictDoUpdate({ target: initiativeSettings.roundId, set: rest }).run();
  void roundId;
}

const entryView = {
  entry: initiativeEntries,
  unitName: units.name,
  ownerName: users.fullName,
  ownerUnitId: users.unitId,
};

function entryQuery(db: Db) {
  return db
    .select(entryView)
    .from(initiativeEntries)
    .innerJoin(units, eq(units.id, initiativeEntries.unitId))
    .innerJoin(users, eq(users.id, initiativeEntries.ownerId));
}

export type EntryView = ReturnType<typeof getEntry> & {};

export function getEntry(db: Db, id: number) {
  return entryQuery(db).where(eq(initiativeEntries.id, id)).get();
}

export function listOwnerEntries(db: Db, ownerId: number) {
  return entryQuery(db).where(eq(initiativeEntries.ownerId, ownerId)).orderBy(desc(initiativeEntries.updatedAt)).all();
}

export function listRoundEntries(db: Db, roundId: number, statuses?: EntryRow["status"][]) {
  const where = statuses?.length
    ? and(eq(initiativeEntries.roundId, roundId), inArray(initiativeEntries.status, statuses))
    : eq(initiativeEntries.roundId, roundId);
  return entryQuery(db).where(where).orderBy(asc(initiativeEntries.id)).all();
}

export function listPublishedEntries(db: Db, filter: { roundId?: number; theme?: string; unitId?: number }) {
  const conds = [sql`${initiativeEntries.publishedAt} IS NOT NULL`, eq(initiativeEntries.status, "accepted"), eq(rounds.status, "published")];
  if (filter.roundId) conds.push(eq(initiativeEntries.roundId, filter.roundId));
  if (filter.theme) conds.push(eq(initiativeEntries.theme, filter.theme));
  if (filter.unitId) conds.push(eq(initiativeEntries.unitId, filter.unitId));
  return db
    .select(entryView)
    .from(initiativeEntries)
    .innerJoin(units, eq(units.id, initiativeEntries.unitId))
    .innerJoin(users, eq(users.id, initiativeEntries.ownerId))
    .innerJoin(rounds, eq(rounds.id, initiativeEntries.roundId))
    .where(and(...conds))
    .orderBy(desc(initiativeEntries.publishedAt), asc(initiativeEntries.id))
    .all();
}

export function entryWithVideo(db: Db, roundId: number, videoKey: string, exceptId: number | null) {
  return db
    .select({ id: initiativeEntries.id })
    .from(initiativeEntries)
    .where(
      and(
        eq(initiativeEntries.roundId, roundId),
        eq(initiativeEntries.videoKey, videoKey),
        exceptId === null ? undefined : ne(initiativeEntries.id, exceptId),
      ),
    )
    .get();
}

export function insertEntry(db: Db, row: typeof initiativeEntries.$inferInsert): EntryRow {
  return db.insert(initiativeEntries).values(row).returning().get();
}

export function updateEntry(db: Db, id: number, patch: Partial<typeof initiativeEntries.$inferInsert>): void {
  db.update(initiativeEntries).set(patch).where(eq(initiativeEntries.id, id)).run();
}

/** Candidates for "similar ideas": FTS5 rows ordered by bm25 (best first); even rowids are entries, odd the archive. */
export function similarRowids(db: Db, match: string, limit = 40): { rowid: number; score: number }[] {
  return db.$client
    .prepare(`SELECT rowid, bm25(initiative_fts) AS score FROM initiative_fts WHERE initiative_fts MATCH ? ORDER BY score LIMIT ?`)
    .all(match, limit) as { rowid: number; score: number }[];
}

export function entriesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: initiativeEntries.id, roundId: initiativeEntries.roundId, contestId: rounds.contestId, title: initiativeEntries.title, status: initiativeEntries.status, unitName: units.name, searchFolded: initiativeEntries.searchFolded, ownerId: initiativeEntries.ownerId })
    .from(initiativeEntries)
    .innerJoin(rounds, eq(rounds.id, initiativeEntries.roundId))
    .innerJoin(units, eq(units.id, initiativeEntries.unitId))
    .where(inArray(initiativeEntries.id, ids))
    .all();
}

export function archiveByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(initiativeArchive).where(inArray(initiativeArchive.id, ids)).all();
}

export function insertArchiveRows(db: Db, rows: ArchiveInsert[]): number {
  let added = 0;
  for (const row of rows) added += db.insert(initiativeArchive).values(row).onConflictDoNothing().run().changes;
  return added;
}

export function archiveCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(initiativeArchive).get()?.n ?? 0;
}

// Criteria

export function listCriteria(db: Db, roundId: number): CriterionRow[] {
  return db.select().from(initiativeCriteria).where(eq(initiativeCriteria.roundId, roundId)).orderBy(asc(initiativeCriteria.sortOrder), asc(initiativeCriteria.id)).all();
}

export function insertCriterion(db: Db, row: typeof initiativeCriteria.$inferInsert): CriterionRow {
  return db.insert(initiativeCriteria).values(row).returning().get();
}

export function updateCriterion(db: Db, id: number, patch: Partial<typeof initiativeCriteria.$inferInsert>): void {
  db.update(initiativeCriteria).set(patch).where(eq(initiativeCriteria.id, id)).run();
}

export function deleteCriterion(db: Db, id: number): void {
  db.delete(initiativeCriteria).where(eq(initiativeCriteria.id, id)).run();
}

export function criterionScoreCount(db: Db, id: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(initiativeScores).where(eq(initiativeScores.criterionId, id)).get()?.n ?? 0;
}

// Judges

export function listRoundJudges(db: Db, roundId: number) {
  return db
    .select({ id: initiativeJudges.id, userId: initiativeJudges.userId, theme: initiativeJudges.theme, fullName: users.fullName, phone: users.phone, unitId: users.unitId, unitName: units.name })
    .from(initiativeJudges)
    .innerJoin(users, eq(users.id, initiativeJudges.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(initiativeJudges.roundId, roundId))
    .orderBy(asc(users.fullName), asc(initiativeJudges.id))
    .all();
}

export function judgeAssignments(db: Db, userId: number) {
  return db.select().from(initiativeJudges).where(eq(initiativeJudges.userId, userId)).all();
}

export function assignJudge(db: Db, roundId: number, userId: number, theme: string | null): boolean {
  return db.insert(initiativeJudges).values({ roundId, userId, theme }).onConflictDoNothing().run().changes > 0;
}

export function removeJudge(db: Db, id: number, roundId: number) {
  return db.delete(initiativeJudges).where(and(eq(initiativeJudges.id, id), eq(initiativeJudges.roundId, roundId))).returning().get();
}

/** People who may be assigned as judges: holders of the judge role (admins hold every role). */
export function judgeCandidates(db: Db) {
  return db
    .selectDistinct({ id: users.id, fullName: users.fullName, phone: users.phone, unitName: units.name })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(inArray(roleGrants.role, ["judge", "admin"]))
    .orderBy(asc(users.fullName))
    .all();
}

// Scores, comments, recusals

export function roundScores(db: Db, roundId: number) {
  return db
    .select({ entryId: initiativeScores.entryId, judgeId: initiativeScores.judgeId, criterionId: initiativeScores.criterionId, score: initiativeScores.score })
    .from(initiativeScores)
    .innerJoin(initiativeEntries, eq(initiativeEntries.id, initiativeScores.entryId))
    .where(eq(initiativeEntries.roundId, roundId))
    .all();
}

export function sheetOf(db: Db, entryId: number, judgeId: number) {
  return db.select().from(initiativeScores).where(and(eq(initiativeScores.entryId, entryId), eq(initiativeScores.judgeId, judgeId))).all();
}

export function saveSheet(db: Db, entryId: number, judgeId: number, scores: { criterionId: number; score: number }[], comment: string | null, now: number): void {
  for (const s of scores) {
    db.insert(initiativeScores)
      .values({ entryId, judgeId, criterionId: s.criterionId, score: s.score, updatedAt: now })
      .onConflictDoUpdate({ target: [initiativeScores.entryId, initiativeScores.judgeId, initiativeScores.criterionId], set: { score: s.score, updatedAt: now } })
      .run();
  }
  if (comment) {
    db.insert(initiativeComments)
      .values({ entryId, judgeId, comment, updatedAt: now })
      .onConflictDoUpdate({ target: [initiativeComments.entryId, initiativeComments.judgeId], set: { comment, updatedAt: now } })
      .run();
  } else {
    db.delete(initiativeComments).where(and(eq(initiativeComments.entryId, entryId), eq(initiativeComments.judgeId, judgeId))).run();
  }
}

export function commentsOf(db: Db, entryId: number) {
  return db
    .select({ judgeId: initiativeComments.judgeId, comment: initiativeComments.comment, fullName: users.fullName, updatedAt: initiativeComments.updatedAt })
    .from(initiativeComments)
    .innerJoin(users, eq(users.id, initiativeComments.judgeId))
    .where(eq(initiativeComments.entryId, entryId))
    .all();
}

export function commentOf(db: Db, entryId: number, judgeId: number): string | null {
  return db.select({ c: initiativeComments.comment }).from(initiativeComments).where(and(eq(initiativeComments.entryId, entryId), eq(initiativeComments.judgeId, judgeId))).get()?.c ?? null;
}

export function recusalsOfJudge(db: Db, judgeId: number) {
  return db.select().from(initiativeRecusals).where(eq(initiativeRecusals.judgeId, judgeId)).all();
}

export function roundRecusals(db: Db, roundId: number) {
  return db
    .select({ entryId: initiativeRecusals.entryId, judgeId: initiativeRecusals.judgeId, reason: initiativeRecusals.reason })
    .from(initiativeRecusals)
    .innerJoin(initiativeEntries, eq(initiativeEntries.id, initiativeRecusals.entryId))
    .where(eq(initiativeEntries.roundId, roundId))
    .all();
}

export function insertRecusal(db: Db, entryId: number, judgeId: number, reason: string, now: number): void {
  db.insert(initiativeRecusals).values({ entryId, judgeId, reason, at: now }).onConflictDoUpdate({ target: [initiativeRecusals.entryId, initiativeRecusals.judgeId], set: { reason, at: now } }).run();
  db.delete(initiativeScores).where(and(eq(initiativeScores.entryId, entryId), eq(initiativeScores.judgeId, judgeId))).run();
}

// Votes

/**
 * Votes per entry of a round that count under the contest's policy: by default only those of verified people
 * (matched to a roster row), applied when counting, so votes cast before the policy changed follow it too.
 */
export function voteCounts(db: Db, roundId: number): Map<number, number> {
  const rows = stmt(
    db,
    `SELECT v.entry_id AS entryId, COUNT(*) AS n FROM initiative_votes v
       JOIN rounds ro ON ro.id = v.round_id LEFT JOIN contest_participation_settings s ON s.contest_id = ro.contest_id
      WHERE v.round_id = ? AND (COALESCE(s.unverified_may_vote, 0) = 1 OR EXISTS (SELECT 1 FROM roster_entries e WHERE e.user_id = v.user_id))
      GROUP BY v.entry_id`,
  ).all(roundId) as { entryId: number; n: number }[];
  return new Map(rows.map((r) => [r.entryId, r.n]));
}

export function userVotes(db: Db, userId: number): Set<number> {
  return new Set(db.select({ entryId: initiativeVotes.entryId }).from(initiativeVotes).where(eq(initiativeVotes.userId, userId)).all().map((r) => r.entryId));
}

export function userVoteCount(db: Db, roundId: number, userId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(initiativeVotes).where(and(eq(initiativeVotes.roundId, roundId), eq(initiativeVotes.userId, userId))).get()?.n ?? 0;
}

export function insertVote(db: Db, entryId: number, userId: number, roundId: number, now: number): boolean {
  return db.insert(initiativeVotes).values({ entryId, userId, roundId, at: now }).onConflictDoNothing().run().changes > 0;
}

export function deleteVote(db: Db, entryId: number, userId: number): boolean {
  return db.delete(initiativeVotes).where(and(eq(initiativeVotes.entryId, entryId), eq(initiativeVotes.userId, userId))).run().changes > 0;
}

export function unitsWithPublishedEntries(db: Db) {
  return db
    .selectDistinct({ id: units.id, name: units.name })
    .from(initiativeEntries)
    .innerJoin(units, eq(units.id, initiativeEntries.unitId))
    .where(sql`${initiativeEntries.publishedAt} IS NOT NULL`)
    .orderBy(asc(units.name))
    .all();
}

export function setResultsPublished(db: Db, roundId: number, published: boolean, now: number): void {
  db.update(initiativeSettings).set({ resultsPublished: published, updatedAt: now }).where(eq(initiativeSettings.roundId, roundId)).run();
}
