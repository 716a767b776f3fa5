import fs from "node:fs";
import path from "node:path";
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import JSZip from "jszip";
import { z } from "zod";
import { baoCaoThanhTich } from "../app/core/awards/docx/documents";
import { proposalsForReports, reportContext, reportInputs, unfinishedReportTasks } from "../db/awards/reports";
import { loadTemplate } from "../db/awards/templates";
import type { Db } from "../db/connection";
import { getTask, updateTask } from "../db/tasks";
import { filesDir } from "./organizer";
import { AWARD_REPORTS_TASK, AWARDS_QUEUE, awardReportsJob, enqueueAwardReports } from "./queues";

/**
 * The awards worker: the Báo cáo thành tích of every candidate of a movement (or of one scheme, or of one
 * unit's dossier), built from the database and packed into one zip, with the progress written to the task
 * row that the organizer's page polls. Each report is stored as its own file as soon as it is built, so a
 * job that a killed worker or a restarted Redis lost resumes where it stopped; the zip is written last,
 * under a temporary name first. A sweeper adds the job of every unfinished task again (its id is the
 * batch's, so a job still waiting or running is left alone).
 */

export const reportScope = z.object({
  movementId: z.number().int().positive(),
  schemeCode: z.string().nullable(),
  proposerUnitId: z.number().int().positive().nullable(),
  levelUnitIds: z.array(z.number().int().positive()).nullable(),
  includeDrafts: z.boolean(),
  label: z.string().max(200),
});
export type ReportBatchInput = z.infer<typeof reportScope>;

const slug = (s: string) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();

/** How often the row's progress is written while reports are built: often enough for a smooth bar, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 200;

export type BatchOutcome = "missing" | "already_done" | "done" | "failed";

/**
 * Runs one batch to its end. Safe to run twice or after a crash: reports already on disk are kept, a task
 * already done is left as it is. Throws on a passing fault (the job retries with backoff); bad input marks the
 * task failed and throws UnrecoverableError.
 */
export async function runAwardReports(db: Db, taskId: number, opts: { now?: () => number; onReport?: (ms: number) => void } = {}): Promise<BatchOutcome> {
  const now = opts.now ?? Date.now;
  const task = getTask(db, taskId);
  if (!task) return "missing";
  if (task.kind !== AWARD_REPORTS_TASK) throw new UnrecoverableError(`task ${taskId} is not an award-reports task`);
  if (task.status === "done") return "already_done";
  const input = reportScope.safeParse(task.input);
  const ctx = input.success ? reportContext(db, input.data.movementId) : null;
  if (!input.success || !ctx) {
    updateTask(db, taskId, { status: "failed", error: "Yêu cầu tạo báo cáo không hợp lệ hoặc phong trào không còn." });
    throw new UnrecoverableError(`bad award-reports task ${taskId}`);
  }
  const scope = input.data;
  const list = proposalsForReports(db, scope).filter((p) => scope.includeDrafts || p.state !== "nhap");
  const dir = path.join(filesDir(), `award-reports-${taskId}`);
  fs.mkdirSync(dir, { recursive: true });
  const fileOf = (id: number) => path.join(dir, `${id}.docx`);
  let done = list.filter((p) => fs.existsSync(fileOf(p.id))).length;
  updateTask(db, taskId, { status: "running", progress: done, total: list.length + 1, error: null }, now());
  const template = loadTemplate("bao-cao-thanh-tich");
  let lastWrite = now();
  for (const p of list) {
    const file = fileOf(p.id);
    if (fs.existsSync(file)) continue;
    const t0 = performance.now();
    const { subject, figures } = reportInputs(db, p, ctx);
    const body = await baoCaoThanhTich(template, subject, figures);
    // Written under a temporary name and renamed: a crash never leaves half a report that a resume would keep.
    fs.writeFileSync(`${file}.part`, body);
    fs.renameSync(`${file}.part`, file);
    opts.onReport?.(performance.now() - t0);
    done++;
    if (now() - lastWrite >= PROGRESS_EVERY_MS) {
      updateTask(db, taskId, { progress: done }, now());
      lastWrite = now();
    }
  }
  updateTask(db, taskId, { progress: done }, now());
  // The reports are already compressed (a .docx is a zip): stored as they are, the zip costs a copy.
  const zip = new JSZip();
  const width = String(list.length).length;
  list.forEach((p, i) => zip.file(`${String(i + 1).padStart(width, "0")}-bao-cao-thanh-tich-${slug(p.name) || p.id}.docx`, fs.readFileSync(fileOf(p.id))));
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
  const out = path.join(filesDir(), `award-reports-${taskId}.zip`);
  fs.writeFileSync(`${out}.part`, bytes);
  fs.renameSync(`${out}.part`, out);
  const downloadName = `bao-cao-thanh-tich-${slug(ctx.movement.slug)}${scope.label ? `-${slug(scope.label)}` : ""}.zip`;
  updateTask(db, taskId, { status: "done", progress: list.length + 1, total: list.length + 1, result: { file: out, downloadName, count: list.length, bytes: bytes.length } }, now());
  fs.rmSync(dir, { recursive: true, force: true });
  return "done";
}

/** Re-adds the job of every batch not yet done (created in the last day); the job id keeps a live one from running twice. */
export async function sweepAwardReports(db: Db, queue: Queue, now = Date.now()): Promise<number> {
  let added = 0;
  for (const t of unfinishedReportTasks(db, now - 86_400_000)) {
    const movementId = (t.input as { movementId?: unknown } | null)?.movementId;
    if (typeof movementId !== "number") continue;
    if (await enqueueAwardReports(movementId, t.id, queue)) added++;
  }
  return added;
}

/** Starts the awards worker and its sweeper; main.ts calls it beside the others. */
export async function startAwardsWorker(db: Db, o: { connection: ConnectionOptions; producer: ConnectionOptions; prefix: string; sweepEveryMs?: number }) {
  const queue = new Queue(AWARDS_QUEUE, { connection: o.producer, prefix: o.prefix });
  const worker = new Worker(
    AWARDS_QUEUE,
    async (job: Job) => {
      if (job.name === "sweep") return { added: await sweepAwardReports(db, queue) };
      const parsed = awardReportsJob.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name} ${job.id}`);
      try {
        return { outcome: await runAwardReports(db, parsed.data.taskId) };
      } catch (err) {
        // The last attempt's failure is the task's: the page stops its bar and shows why.
        if (!(err instanceof UnrecoverableError) && job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          updateTask(db, parsed.data.taskId, { status: "failed", error: "Không tạo được gói báo cáo; hãy thử lại." });
        }
        throw err;
      }
    },
    // One batch at a time: a batch uses the core fully, two would only share it.
    { connection: o.connection, prefix: o.prefix, concurrency: 1 },
  );
  const schedule = () => queue.upsertJobScheduler("awards-sweep", { every: o.sweepEveryMs ?? 15_000 }, { name: "sweep", opts: { removeOnComplete: true, removeOnFail: true } });
  await schedule();
  (o.producer as { on?: (e: string, f: () => void) => void }).on?.("ready", () => void schedule().catch(() => {}));
  return {
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
