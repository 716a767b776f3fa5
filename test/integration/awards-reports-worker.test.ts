import fs from "node:fs";
import path from "node:path";
import { Queue, type ConnectionOptions } from "bullmq";
import JSZip from "jszip";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import { latestReportBatch, reportBatchFile, startReportBatch } from "../../app/awards/report-batches.server";
import { findUserByPhone, rolesOf, userWithUnit } from "../../db/account/users";
import { insertProposal } from "../../db/awards/queries";
import { getMovementBySlug } from "../../db/emulation/queries";
import { seedDemo } from "../../db/seed";
import { createTask, getTask } from "../../db/tasks";
import { runAwardReports, startAwardsWorker, sweepAwardReports } from "../../workers/awards";
import { AWARD_REPORTS_TASK, AWARDS_QUEUE, closeWebQueues, queueConfig, redisConnection, webQueues } from "../../workers/queues";
import { filesDir } from "../../workers/organizer";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("awards-reports-worker");
const { QUEUE_PREFIX: prefix } = queueConfig();
let running: Awaited<ReturnType<typeof startAwardsWorker>>;
let queue: Queue;
let mv: number;
let organizer: CurrentUser;
const N = 12;

function userOf(phone: string): CurrentUser {
  const u = findUserByPhone(env.db, phone)!;
  return { id: u.id, fullName: u.fullName, phone: u.phone, unitId: u.unitId, unitName: userWithUnit(env.db, u.id)!.unitName, position: u.position, roles: rolesOf(env.db, u.id) };
}
const fd = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const unitIdOf = (code: string) => env.db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number;

async function until<T>(what: () => T | undefined | null | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
  const m = getMovementBySlug(env.db, "tuy-phuoc-2021-2025")!;
  mv = m.id;
  organizer = userOf("0900000020");
  const ps = unitIdOf("TPH-PS");
  const tt = unitIdOf("TPH-TT");
  const now = Date.now();
  for (let i = 0; i < N; i++) {
    const person = i % 2 === 1;
    const unitId = i % 3 === 0 ? ps : tt;
    insertProposal(
      env.db,
      {
        movementId: mv,
        schemeCode: person ? "gk-ca-nhan-hang-nam" : "gk-tap-the-hang-nam",
        candidateKey: person ? `test-person:${i}` : `test-unit:${i}`,
        target: person ? "individual" : "collective",
        unitId,
        proposerUnitId: unitId,
        levelUnitId: m.organizerUnitId,
        name: person ? `Cán bộ thử ${i}` : `Đơn vị thử ${i}`,
        position: person ? "Công chức" : null,
        gender: person ? "nu" : null,
        achievement: "Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh cải cách hành chính năm 2025.",
        qualified: true,
        state: "da_gui",
        createdAt: now,
        updatedAt: now,
      },
      null,
    );
  }
  queue = new Queue(AWARDS_QUEUE, { connection: redisConnection() as ConnectionOptions, prefix });
  // The web side's connection is opened before the first request, as a running web process has it: on a loaded
  // machine its first connect can outlast the 2 s the enqueue waits, and the test is about the job, not the connect.
  const web = webQueues().connection;
  if (web.status !== "ready") await new Promise((resolve) => web.once("ready", resolve));
  running = await startAwardsWorker(env.db, { connection: redisConnection() as ConnectionOptions, producer: redisConnection() as ConnectionOptions, prefix, sweepEveryMs: 60_000 });
});
afterAll(async () => {
  await running.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await closeWebQueues();
  env.cleanup();
});

describe("the Báo cáo thành tích of a movement, built by the awards worker", () => {
  it("the organizer's request queues one job; the worker writes its progress and a zip of every report, read back with the unit's figures", async () => {
    const r = await startReportBatch(organizer, mv, fd({ intent: "reports", scope: "all" }), "organizer");
    expect(r).toMatchObject({ ok: true, message: `Đang tạo ${N} Báo cáo thành tích ở tiến trình nền.` });
    const taskId = (r as { taskId: number }).taskId;
    const done = await until(() => {
      const t = getTask(env.db, taskId)!;
      return t.status === "done" ? t : null;
    });
    expect(done).toMatchObject({ progress: N + 1, total: N + 1, error: null });
    const file = reportBatchFile(organizer, mv, taskId);
    expect(file.fileName).toBe("bao-cao-thanh-tich-tuy-phuoc-2021-2025.zip");
    const zip = await JSZip.loadAsync(file.body);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(N);
    expect(names[0]).toBe("01-bao-cao-thanh-tich-don-vi-thu-0.docx");
    const text = (await mammoth.extractRawText({ buffer: await zip.file(names[0])!.async("nodebuffer") })).value;
    expect(text).toContain("BÁO CÁO THÀNH TÍCH");
    expect(text).toContain("Chỉ số cải cách hành chính năm 2025 của Xã Phước Sơn: 96,5 điểm");
    expect(text).toContain("Tổng số cán bộ, công chức, viên chức, người lao động: 22 người; trong đó nữ: 9 người");
    // The per-report files are gone once the zip is written.
    expect(fs.existsSync(path.join(filesDir(), `award-reports-${taskId}`))).toBe(false);
    expect((await latestReportBatch(organizer, mv))).toMatchObject({ id: taskId, status: "done", count: N });
    const audit = env.db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'awards.reports.%' ORDER BY id").pluck().all();
    expect(audit).toEqual(["awards.reports.start", "awards.reports.download"]);
  });

  it("a batch whose worker died half-way resumes from the reports already stored, and one Redis lost is queued again by the sweeper", async () => {
    const input = { movementId: mv, schemeCode: null, proposerUnitId: null, levelUnitIds: null, includeDrafts: false, label: "" };
    const task = createTask(env.db, { kind: AWARD_REPORTS_TASK, input, createdBy: organizer.id });
    let built = 0;
    await expect(
      runAwardReports(env.db, task.id, {
        onReport: () => {
          if (++built === 5) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    expect(getTask(env.db, task.id)!.status).toBe("running");
    expect(fs.readdirSync(path.join(filesDir(), `award-reports-${task.id}`)).filter((f) => f.endsWith(".docx"))).toHaveLength(5);
    // No job exists for it (as after a Redis restart): the sweeper adds one and the worker finishes the rest.
    let rebuilt = 0;
    const count = await sweepAwardReports(env.db, queue);
    expect(count).toBeGreaterThanOrEqual(1);
    await until(() => getTask(env.db, task.id)!.status === "done");
    // Run again by hand: a done task is left alone.
    expect(await runAwardReports(env.db, task.id, { onReport: () => rebuilt++ })).toBe("already_done");
    expect(rebuilt).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync((getTask(env.db, task.id)!.result as { file: string }).file));
    expect(Object.keys(zip.files)).toHaveLength(N);
  });

  it("resuming builds only the missing reports", async () => {
    const input = { movementId: mv, schemeCode: "gk-ca-nhan-hang-nam", proposerUnitId: null, levelUnitIds: null, includeDrafts: false, label: "ca-nhan" };
    const task = createTask(env.db, { kind: AWARD_REPORTS_TASK, input, createdBy: organizer.id });
    let first = 0;
    await expect(runAwardReports(env.db, task.id, { onReport: () => { if (++first === 2) throw new Error("killed"); } })).rejects.toThrow();
    let second = 0;
    expect(await runAwardReports(env.db, task.id, { onReport: () => second++ })).toBe("done");
    expect(second).toBe(N / 2 - 2);
  });

  it("refuses a scope outside the movement, someone else's unit, and someone else's download", async () => {
    expect(await startReportBatch(organizer, mv, fd({ intent: "reports", scope: "scheme:khong-co" }), "organizer")).toMatchObject({ ok: false, message: "Không có hình thức này trong phong trào." });
    expect(await startReportBatch(organizer, mv, fd({ intent: "reports", scope: "bất kỳ" }), "organizer")).toMatchObject({ ok: false, message: "Chọn phạm vi báo cáo." });
    const head = userOf("0900000021");
    await expect(startReportBatch(head, mv, fd({ intent: "reports", scope: `unit:${unitIdOf("TPH-TT")}` }), "unit")).rejects.toBeInstanceOf(Response);
    const own = await startReportBatch(head, mv, fd({ intent: "reports", scope: `unit:${unitIdOf("TPH-PS")}` }), "unit");
    expect(own.ok).toBe(true);
    const taskId = (own as { taskId: number }).taskId;
    await until(() => getTask(env.db, taskId)!.status === "done");
    expect(() => reportBatchFile(organizer, mv, taskId)).toThrow();
    const zip = await JSZip.loadAsync(reportBatchFile(head, mv, taskId).body);
    expect(Object.keys(zip.files)).toHaveLength(4);
  });
});
