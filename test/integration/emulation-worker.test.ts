import path from "node:path";
import { Queue, QueueEvents, Worker, type ConnectionOptions } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMovementBySlug, upsertDeclaration } from "../../db/emulation/queries";
import { snapshotsOf } from "../../db/emulation/snapshots";
import { seedDemo } from "../../db/seed";
import { runEvaluationJob } from "../../workers/emulation";
import { EMULATION_QUEUE, enqueueEvaluation, queueConfig, redisConnection } from "../../workers/queues";
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
  await Promise.all([queue.close(), events.close()]);
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
});
