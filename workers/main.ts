import { DelayedError, Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import pino from "pino";
import { backupConfig, runScheduledBackup } from "../db/backup";
import { closeDb, getDb } from "../db/connection";
import { closeAttemptIfOverdue, sweep } from "./deadlines";
import {
  QUEUE,
  closeAttemptJob,
  enqueueScoredParticipation,
  enqueueScoring,
  organizerJob,
  participationContestJob,
  participationScoredJob,
  participationSpan,
  queueConfig,
  redisConnection,
  scoringJob,
  settleRoundJob,
} from "./queues";
import { scoreBatch } from "./scoring";
import { scoringBacklog } from "../db/quiz/scoring";
import { roundsClosingAfter } from "../db/participation/participation";
import { recomputeAll, recomputeContest, updateScoredUnits } from "./participation";
import { runOrganizerTask, settleRoundFigure } from "./organizer";
import { runEvaluationJob } from "./emulation";
import { EMULATION_QUEUE } from "./queues";
import { startAwardsWorker } from "./awards";

const log = pino({ name: "workers" });

/** How long one scoring job drains before it hands the rest to a fresh job. */
const SCORING_SLICE_MS = 5_000;

/** How long the participation job of a window may wait behind a scoring backlog. */
const PARTICIPATION_MAX_WAIT_MS = 30_000;

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
  const emulationQueue = new Queue(EMULATION_QUEUE, { connection: producer as ConnectionOptions, prefix });
  const emulation = new Worker(EMULATION_QUEUE, async (job) => runEvaluationJob(db, job), { connection, prefix, concurrency: 1 });
  const awards = await startAwardsWorker(db, { connection, producer: producer as ConnectionOptions, prefix, sweepEveryMs: options.sweepEveryMs ? Math.max(options.sweepEveryMs, 1_000) : undefined });

  const scoring = new Worker(
    QUEUE.scoring,
    async (job) => {
      parse(scoringJob, job);
      const startedAt = Date.now();
      const scored: number[] = [];
      for (;;) {
        const batch = scoreBatch(db, Date.now());
        if (batch.length === 0) break;
        scored.push(...batch);
        // Each unit whose people were just scored, and its ancestors, are brought up to date within seconds.
        await enqueueScoredParticipation(participationQueue);
        if (Date.now() - startedAt > SCORING_SLICE_MS) {
          // A long storm is scored in slices, each its own job, so that no job outlives its lock.
          await enqueueScoring(scoringQueue);
          break;
        }
      }
      return { scored };
    },
    // One job at a time: each drains everything waiting, so a second one would find nothing.
    { connection, prefix, concurrency: 1 },
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
        if (toScore.length) await enqueueScoring(scoringQueue);
        if (closed.length || toScore.length) log.info({ closed: closed.length, queued: toScore.length }, "sweep");
        return { closed: closed.length, queued: toScore.length };
      }
      const { attemptId } = parse(closeAttemptJob, job);
      if (closeAttemptIfOverdue(db, attemptId, Date.now())) await enqueueScoring(scoringQueue);
      return null;
    },
    { connection, prefix, concurrency: 4 },
  );

  const participation = new Worker(
    QUEUE.participation,
    async (job, token) => {
      const now = Date.now();
      if (job.name === "scored") {
        const { window } = parse(participationScoredJob, job);
        const { from, to } = participationSpan(window);
        // Scores first: people wait for theirs, the units' numbers can wait a few seconds for a backlog to clear.
        if (now < to + PARTICIPATION_MAX_WAIT_MS && scoringBacklog(db)) {
          await job.moveToDelayed(now + 500, token);
          throw new DelayedError();
        }
        return updateScoredUnits(db, from, to, now);
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

  for (const w of [scoring, deadlines, participation, organizer, awards.worker]) {
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
    await emulationQueue.upsertJobScheduler("emulation-evaluate", { pattern: options.recomputePattern ?? "*/10 * * * *", tz: "Asia/Ho_Chi_Minh" }, { name: "evaluate-open" });
    // Reminders of the movements' deadlines every morning at 07:00 Vietnam time (and the returned items the
    // pages may have failed to tell).
    await emulationQueue.upsertJobScheduler(
      "emulation-notices",
      { pattern: "0 7 * * *", tz: "Asia/Ho_Chi_Minh" },
      { name: "notices", opts: { removeOnComplete: 10, removeOnFail: 10 } },
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
      await Promise.allSettled([scoring.close(), deadlines.close(), participation.close(), organizer.close(), emulation.close(), awards.close()]);
      await Promise.allSettled([scoringQueue.close(), deadlineQueue.close(), participationQueue.close(), emulationQueue.close()]);
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
