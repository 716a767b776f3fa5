import path from "node:path";
import { createSession } from "../../app/account/session.server";
import { hashPassword } from "../../app/account/password.server";
import { closeDb, getDb, migrateDatabase } from "../../db/connection";
import { rounds, units, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { foldVietnamese } from "../../app/core/text";

/**
 * A fresh database for the benchmark: the demo content (question bank, Thăng Bình units), `extraUnits`
 * more units, `people` participants spread over them, a signed session for each, and quiz rounds of 30
 * questions to run the workloads on. The bench process sets DATABASE_PATH and SESSION_SECRET before it
 * imports this module, and hands the same values to the web and worker processes.
 */
export async function prepareBenchDatabase(options: { people: number; extraUnits: number; rounds: string[] }) {
  closeDb();
  const db = getDb();
  migrateDatabase(db);
  const now = Date.now();
  await seedDemo(db, { contentDir: path.resolve("content"), now, hashPassword });
  const contestId = 1;
  const passwordHash = await hashPassword("bench-password");

  const unitIds: number[] = [];
  const roundIds: Record<string, number> = {};
  db.transaction(() => {
    const district = db.select({ id: units.id }).from(units).all().map((u) => u.id);
    unitIds.push(...district);
    for (let i = 0; i < options.extraUnits; i++) {
      const name = `Đơn vị thử tải ${i + 1}`;
      const row = db
        .insert(units)
        .values({ code: `B${i}`, name, nameFolded: foldVietnamese(name), kind: "khac", parentId: district[1], headcount: 50 })
        .returning({ id: units.id })
        .get();
      unitIds.push(row.id);
    }
    for (const name of options.rounds) {
      roundIds[name] = db
        .insert(rounds)
        .values({
          contestId,
          kind: "quiz",
          title: `Vòng thử tải: ${name}`,
          opensAt: now - 3_600_000,
          closesAt: now + 6 * 3_600_000,
          status: "published",
          questionCount: 30,
          timeLimitS: 30 * 60,
          attemptsAllowed: 5,
          createdAt: now,
        })
        .returning({ id: rounds.id })
        .get().id;
    }
  });

  const people: { userId: number; cookie: string }[] = [];
  const insert = db.$client.prepare(
    `INSERT INTO users (full_name, phone, unit_id, position, password_hash, consent_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < options.people; i++) {
      const info = insert.run(
        `Người dự thi ${i + 1}`,
        `08${String(i).padStart(8, "0")}`,
        unitIds[i % unitIds.length],
        "Chuyên viên",
        passwordHash,
        now,
        now,
      );
      const userId = Number(info.lastInsertRowid);
      people.push({ userId, cookie: createSession(userId, now).split(";")[0] });
    }
  });
  closeDb();
  return { people, roundIds, unitCount: unitIds.length, userTable: users };
}
