import { parse as parseCsvText } from "csv-parse/sync";
import { restoreNeutralized } from "../../spreadsheet";
import { foldVietnamese } from "../../text";
import type { Difficulty } from "../../quiz/draw";
import { type ImportError, type ImportParse, question } from "./types";

/** The columns of the Excel template and of CSV files, in order; headers are matched ignoring diacritics and case. */
export const TABLE_COLUMNS = [
  { key: "externalId", header: "Mã câu hỏi", hint: "Không bắt buộc; chữ thường, số, dấu gạch ngang" },
  { key: "category", header: "Chủ đề", hint: "Tên chủ đề; chủ đề mới được tạo" },
  { key: "stem", header: "Câu hỏi", hint: "Nội dung câu hỏi" },
  { key: "A", header: "Phương án A", hint: "" },
  { key: "B", header: "Phương án B", hint: "" },
  { key: "C", header: "Phương án C", hint: "Không bắt buộc" },
  { key: "D", header: "Phương án D", hint: "Không bắt buộc" },
  { key: "E", header: "Phương án E", hint: "Không bắt buộc" },
  { key: "F", header: "Phương án F", hint: "Không bắt buộc" },
  { key: "answer", header: "Đáp án", hint: "Một chữ cái A–F" },
  { key: "difficulty", header: "Độ khó", hint: "Dễ, Trung bình hoặc Khó" },
  { key: "legalBasis", header: "Căn cứ pháp lý", hint: "Văn bản làm căn cứ" },
  { key: "asOf", header: "Đúng đến ngày", hint: "Ngày câu hỏi còn đúng, dd/mm/yyyy" },
  { key: "explanation", header: "Giải thích", hint: "Không bắt buộc" },
  { key: "pinOptions", header: "Giữ thứ tự phương án", hint: "Có hoặc để trống" },
] as const;

type Key = (typeof TABLE_COLUMNS)[number]["key"];
const LETTERS = ["A", "B", "C", "D", "E", "F"] as const;

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const DIFFICULTY: Record<string, Difficulty> = {
  de: "de",
  "trung binh": "trung_binh",
  trung_binh: "trung_binh",
  tb: "trung_binh",
  kho: "kho",
};

/** "dd/mm/yyyy" or "yyyy-mm-dd" to "yyyy-mm-dd", or null when it is not a real date. */
export function parseDate(text: string): string | null {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Rows of a spreadsheet or CSV (first row the headers, cells as text; row numbers are 1-based as the
 * spreadsheet shows them). Every problem names its row, column and reason.
 */
export function parseQuestionRows(rows: readonly (readonly string[])[], firstRowNumber = 1): ImportParse {
  const result: ImportParse = { questions: [], errors: [], skipped: [] };
  const header = rows[0] ?? [];
  const at = new Map<Key, number>();
  header.forEach((h, i) => {
    const col = TABLE_COLUMNS.find((c) => foldVietnamese(c.header) === foldVietnamese(String(h ?? "")));
    if (col && !at.has(col.key)) at.set(col.key, i);
  });
  for (const required of ["stem", "A", "B", "answer"] as const) {
    if (!at.has(required)) {
      const col = TABLE_COLUMNS.find((c) => c.key === required)!;
      result.errors.push({ line: firstRowNumber, column: "tiêu đề", message: `Thiếu cột "${col.header}" ở dòng tiêu đề` });
    }
  }
  if (result.errors.length) return result;
  const colName = (key: Key) => {
    const i = at.get(key)!;
    return `${columnLetter(i)} (${TABLE_COLUMNS.find((c) => c.key === key)!.header})`;
  };

  rows.slice(1).forEach((row, i) => {
    const line = firstRowNumber + 1 + i;
    const cell = (key: Key) => {
      const idx = at.get(key);
      return idx === undefined
        ? ""
        : restoreNeutralized(
            String(row[idx] ?? "")
              .normalize("NFC")
              .trim(),
          );
    };
    if (row.every((c) => String(c ?? "").trim() === "")) return;
    const errors: ImportError[] = [];
    const err = (key: Key, message: string) => errors.push({ line, column: at.has(key) ? colName(key) : key, message });

    const stem = cell("stem");
    if (stem.length < 5) err("stem", stem ? "Nội dung câu hỏi quá ngắn (ít nhất 5 ký tự)" : "Thiếu nội dung câu hỏi");
    const options: string[] = [];
    let gap = false;
    for (const letter of LETTERS) {
      const v = cell(letter);
      if (v && gap) err(letter, `Phương án ${letter} đứng sau một phương án để trống`);
      if (v) options.push(v);
      else gap = true;
    }
    if (options.length < 2) err(options.length === 0 ? "A" : "B", "Cần ít nhất 2 phương án (A và B)");
    const answer = cell("answer").toUpperCase();
    const answerIndex = LETTERS.indexOf(answer as (typeof LETTERS)[number]);
    if (!answer) err("answer", "Thiếu đáp án");
    else if (answerIndex === -1) err("answer", `Đáp án "${cell("answer")}" phải là một chữ cái từ A đến F`);
    else if (answerIndex >= options.length) err("answer", `Đáp án ${answer} chỉ tới một phương án để trống`);
    const diffText = foldVietnamese(cell("difficulty"));
    const difficulty = diffText ? DIFFICULTY[diffText] : "trung_binh";
    if (!difficulty) err("difficulty", `Độ khó "${cell("difficulty")}" phải là Dễ, Trung bình hoặc Khó`);
    const asOfText = cell("asOf");
    const asOf = asOfText ? parseDate(asOfText) : null;
    if (asOfText && !asOf) err("asOf", `Ngày "${asOfText}" không hợp lệ; ghi dạng dd/mm/yyyy`);
    const externalId = cell("externalId") || null;
    if (externalId && !/^[a-z0-9-]+$/.test(externalId))
      err("externalId", "Mã câu hỏi chỉ gồm chữ thường không dấu, số và dấu gạch ngang");
    const pin = foldVietnamese(cell("pinOptions"));
    if (pin && !["co", "x", "1", "khong", "0"].includes(pin))
      err("pinOptions", `"${cell("pinOptions")}" phải là Có hoặc để trống`);

    if (errors.length) {
      result.errors.push(...errors);
      return;
    }
    result.questions.push(
      question({
        line,
        externalId,
        category: cell("category") || null,
        stem,
        options,
        answerIndex,
        difficulty,
        legalBasis: cell("legalBasis"),
        asOf,
        explanation: cell("explanation"),
        pinOptions: ["co", "x", "1"].includes(pin),
      })
    );
  });
  return result;
}

export function parseCsv(text: string): ImportParse {
  let rows: string[][];
  try {
    rows = parseCsvText(text.replace(/^\uFEFF/, ""), {
      relax_column_count: true,
      skip_empty_lines: false,
      delimiter: [",", ";"],
    });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return {
      questions: [],
      skipped: [],
      errors: [{ line, column: "", message: `Tệp CSV không đọc được: ${(e as Error).message}` }],
    };
  }
  return parseQuestionRows(rows);
}
