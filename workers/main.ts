import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import pino from "pino";
import { closeDb, getDb } from "../db/connection";
import { closeAttemptIfOverdue, sweep } from "./deadlines";
import {
  QUEUE,
  closeAttemptJob,
  enqueueScoring,
  queueConfig,
  redisConnection,
  scoringJob,
} from "./queues";
import { scoreSubmittedAttempt } from "./scoring";
import { runOrganizerTask, settleRoundFigure } from "./organizer";
import { organizerJob, settleRoundJob } from "./queues";

const log = pino({ name: "workers" });

function parse<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, job: Job): T {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name} ${job.id}`);
  return parsed.data;
}

export type RunningWorkers = { close: () => Promise<void> };

/** Starts every worker of the platform in this process; the same entry runs in production and in tests. */
export async function startWorkers(options: { sweepEveryMs?: number; unscoredAfterMs?: number } = {}): Promise<RunningWorkers> {
  const db = getDb();
  const { QUEUE_PREFIX: prefix } = queueConfig();
  const connection = redisConnection() as ConnectionOptions;
  const producer = redisConnection();
  const scoringQueue = new Queue(QUEUE.scoring, { connection: producer as ConnectionOptions, prefix });
  const deadlineQueue = new Queue(QUEUE.deadlines, { connection: producer as ConnectionOptions, prefix });

  const scoring = new Worker(
    QUEUE.scoring,
    async (job) => {
      const { attemptId } = parse(scoringJob, job);
      return scoreSubmittedAttempt(db, attemptId, Date.now());
    },
    { connection, prefix, concurrency: 16 },
  );

  const deadlines = new Worker(
    QUEUE.deadlines,
    async (job) => {
      if (job.name === "sweep") {
        const { closed, toScore } = sweep(db, Date.now(), options.unscoredAfterMs);
        for (const attemptId of toScore) await enqueueScoring(attemptId, scoringQueue);
        if (closed.length || toScore.length) log.info({ closed: closed.length, queued: toScore.length }, "sweep");
        return { closed: closed.length, queued: toScore.length };
      }
      const { attemptId } = parse(closeAttemptJob, job);
      if (closeAttemptIfOverdue(db, attemptId, Date.now())) await enqueueScoring(attemptId, scoringQueue);
      return null;
    },
    { connection, prefix, concurrency: 4 },
  );

  const organizer = new Worker(
    QUEUE.organizer,
    async (job) => {
      if (job.name === "settle-round") {
        const { roundId, closesAt } = parse(settleRoundJob, job);
        return settleRoundFigure(db, roundId, closesAt, Date.now());
      }
      const { taskId } = parse(organizerJob, job);
      return runOrganizerTask(db, taskId);
    },
    { connection, prefix, concurrency: 1 },
  );

  for (const w of [scoring, deadlines, organizer]) {
    w.on("failed", (job, err) => log.warn({ queue: w.name, job: job?.id, err: err.message }, "job failed"));
    w.on("error", (err) => log.error({ queue: w.name, err: err.message }, "worker error"));
  }

  await deadlineQueue.upsertJobScheduler("sweep", { every: options.sweepEveryMs ?? 10_000 }, { name: "sweep" });
  log.info({ prefix }, "workers started");

  return {
    async close() {
      await Promise.allSettled([scoring.close(), deadlines.close(), organizer.close()]);
      await Promise.allSettled([scoringQueue.close(), deadlineQueue.close()]);
      producer.disconnect();
    },
  };
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"));
if (isEntry) {
  const running = await startWorkers();
  const stop = async () => {
    await running.close();
    closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
