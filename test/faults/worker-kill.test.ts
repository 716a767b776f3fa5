import Database from "better-sqlite3";
import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { startAttempt } from "../../app/quiz/quiz.server";
import { closeDb, getDb } from "../../db/connection";
import * as store from "../../db/quiz/attempts";
import { QUEUE, enqueueScoring } from "../../workers/queues";
import { prepareBenchDatabase } from "../bench/setup";
import { freePort, launchWorker, type Proc, sleep, startRedis, waitFor, workspace } from "./harness";

const ws = workspace("workerkill");
const procs: Proc[] = [];
afterAll(async () => {
  for (const p of procs.reverse()) await p.stop();
  closeDb();
  ws.cleanup();
});

const PEOPLE = 2_000;

describe("kill -9 of the worker in the middle of scoring a batch", () => {
  it("scores every submission exactly once after the worker restarts", async () => {
    const { people, roundIds } = await prepareBenchDatabase({ people: PEOPLE, extraUnits: 20, rounds: ["faults"] });
    const db = getDb();
    const t0 = Date.now() - 120_000;
    const attemptIds: number[] = [];
    db.transaction(() => {
      for (const [i, p] of people.entries()) {
        const started = startAttempt(db, { userId: p.userId, roundId: roundIds.faults, now: t0 + i, seed: i });
        if (!started.ok) throw new Error(started.message);
        for (let position = 0; position < 30; position += 3) {
          store.upsertAnswer(db, { attemptId: started.attemptId, position, choice: (i + position) % 4, seq: 1, savedAt: t0 + i });
        }
        store.markSubmitted(db, started.attemptId, t0 + 60_000 + i, "submitted");
        attemptIds.push(started.attemptId);
      }
    });
    // Test only: every change of attempts.scored_at from NULL to a value leaves a line in score_log.
    db.$client.exec(`
      CREATE TABLE score_log (attempt_id INTEGER NOT NULL, scored_at INTEGER NOT NULL);
      CREATE TRIGGER score_log_once AFTER UPDATE OF scored_at ON attempts
      WHEN OLD.scored_at IS NULL AND NEW.scored_at IS NOT NULL
      BEGIN INSERT INTO score_log (attempt_id, scored_at) VALUES (NEW.id, NEW.scored_at); END;
    `);
    closeDb();

    const redisPort = await freePort();
    procs.push(await startRedis(redisPort, ws.dir));
    const queue = new Queue(QUEUE.scoring, { connection: { host: "127.0.0.1", port: redisPort }, prefix: ws.prefix });
    // What the submissions left for the worker: the job of their scoring window.
    expect(await enqueueScoring(queue)).toBe(true);
    await queue.close();

    const reader = new Database(ws.dbPath, { readonly: true });
    const logged = reader.prepare(`SELECT count(*) AS n FROM score_log`).pluck();
    const env = { dbPath: ws.dbPath, prefix: ws.prefix, redisPort };
    const first = launchWorker(env);
    procs.push(first);
    const launchedAt = Date.now();
    await waitFor("the first scores", () => (logged.get() as number) >= 300, 60_000, 2);
    await first.kill9();
    const atKill = logged.get() as number;
    console.log(`[worker kill -9] killed ${Date.now() - launchedAt} ms after launch with ${atKill} of ${PEOPLE} scored`);
    expect(atKill).toBeLessThan(PEOPLE);

    await sleep(500);
    const second = launchWorker(env);
    procs.push(second);
    const restartedAt = Date.now();
    await waitFor("every attempt scored", () => (reader.prepare(`SELECT count(*) FROM attempts WHERE scored_at IS NULL`).pluck().get() as number) === 0, 90_000, 200);
    const scoredIn = Date.now() - restartedAt;
    await second.stop();

    const perAttempt = reader.prepare(`SELECT attempt_id, count(*) AS n FROM score_log GROUP BY attempt_id`).all() as { attempt_id: number; n: number }[];
    const logRows = logged.get() as number;
    const results = reader.prepare(`SELECT count(*) FROM round_results WHERE round_id = ?`).pluck().get(roundIds.faults) as number;
    const unscored = reader.prepare(`SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL AND (scored_at IS NULL OR score IS NULL)`).pluck().get() as number;
    reader.close();
    console.log(
      `[worker kill -9] ${PEOPLE} submitted; ${atKill} scored before the kill; after the restart all scored in ${scoredIn} ms; ` +
        `score_log has ${logRows} rows for ${perAttempt.length} attempts, max ${Math.max(...perAttempt.map((r) => r.n))} per attempt; ` +
        `${results} round results; ${unscored} unscored`,
    );
    expect(perAttempt.length).toBe(PEOPLE);
    expect(perAttempt.filter((r) => r.n !== 1)).toEqual([]);
    expect(logRows).toBe(PEOPLE);
    expect(new Set(perAttempt.map((r) => r.attempt_id))).toEqual(new Set(attemptIds));
    expect(results).toBe(PEOPLE);
    expect(unscored).toBe(0);
  });
});
