import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Queue } from "bullmq";
import { getAttemptView, getResultView, saveAnswer, startAttempt, submitAttempt } from "../../app/quiz/quiz.server";
import { GRACE_MS } from "../../app/core/quiz/timing";
import { answers, attempts, roundResults, rounds } from "../../db/schema";
import { closeWebQueues, QUEUE, queueConfig, redisConnection } from "../../workers/queues";
import { startWorkers, type RunningWorkers } from "../../workers/main";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("quiz");
const { db } = env;
const fx = seedQuizFixture(db, { people: 8 });
let workers: RunningWorkers | null = null;

async function waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const attemptRow = (id: number) => db.select().from(attempts).where(eq(attempts.id, id)).get()!;

async function obliterateQueues() {
  const connection = redisConnection();
  const { QUEUE_PREFIX: prefix } = queueConfig();
  for (const name of Object.values(QUEUE)) {
    const q = new Queue(name, { connection, prefix });
    await q.obliterate({ force: true });
    await q.close();
  }
  connection.disconnect();
}

beforeAll(async () => {
  await obliterateQueues();
});

afterEach(async () => {
  await workers?.close();
  workers = null;
});

afterAll(async () => {
  await closeWebQueues();
  await obliterateQueues();
  env.cleanup();
});

describe("starting an attempt", () => {
  it("draws, freezes the draw, and gives the same attempt to a second start (double tap, two tabs)", () => {
    const userId = fx.people[0].id;
    const now = Date.now();
    const first = startAttempt(db, { userId, roundId: fx.round.id, now, seed: 42 });
    const second = startAttempt(db, { userId, roundId: fx.round.id, now: now + 500 });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.attemptId).toBe(first.attemptId);
    expect(second.created).toBe(false);
    expect(first.deadlineAt).toBe(now + 600_000);
    const view = getAttemptView(db, { userId, attemptId: first.attemptId, now });
    if (!view.ok) throw new Error(view.message);
    expect(view.view.questions).toHaveLength(10);
    // What the browser receives holds no key, no explanation, no legal basis.
    const json = JSON.stringify(view.view);
    expect(json).not.toMatch(/answerIndex|explanation|legalBasis|correct/);
    // A pinned question shows its options in their written order.
    const pinned = view.view.questions.filter((q) => q.options[3] === "Cả ba phương án trên");
    expect(pinned.length).toBeGreaterThan(0);
  });

  it("refuses a person who has used every attempt, and a round that is not open", () => {
    const userId = fx.people[1].id;
    const now = Date.now();
    for (let i = 0; i < 2; i++) {
      const s = startAttempt(db, { userId, roundId: fx.round.id, now });
      if (!s.ok) throw new Error(s.message);
      db.update(attempts).set({ submittedAt: now, endReason: "submitted" }).where(eq(attempts.id, s.attemptId)).run();
    }
    const third = startAttempt(db, { userId, roundId: fx.round.id, now });
    expect(third).toMatchObject({ ok: false, status: 409, message: "Bạn đã dùng hết số lượt thi của vòng này." });
    const early = startAttempt(db, { userId: fx.people[2].id, roundId: fx.round.id, now: fx.round.opensAt - 1 });
    expect(early).toMatchObject({ ok: false, code: "roundNotOpen" });
  });

  it("cuts the deadline at the round's close", () => {
    const now = fx.round.closesAt - 60_000;
    const s = startAttempt(db, { userId: fx.people[7].id, roundId: fx.round.id, now });
    expect(s.ok && s.deadlineAt).toBe(fx.round.closesAt);
  });
});

describe("saving answers", () => {
  it("keeps the newest answer, refuses another person's attempt, and refuses answers after the grace", () => {
    const userId = fx.people[3].id;
    const now = Date.now();
    const s = startAttempt(db, { userId, roundId: fx.round.id, now });
    if (!s.ok) throw new Error(s.message);
    const id = s.attemptId;
    expect(saveAnswer(db, { userId, attemptId: id, now, answer: { position: 0, choice: 2, seq: 200 } }).ok).toBe(true);
    // A replay of an older answer from the offline queue does not overwrite the newer one, and is not acknowledged as stored.
    expect(saveAnswer(db, { userId, attemptId: id, now, answer: { position: 0, choice: 1, seq: 100 } })).toMatchObject({ status: 409, code: "superseded" });
    expect(saveAnswer(db, { userId, attemptId: id, now, answer: { position: 0, choice: 2, seq: 150 } }).ok).toBe(true);
    expect(db.select().from(answers).where(eq(answers.attemptId, id)).get()?.choice).toBe(2);
    expect(saveAnswer(db, { userId: fx.people[4].id, attemptId: id, now, answer: { position: 1, choice: 1, seq: 1 } })).toMatchObject({ status: 404 });
    expect(saveAnswer(db, { userId, attemptId: id, now, answer: { position: 99, choice: 1, seq: 1 } })).toMatchObject({ status: 400 });
    expect(saveAnswer(db, { userId, attemptId: id, now, answer: { position: 1, choice: 7, seq: 1 } })).toMatchObject({ status: 400 });
    const late = saveAnswer(db, { userId, attemptId: id, now: s.deadlineAt + GRACE_MS + 1, answer: { position: 1, choice: 1, seq: 300 } });
    expect(late).toMatchObject({ ok: false, status: 409, code: "tooLate" });
    expect(db.select().from(answers).where(eq(answers.attemptId, id)).all()).toHaveLength(1);
  });
});

describe("submitting and scoring", () => {
  it("commits the submission, the worker scores it, and the best result is stored; a second submit is harmless", async () => {
    workers = await startWorkers({ sweepEveryMs: 60_000 });
    const userId = fx.people[4].id;
    const now = Date.now();
    const s = startAttempt(db, { userId, roundId: fx.round.id, now });
    if (!s.ok) throw new Error(s.message);
    const view = getAttemptView(db, { userId, attemptId: s.attemptId, now });
    if (!view.ok) throw new Error("no view");
    // Choose "Hai" (the key) on the first 6 questions, "Một" on the rest.
    const choices = view.view.questions.map((q) => ({
      position: q.position,
      choice: q.position < 6 ? q.options.indexOf("Hai") : q.options.indexOf("Một"),
      seq: now,
    }));
    for (const c of choices.slice(0, 3)) saveAnswer(db, { userId, attemptId: s.attemptId, now, answer: c });
    // The rest arrive with the submission, as the browser's outbox sends them.
    const sub = await submitAttempt(db, { userId, attemptId: s.attemptId, now: now + 5_000, body: { answers: choices.slice(3), prediction: 12 } });
    expect(sub).toEqual({ ok: true, alreadySubmitted: false });
    const scored = await waitFor(() => attemptRow(s.attemptId).scoredAt !== null && attemptRow(s.attemptId));
    expect(scored).toMatchObject({ score: 6, correctCount: 6, durationMs: 5_000, prediction: 12, endReason: "submitted" });
    const again = await submitAttempt(db, { userId, attemptId: s.attemptId, now: now + 9_000, body: { answers: [] } });
    expect(again).toEqual({ ok: true, alreadySubmitted: true });
    expect(attemptRow(s.attemptId).submittedAt).toBe(now + 5_000);
    const best = db.select().from(roundResults).where(eq(roundResults.userId, userId)).get();
    expect(best).toMatchObject({ attemptId: s.attemptId, score: 6, durationMs: 5_000 });
    // The result holds the key only when the round allows review (after_close here, and the round is open).
    const result = getResultView(db, { userId, attemptId: s.attemptId, now: now + 10_000 });
    expect(result.ok && result.result.review).toBeNull();
    const afterClose = getResultView(db, { userId, attemptId: s.attemptId, now: fx.round.closesAt + 1 });
    expect(afterClose.ok && afterClose.result.review?.filter((r) => r.chosen === r.correct)).toHaveLength(6);
  });

  it("scores a submission made while no worker runs, once a worker starts", async () => {
    const userId = fx.people[5].id;
    const now = Date.now();
    const s = startAttempt(db, { userId, roundId: fx.round.id, now });
    if (!s.ok) throw new Error(s.message);
    await submitAttempt(db, { userId, attemptId: s.attemptId, now, body: { answers: [] } });
    await new Promise((r) => setTimeout(r, 300));
    expect(attemptRow(s.attemptId).scoredAt).toBeNull();
    workers = await startWorkers({ sweepEveryMs: 60_000 });
    const scored = await waitFor(() => attemptRow(s.attemptId).scoredAt !== null && attemptRow(s.attemptId));
    expect(scored.score).toBe(0);
  });

  it("closes an overdue attempt with its saved answers and scores it, through the sweeper", async () => {
    const userId = fx.people[6].id;
    const startedAt = Date.now() - 700_000;
    const s = startAttempt(db, { userId, roundId: fx.round.id, now: startedAt });
    if (!s.ok) throw new Error(s.message);
    const view = getAttemptView(db, { userId, attemptId: s.attemptId, now: startedAt });
    if (!view.ok) throw new Error("no view");
    const q0 = view.view.questions[0];
    saveAnswer(db, { userId, attemptId: s.attemptId, now: startedAt + 1000, answer: { position: 0, choice: q0.options.indexOf("Hai"), seq: 1 } });
    workers = await startWorkers({ sweepEveryMs: 300, unscoredAfterMs: 0 });
    const closed = await waitFor(() => attemptRow(s.attemptId).scoredAt !== null && attemptRow(s.attemptId));
    expect(closed).toMatchObject({ endReason: "timeout", submittedAt: s.deadlineAt, score: 1, durationMs: 600_000 });
  });

  it("loses nothing when Redis refuses the scoring job: the sweeper queues it again", async () => {
    const userId = fx.people[2].id;
    await closeWebQueues();
    const goodUrl = process.env.REDIS_URL;
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    const now = Date.now();
    const s = startAttempt(db, { userId, roundId: fx.round.id, now });
    if (!s.ok) throw new Error(s.message);
    const sub = await submitAttempt(db, { userId, attemptId: s.attemptId, now, body: { answers: [] } });
    expect(sub.ok).toBe(true);
    expect(attemptRow(s.attemptId).submittedAt).toBe(now);
    await closeWebQueues();
    if (goodUrl === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = goodUrl;
    workers = await startWorkers({ sweepEveryMs: 300, unscoredAfterMs: 0 });
    const scored = await waitFor(() => attemptRow(s.attemptId).scoredAt !== null && attemptRow(s.attemptId));
    expect(scored.endReason).toBe("submitted");
  });
});

describe("rounds that are not quiz rounds", () => {
  it("cannot be started", () => {
    db.update(rounds).set({ kind: "initiative" }).where(eq(rounds.id, fx.round.id)).run();
    const r = startAttempt(db, { userId: fx.people[0].id, roundId: fx.round.id, now: Date.now() });
    db.update(rounds).set({ kind: "quiz" }).where(eq(rounds.id, fx.round.id)).run();
    expect(r).toMatchObject({ ok: false, status: 404 });
  });
});

describe("the browser's countdown reaching zero", () => {
  it("records the attempt as timed out, with the deadline as its end, even when the request lands just before it", async () => {
    const userId = fx.people[0].id;
    const startedAt = Date.now() - 599_000;
    db.update(attempts).set({ submittedAt: startedAt, endReason: "submitted" }).where(eq(attempts.userId, userId)).run();
    const s = startAttempt(db, { userId, roundId: fx.round.id, now: startedAt });
    if (!s.ok) throw new Error(s.message);
    const sub = await submitAttempt(db, { userId, attemptId: s.attemptId, now: s.deadlineAt - 1_000, body: { reason: "timeout" } });
    expect(sub.ok).toBe(true);
    expect(attemptRow(s.attemptId)).toMatchObject({ endReason: "timeout", submittedAt: s.deadlineAt - 1_000 });
  });
});
