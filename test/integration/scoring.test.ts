import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Queue } from "bullmq";
import { startAttempt } from "../../app/quiz/quiz.server";
import { scoreAttempt } from "../../app/core/quiz/scoring";
import * as store from "../../db/quiz/attempts";
import * as scoringStore from "../../db/quiz/scoring";
import { attempts, roundResults } from "../../db/schema";
import { scoreBatch } from "../../workers/scoring";
import { enqueueScoring, QUEUE, queueConfig, redisConnection, scoringJobId, scoringWindow } from "../../workers/queues";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("scoring");
const { db } = env;
// Two attempts each for twelve people, and one who has not submitted; every question's key is its second option.
const fx = seedQuizFixture(db, { people: 13, round: { attemptsAllowed: 2 } });
const takers = fx.people.slice(0, 12);
const stillAnswering = fx.people[12];

afterAll(() => env.cleanup());

/** Starts, answers `right` questions correctly and the next `wrong` wrongly, then submits after `durationMs`. */
function attemptWith(userId: number, right: number, wrong: number, startedAt: number, durationMs: number): number {
  const s = startAttempt(db, { userId, roundId: fx.round.id, now: startedAt });
  if (!s.ok) throw new Error(s.message);
  const items = store.getAttemptItems(db, s.attemptId);
  items.slice(0, right + wrong).forEach((item, position) => {
    const key = item.optionOrder.indexOf(1);
    const choice = position < right ? key : (key + 1) % item.optionOrder.length;
    store.upsertAnswer(db, { attemptId: s.attemptId, position, choice, seq: 1, savedAt: startedAt + 1 });
  });
  store.markSubmitted(db, s.attemptId, startedAt + durationMs, "submitted");
  return s.attemptId;
}

/** The same score through the per-attempt path of app/core, to check the set-based statements against. */
function expectedScore(attemptId: number): number {
  const items = store.getAttemptItems(db, attemptId);
  const answers = new Map(store.getAnswers(db, attemptId).map((a) => [a.position, a.choice]));
  return scoreAttempt(items, answers).score;
}

describe("scoring in batches", () => {
  it("scores every waiting attempt once, across batches, and keeps each person's best attempt", () => {
    const t0 = Date.now() - 3_600_000;
    const plan: { userId: number; first: number; second: number }[] = [];
    takers.forEach((person, i) => {
      // First attempts in the first half of the queue, second attempts later: a person's two attempts land in
      // different batches of five.
      const first = attemptWith(person.id, i % 7, 2, t0 + i, 60_000 + i * 1_000);
      plan.push({ userId: person.id, first, second: 0 });
    });
    plan.forEach((p, i) => {
      // Every third person does better the second time; every other third scores the same but faster.
      const right = i % 3 === 0 ? (i % 7) + 2 : i % 3 === 1 ? i % 7 : Math.max(0, (i % 7) - 1);
      p.second = attemptWith(p.userId, right, 1, t0 + 100_000 + i, i % 3 === 1 ? 30_000 : 90_000 + i * 1_000);
    });
    const open = startAttempt(db, { userId: stillAnswering.id, roundId: fx.round.id, now: Date.now() });
    if (!open.ok) throw new Error(open.message);

    const scored: number[] = [];
    let batches = 0;
    for (let batch; (batch = scoreBatch(db, Date.now(), 5)).length; batches++) scored.push(...batch);
    expect(batches).toBe(5);
    expect(scored.sort((a, b) => a - b)).toEqual(plan.flatMap((p) => [p.first, p.second]).sort((a, b) => a - b));
    expect(scoreBatch(db, Date.now(), 5)).toEqual([]);
    // The attempt still open is left alone.
    expect(db.select().from(attempts).where(eq(attempts.id, open.attemptId)).get()).toMatchObject({ scoredAt: null, score: null });

    for (const p of plan) {
      const rows = [p.first, p.second].map((id) => db.select().from(attempts).where(eq(attempts.id, id)).get()!);
      for (const row of rows) expect(row.score).toBe(expectedScore(row.id));
      const [a, b] = rows;
      const best = b.score! > a.score! || (b.score === a.score && b.durationMs! < a.durationMs!) ? b : a;
      const result = db.select().from(roundResults).where(eq(roundResults.userId, p.userId)).get();
      expect(result).toMatchObject({ attemptId: best.id, score: best.score, durationMs: best.durationMs });
    }
  });

  it("never writes over a score: an attempt scored by another process in the meantime is not counted again", () => {
    const id = attemptWith(stillAnswering.id, 3, 0, Date.now() - 60_000, 10_000);
    const score = { attemptId: id, score: 3, correctCount: 3, durationMs: 10_000 };
    expect(scoringStore.storeScores(db, [score], 1)).toEqual([id]);
    expect(scoringStore.storeScores(db, [{ ...score, score: 0 }], 2)).toEqual([]);
    expect(db.select().from(attempts).where(eq(attempts.id, id)).get()).toMatchObject({ score: 3, scoredAt: 1 });
    expect(scoreBatch(db, Date.now())).toEqual([]);
  });
});

describe("the scoring job of a window", () => {
  it("is one job for all the submissions of a window, run just after the window ends", async () => {
    const connection = redisConnection();
    const queue = new Queue(QUEUE.scoring, { connection, prefix: queueConfig().QUEUE_PREFIX });
    await queue.obliterate({ force: true });
    const now = 1_000_000 * 200 + 20; // 20 ms into a window
    expect(await Promise.all([enqueueScoring(queue, now), enqueueScoring(queue, now + 100), enqueueScoring(queue, now + 179)])).toEqual([
      true,
      true,
      true,
    ]);
    await enqueueScoring(queue, now + 180); // the next window
    const jobs = await queue.getDelayed();
    expect(jobs.map((j) => j.id).sort()).toEqual([scoringJobId(scoringWindow(now)), scoringJobId(scoringWindow(now) + 1)].sort());
    const first = jobs.find((j) => j.id === scoringJobId(scoringWindow(now)))!;
    // Added at `now`, 20 ms into the window: it waits the rest of the window and 50 ms more.
    expect(first.delay).toBe(230);
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });
});
