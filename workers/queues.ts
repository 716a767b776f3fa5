import { Queue, type ConnectionOptions } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import { z } from "zod";

/**
 * The one module of workers/ that the web side imports: queue names, payload schemas and enqueue helpers.
 * Payloads carry ids only, never personal data.
 */

const queueEnv = z.object({
  REDIS_URL: z.string().url("REDIS_URL phải là một địa chỉ, ví dụ redis://127.0.0.1:6379").default("redis://127.0.0.1:6379"),
  // Tests give each file its own prefix so their queues never meet.
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default("cuocthi"),
});

export function queueConfig() {
  const parsed = queueEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(`Cấu hình sai: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export const QUEUE = { scoring: "scoring", deadlines: "deadlines", participation: "participation", organizer: "organizer" } as const;

/** A scoring job scores every submitted attempt still unscored; its payload names only its window. */
export const scoringJob = z.object({ window: z.number().int().nonnegative() });
export const closeAttemptJob = z.object({ attemptId: z.number().int().positive() });
export type ScoringJob = z.infer<typeof scoringJob>;

/**
 * Submissions are scored in windows of this length: every submission of a window adds the same job, which
 * runs just after the window ends and scores all that is waiting. One job per window, not one per attempt:
 * at a deadline thousands of submissions a second would otherwise cost thousands of jobs a second in Redis.
 */
export const SCORING_WINDOW_MS = 200;

export const scoringWindow = (now: number) => Math.floor(now / SCORING_WINDOW_MS);
export const scoringJobId = (window: number) => `score-${window}`;
export const closeJobId = (attemptId: number) => `close-${attemptId}`;

export function redisConnection(extra: RedisOptions = {}): Redis {
  return new Redis(queueConfig().REDIS_URL, { maxRetriesPerRequest: null, ...extra });
}

type Queues = { scoring: Queue; deadlines: Queue; participation: Queue; organizer: Queue; connection: Redis };

declare global {
  var __cuocthiQueues: Queues | undefined;
}

/**
 * The web process's queues. The connection does not queue commands while Redis is away: an enqueue
 * fails at once, the request has already committed to SQLite, and the sweeper queues the work later.
 */
export function webQueues(): Queues {
  if (!globalThis.__cuocthiQueues) {
    const connection = redisConnection({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    connection.on("error", () => {
      // ioredis reconnects on its own; failures surface on each enqueue, which the caller tolerates.
    });
    const prefix = queueConfig().QUEUE_PREFIX;
    const opts = { connection: connection as ConnectionOptions, prefix };
    globalThis.__cuocthiQueues = {
      scoring: new Queue(QUEUE.scoring, opts),
      deadlines: new Queue(QUEUE.deadlines, opts),
      participation: new Queue(QUEUE.participation, opts),
      organizer: new Queue(QUEUE.organizer, opts),
      connection,
    };
  }
  return globalThis.__cuocthiQueues;
}

const jobDefaults = {
  attempts: 5,
  backoff: { type: "exponential", delay: 500 },
  removeOnComplete: true,
  // A failed job is removed so that the sweeper can add the same id again.
  removeOnFail: true,
} as const;

const ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * Adds a job unless Redis is away. A request never waits on Redis: when the connection is down the add is
 * skipped at once, and an add that gets no answer gives up after two seconds. The database already holds the work.
 */
async function addSafely(queue: Queue, add: () => Promise<unknown>): Promise<boolean> {
  const status = (queue.opts.connection as { status?: unknown }).status;
  if (status === "reconnecting" || status === "close" || status === "end") return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      add(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("enqueue timeout")), ENQUEUE_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

// The add of the current window, per queue, from this process: each queue has one windowed kind of job. The job
// of a window runs after the window ends, so it sees everything committed before any later call in the same
// window: those calls share the add, and at a deadline thousands of them cost Redis one.
const windowAdds = new WeakMap<Queue, { window: number; added: Promise<boolean> }>();

async function addOncePerWindow(queue: Queue, window: number, add: () => Promise<unknown>): Promise<boolean> {
  const pending = windowAdds.get(queue);
  if (pending?.window === window && (await pending.added)) return true;
  const entry = { window, added: addSafely(queue, add) };
  windowAdds.set(queue, entry);
  const added = await entry.added;
  if (!added && windowAdds.get(queue) === entry) windowAdds.delete(queue);
  return added;
}

/**
 * Asks for the scoring of what was just submitted (committed before this call). Returns false when Redis did
 * not take the job; the sweeper will find the attempt unscored.
 */
export function enqueueScoring(queue = webQueues().scoring, now = Date.now()): Promise<boolean> {
  const window = scoringWindow(now);
  return addOncePerWindow(queue, window, () =>
    queue.add("score", { window } satisfies ScoringJob, {
      ...jobDefaults,
      delay: windowDelay(now, SCORING_WINDOW_MS, 50),
      jobId: scoringJobId(window),
    }),
  );
}

export function enqueueClose(attemptId: number, delayMs: number, queue = webQueues().deadlines): Promise<boolean> {
  return addSafely(queue, () =>
    queue.add("close", { attemptId }, { ...jobDefaults, delay: Math.max(0, delayMs), jobId: closeJobId(attemptId) }),
  );
}

export async function closeWebQueues(): Promise<void> {
  const q = globalThis.__cuocthiQueues;
  globalThis.__cuocthiQueues = undefined;
  if (!q) return;
  q.connection.disconnect();
  await Promise.race([
    Promise.allSettled([q.scoring.close(), q.deadlines.close(), q.participation.close(), q.organizer.close()]),
    new Promise((r) => setTimeout(r, 1_000)),
  ]);
}

// ---- participation ----

export const participationScoredJob = z.object({ window: z.number().int().nonnegative() });
export const participationContestJob = z.object({ contestId: z.number().int().positive() });

/**
 * Scored attempts are counted in windows of this length: the job of a window runs just after it ends and
 * updates every unit whose people were scored in it or in the window before (a batch scored just before a
 * window's end may be announced just after it). One job per window, whatever the number of units.
 */
export const PARTICIPATION_WINDOW_MS = 2_000;

export const participationWindow = (now: number) => Math.floor(now / PARTICIPATION_WINDOW_MS);
export const participationScoredJobId = (window: number) => `part-scored-${window}`;

/** The span of scoring times that the job of a window covers. */
export function participationSpan(window: number): { from: number; to: number } {
  return { from: (window - 1) * PARTICIPATION_WINDOW_MS, to: (window + 1) * PARTICIPATION_WINDOW_MS };
}

/** The delay until just after the end of the window that holds `now`. */
function windowDelay(now: number, windowMs = PARTICIPATION_WINDOW_MS, afterMs = 100): number {
  return windowMs - (now % windowMs) + afterMs;
}

/** Called after attempts were scored (committed before this call): their units' numbers follow within seconds. */
export function enqueueScoredParticipation(queue = webQueues().participation, now = Date.now()): Promise<boolean> {
  const window = participationWindow(now);
  return addOncePerWindow(queue, window, () =>
    queue.add("scored", { window }, { ...jobDefaults, delay: windowDelay(now), jobId: participationScoredJobId(window) }),
  );
}

/** Queues a full recompute of one contest (after an import, a move, a round's close). */
export function enqueueContestRecompute(contestId: number, queue = webQueues().participation, now = Date.now()): Promise<boolean> {
  return addSafely(queue, () =>
    queue.add("contest", { contestId }, { ...jobDefaults, delay: windowDelay(now), jobId: `recompute-${contestId}-${Math.floor(now / PARTICIPATION_WINDOW_MS)}` }),
  );
}
// ---------- organizer: imports and exports of the question bank and the results ----------

/** The kinds of organizer tasks; the task row (background_tasks) holds the input, the job only its id. */
export const ORGANIZER_TASK = {
  importPreview: "question-import-preview",
  importCommit: "question-import-commit",
  questionExport: "question-export",
  rankingExport: "ranking-export",
} as const;
export type OrganizerTaskKind = (typeof ORGANIZER_TASK)[keyof typeof ORGANIZER_TASK];

export const organizerJob = z.object({ taskId: z.number().int().positive() });
export type OrganizerJob = z.infer<typeof organizerJob>;

const jobPrefix: Record<OrganizerTaskKind, string> = {
  "question-import-preview": "import",
  "question-import-commit": "import",
  "question-export": "export",
  "ranking-export": "export",
};
export const organizerJobId = (kind: OrganizerTaskKind, taskId: number) => `${jobPrefix[kind]}-${taskId}`;

/** Returns false when Redis did not take the job; the task stays queued and the page says so. */
export function enqueueOrganizerTask(kind: OrganizerTaskKind, taskId: number, queue = webQueues().organizer): Promise<boolean> {
  return addSafely(queue, () =>
    queue.add(kind, { taskId } satisfies OrganizerJob, { ...jobDefaults, attempts: 2, jobId: organizerJobId(kind, taskId) }),
  );
}

/** At a round's close, the true figure its prediction question aims at is counted (job id carries the close time). */
export const settleRoundJob = z.object({ roundId: z.number().int().positive(), closesAt: z.number().int() });
export type SettleRoundJob = z.infer<typeof settleRoundJob>;
export const settleRoundJobId = (roundId: number, closesAt: number) => `settle-${roundId}-${closesAt}`;

export function enqueueRoundSettle(roundId: number, closesAt: number, now = Date.now(), queue = webQueues().organizer): Promise<boolean> {
  return addSafely(queue, () =>
    queue.add("settle-round", { roundId, closesAt } satisfies SettleRoundJob, {
      ...jobDefaults,
      delay: Math.max(0, closesAt - now + 1_000),
      jobId: settleRoundJobId(roundId, closesAt),
    }),
  );
}

// ---------- emulation: the evaluation snapshot of a movement, recomputed when its inputs change ----------

export const EMULATION_QUEUE = "emulation";
/** `reason` is what the snapshot says it was computed for (the first change of its window). */
export const evaluationJob = z.object({ movementId: z.number().int().positive(), reason: z.string().max(200).optional() });
export const evaluationJobId = (movementId: number, now: number) => `evaluate-${movementId}-${Math.floor(now / PARTICIPATION_WINDOW_MS)}`;

let emulationQueue: Queue | undefined;

/**
 * Asks the worker to re-evaluate a movement (the job stores a new snapshot only when the inputs differ); the
 * changes of one 2-second window make one job. Returns false when Redis did not take it.
 */
export function enqueueEvaluation(movementId: number, queue?: Queue, now = Date.now(), reason?: string): Promise<boolean> {
  let q = queue;
  if (!q) {
    const connection = webQueues().connection as ConnectionOptions;
    // A new web connection (after closeWebQueues) gets a new queue rather than one bound to the closed connection.
    if (emulationQueue?.opts.connection !== connection) emulationQueue = new Queue(EMULATION_QUEUE, { connection, prefix: queueConfig().QUEUE_PREFIX });
    q = emulationQueue;
  }
  const target = q;
  return addSafely(target, () => target.add("evaluate", { movementId, reason } satisfies z.infer<typeof evaluationJob>, { ...jobDefaults, jobId: evaluationJobId(movementId, now) }));
}

// ---------- awards: the Báo cáo thành tích of many candidates, packed into one zip ----------

export const AWARDS_QUEUE = "awards";
/** The kind of the background_tasks row that holds the batch's scope; the job carries only ids. */
export const AWARD_REPORTS_TASK = "award-reports";
export const awardReportsJob = z.object({ movementId: z.number().int().positive(), taskId: z.number().int().positive() });
export type AwardReportsJob = z.infer<typeof awardReportsJob>;
/** One job per batch (its task row): adding it again while it waits or runs changes nothing. */
export const awardReportsJobId = (movementId: number, taskId: number) => `award-reports-m${movementId}-t${taskId}`;

let awardsQueue: Queue | undefined;

/** Returns false when Redis did not take the job; the task stays queued, and the sweeper or the next page visit adds it. */
export function enqueueAwardReports(movementId: number, taskId: number, queue?: Queue): Promise<boolean> {
  const connection = webQueues().connection as ConnectionOptions;
  // A new web connection (after closeWebQueues) gets a new queue rather than one bound to the closed connection.
  if (!queue && awardsQueue?.opts.connection !== connection) awardsQueue = new Queue(AWARDS_QUEUE, { connection, prefix: queueConfig().QUEUE_PREFIX });
  const q = queue ?? awardsQueue!;
  return addSafely(q, () =>
    q.add("reports", { movementId, taskId } satisfies AwardReportsJob, { ...jobDefaults, attempts: 4, backoff: { type: "exponential", delay: 2_000 }, jobId: awardReportsJobId(movementId, taskId) }),
  );
}
