import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import pino from "pino";
import { backupConfig, runScheduledBackup } from "../db/backup";
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
import { scoreBatch } from "./scoring";
import { participationTargets, roundsClosingAfter } from "../db/participation";
import { recomputeAll, recomputeContest, updateUnitChain } from "./participation";
import { enqueueParticipationMany, participationContestJob, participationUnitJob } from "./queues";
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
export async function startWorkers(options: { sweepEveryMs?: number; unscoredAfterMs?: number; recomputePattern?: string } = {}): Promise<RunningWorkers> {
  const db = getDb();
  const { QUEUE_PREFIX: prefix } = queueConfig();
  const backup = backupConfig();
  const connection = redisConnection() as ConnectionOptions;
  const producer = redisConnection();
  const scoringQueue = new Queue(QUEUE.scoring, { connection: producer as ConnectionOptions, prefix });
  const deadlineQueue = new Queue(QUEUE.deadlines, { connection: producer as ConnectionOptions, prefix });
  const participationQueue = new Queue(QUEUE.participation, { connection: producer as ConnectionOptions, prefix });

  const scoring = new Worker(
    QUEUE.scoring,
    async (job) => {
      const { attemptId } = parse(scoringJob, job);
      const scored = scoreBatch(db, attemptId, Date.now());
      // Each unit whose people were just scored, and its ancestors, are brought up to date within seconds.
      await enqueueParticipationMany(participationTargets(db, scored), participationQueue);
      return { scored };
    },
    { connection, prefix, concurrency: 16 },
  );

  const deadlines = new Worker(
    QUEUE.deadlines,
    async (job) => {
      if (job.name === "backup") {
        const done = await runScheduledBackup(db, backup);
        log.info({ path: done.path, bytes: done.bytes, ms: done.ms, removed: done.removed.length }, "backup");
        return { path: done.path, bytes: done.bytes, removed: done.removed };
      }
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

  const participation = new Worker(
    QUEUE.participation,
    async (job) => {
      const now = Date.now();
      if (job.name === "unit") {
        const { roundId, unitId } = parse(participationUnitJob, job);
        return updateUnitChain(db, roundId, unitId, now);
      }
      if (job.name === "contest") {
        const { contestId } = parse(participationContestJob, job);
        return recomputeContest(db, contestId, now);
      }
      if (job.name === "recompute-all") return recomputeAll(db, now);
      throw new UnrecoverableError(`unknown participation job ${job.name}`);
    },
    // One at a time: each job rewrites rows that the next may read.
    { connection, prefix, concurrency: 1 },
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

  for (const w of [scoring, deadlines, participation, organizer]) {
    w.on("failed", (job, err) => log.warn({ queue: w.name, job: job?.id, err: err.message }, "job failed"));
    w.on("error", (err) => log.error({ queue: w.name, err: err.message }, "worker error"));
  }

  // Schedules live in Redis: a Redis that restarts empty would forget them, so they are set again whenever
  // the connection comes back.
  const schedule = async () => {
    await deadlineQueue.upsertJobScheduler("sweep", { every: options.sweepEveryMs ?? 10_000 }, { name: "sweep" });
    await participationQueue.upsertJobScheduler(
      "participation-recompute",
      { pattern: options.recomputePattern ?? "*/10 * * * *", tz: "Asia/Ho_Chi_Minh" },
      { name: "recompute-all" },
    );
    // The daily online backup into BACKUP_DIR (db/backup.ts), keeping the last BACKUP_KEEP files.
    if (backup.enabled) {
      await deadlineQueue.upsertJobScheduler(
        "backup-daily",
        { pattern: backup.pattern, tz: "Asia/Ho_Chi_Minh" },
        { name: "backup", opts: { removeOnComplete: 10, removeOnFail: 10 } },
      );
    } else {
      await deadlineQueue.removeJobScheduler("backup-daily");
    }
  };
  await schedule();
  producer.on("ready", () => void schedule().catch(() => {}));
  // The scheduled full recompute also writes the day's snapshot for the trend; each round's close brings one more.
  const now = Date.now();
  // Numbers from the start, rather than at the first scheduled run.
  await participationQueue.add("recompute-all", {}, { jobId: `recompute-start-${Math.floor(now / 2_000)}`, removeOnComplete: true, removeOnFail: true });
  for (const round of roundsClosingAfter(db, now)) {
    await participationQueue.add(
      "contest",
      { contestId: round.contestId },
      { jobId: `round-closed-${round.id}-${round.closesAt}`, delay: round.closesAt - now + 5_000, removeOnComplete: true, removeOnFail: true },
    );
  }
  log.info({ prefix }, "workers started");

  return {
    async close() {
      await Promise.allSettled([scoring.close(), deadlines.close(), participation.close(), organizer.close()]);
      await Promise.allSettled([scoringQueue.close(), deadlineQueue.close(), participationQueue.close()]);
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
