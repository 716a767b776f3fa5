/**
 * Benchmark of the Báo cáo thành tích (issue 16: 500 candidates in at most 30 s in the worker, with a progress
 * bar; one document at most 200 ms). On a fresh database with the demo and 500 proposals it
 *   1. times one report (figures read, .docx built) 60 times in this process: median, p95;
 *   2. starts the workers as production runs them (workers/main.ts, its own process), asks for the batch of
 *      all 500 the way the organizer's page does (a task row, then the job), and follows the progress the
 *      worker writes to the row until the zip is there.
 *
 *   node --import tsx test/bench/awards-reports.ts [count] [--baseline]
 *
 * Prints one JSON line; `npm run bench` runs it and sets the figures against its baseline. With --baseline it
 * measures one of its own first (plain node:http, 100 connections, 5 s), for the ratios of a standalone run.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 500);
const withBaseline = process.argv.includes("--baseline");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cuocthi-bench-awards-"));
process.env.DATABASE_PATH = path.join(dir, "bench.sqlite");
process.env.QUEUE_PREFIX = `bench-awards-${process.pid}`;
const log = (...a: unknown[]) => console.error("[bench awards]", ...a);

const { getDb, migrateDatabase, closeDb } = await import("../../db/connection");
const { seedDemo } = await import("../../db/seed");
const { insertProposal, getProposal } = await import("../../db/awards/queries");
const { reportContext, reportInputs } = await import("../../db/awards/reports");
const { loadTemplate } = await import("../../db/awards/templates");
const { baoCaoThanhTich } = await import("../../app/core/awards/docx/documents");
const { createTask, getTask } = await import("../../db/tasks");
const { AWARD_REPORTS_TASK, AWARDS_QUEUE, closeWebQueues, enqueueAwardReports, redisConnection } = await import("../../workers/queues");
const { Queue } = await import("bullmq");

const db = getDb();
migrateDatabase(db);
await seedDemo(db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
const mv = db.$client.prepare("SELECT id, organizer_unit_id AS org FROM movements WHERE slug = 'tuy-phuoc-2021-2025'").get() as { id: number; org: number };
const unitIds = db.$client.prepare("SELECT id FROM units WHERE code LIKE 'TPH-P%' OR code = 'TPH-TT'").pluck().all() as number[];
const now = Date.now();
const ids: number[] = [];
db.transaction(() => {
  for (let i = 0; i < COUNT; i++) {
    const unitId = unitIds[i % unitIds.length];
    const person = i % 2 === 1;
    ids.push(
      insertProposal(
        db,
        {
          movementId: mv.id,
          schemeCode: person ? "gk-ca-nhan-hang-nam" : "gk-tap-the-hang-nam",
          candidateKey: person ? `bench-person:${i}` : `bench-unit:${i}`,
          target: person ? "individual" : "collective",
          unitId,
          proposerUnitId: unitId,
          levelUnitId: mv.org,
          name: person ? `Cán bộ thử ${i}` : `Đơn vị thử ${i}`,
          position: person ? "Công chức" : null,
          gender: person ? (i % 4 === 1 ? "nu" : "nam") : null,
          achievement: "Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh cải cách hành chính năm 2025.",
          qualified: true,
          state: "da_gui",
          createdAt: now,
          updatedAt: now,
        },
        null,
      ),
    );
  }
});

// 0. The machine's speed now: a plain node:http hello-world, as npm run bench measures it.
let baselineRps: number | null = null;
if (withBaseline) {
  const { default: autocannon } = await import("autocannon");
  const port = 4600 + (process.pid % 300);
  const server = spawn(process.execPath, ["--import", "tsx", "test/bench/baseline-server.ts"], { env: { ...process.env, PORT: String(port) }, stdio: "ignore" });
  for (let ok = false; !ok; ) ok = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => new Promise((r) => setTimeout(() => r(false), 100)) as Promise<boolean>);
  const r = await new Promise<{ requests: { average: number } }>((resolve, reject) => autocannon({ url: `http://127.0.0.1:${port}/`, connections: 100, duration: 5 }, (err, res) => (err ? reject(err) : resolve(res))));
  baselineRps = Math.round(r.requests.average);
  server.kill();
}

// 1. One report, as the web serves it: context, figures, the .docx.
const template = loadTemplate("bao-cao-thanh-tich");
const one = async (id: number) => {
  const p = getProposal(db, id)!;
  const { subject, figures } = reportInputs(db, p, reportContext(db, p.movementId));
  return baoCaoThanhTich(template, subject, figures);
};
await one(ids[0]);
const times: number[] = [];
for (let i = 0; i < 60; i++) {
  const t0 = performance.now();
  await one(ids[(i * 7) % ids.length]);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];

// 2. The batch in the worker process, followed through the task row as the page's bar follows it.
const worker = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], { env: { ...process.env, NODE_ENV: "production", BACKUP_DIR: path.join(dir, "backups") }, stdio: ["ignore", "ignore", "inherit"] });
const producer = redisConnection();
const queue = new Queue(AWARDS_QUEUE, { connection: producer, prefix: process.env.QUEUE_PREFIX });
let workerRssMb = 0;
try {
  // The worker is up when its sweeper's schedule is in Redis.
  const up = Date.now();
  while (!(await queue.getJobSchedulers()).some((s) => s.key === "awards-sweep")) {
    if (Date.now() - up > 60_000) throw new Error("the worker did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  const task = createTask(db, { kind: AWARD_REPORTS_TASK, input: { movementId: mv.id, schemeCode: null, proposerUnitId: null, levelUnitIds: [mv.org], includeDrafts: false, label: "" }, createdBy: null });
  const start = performance.now();
  if (!(await enqueueAwardReports(mv.id, task.id, queue))) throw new Error("Redis did not take the job");
  let shown = -1;
  let readings = 0;
  for (;;) {
    const t = getTask(db, task.id)!;
    if (t.status === "failed") throw new Error(`the batch failed: ${t.error}`);
    const pctDone = t.total ? Math.floor((t.progress / t.total) * 100) : 0;
    if (pctDone >= shown + 10 || t.status === "done") {
      log(`${t.progress}/${t.total} (${pctDone}%) after ${((performance.now() - start) / 1000).toFixed(1)} s`);
      shown = pctDone;
    }
    readings++;
    if (readings % 10 === 0) {
      const status = fs.readFileSync(`/proc/${worker.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/);
      if (status) workerRssMb = Math.max(workerRssMb, Number(status[1]) / 1024);
    }
    if (t.status === "done") break;
    if (performance.now() - start > 300_000) throw new Error("the batch took over 5 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - start) / 1000;
  const result = getTask(db, task.id)!.result as { count: number; bytes: number };
  const out = {
    reports: result.count,
    batchSeconds: Number(seconds.toFixed(2)),
    progressReadings: readings,
    zipMb: Number((result.bytes / 1024 / 1024).toFixed(1)),
    workerRssMb: Math.round(workerRssMb),
    oneReportMs: { p50: Number(pct(0.5).toFixed(1)), p95: Number(pct(0.95).toFixed(1)), max: Number(times[times.length - 1].toFixed(1)) },
    ...(baselineRps !== null
      ? { baselineRps, batchXBaseline: Math.round(seconds * baselineRps), oneReportP50XBaseline: Math.round((pct(0.5) / 1000) * baselineRps) }
      : {}),
    pass: seconds <= 30 && pct(0.5) <= 200,
  };
  console.log(JSON.stringify(out));
  process.exitCode = out.pass ? 0 : 1;
} finally {
  worker.kill("SIGTERM");
  await new Promise((r) => worker.once("exit", r));
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  producer.disconnect();
  await closeWebQueues();
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
