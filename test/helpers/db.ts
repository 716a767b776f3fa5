import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { closeDb, getDb, migrateDatabase } from "../../db/connection";
import { insertQuestion, upsertCategory } from "../../db/quiz/questions";
import { contests, rounds, units } from "../../db/schema";
import { insertUser } from "../../db/account/users";
import { foldVietnamese } from "../../app/core/text";

/**
 * A fresh, migrated SQLite file for one test file, and a queue prefix of its own on the real Redis.
 * Call before anything opens the database.
 */
export function useFreshDatabase(name: string) {
  const dir = path.resolve("test/.tmp");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${process.pid}-${randomUUID().slice(0, 8)}.sqlite`);
  process.env.DATABASE_PATH = file;
  process.env.QUEUE_PREFIX = `t-${name}-${process.pid}`;
  closeDb();
  const db = getDb();
  migrateDatabase(db);
  return {
    db,
    file,
    cleanup() {
      closeDb();
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    },
  };
}

type Db = ReturnType<typeof getDb>;

/** A unit, a bank of `bankSize` questions in one category (answer always the second option), and people. */
export function seedQuizFixture(
  db: Db,
  options: { bankSize?: number; people?: number; round?: Partial<typeof rounds.$inferInsert> } = {},
) {
  const now = Date.now();
  const unit = db
    .insert(units)
    .values({ code: "T1", name: "Xã Thử Nghiệm", nameFolded: foldVietnamese("Xã Thử Nghiệm"), kind: "xa", headcount: 10 })
    .returning()
    .get();
  const categoryId = upsertCategory(db, "thu", "Thử");
  const difficulties = ["de", "trung_binh", "kho"] as const;
  for (let i = 0; i < (options.bankSize ?? 30); i++) {
    insertQuestion(
      db,
      {
        externalId: `q-${i}`,
        categoryId,
        stem: `Câu hỏi thử ${i}?`,
        stemFolded: foldVietnamese(`Câu hỏi thử ${i}?`),
        options: ["Một", "Hai", "Ba", "Cả ba phương án trên"],
        answerIndex: 1,
        pinOptions: i % 5 === 0,
        explanation: "Vì thế.",
        legalBasis: "Nghị quyết 76/NQ-CP",
        asOf: "2026-11-01",
        difficulty: difficulties[i % 3],
      },
      now,
    );
  }
  const contest = db.insert(contests).values({ slug: "thu", title: "Cuộc thi thử", createdAt: now }).returning().get();
  const round = db
    .insert(rounds)
    .values({
      contestId: contest.id,
      kind: "quiz",
      title: "Vòng thử",
      opensAt: now - 3_600_000,
      closesAt: now + 3_600_000,
      status: "published",
      questionCount: 10,
      timeLimitS: 600,
      attemptsAllowed: 2,
      createdAt: now,
      ...options.round,
    })
    .returning()
    .get();
  const people = Array.from({ length: options.people ?? 3 }, (_, i) =>
    insertUser(db, {
      fullName: `Người thử ${i}`,
      phone: `09100000${String(i).padStart(2, "0")}`,
      unitId: unit.id,
      passwordHash: "x",
      createdAt: now,
    }),
  );
  return { unit, categoryId, contest, round, people };
}
