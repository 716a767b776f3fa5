import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { downloadTaskFile } from "../../app/organizer/organizer.server";
import { organizerWorkbook, unitHeadWorkbook } from "../../app/participation/export.server";
import type { CurrentUser } from "../../app/account/session.server";
import { attempts, auditLog, contests, roundResults, rounds, users } from "../../db/schema";
import { createTask, getTask } from "../../db/tasks";
import { ORGANIZER_TASK } from "../../workers/queues";
import { runOrganizerTask } from "../../workers/organizer";
import { recomputeContest } from "../../workers/participation";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("exports");
const { db } = env;
const fx = seedQuizFixture(db, { people: 3, bankSize: 6 });
const organizer: CurrentUser = {
  id: fx.people[2].id,
  fullName: fx.people[2].fullName,
  phone: fx.people[2].phone,
  unitId: fx.unit.id,
  unitName: fx.unit.name,
  position: null,
  roles: [{ role: "organizer", unitId: fx.unit.id }],
};
// 2026-03-05 08:30:00 in Vietnam is 01:30:00 UTC.
const submittedAt = Date.UTC(2026, 2, 5, 1, 30, 0);

db.update(contests).set({ organizerUnitId: fx.unit.id }).where(eq(contests.id, fx.contest.id)).run();
db.update(users).set({ position: "Chuyên viên" }).where(eq(users.id, fx.people[0].id)).run();
db.update(rounds).set({ prizeTable: [{ name: "Giải Nhất", count: 1 }] }).where(eq(rounds.id, fx.round.id)).run();
for (const [i, score] of [
  [0, 9],
  [1, 7],
] as const) {
  const a = db
    .insert(attempts)
    .values({ roundId: fx.round.id, userId: fx.people[i].id, attemptNo: 1, startedAt: submittedAt - 200_000, deadlineAt: submittedAt + 400_000, questionCount: 10, submittedAt, endReason: "submitted", score, scoredAt: submittedAt })
    .returning()
    .get();
  db.insert(roundResults).values({ roundId: fx.round.id, userId: fx.people[i].id, attemptId: a.id, score, durationMs: 125_000 + i * 1000, submittedAt, prediction: 40 + i }).run();
}

const lastAudit = () => db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;

async function runTask(kind: (typeof ORGANIZER_TASK)[keyof typeof ORGANIZER_TASK], input: Record<string, unknown>) {
  const task = createTask(db, { kind, input, createdBy: organizer.id });
  await runOrganizerTask(db, task.id);
  const done = getTask(db, task.id)!;
  expect(done.status).toBe("done");
  return done;
}

async function readBack(data: Buffer | string) {
  const wb = new ExcelJS.Workbook();
  if (typeof data === "string") await wb.xlsx.readFile(data);
  else await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

afterAll(() => env.cleanup?.());

describe("Excel exports keep dates and numbers as cells that sort and sum", () => {
  it("writes the quiz ranking with phone, position and unit, a Vietnam-time date cell and a duration value", async () => {
    const done = await runTask(ORGANIZER_TASK.rankingExport, { roundId: fx.round.id });
    const wb = await readBack((done.result as { file: string }).file);
    const ws = wb.getWorksheet("Xếp hạng")!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 5)).toEqual(["Hạng", "Họ tên", "Số điện thoại", "Chức vụ", "Đơn vị"]);
    const col = (h: string) => headers.indexOf(h) + 1;
    const first = ws.getRow(2);
    expect(first.getCell(col("Họ tên")).value).toBe("Người thử 0");
    expect(first.getCell(col("Số điện thoại")).value).toBe(fx.people[0].phone);
    expect(first.getCell(col("Chức vụ")).value).toBe("Chuyên viên");
    expect(first.getCell(col("Đơn vị")).value).toBe("Xã Thử Nghiệm");
    expect(first.getCell(col("Điểm")).value).toBe(9);
    const at = first.getCell(col("Nộp bài lúc"));
    expect(at.type).toBe(ExcelJS.ValueType.Date);
    // The cell shows Vietnam's wall clock: 05/03/2026 08:30.
    expect((at.value as Date).toISOString()).toBe("2026-03-05T08:30:00.000Z");
    expect(at.numFmt).toBe("dd/mm/yyyy hh:mm");
    const duration = first.getCell(col("Thời gian làm bài (phút:giây)"));
    // A duration is Excel's time value (a fraction of a day); exceljs reads a time-formatted number back as a Date.
    expect(duration.numFmt).toBe("[m]:ss");
    expect(((duration.value as Date).getTime() - Date.UTC(1899, 11, 30)) / 1000).toBeCloseTo(125, 3);
    expect(first.getCell(col("Dự đoán")).type).toBe(ExcelJS.ValueType.Number);
    const prizes = wb.getWorksheet("Giải thưởng")!;
    expect(prizes.getCell("A2").value).toBe("Giải Nhất");
    expect(prizes.getCell("D2").value).toBe(fx.people[0].phone);
  });

  it("logs a ranking download as a personal-data export with its real row count", async () => {
    const done = await runTask(ORGANIZER_TASK.rankingExport, { roundId: fx.round.id });
    expect(downloadTaskFile(organizer, done.id)).not.toBeNull();
    const row = lastAudit();
    expect(row.action).toBe("export_personal_data");
    expect(row.detail).toMatchObject({ what: "quiz_ranking", rows: 2, roundId: fx.round.id });
  });

  it("logs a question-bank download under its own action with the number of questions, not as personal data", async () => {
    const done = await runTask(ORGANIZER_TASK.questionExport, { format: "xlsx", filter: { owners: null } });
    downloadTaskFile(organizer, done.id);
    const row = lastAudit();
    expect(row.action).toBe("question.export_download");
    expect(row.detail).toMatchObject({ rows: 6 });
    const wb = await readBack((done.result as { file: string }).file);
    const ws = wb.worksheets[0];
    const asOfCol = (ws.getRow(1).values as unknown[]).indexOf("Đúng đến ngày");
    const asOf = ws.getRow(2).getCell(asOfCol);
    expect(asOf.type).toBe(ExcelJS.ValueType.Date);
    expect((asOf.value as Date).toISOString().slice(0, 10)).toBe("2026-11-01");
    fs.rmSync((done.result as { file: string }).file);
  });

  it("writes participation rates as numbers with a percentage format, for the unit head and the organizer", async () => {
    recomputeContest(db, fx.contest.id, Date.now());
    const head: CurrentUser = { ...organizer, roles: [{ role: "unit_head", unitId: fx.unit.id }] };
    const own = await readBack((await unitHeadWorkbook(head, { unitId: null, contestId: fx.contest.id, roundId: null })).body);
    const summary = own.getWorksheet("Tổng hợp")!;
    const rateRow = [...Array(summary.rowCount).keys()].map((i) => summary.getRow(i + 1)).find((r) => r.getCell(1).value === "Tỷ lệ")!;
    expect(rateRow.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(rateRow.getCell(2).value).toBeCloseTo(2 / 10, 5);
    expect(rateRow.getCell(2).numFmt).toBe("0.0%");
    const exportedAt = [...Array(summary.rowCount).keys()].map((i) => summary.getRow(i + 1)).find((r) => r.getCell(1).value === "Xuất lúc")!;
    expect(exportedAt.getCell(2).type).toBe(ExcelJS.ValueType.Date);

    const all = await readBack((await organizerWorkbook(organizer, { contestId: fx.contest.id, roundId: null })).body);
    const units = all.getWorksheet("Tất cả đơn vị")!;
    const rate = units.getRow(2).getCell(5);
    expect(rate.type).toBe(ExcelJS.ValueType.Number);
    expect(rate.numFmt).toBe("0.0%");
    expect(units.getRow(2).getCell(3).value).toBe(2);
  });
});

describe("the organizer dashboard", () => {
  it("says what the average score is out of: the question count of the attempts scored today", async () => {
    const { dashboard } = await import("../../app/organizer/organizer.server");
    const now = Date.now();
    db.insert(attempts)
      .values({ roundId: fx.round.id, userId: fx.people[1].id, attemptNo: 2, startedAt: now, deadlineAt: now + 600_000, questionCount: 10, submittedAt: now, endReason: "submitted", score: 6, scoredAt: now })
      .run();
    const admin: CurrentUser = { ...organizer, roles: [{ role: "admin", unitId: null }] };
    const { totals } = dashboard(admin, now);
    expect(totals).toMatchObject({ avgScore: 6, minQuestions: 10, maxQuestions: 10 });
  });
});
