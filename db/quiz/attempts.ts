import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../connection";
import { rawStmt, stmt } from "../statements";
import { answers, attemptItems, attempts, questionVersions, questions, roundResults, rounds } from "../schema";

// Statements are prepared once per connection: the hot paths (save, submit, state) run them thousands of times a second.
const cache = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  const p = sql.placeholder;
  return {
    attemptForSave: db
      .select({
        userId: attempts.userId,
        deadlineAt: attempts.deadlineAt,
        submittedAt: attempts.submittedAt,
        optionCount: sql<number>`json_array_length(${attemptItems.optionOrder})`,
      })
      .from(attempts)
      .leftJoin(attemptItems, and(eq(attemptItems.attemptId, attempts.id), eq(attemptItems.position, p("position"))))
      .where(eq(attempts.id, p("attemptId")))
      .prepare(),
    upsertAnswer: db
      .insert(answers)
      .values({
        attemptId: p("attemptId"),
        position: p("position"),
        choice: p("choice"),
        seq: p("seq"),
        savedAt: p("savedAt"),
      } as never)
      .onConflictDoUpdate({
        target: [answers.attemptId, answers.position],
        set: { choice: sql`excluded.choice`, seq: sql`excluded.seq`, savedAt: sql`excluded.saved_at` },
        // A write from another device, or a replay from the offline queue, never overwrites a newer answer.
        setWhere: sql`excluded.seq >= ${answers.seq}`,
      })
      .prepare(),
    attemptById: db.select().from(attempts).where(eq(attempts.id, p("attemptId"))).prepare(),
    answersOf: db
      .select({ position: answers.position, choice: answers.choice, seq: answers.seq })
      .from(answers)
      .where(eq(answers.attemptId, p("attemptId")))
      .prepare(),
    setPrediction: db
      .update(attempts)
      .set({ prediction: sql`${p("prediction")}` })
      .where(and(eq(attempts.id, p("attemptId")), isNull(attempts.submittedAt)))
      .prepare(),
    insertAttempt: db
      .insert(attempts)
      .values({
        roundId: p("roundId"),
        userId: p("userId"),
        attemptNo: p("attemptNo"),
        startedAt: p("startedAt"),
        deadlineAt: p("deadlineAt"),
        questionCount: p("questionCount"),
      } as never)
      .returning()
      .prepare(),
    roundById: db.select().from(rounds).where(eq(rounds.id, p("roundId"))).prepare(),
    userAttempts: db
      .select()
      .from(attempts)
      .where(and(eq(attempts.roundId, p("roundId")), eq(attempts.userId, p("userId"))))
      .orderBy(asc(attempts.attemptNo))
      .prepare(),
    markSubmitted: db
      .update(attempts)
      .set({ submittedAt: sql`${p("submittedAt")}`, endReason: sql`${p("endReason")}` })
      .where(and(eq(attempts.id, p("attemptId")), isNull(attempts.submittedAt)))
      .prepare(),
  };
}

function statements(db: Db) {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

export type AttemptRow = typeof attempts.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;

export function getAttempt(db: Db, attemptId: number): AttemptRow | undefined {
  return statements(db).attemptById.get({ attemptId });
}

export function getAttemptForSave(db: Db, attemptId: number, position: number) {
  return statements(db).attemptForSave.get({ attemptId, position });
}

export function upsertAnswer(
  db: Db,
  row: { attemptId: number; position: number; choice: number; seq: number; savedAt: number },
): void {
  statements(db).upsertAnswer.run(row);
}

/**
 * The save of one answer as a single statement: it writes only when the attempt is this person's, still
 * open, within its deadline's grace, the position exists and the choice is one of its options, and never
 * over a newer answer. Returns whether a row changed; when none did, the caller asks why.
 */
export function upsertAnswerIfOpen(
  db: Db,
  row: { attemptId: number; userId: number; position: number; choice: number; seq: number; now: number; graceMs: number },
): boolean {
  const upsert = stmt(
    db,
    `INSERT INTO answers (attempt_id, position, choice, seq, saved_at)
     SELECT a.id, i.position, ?, ?, ?
       FROM attempts a JOIN attempt_items i ON i.attempt_id = a.id AND i.position = ?
      WHERE a.id = ? AND a.user_id = ? AND a.submitted_at IS NULL AND a.deadline_at + ? >= ?
        AND ? < json_array_length(i.option_order)
     ON CONFLICT (attempt_id, position) DO UPDATE
        SET choice = excluded.choice, seq = excluded.seq, saved_at = excluded.saved_at
      WHERE excluded.seq >= answers.seq`,
  );
  return (
    upsert.run(row.choice, row.seq, row.now, row.position, row.attemptId, row.userId, row.graceMs, row.now, row.choice).changes > 0
  );
}

export function setPrediction(db: Db, attemptId: number, prediction: number | null): void {
  statements(db).setPrediction.run({ attemptId, prediction });
}

/** Returns true when this call closed the attempt (a second submit changes nothing). */
export function markSubmitted(
  db: Db,
  attemptId: number,
  submittedAt: number,
  endReason: "submitted" | "timeout" | "round_closed",
): boolean {
  return statements(db).markSubmitted.run({ attemptId, submittedAt, endReason }).changes === 1;
}

type VersionText = { stem: string; options: string[]; answerIndex: number; explanation: string; legalBasis: string };

// Question versions never change once written, so their text is kept in memory after the first read.
const versionCache = new Map<number, VersionText>();
const VERSION_CACHE_MAX = 50_000;

function versionTexts(db: Db, ids: number[]): Map<number, VersionText> {
  const missing = ids.filter((id) => !versionCache.has(id));
  if (missing.length) {
    if (versionCache.size > VERSION_CACHE_MAX) versionCache.clear();
    const rows = rawStmt(
    db,
    `SELECT id, stem, options, answer_index, explanation, legal_basis FROM question_versions WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(missing)) as [number, string, string, number, string, string][];
    for (const r of rows) {
      versionCache.set(r[0], { stem: r[1], options: JSON.parse(r[2]), answerIndex: r[3], explanation: r[4], legalBasis: r[5] });
    }
  }
  return versionCache;
}

/** The frozen draw of an attempt with each question's text, in position order. */
export function getAttemptItems(db: Db, attemptId: number) {
  const refs = rawStmt(
    db,
    `SELECT position, question_version_id, option_order FROM attempt_items WHERE attempt_id = ? ORDER BY position`,
  ).all(attemptId) as [number, number, string][];
  const texts = versionTexts(db, refs.map((r) => r[1]));
  return refs.map(([position, versionId, order]) => ({
    position,
    versionId,
    optionOrder: JSON.parse(order) as number[],
    ...(texts.get(versionId) as VersionText),
  }));
}

export function getAnswers(db: Db, attemptId: number) {
  return statements(db).answersOf.all({ attemptId });
}

export function getRound(db: Db, roundId: number): RoundRow | undefined {
  return statements(db).roundById.get({ roundId });
}

export function listUserAttempts(db: Db, roundId: number, userId: number): AttemptRow[] {
  return statements(db).userAttempts.all({ roundId, userId });
}

type BankRow = ReturnType<typeof queryBank>[number];
const bankCache = new WeakMap<Db, { at: number; rows: BankRow[] }>();
const BANK_TTL_MS = 5_000;

/**
 * The active bank: the current version of every active question, in a stable order. Three thousand people
 * starting within seconds draw from the same bank, so it is read once every few seconds, not per start; an
 * edited or published question reaches new draws within BANK_TTL_MS.
 */
export function loadBank(db: Db, now = Date.now()): BankRow[] {
  const cached = bankCache.get(db);
  if (cached && now - cached.at < BANK_TTL_MS) return cached.rows;
  const rows = queryBank(db);
  bankCache.set(db, { at: now, rows });
  ownerCache.delete(db);
  return rows;
}

const ownerCache = new WeakMap<Db, { rows: BankRow[]; byOwner: Map<number | null, BankRow[]> }>();

/**
 * The active bank of one organizing unit: a contest draws only from the bank of the unit that organizes it,
 * so another unit's organizers can neither read nor change what its participants are shown.
 */
export function loadBankOf(db: Db, ownerUnitId: number | null, now = Date.now()): BankRow[] {
  const rows = loadBank(db, now);
  let entry = ownerCache.get(db);
  if (!entry || entry.rows !== rows) {
    entry = { rows, byOwner: new Map() };
    ownerCache.set(db, entry);
  }
  let mine = entry.byOwner.get(ownerUnitId);
  if (!mine) {
    mine = rows.filter((r) => r.ownerUnitId === ownerUnitId);
    entry.byOwner.set(ownerUnitId, mine);
  }
  return mine;
}

/** The organizing unit of a round's contest, whose bank its draws use. */
export function roundOwnerUnit(db: Db, roundId: number): number | null {
  const row = rawStmt(db, `SELECT c.organizer_unit_id FROM rounds r JOIN contests c ON c.id = r.contest_id WHERE r.id = ?`).get(roundId) as
    | [number | null]
    | undefined;
  return row ? row[0] : null;
}

function queryBank(db: Db) {
  return db
    .select({
      versionId: questionVersions.id,
      ownerUnitId: questions.ownerUnitId,
      categoryId: questions.categoryId,
      difficulty: questionVersions.difficulty,
      optionCount: sql<number>`json_array_length(${questionVersions.options})`,
      pinOptions: questionVersions.pinOptions,
    })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(eq(questions.status, "active"))
    .orderBy(asc(questions.id))
    .all();
}

export function insertAttempt(
  db: Db,
  row: Omit<typeof attempts.$inferInsert, "id">,
  items: { versionId: number; optionOrder: number[] }[],
): AttemptRow {
  const attempt = statements(db).insertAttempt.get(row) as AttemptRow;
  // The whole draw in one statement: one call into SQLite instead of one per question.
  insertItemsStatement(db).run(attempt.id, JSON.stringify(items.map((i) => ({ v: i.versionId, o: i.optionOrder }))));
  return attempt;
}

/** Attempts past deadline + grace that nobody submitted: the sweeper closes them with what was saved. */
export function closeOverdueAttempts(db: Db, now: number, graceMs: number): number[] {
  const rows = stmt(
    db,
      `UPDATE attempts SET submitted_at = deadline_at,
         end_reason = CASE WHEN deadline_at >= (SELECT closes_at FROM rounds WHERE rounds.id = attempts.round_id)
                           THEN 'round_closed' ELSE 'timeout' END
       WHERE submitted_at IS NULL AND deadline_at + ? < ?
       RETURNING id`,
  ).all(graceMs, now) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Submitted attempts still without a score, submitted before `before`: their scoring job was lost. */
export function unscoredAttemptIds(db: Db, before: number, limit = 5000): number[] {
  const rows = stmt(
    db,
      `SELECT id FROM attempts WHERE submitted_at IS NOT NULL AND scored_at IS NULL AND submitted_at < ?
       ORDER BY submitted_at LIMIT ?`,
  ).all(before, limit) as { id: number }[];
  return rows.map((r) => r.id);
}

function insertItemsStatement(db: Db) {
  return stmt(
    db,
    `INSERT INTO attempt_items (attempt_id, position, question_version_id, option_order)
     SELECT ?, j.key, json_extract(j.value, '$.v'), json_extract(j.value, '$.o') FROM json_each(?) j`,
  );
}

export function getRoundResult(db: Db, roundId: number, userId: number) {
  return db
    .select()
    .from(roundResults)
    .where(and(eq(roundResults.roundId, roundId), eq(roundResults.userId, userId)))
    .get();
}
