import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { decodeTextFile, EXCEL_FORMAT, excelDuration, excelVietnamTime, neutralizeRecord } from "../app/core/spreadsheet";
import { xlsxRefusal } from "../app/core/zip-guard";
import { parseLegalTexts, supersededBasis, type SupersededText } from "../app/core/organizer/legal";
import {
  detectFormat,
  flagDuplicates,
  parseQuestionRows,
  parseText,
  TABLE_COLUMNS,
  toGift,
  type ImportError,
  type ImportedQuestion,
  type ImportFormat,
  type ImportParse,
  type ImportSkip,
} from "../app/core/organizer/import";
import { foldVietnamese } from "../app/core/text";
import { logAudit } from "../db/audit";
import { databasePath, type Db } from "../db/connection";
import {
  bankForExport,
  existingStems,
  externalIdsTaken,
  getRound,
  listCategories,
  roundFigure,
  updateRound,
  type BankFilter,
} from "../db/organizer/organizer";
import { insertQuestion } from "../db/quiz/questions";
import { questionCategories } from "../db/schema";
import { roundStanding } from "../db/quiz/standings";
import { getTask, updateTask, type TaskRow } from "../db/tasks";
import { ORGANIZER_TASK } from "./queues";

/** Uploaded and exported files live beside the database. */
export function filesDir(): string {
  const dir = path.join(path.dirname(databasePath()), "files");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function legalTable(): SupersededText[] {
  const file = path.resolve(process.env.CONTENT_DIR ?? "content", "legal-texts.yaml");
  return fs.existsSync(file) ? parseLegalTexts(fs.readFileSync(file, "utf8")) : [];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

const CHUNK = 500;

/** Reads an import file into questions, errors and skipped items; large spreadsheets report progress as they go. */
export async function readImportFile(
  file: string,
  format: ImportFormat,
  onProgress?: (done: number, total: number) => void
): Promise<ImportParse> {
  if (format !== "xlsx") {
    const decoded = decodeTextFile(fs.readFileSync(file));
    if (!decoded.ok) return { questions: [], skipped: [], errors: [{ line: 1, column: "", message: decoded.message }] };
    return parseText(format, decoded.text);
  }
  const refusal = xlsxRefusal(fs.readFileSync(file));
  if (refusal) return { questions: [], skipped: [], errors: [{ line: 1, column: "", message: refusal }] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch {
    return { questions: [], skipped: [], errors: [{ line: 1, column: "", message: "Tệp không phải tệp Excel .xlsx đọc được" }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet)
    return { questions: [], skipped: [], errors: [{ line: 1, column: "", message: "Tệp Excel không có trang tính nào" }] };
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as ExcelJS.CellValue[];
    rows.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1])));
  }
  const [header, ...data] = rows;
  const out: ImportParse = { questions: [], errors: [], skipped: [] };
  for (let start = 0; start < Math.max(1, data.length); start += CHUNK) {
    const part = parseQuestionRows([header ?? [], ...data.slice(start, start + CHUNK)], 1 + start);
    out.questions.push(...part.questions);
    out.errors.push(...part.errors);
    if (part.errors.some((e) => e.column === "tiêu đề")) break;
    onProgress?.(Math.min(start + CHUNK, data.length), data.length);
    // Let the worker's lock renewals and the progress readers in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

export type PreparedImport = {
  questions: (ImportedQuestion & { categoryName: string })[];
  errors: ImportError[];
  skipped: ImportSkip[];
  newCategories: string[];
};

const FALLBACK_CATEGORY = "Chưa phân loại";

/**
 * Checks a parsed file against the bank: duplicate stems are skipped, taken question codes are errors,
 * a question resting on a superseded legal text goes in as a draft. Nothing is written.
 */
export function prepareImport(
  db: Db,
  parsed: ImportParse,
  options: { defaultCategoryId?: number | null; today: string; ownerUnitId?: number | null }
): PreparedImport & { ownerUnitId: number | null } {
  const ownerUnitId = options.ownerUnitId ?? null;
  // Duplicates are looked for in the bank the file goes to: another unit's copy of a question is theirs.
  const { questions, duplicates } = flagDuplicates(parsed, existingStems(db, ownerUnitId));
  const errors = [...parsed.errors];
  const codes = questions.map((q) => q.externalId).filter((c): c is string => !!c);
  const taken = new Set(externalIdsTaken(db, codes));
  const seenCodes = new Map<string, number>();
  for (const q of questions) {
    if (!q.externalId) continue;
    if (taken.has(q.externalId))
      errors.push({ line: q.line, column: "Mã câu hỏi", message: `Mã câu hỏi "${q.externalId}" đã có trong ngân hàng` });
    const earlier = seenCodes.get(q.externalId);
    if (earlier !== undefined)
      errors.push({ line: q.line, column: "Mã câu hỏi", message: `Mã câu hỏi "${q.externalId}" trùng với dòng ${earlier}` });
    seenCodes.set(q.externalId, q.line);
  }
  const categories = listCategories(db);
  const byFolded = new Map(categories.map((c) => [foldVietnamese(c.name), c.name]));
  const defaultName = categories.find((c) => c.id === options.defaultCategoryId)?.name ?? FALLBACK_CATEGORY;
  const newCategories = new Set<string>();
  const legal = legalTable();
  const prepared = questions.map((q) => {
    const wanted = q.category ?? defaultName;
    const categoryName = byFolded.get(foldVietnamese(wanted)) ?? wanted;
    if (!byFolded.has(foldVietnamese(wanted))) newCategories.add(categoryName);
    const warnings = [...q.warnings];
    let draft = q.draft;
    const superseded = q.legalBasis ? supersededBasis(q.legalBasis, legal, options.today) : [];
    if (superseded.length) {
      draft = true;
      warnings.push(`Căn cứ ${superseded.map((s) => s.text).join(", ")} đã được thay thế: lưu ở trạng thái nháp`);
    }
    if (!q.legalBasis) warnings.push("Thiếu căn cứ pháp lý");
    return { ...q, categoryName, draft, warnings };
  });
  errors.sort((a, b) => a.line - b.line);
  return {
    questions: prepared,
    errors,
    skipped: [...parsed.skipped, ...duplicates].sort((a, b) => a.line - b.line),
    newCategories: [...newCategories],
    ownerUnitId,
  };
}

function slugFor(name: string, taken: Set<string>): string {
  const base =
    foldVietnamese(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "chu-de";
  let slug = base;
  for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
  taken.add(slug);
  return slug;
}

/** Writes every prepared question in one transaction; refuses when the file has any error. */
export function commitImport(
  db: Db,
  prepared: PreparedImport & { ownerUnitId?: number | null },
  now: number,
  onCommitted?: () => void
): number {
  if (prepared.errors.length) throw new Error("Tệp còn lỗi: không nhập câu hỏi nào.");
  return db.transaction(() => {
    const categories = listCategories(db);
    const ids = new Map(categories.map((c) => [foldVietnamese(c.name), c.id]));
    const slugs = new Set(categories.map((c) => c.slug));
    for (const name of prepared.newCategories) {
      if (ids.has(foldVietnamese(name))) continue;
      const row = db
        .insert(questionCategories)
        .values({ slug: slugFor(name, slugs), name })
        .returning({ id: questionCategories.id })
        .get();
      ids.set(foldVietnamese(name), row.id);
    }
    for (const q of prepared.questions) {
      insertQuestion(
        db,
        {
          externalId: q.externalId,
          ownerUnitId: prepared.ownerUnitId ?? null,
          categoryId: ids.get(foldVietnamese(q.categoryName))!,
          stem: q.stem,
          stemFolded: foldVietnamese(q.stem),
          options: q.options,
          answerIndex: q.answerIndex,
          pinOptions: q.pinOptions,
          explanation: q.explanation,
          legalBasis: q.legalBasis,
          asOf: q.asOf,
          difficulty: q.difficulty,
        },
        now,
        q.draft ? "draft" : "active"
      );
    }
    onCommitted?.();
    return prepared.questions.length;
  });
}

const today = (now: number) => new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);

/** The summary a preview shows: the first rows, every error and skipped item. */
function previewSummary(prepared: PreparedImport, fileName: string, format: ImportFormat) {
  return {
    fileName,
    format,
    count: prepared.questions.length,
    drafts: prepared.questions.filter((q) => q.draft).length,
    newCategories: prepared.newCategories,
    errors: prepared.errors.slice(0, 500),
    errorCount: prepared.errors.length,
    skipped: prepared.skipped.slice(0, 500),
    sample: prepared.questions.slice(0, 20).map((q) => ({
      line: q.line,
      stem: q.stem,
      options: q.options,
      answer: "ABCDEF"[q.answerIndex],
      category: q.categoryName,
      difficulty: q.difficulty,
      warnings: q.warnings,
    })),
  };
}

const importInput = (task: TaskRow) => {
  const input = task.input as { file?: unknown; format?: unknown; fileName?: unknown; defaultCategoryId?: unknown; ownerUnitId?: unknown } | null;
  if (!input || typeof input.file !== "string" || typeof input.fileName !== "string") throw new Error("Tác vụ nhập thiếu tệp.");
  const format = (typeof input.format === "string" ? input.format : null) ?? detectFormat(input.fileName);
  if (format !== "xlsx" && format !== "csv" && format !== "gift" && format !== "aiken")
    throw new Error("Không nhận ra định dạng tệp.");
  return {
    file: input.file,
    fileName: input.fileName,
    format: format as ImportFormat,
    defaultCategoryId: typeof input.defaultCategoryId === "number" ? input.defaultCategoryId : null,
    // The bank the questions go to, fixed by the web side from the organizer's scope when the file came in.
    ownerUnitId: typeof input.ownerUnitId === "number" ? input.ownerUnitId : null,
  };
};

/** Runs one organizer task to its end; a task already done is left as it is (a job may run twice). */
export async function runOrganizerTask(db: Db, taskId: number, now = () => Date.now()): Promise<string> {
  const task = getTask(db, taskId);
  if (!task) return "missing";
  if (task.status === "done") return "already_done";
  updateTask(db, taskId, { status: "running", progress: 0, error: null });
  try {
    switch (task.kind) {
      case ORGANIZER_TASK.importPreview: {
        const input = importInput(task);
        const parsed = await readImportFile(input.file, input.format, (done, total) =>
          updateTask(db, taskId, { progress: done, total })
        );
        const prepared = prepareImport(db, parsed, {
          defaultCategoryId: input.defaultCategoryId,
          ownerUnitId: input.ownerUnitId,
          today: today(now()),
        });
        const total = Math.max(1, prepared.questions.length + prepared.errors.length);
        updateTask(db, taskId, {
          status: "done",
          progress: total,
          total,
          result: previewSummary(prepared, input.fileName, input.format),
        });
        return "previewed";
      }
      case ORGANIZER_TASK.importCommit: {
        const previewId = (task.input as { previewTaskId?: unknown } | null)?.previewTaskId;
        const preview = typeof previewId === "number" ? getTask(db, previewId) : undefined;
        if (!preview || preview.kind !== ORGANIZER_TASK.importPreview || preview.status !== "done")
          throw new Error("Không tìm thấy bản xem trước của tệp.");
        const input = importInput(preview);
        const parsed = await readImportFile(input.file, input.format, (done, total) =>
          updateTask(db, taskId, { progress: Math.floor(done / 2), total })
        );
        const prepared = prepareImport(db, parsed, {
          defaultCategoryId: input.defaultCategoryId,
          ownerUnitId: input.ownerUnitId,
          today: today(now()),
        });
        if (prepared.errors.length)
          throw new Error(`Tệp có ${prepared.errors.length} lỗi: không nhập câu hỏi nào. Hãy xem trước lại.`);
        const total = Math.max(1, prepared.questions.length);
        // The task is marked done in the same transaction as the questions: a second run finds it done.
        const imported = commitImport(db, prepared, now(), () => {
          updateTask(db, taskId, {
            status: "done",
            progress: total,
            total,
            result: {
              imported: prepared.questions.length,
              drafts: prepared.questions.filter((q) => q.draft).length,
              skipped: prepared.skipped,
            },
          });
          logAudit(db, {
            userId: task.createdBy,
            action: "question.import",
            entity: "question",
            detail: { file: input.fileName, imported: prepared.questions.length, skipped: prepared.skipped.length },
          });
        });
        return `imported ${imported}`;
      }
      case ORGANIZER_TASK.questionExport:
        return await exportQuestions(db, task);
      case ORGANIZER_TASK.rankingExport:
        return await exportRanking(db, task);
      default:
        throw new Error(`Không biết tác vụ ${task.kind}.`);
    }
  } catch (err) {
    updateTask(db, taskId, { status: "failed", error: (err as Error).message });
    return "failed";
  }
}

async function exportQuestions(db: Db, task: TaskRow): Promise<string> {
  const input = (task.input ?? {}) as { format?: string; filter?: Partial<BankFilter> };
  const f = input.filter ?? {};
  // The web side put the organizer's banks in the filter; a task without them exports nothing rather than all.
  const owners = f.owners === null ? null : Array.isArray(f.owners) ? f.owners.filter((n): n is number => Number.isInteger(n)) : [];
  const rows = bankForExport(db, {
    owners,
    folded: f.folded ?? null,
    categoryId: f.categoryId ?? null,
    difficulty: f.difficulty ?? null,
    status: f.status ?? null,
    use: f.use ?? null,
  });
  const dir = filesDir();
  const total = Math.max(1, rows.length);
  updateTask(db, task.id, { total });
  if (input.format === "gift") {
    const text = toGift(
      rows.map((q) => ({
        title: q.externalId ?? `q${q.id}`,
        category: q.categoryName,
        stem: q.stem,
        options: q.options,
        answerIndex: q.answerIndex,
        explanation: q.explanation,
      }))
    );
    const file = path.join(dir, `task-${task.id}.gift.txt`);
    fs.writeFileSync(file, text, "utf8");
    updateTask(db, task.id, {
      status: "done",
      progress: total,
      result: { file, downloadName: "ngan-hang-cau-hoi.gift.txt", count: rows.length, personal: false },
    });
    return "exported";
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Câu hỏi");
  // "Đúng đến ngày" is a date cell (read back by cellText as an ISO date, so the file imports again).
  sheet.columns = TABLE_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === "stem" ? 60 : 20,
    ...(c.key === "asOf" ? { style: { numFmt: EXCEL_FORMAT.date } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  const difficulty = { de: "Dễ", trung_binh: "Trung bình", kho: "Khó" } as const;
  rows.forEach((q, i) => {
    const letters = ["A", "B", "C", "D", "E", "F"];
    sheet.addRow(
      neutralizeRecord({
        externalId: q.externalId ?? "",
        category: q.categoryName,
        stem: q.stem,
        ...Object.fromEntries(letters.map((l, k) => [l, q.options[k] ?? ""])),
        answer: letters[q.answerIndex],
        difficulty: difficulty[q.difficulty],
        legalBasis: q.legalBasis,
        asOf: q.asOf ? new Date(`${q.asOf}T00:00:00Z`) : null,
        explanation: q.explanation,
        pinOptions: q.pinOptions ? "Có" : "",
      }),
    );
    if ((i + 1) % CHUNK === 0) updateTask(db, task.id, { progress: i + 1 });
  });
  const file = path.join(dir, `task-${task.id}.xlsx`);
  await workbook.xlsx.writeFile(file);
  updateTask(db, task.id, {
    status: "done",
    progress: total,
    result: { file, downloadName: "ngan-hang-cau-hoi.xlsx", count: rows.length, personal: false },
  });
  return "exported";
}

export function durationText(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m} phút ${s} giây` : `${s} giây`;
}

/**
 * The ranking and the prize list with the columns organizers publish (họ tên, đơn vị, điểm, thời gian làm bài,
 * dự đoán) and what they need to reach and check a winner (số điện thoại, chức vụ). Times are date cells in
 * Vietnam time and durations are time values, so the columns sort and sum; the download is logged as personal data.
 */
async function exportRanking(db: Db, task: TaskRow): Promise<string> {
  const roundId = (task.input as { roundId?: unknown } | null)?.roundId;
  const standing = typeof roundId === "number" ? roundStanding(db, roundId) : null;
  if (!standing) throw new Error("Không tìm thấy vòng thi.");
  const total = Math.max(1, standing.rows.length);
  updateTask(db, task.id, { total });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cuocthi";
  const columns: Partial<ExcelJS.Column>[] = [
    { header: "Hạng", key: "rank", width: 8 },
    { header: "Họ tên", key: "fullName", width: 28 },
    { header: "Số điện thoại", key: "phone", width: 14 },
    { header: "Chức vụ", key: "position", width: 24 },
    { header: "Đơn vị", key: "unitName", width: 36 },
    { header: "Điểm", key: "score", width: 8, style: { numFmt: EXCEL_FORMAT.decimal } },
    { header: "Thời gian làm bài (phút:giây)", key: "duration", width: 14, style: { numFmt: EXCEL_FORMAT.duration } },
    { header: "Dự đoán", key: "prediction", width: 10, style: { numFmt: EXCEL_FORMAT.integer } },
  ];
  const ranking = workbook.addWorksheet("Xếp hạng");
  ranking.columns = [
    ...columns,
    { header: "Chênh lệch dự đoán", key: "gap", width: 12, style: { numFmt: EXCEL_FORMAT.integer } },
    { header: "Nộp bài lúc", key: "submittedAt", width: 18, style: { numFmt: EXCEL_FORMAT.dateTime } },
    { header: "Đồng hạng", key: "tied", width: 10 },
    { header: "Giải", key: "prize", width: 18 },
  ];
  ranking.getRow(1).font = { bold: true };
  const person = (r: (typeof standing.rows)[number]) =>
    neutralizeRecord({
      rank: r.rank,
      fullName: r.fullName,
      phone: r.phone,
      position: r.position ?? "",
      unitName: r.unitName ?? "",
      score: r.score,
      duration: excelDuration(r.durationMs),
      prediction: r.prediction ?? null,
    });
  standing.rows.forEach((r, i) => {
    ranking.addRow({
      ...person(r),
      gap: r.predictionGap ?? null,
      submittedAt: excelVietnamTime(r.submittedAt),
      tied: r.tied ? "Có" : "",
      prize: r.prize ?? "",
    });
    if ((i + 1) % CHUNK === 0) updateTask(db, task.id, { progress: i + 1 });
  });
  const prizes = workbook.addWorksheet("Giải thưởng");
  prizes.columns = [{ header: "Giải", key: "prize", width: 18 }, ...columns];
  prizes.getRow(1).font = { bold: true };
  const byUser = new Map(standing.rows.map((r) => [r.userId, r]));
  for (const a of standing.awards) prizes.addRow({ prize: a.prize, ...person(byUser.get(a.userId)!) });
  const file = path.join(filesDir(), `task-${task.id}.xlsx`);
  await workbook.xlsx.writeFile(file);
  updateTask(db, task.id, {
    status: "done",
    progress: total,
    result: { file, downloadName: `xep-hang-vong-${standing.round.id}.xlsx`, count: standing.rows.length, personal: true },
  });
  return "exported";
}

/**
 * Counts the true figure of a round's prediction question once the round has closed. Does nothing when the
 * round's close time has changed since the job was queued (a newer job carries the new time), when the
 * figure is entered by hand, or when it is already set: safe to run twice.
 */
export function settleRoundFigure(db: Db, roundId: number, closesAt: number, now: number): string {
  const round = getRound(db, roundId);
  if (!round || round.closesAt !== closesAt || round.status !== "published") return "stale";
  if (round.predictionTarget === "manual" || round.predictionActual !== null || !round.predictionPrompt) return "nothing_to_do";
  if (now < round.closesAt) throw new Error("round still open");
  const actual = roundFigure(db, roundId, round.predictionTarget);
  updateRound(db, roundId, { predictionActual: actual });
  logAudit(db, {
    userId: null,
    action: "round.settle_figure",
    entity: "round",
    entityId: roundId,
    detail: { actual, automatic: true },
  });
  return "settled";
}
