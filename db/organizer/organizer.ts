import { and, asc, desc, eq, gte, inArray, isNull, like, lt, sql } from "drizzle-orm";
import type { Db } from "../connection";
import {
  attempts,
  auditLog,
  contests,
  questionCategories,
  questions,
  questionVersions,
  rankingExclusions,
  roleGrants,
  roundResults,
  rounds,
  units,
  users,
} from "../schema";
import { type NewQuestion, searchTextOf } from "../quiz/questions";

export type ContestRow = typeof contests.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;

// ---------- contests and rounds ----------

/** Contests whose organizing unit is in `unitIds` (null: every contest, for admins). */
export function listContests(db: Db, unitIds: number[] | null) {
  return db
    .select({
      contest: contests,
      unitName: units.name,
      roundCount: sql<number>`(SELECT count(*) FROM rounds r WHERE r.contest_id = ${contests.id})`,
    })
    .from(contests)
    .leftJoin(units, eq(units.id, contests.organizerUnitId))
    .where(unitIds === null ? undefined : inArray(contests.organizerUnitId, unitIds.length ? unitIds : [-1]))
    .orderBy(desc(contests.createdAt), desc(contests.id))
    .all();
}

export function getContest(db: Db, id: number): ContestRow | undefined {
  return db.select().from(contests).where(eq(contests.id, id)).get();
}

export function insertContest(db: Db, row: typeof contests.$inferInsert): ContestRow {
  return db.insert(contests).values(row).returning().get();
}

export function updateContest(db: Db, id: number, patch: Partial<typeof contests.$inferInsert>): void {
  db.update(contests).set(patch).where(eq(contests.id, id)).run();
}

export function contestSlugTaken(db: Db, slug: string): boolean {
  return !!db.select({ id: contests.id }).from(contests).where(eq(contests.slug, slug)).get();
}

export function roundsOfContest(db: Db, contestId: number) {
  // A grouped join rather than a correlated subquery: in a select without joins drizzle writes
  // `${rounds.id}` unqualified ("id"), which inside the subquery meant attempts.id.
  const perRound = db
    .select({ roundId: attempts.roundId, n: sql<number>`count(*)`.as("n") })
    .from(attempts)
    .groupBy(attempts.roundId)
    .as("per_round");
  return db
    .select({
      round: rounds,
      attemptCount: sql<number>`coalesce(${perRound.n}, 0)`,
    })
    .from(rounds)
    .leftJoin(perRound, eq(perRound.roundId, rounds.id))
    .where(eq(rounds.contestId, contestId))
    .orderBy(asc(rounds.part), asc(rounds.opensAt), asc(rounds.id))
    .all();
}

export function getRound(db: Db, id: number): RoundRow | undefined {
  return db.select().from(rounds).where(eq(rounds.id, id)).get();
}

export function insertRounds(db: Db, rows: (typeof rounds.$inferInsert)[]): RoundRow[] {
  if (rows.length === 0) return [];
  return db.insert(rounds).values(rows).returning().all();
}

export function updateRound(db: Db, id: number, patch: Partial<typeof rounds.$inferInsert>): void {
  db.update(rounds).set(patch).where(eq(rounds.id, id)).run();
}

export function attemptCountOfRound(db: Db, roundId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(attempts)
      .where(eq(attempts.roundId, roundId))
      .get()?.n ?? 0
  );
}

/** The true figure a prediction question aims at, as counted when the round closes. */
export function roundFigure(db: Db, roundId: number, target: "participants" | "attempts"): number {
  const row = db
    .select({
      participants: sql<number>`count(DISTINCT ${attempts.userId})`,
      attempts: sql<number>`count(*)`,
    })
    .from(attempts)
    .where(and(eq(attempts.roundId, roundId), sql`${attempts.submittedAt} IS NOT NULL`))
    .get();
  return target === "participants" ? row?.participants ?? 0 : row?.attempts ?? 0;
}

export function listCategories(db: Db) {
  return db.select().from(questionCategories).orderBy(asc(questionCategories.name)).all();
}

// ---------- the question bank ----------

export type BankFilter = {
  /** The banks searched: questions owned by these units (null: every bank, for admins). */
  owners: number[] | null;
  folded: string | null;
  categoryId: number | null;
  difficulty: "de" | "trung_binh" | "kho" | null;
  status: "active" | "draft" | "archived" | null;
  use: "used" | "unused" | null;
  limit: number;
  offset: number;
};

const useCount = sql<number>`(SELECT count(*) FROM attempt_items ai JOIN question_versions v ON v.id = ai.question_version_id WHERE v.question_id = ${questions.id})`;

export const ownedBy = (owners: number[] | null) =>
  owners === null ? undefined : inArray(questions.ownerUnitId, owners.length ? owners : [-1]);

function bankWhere(f: Omit<BankFilter, "limit" | "offset">) {
  const pattern = f.folded ? `%${f.folded.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  return and(
    ownedBy(f.owners),
    // Stem, options and explanation; versions written before search_folded existed are read by their stem.
    pattern ? sql`(${questionVersions.searchFolded} LIKE ${pattern} ESCAPE '\\' OR ${questionVersions.stemFolded} LIKE ${pattern} ESCAPE '\\')` : undefined,
    f.categoryId ? eq(questions.categoryId, f.categoryId) : undefined,
    f.difficulty ? eq(questionVersions.difficulty, f.difficulty) : undefined,
    f.status ? eq(questions.status, f.status) : undefined,
    f.use === "used" ? sql`${useCount} > 0` : f.use === "unused" ? sql`${useCount} = 0` : undefined
  );
}

export function searchQuestions(db: Db, f: BankFilter) {
  const where = bankWhere(f);
  const rows = db
    .select({
      id: questions.id,
      status: questions.status,
      categoryName: questionCategories.name,
      stem: questionVersions.stem,
      difficulty: questionVersions.difficulty,
      legalBasis: questionVersions.legalBasis,
      asOf: questionVersions.asOf,
      version: questionVersions.version,
      uses: useCount,
    })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .innerJoin(questionCategories, eq(questionCategories.id, questions.categoryId))
    .where(where)
    .orderBy(desc(questions.id))
    .limit(f.limit)
    .offset(f.offset)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(questions)
      .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
      .where(where)
      .get()?.n ?? 0;
  return { rows, total };
}

export function getQuestionWithVersion(db: Db, id: number) {
  return db
    .select({ question: questions, version: questionVersions, categoryName: questionCategories.name, uses: useCount })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .innerJoin(questionCategories, eq(questionCategories.id, questions.categoryId))
    .where(eq(questions.id, id))
    .get();
}

export function versionsOf(db: Db, questionId: number) {
  return db
    .select({ id: questionVersions.id, version: questionVersions.version, createdAt: questionVersions.createdAt })
    .from(questionVersions)
    .where(eq(questionVersions.questionId, questionId))
    .orderBy(desc(questionVersions.version))
    .all();
}

export type VersionFields = Omit<NewQuestion, "externalId" | "categoryId">;

/**
 * Saves an edit: a question that attempts have used gets a new version (the attempts keep theirs);
 * an unused one is corrected in place. Returns the version now current.
 */
export function saveQuestionEdit(
  db: Db,
  questionId: number,
  edit: { categoryId: number; status: "active" | "draft" } & VersionFields,
  now: number
): { versionId: number; newVersion: boolean } {
  return db.transaction(() => {
    const current = getQuestionWithVersion(db, questionId);
    if (!current) throw new Error("question not found");
    const { categoryId, status, ...rest } = edit;
    const fields = { ...rest, searchFolded: searchTextOf(rest) };
    db.update(questions).set({ categoryId, status }).where(eq(questions.id, questionId)).run();
    if (current.uses > 0) {
      const v = db
        .insert(questionVersions)
        .values({ ...fields, questionId, version: current.version.version + 1, createdAt: now })
        .returning({ id: questionVersions.id })
        .get();
      db.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, questionId)).run();
      return { versionId: v.id, newVersion: true };
    }
    db.update(questionVersions).set(fields).where(eq(questionVersions.id, current.version.id)).run();
    return { versionId: current.version.id, newVersion: false };
  });
}

export function setQuestionStatus(db: Db, questionId: number, status: "active" | "draft" | "archived"): void {
  db.update(questions).set({ status }).where(eq(questions.id, questionId)).run();
}

/** Deletes a question no attempt has used; a used one must be archived instead (returns false). */
export function deleteUnusedQuestion(db: Db, questionId: number): boolean {
  return db.transaction(() => {
    const q = getQuestionWithVersion(db, questionId);
    if (!q || q.uses > 0) return false;
    db.update(questions).set({ currentVersionId: null }).where(eq(questions.id, questionId)).run();
    db.delete(questionVersions).where(eq(questionVersions.questionId, questionId)).run();
    db.delete(questions).where(eq(questions.id, questionId)).run();
    return true;
  });
}

/** Folded stem -> question id, over the current version of every question not archived in one unit's bank. */
export function existingStems(db: Db, ownerUnitId: number | null): Map<string, number> {
  const rows = db
    .select({ id: questions.id, folded: questionVersions.stemFolded })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(
      and(
        sql`${questions.status} <> 'archived'`,
        ownerUnitId === null ? sql`${questions.ownerUnitId} IS NULL` : eq(questions.ownerUnitId, ownerUnitId),
      ),
    )
    .all();
  return new Map(rows.map((r) => [r.folded, r.id]));
}

export function externalIdsTaken(db: Db, ids: string[]): string[] {
  if (ids.length === 0) return [];
  return db
    .select({ id: questions.externalId })
    .from(questions)
    .where(inArray(questions.externalId, ids))
    .all()
    .map((r) => r.id as string);
}

/** Questions with their current version for an export or a flag check, in bank order. */
export function bankForExport(db: Db, filter: Omit<BankFilter, "limit" | "offset">) {
  return db
    .select({
      id: questions.id,
      externalId: questions.externalId,
      status: questions.status,
      ownerUnitId: questions.ownerUnitId,
      categoryId: questions.categoryId,
      categoryName: questionCategories.name,
      stem: questionVersions.stem,
      options: questionVersions.options,
      answerIndex: questionVersions.answerIndex,
      difficulty: questionVersions.difficulty,
      legalBasis: questionVersions.legalBasis,
      asOf: questionVersions.asOf,
      explanation: questionVersions.explanation,
      pinOptions: questionVersions.pinOptions,
    })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .innerJoin(questionCategories, eq(questionCategories.id, questions.categoryId))
    .where(bankWhere(filter))
    .orderBy(asc(questions.categoryId), asc(questions.id))
    .all();
}

export function previewVersions(db: Db, versionIds: number[]) {
  if (versionIds.length === 0) return [];
  return db
    .select({
      id: questionVersions.id,
      stem: questionVersions.stem,
      options: questionVersions.options,
      answerIndex: questionVersions.answerIndex,
      explanation: questionVersions.explanation,
      legalBasis: questionVersions.legalBasis,
    })
    .from(questionVersions)
    .where(inArray(questionVersions.id, versionIds))
    .all();
}

/**
 * The organizing units of the contests whose open rounds (not yet closed at `now`) have drawn this question:
 * only those contests' organizers may read its key.
 */
export function openRoundOwnersUsing(db: Db, questionId: number, now: number): (number | null)[] {
  const rows = db.$client
    .prepare(
      `SELECT DISTINCT c.organizer_unit_id AS unitId
         FROM question_versions v
         JOIN attempt_items ai ON ai.question_version_id = v.id
         JOIN attempts a ON a.id = ai.attempt_id
         JOIN rounds r ON r.id = a.round_id
         JOIN contests c ON c.id = r.contest_id
        WHERE v.question_id = ? AND r.closes_at > ?`
    )
    .all(questionId, now) as { unitId: number | null }[];
  return rows.map((r) => r.unitId);
}

/** The units that organize something: they hold an organizer grant or organize a contest (targets for a copy). */
export function organizingUnits(db: Db) {
  return db.$client
    .prepare(
      `SELECT u.id, u.name FROM units u
        WHERE u.id IN (SELECT unit_id FROM role_grants WHERE role = 'organizer' AND unit_id IS NOT NULL)
           OR u.id IN (SELECT organizer_unit_id FROM contests WHERE organizer_unit_id IS NOT NULL)
        ORDER BY u.sort_order, u.name`
    )
    .all() as { id: number; name: string }[];
}

// ---------- results ----------

export function resultsOfRound(db: Db, roundId: number) {
  return db
    .select({
      userId: roundResults.userId,
      attemptId: roundResults.attemptId,
      score: roundResults.score,
      durationMs: roundResults.durationMs,
      submittedAt: roundResults.submittedAt,
      prediction: roundResults.prediction,
      fullName: users.fullName,
      phone: users.phone,
      position: users.position,
      unitName: units.name,
      // Matched to a roster row: the contest may leave unverified people out of the ranking and prizes.
      verified: sql<number>`EXISTS (SELECT 1 FROM roster_entries re WHERE re.user_id = ${users.id})`,
    })
    .from(roundResults)
    .innerJoin(users, eq(users.id, roundResults.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(roundResults.roundId, roundId))
    .all();
}

/** Organizers and admins never rank. */
export function staffUserIds(db: Db): number[] {
  return db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(inArray(roleGrants.role, ["organizer", "admin"]))
    .all()
    .map((r) => r.userId);
}

export function exclusionsOf(db: Db, contestId: number) {
  return db
    .select({ userId: rankingExclusions.userId, reason: rankingExclusions.reason, fullName: users.fullName })
    .from(rankingExclusions)
    .innerJoin(users, eq(users.id, rankingExclusions.userId))
    .where(eq(rankingExclusions.contestId, contestId))
    .all();
}

export function addExclusion(db: Db, row: typeof rankingExclusions.$inferInsert): void {
  db.insert(rankingExclusions)
    .values(row)
    .onConflictDoUpdate({ target: [rankingExclusions.contestId, rankingExclusions.userId], set: { reason: row.reason } })
    .run();
}

export function removeExclusion(db: Db, contestId: number, userId: number): void {
  db.delete(rankingExclusions)
    .where(and(eq(rankingExclusions.contestId, contestId), eq(rankingExclusions.userId, userId)))
    .run();
}

/** The quiz rounds of a contest's week, in the order their prizes are given. */
export function roundsOfWeek(db: Db, contestId: number, weekNo: number): RoundRow[] {
  return db
    .select()
    .from(rounds)
    .where(and(eq(rounds.contestId, contestId), eq(rounds.weekNo, weekNo), eq(rounds.kind, "quiz")))
    .orderBy(asc(rounds.opensAt), asc(rounds.part), asc(rounds.id))
    .all();
}

/** Each counted attempt's mark (0 or 1) on each question it drew, with the attempt's score, for item statistics. */
export function itemMarks(db: Db, roundId: number) {
  return db.$client
    .prepare(
      `SELECT v.question_id AS questionId, rr.attempt_id AS attemptId, a.score AS total,
              CASE WHEN an.choice IS NOT NULL AND json_extract(ai.option_order, '$[' || an.choice || ']') = v.answer_index THEN 1 ELSE 0 END AS mark
         FROM round_results rr
         JOIN attempts a ON a.id = rr.attempt_id
         JOIN attempt_items ai ON ai.attempt_id = a.id
         JOIN question_versions v ON v.id = ai.question_version_id
         LEFT JOIN answers an ON an.attempt_id = ai.attempt_id AND an.position = ai.position
        WHERE rr.round_id = ?`
    )
    .all(roundId) as { questionId: number; attemptId: number; total: number; mark: number }[];
}

export function questionStems(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: questions.id, stem: questionVersions.stem })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(inArray(questions.id, ids))
    .all();
}

// ---------- dashboard ----------

/** Attempts started since `since`, by Vietnam hour, in the given rounds (null: all rounds). */
export function attemptsByHour(db: Db, since: number, roundIds: number[] | null) {
  const scope = roundIds === null ? "" : `AND round_id IN (SELECT value FROM json_each(?))`;
  const args: unknown[] = [since];
  if (roundIds !== null) args.push(JSON.stringify(roundIds));
  return db.$client
    .prepare(
      `SELECT ((started_at + 25200000) / 3600000) % 24 AS hour, count(*) AS attempts, count(DISTINCT user_id) AS people,
              avg(score) AS avgScore, sum(CASE WHEN submitted_at IS NOT NULL THEN 1 ELSE 0 END) AS submitted
         FROM attempts WHERE started_at >= ? ${scope} GROUP BY hour ORDER BY hour`
    )
    .all(...args) as { hour: number; attempts: number; people: number; avgScore: number | null; submitted: number }[];
}

export function dayTotals(db: Db, since: number, roundIds: number[] | null) {
  const scope = roundIds === null ? "" : `AND round_id IN (SELECT value FROM json_each(?))`;
  const args: unknown[] = [since];
  if (roundIds !== null) args.push(JSON.stringify(roundIds));
  return db.$client
    .prepare(
      `SELECT count(*) AS attempts, count(DISTINCT user_id) AS people, avg(score) AS avgScore,
              avg(CASE WHEN question_count > 0 THEN 1.0 * score / question_count END) AS avgRatio,
              min(CASE WHEN score IS NOT NULL THEN question_count END) AS minQuestions,
              max(CASE WHEN score IS NOT NULL THEN question_count END) AS maxQuestions
         FROM attempts WHERE started_at >= ? ${scope}`
    )
    .get(...args) as { attempts: number; people: number; avgScore: number | null; avgRatio: number | null; minQuestions: number | null; maxQuestions: number | null };
}

/** A contest's totals since it began: attempts started, people who submitted, and the average of scored attempts. */
export function contestTotals(db: Db, contestId: number) {
  return db.$client
    .prepare(
      `SELECT count(*) AS attempts,
              count(DISTINCT CASE WHEN a.submitted_at IS NOT NULL THEN a.user_id END) AS participants,
              avg(a.score) AS avgScore,
              min(CASE WHEN a.score IS NOT NULL THEN a.question_count END) AS minQuestions,
              max(CASE WHEN a.score IS NOT NULL THEN a.question_count END) AS maxQuestions
         FROM attempts a JOIN rounds r ON r.id = a.round_id
        WHERE r.contest_id = ?`
    )
    .get(contestId) as { attempts: number; participants: number; avgScore: number | null; minQuestions: number | null; maxQuestions: number | null };
}

export function roundIdsOfContests(db: Db, contestIds: number[]): number[] {
  if (contestIds.length === 0) return [];
  return db
    .select({ id: rounds.id })
    .from(rounds)
    .where(inArray(rounds.contestId, contestIds))
    .all()
    .map((r) => r.id);
}

// ---------- audit and people ----------

export function auditWithPeople(db: Db, limit: number, offset: number) {
  return db
    .select({ entry: auditLog, fullName: users.fullName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export type AuditFilter = { userId: number | "system" | null; action: string | null; entity: string | null; from: number | null; to: number | null };

function auditWhere(f: AuditFilter) {
  return and(
    f.userId === "system" ? isNull(auditLog.userId) : f.userId !== null ? eq(auditLog.userId, f.userId) : undefined,
    f.action !== null ? eq(auditLog.action, f.action) : undefined,
    f.entity !== null ? eq(auditLog.entity, f.entity) : undefined,
    f.from !== null ? gte(auditLog.at, f.from) : undefined,
    f.to !== null ? lt(auditLog.at, f.to) : undefined,
  );
}

/** The log, newest first, narrowed by who, what and when. */
export function auditSearch(db: Db, f: AuditFilter, limit: number, offset: number) {
  return db
    .select({ entry: auditLog, fullName: users.fullName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(auditWhere(f))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export function auditCount(db: Db, f: AuditFilter): number {
  return db.select({ n: sql<number>`count(*)` }).from(auditLog).where(auditWhere(f)).get()?.n ?? 0;
}

/** Who appears in the log, and which (action, entity) pairs: the choices of the filters. */
export function auditChoices(db: Db) {
  const actors = db
    .selectDistinct({ userId: users.id, fullName: users.fullName, phone: users.phone })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.userId))
    .orderBy(asc(users.fullName))
    .all();
  const kinds = db.selectDistinct({ action: auditLog.action, entity: auditLog.entity }).from(auditLog).all();
  return { actors, kinds };
}

export function listStaff(db: Db) {
  return db
    .select({ userId: users.id, fullName: users.fullName, phone: users.phone, role: roleGrants.role, unitName: units.name })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(inArray(roleGrants.role, ["admin", "organizer"]))
    .orderBy(asc(users.fullName))
    .all();
}
