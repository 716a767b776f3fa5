import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./connection";
import { answers, attemptItems, attempts, questionVersions, questions, roundResults, rounds } from "./schema";

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
    itemsWithQuestions: db
      .select({
        position: attemptItems.position,
        optionOrder: attemptItems.optionOrder,
        versionId: questionVersions.id,
        stem: questionVersions.stem,
        options: questionVersions.options,
        answerIndex: questionVersions.answerIndex,
        explanation: questionVersions.explanation,
        legalBasis: questionVersions.legalBasis,
      })
      .from(attemptItems)
      .innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
      .where(eq(attemptItems.attemptId, p("attemptId")))
      .orderBy(asc(attemptItems.position))
      .prepare(),
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

export function getAttemptItems(db: Db, attemptId: number) {
  return statements(db).itemsWithQuestions.all({ attemptId });
}

export function getAnswers(db: Db, attemptId: number) {
  return statements(db).answersOf.all({ attemptId });
}

export function getRound(db: Db, roundId: number): RoundRow | undefined {
  return db.select().from(rounds).where(eq(rounds.id, roundId)).get();
}

export function listUserAttempts(db: Db, roundId: number, userId: number): AttemptRow[] {
  return db
    .select()
    .from(attempts)
    .where(and(eq(attempts.roundId, roundId), eq(attempts.userId, userId)))
    .orderBy(asc(attempts.attemptNo))
    .all();
}

/** The active bank: the current version of every active question, in a stable order. */
export function loadBank(db: Db) {
  return db
    .select({
      versionId: questionVersions.id,
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
  const attempt = db.insert(attempts).values(row).returning().get();
  db.insert(attemptItems)
    .values(
      items.map((item, position) => ({
        attemptId: attempt.id,
        position,
        questionVersionId: item.versionId,
        optionOrder: item.optionOrder,
      })),
    )
    .run();
  return attempt;
}

/** Attempts past deadline + grace that nobody submitted: the sweeper closes them with what was saved. */
export function closeOverdueAttempts(db: Db, now: number, graceMs: number): number[] {
  const rows = db.$client
    .prepare(
      `UPDATE attempts SET submitted_at = deadline_at,
         end_reason = CASE WHEN deadline_at >= (SELECT closes_at FROM rounds WHERE rounds.id = attempts.round_id)
                           THEN 'round_closed' ELSE 'timeout' END
       WHERE submitted_at IS NULL AND deadline_at + ? < ?
       RETURNING id`,
    )
    .all(graceMs, now) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Submitted attempts still without a score, submitted before `before`: their scoring job was lost. */
export function unscoredAttemptIds(db: Db, before: number, limit = 5000): number[] {
  const rows = db.$client
    .prepare(
      `SELECT id FROM attempts WHERE submitted_at IS NOT NULL AND scored_at IS NULL AND submitted_at < ?
       ORDER BY submitted_at LIMIT ?`,
    )
    .all(before, limit) as { id: number }[];
  return rows.map((r) => r.id);
}

export function storeScore(
  db: Db,
  attemptId: number,
  score: { score: number; correctCount: number; durationMs: number; scoredAt: number },
): boolean {
  const res = db
    .update(attempts)
    .set(score)
    .where(and(eq(attempts.id, attemptId), isNull(attempts.scoredAt)))
    .run();
  return res.changes === 1;
}

export function scoredAttemptsOf(db: Db, roundId: number, userId: number) {
  return db
    .select({
      attemptId: attempts.id,
      score: attempts.score,
      durationMs: attempts.durationMs,
      submittedAt: attempts.submittedAt,
      prediction: attempts.prediction,
    })
    .from(attempts)
    .where(and(eq(attempts.roundId, roundId), eq(attempts.userId, userId), sql`${attempts.scoredAt} IS NOT NULL`))
    .all() as { attemptId: number; score: number; durationMs: number; submittedAt: number; prediction: number | null }[];
}

export function upsertRoundResult(db: Db, row: typeof roundResults.$inferInsert): void {
  db.insert(roundResults)
    .values(row)
    .onConflictDoUpdate({
      target: [roundResults.roundId, roundResults.userId],
      set: {
        attemptId: row.attemptId,
        score: row.score,
        durationMs: row.durationMs,
        submittedAt: row.submittedAt,
        prediction: row.prediction,
      },
    })
    .run();
}

export function getRoundResult(db: Db, roundId: number, userId: number) {
  return db
    .select()
    .from(roundResults)
    .where(and(eq(roundResults.roundId, roundId), eq(roundResults.userId, userId)))
    .get();
}
