import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { Queue } from "bullmq";
import ExcelJS from "exceljs";
import { TABLE_COLUMNS } from "../../app/core/organizer/import";
import { auditLog, questions, roundResults, rounds } from "../../db/schema";
import { createTask, getTask } from "../../db/tasks";
import { closeWebQueues, enqueueOrganizerTask, ORGANIZER_TASK, QUEUE, queueConfig, redisConnection } from "../../workers/queues";
import { startWorkers, type RunningWorkers } from "../../workers/main";
import { readImportFile, runOrganizerTask } from "../../workers/organizer";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("organizer");
const { db } = env;
const fx = seedQuizFixture(db, { people: 3, bankSize: 12 });
let workers: RunningWorkers;
const dir = path.join(path.dirname(env.file), `org-${process.pid}`);

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

async function waitForTask(id: number, timeoutMs = 20_000) {
  const start = Date.now();
  for (;;) {
    const t = getTask(db, id)!;
    if (t.status === "done" || t.status === "failed") return { task: t };
    if (Date.now() - start > timeoutMs) throw new Error(`task ${id} still ${t.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const questionCount = () =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(questions)
    .get()!.n;

/** A spreadsheet of `n` good questions; `badRow` (a spreadsheet row number) gets an answer that points nowhere. */
async function sheet(name: string, n: number, badRow?: number): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("Câu hỏi");
  ws.addRow(TABLE_COLUMNS.map((c) => c.header));
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    ws.addRow([
      `nhap-${name}-${i}`,
      "Nhập thử",
      `Câu hỏi nhập số ${i} của tệp ${name}?`,
      "Một",
      "Hai",
      "",
      "",
      "",
      "",
      row === badRow ? "D" : "A",
      "Khó",
      "Luật 1/2025",
      new Date(Date.UTC(2025, 6, 1)),
    ]);
  }
  const file = path.join(dir, `${name}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  fs.mkdirSync(dir, { recursive: true });
  await obliterateQueues();
  workers = await startWorkers({ sweepEveryMs: 60_000 });
});

afterAll(async () => {
  await workers.close();
  await closeWebQueues();
  await obliterateQueues();
  fs.rmSync(dir, { recursive: true, force: true });
  env.cleanup();
});

async function previewAndCommit(file: string) {
  const preview = createTask(db, {
    kind: ORGANIZER_TASK.importPreview,
    input: { file, fileName: path.basename(file), format: "xlsx" },
    createdBy: fx.people[0].id,
  });
  expect(await enqueueOrganizerTask(ORGANIZER_TASK.importPreview, preview.id)).toBe(true);
  const previewed = await waitForTask(preview.id);
  const commit = createTask(db, {
    kind: ORGANIZER_TASK.importCommit,
    input: { previewTaskId: preview.id },
    createdBy: fx.people[0].id,
  });
  await enqueueOrganizerTask(ORGANIZER_TASK.importCommit, commit.id);
  return { previewed, committed: await waitForTask(commit.id) };
}

describe("imports in the worker", () => {
  it("previews without writing, then imports 2,400 rows in one go with progress reported", async () => {
    const before = questionCount();
    const file = await sheet("lon", 2400);
    const steps: [number, number][] = [];
    await readImportFile(file, "xlsx", (done, total) => steps.push([done, total]));
    expect(steps).toEqual([500, 1000, 1500, 2000, 2400].map((d) => [d, 2400]));
    const { previewed, committed } = await previewAndCommit(file);
    expect(previewed.task.status).toBe("done");
    expect(previewed.task.result).toMatchObject({ count: 2400, errorCount: 0, newCategories: ["Nhập thử"] });
    expect([previewed.task.progress, previewed.task.total]).toEqual([2400, 2400]);
    expect(committed.task.status).toBe("done");
    expect(committed.task.result).toMatchObject({ imported: 2400 });
    expect(questionCount()).toBe(before + 2400);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "question.import")).all()).toHaveLength(1);
  });

  it("imports nothing when one row has an error, and names its row, column and reason", async () => {
    const before = questionCount();
    const { previewed, committed } = await previewAndCommit(await sheet("loi", 300, 151));
    expect(previewed.task.result).toMatchObject({
      count: 299,
      errorCount: 1,
      errors: [{ line: 151, column: "J (Đáp án)", message: "Đáp án D chỉ tới một phương án để trống" }],
    });
    expect(committed.task.status).toBe("failed");
    expect(committed.task.error).toMatch(/không nhập câu hỏi nào/);
    expect(questionCount()).toBe(before);
  });

  it("running the same commit twice imports once", async () => {
    const file = await sheet("hai-lan", 10);
    const { committed } = await previewAndCommit(file);
    const before = questionCount();
    expect(await runOrganizerTask(db, committed.task.id)).toBe("already_done");
    expect(questionCount()).toBe(before);
  });
});

describe("exports in the worker", () => {
  it("exports the bank to Excel with the template's columns", async () => {
    const task = createTask(db, {
      kind: ORGANIZER_TASK.questionExport,
      input: { format: "xlsx", filter: { owners: null, categoryId: fx.categoryId } },
      createdBy: fx.people[0].id,
    });
    await enqueueOrganizerTask(ORGANIZER_TASK.questionExport, task.id);
    const { task: done } = await waitForTask(task.id);
    expect(done.status).toBe("done");
    const result = done.result as { file: string; count: number };
    expect(result.count).toBe(12);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(result.file);
    const ws = workbook.worksheets[0];
    expect(ws.getCell("C2").value).toBe("Câu hỏi thử 0?");
    expect(ws.getCell("J2").value).toBe("B");
  });

  it("exports a round's ranking and prizes with the published columns", async () => {
    const now = Date.now();
    db.update(rounds)
      .set({ prizeTable: [{ name: "Giải Nhất", count: 1 }], predictionActual: 10 })
      .where(eq(rounds.id, fx.round.id))
      .run();
    // Two people with the same score: the closer prediction ranks first.
    const { startAttempt, submitAttempt } = await import("../../app/quiz/quiz.server");
    for (const [i, prediction] of [
      [0, 3],
      [1, 9],
    ] as const) {
      const started = startAttempt(db, { userId: fx.people[i].id, roundId: fx.round.id, now, seed: i });
      if (!started.ok) throw new Error("start failed");
      await submitAttempt(db, {
        attemptId: started.attemptId,
        userId: fx.people[i].id,
        now: now + 1000,
        body: { prediction } as never,
      });
    }
    const start = Date.now();
    while (db.select().from(roundResults).all().length < 2) {
      if (Date.now() - start > 15_000) throw new Error("not scored");
      await new Promise((r) => setTimeout(r, 50));
    }
    const task = createTask(db, {
      kind: ORGANIZER_TASK.rankingExport,
      input: { roundId: fx.round.id },
      createdBy: fx.people[0].id,
    });
    await enqueueOrganizerTask(ORGANIZER_TASK.rankingExport, task.id);
    const { task: done } = await waitForTask(task.id);
    expect(done.status).toBe("done");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((done.result as { file: string }).file);
    const ranking = workbook.getWorksheet("Xếp hạng")!;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => ranking.getRow(1).getCell(c).value)).toEqual([
      "Hạng",
      "Họ tên",
      "Số điện thoại",
      "Chức vụ",
      "Đơn vị",
      "Điểm",
      "Thời gian làm bài (phút:giây)",
      "Dự đoán",
    ]);
    expect(ranking.getCell("B2").value).toBe("Người thử 1");
    expect(ranking.getCell("H2").value).toBe(9);
    expect(ranking.getCell("E2").value).toBe("Xã Thử Nghiệm");
    const prizes = workbook.getWorksheet("Giải thưởng")!;
    expect(prizes.rowCount).toBe(2);
    expect(prizes.getCell("A2").value).toBe("Giải Nhất");
  });
});
