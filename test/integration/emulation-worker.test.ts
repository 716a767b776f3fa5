import path from "node:path";
import { Queue, QueueEvents, Worker, type ConnectionOptions } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMovementBySlug, upsertDeclaration } from "../../db/emulation/queries";
import { snapshotsOf } from "../../db/emulation/snapshots";
import { seedDemo } from "../../db/seed";
import { runEvaluationJob } from "../../workers/emulation";
import { EMULATION_QUEUE, closeWebQueues, enqueueEvaluation, queueConfig, redisConnection } from "../../workers/queues";
import { refreshEvaluation } from "../../app/emulation/evaluate.server";
import { isLargeEvaluation } from "../../db/emulation/evaluation";
import { readStats } from "../../db/emulation/worker-connection";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("emulation-worker");
const { QUEUE_PREFIX: prefix } = queueConfig();
const connection = redisConnection() as ConnectionOptions;
let queue: Queue;
let worker: Worker;
let events: QueueEvents;

beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
  queue = new Queue(EMULATION_QUEUE, { connection, prefix });
  events = new QueueEvents(EMULATION_QUEUE, { connection: redisConnection() as ConnectionOptions, prefix });
  worker = new Worker(EMULATION_QUEUE, async (job) => runEvaluationJob(env.db, job), { connection: redisConnection() as ConnectionOptions, prefix });
  await events.waitUntilReady();
});
afterAll(async () => {
  await worker.close();
  await queue.obliterate({ force: true });
  await Promise.all([queue.close(), events.close(), closeWebQueues()]);
  env.cleanup();
});

describe("the emulation worker", () => {
  it("stores a new snapshot when a declaration changed, and nothing when run again on the same inputs", async () => {
    const mv = getMovementBySlug(env.db, "can-tho-vp-ubnd-2019")!;
    const th = env.db.$client.prepare("SELECT id FROM units WHERE code = 'CT-TH'").pluck().get() as number;
    upsertDeclaration(env.db, { movementId: mv.id, candidateKey: `unit:${th}`, criterionCode: "hoan-thanh-xuat-sac", value: true, evidence: "https://x.gov.vn/a.pdf", status: "accepted", now: Date.now() });
    const done = (id: string) => new Promise<{ created: boolean }>((resolve) => events.on("completed", ({ jobId, returnvalue }) => jobId === id && resolve(returnvalue as unknown as { created: boolean })));
    const t = Date.now();
    const first = done(`evaluate-${mv.id}-${Math.floor(t / 2000)}`);
    expect(await enqueueEvaluation(mv.id, queue, t)).toBe(true);
    expect((await first).created).toBe(true);
    const latest = snapshotsOf(env.db, mv.id)[0];
    expect(latest.reason).toBe("Dữ liệu đầu vào thay đổi");
    const t2 = t + 5000;
    const second = done(`evaluate-${mv.id}-${Math.floor(t2 / 2000)}`);
    await enqueueEvaluation(mv.id, queue, t2);
    expect((await second).created).toBe(false);
    expect(snapshotsOf(env.db, mv.id)).toHaveLength(2);
  });

  it("a change in a large movement is evaluated by the worker, not while the web answers; a small one at once", async () => {
    const small = getMovementBySlug(env.db, "ninh-thuan-skhcn-2022")!;
    const before = snapshotsOf(env.db, small.id).length;
    expect(refreshEvaluation(small.id, "Thẩm định minh chứng")).toBe("done");
    expect(snapshotsOf(env.db, small.id).length).toBeGreaterThanOrEqual(before);

    // Tuy Phước grows to 10,000 people: one sent registration carries them all.
    const mv = getMovementBySlug(env.db, "tuy-phuoc-2021-2025")!;
    const reg = env.db.$client.prepare("SELECT id FROM emulation_registrations WHERE movement_id = ? AND status != 'chua_gui' ORDER BY id LIMIT 1").pluck().get(mv.id) as number;
    const add = env.db.$client.prepare("INSERT INTO emulation_people (registration_id, full_name, gender, position) VALUES (?, ?, ?, 'Chuyên viên')");
    env.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) add.run(reg, `Người thứ ${i + 1}`, i % 2 ? "nu" : "nam");
    });
    expect(isLargeEvaluation(env.db, mv.id)).toBe(true);
    const t = Date.now();
    const done = new Promise<{ created: boolean }>((resolve) => events.on("completed", ({ jobId, returnvalue }) => jobId === `evaluate-${mv.id}-${Math.floor(t / 2000)}` && resolve(returnvalue as unknown as { created: boolean })));
    const viaWorker = readStats.worker;
    expect(refreshEvaluation(mv.id, "Đơn vị kê khai minh chứng", t)).toBe("queued");
    expect((await done).created).toBe(true);
    const latest = snapshotsOf(env.db, mv.id)[0];
    expect(latest.reason).toBe("Đơn vị kê khai minh chứng");
    // The worker's evaluation read its large parts on the second connection.
    expect(readStats.worker).toBeGreaterThan(viaWorker);
  });
});
