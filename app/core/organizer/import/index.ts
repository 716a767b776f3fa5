import { foldVietnamese } from "../../text";
import { parseAiken } from "./aiken";
import { parseGift } from "./gift";
import { parseCsv } from "./table";
import type { ImportedQuestion, ImportFormat, ImportParse, ImportSkip } from "./types";

export * from "./types";
export { parseAiken } from "./aiken";
export { parseGift, toGift } from "./gift";
export { parseCsv, parseQuestionRows, TABLE_COLUMNS, columnLetter, parseDate } from "./table";

/** Parses text formats (xlsx is read to rows by the worker and goes through parseQuestionRows). */
export function parseText(format: Exclude<ImportFormat, "xlsx">, text: string): ImportParse {
  if (format === "csv") return parseCsv(text);
  if (format === "gift") return parseGift(text);
  return parseAiken(text);
}

/**
 * Duplicate stems (folded: no diacritics, case or spacing) within the file and against the bank: the later
 * copy is skipped, with its line and the reason.
 */
export function flagDuplicates(
  parsed: ImportParse,
  existing: ReadonlyMap<string, number>
): { questions: ImportedQuestion[]; duplicates: ImportSkip[] } {
  const seen = new Map<string, number>();
  const questions: ImportedQuestion[] = [];
  const duplicates: ImportSkip[] = [];
  for (const q of parsed.questions) {
    const key = foldVietnamese(q.stem);
    const bankId = existing.get(key);
    if (bankId !== undefined) {
      duplicates.push({ line: q.line, reason: `Trùng nội dung với câu hỏi #${bankId} đã có trong ngân hàng` });
      continue;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      duplicates.push({ line: q.line, reason: `Trùng nội dung với câu ở dòng ${earlier} của tệp` });
      continue;
    }
    seen.set(key, q.line);
    questions.push(q);
  }
  return { questions, duplicates };
}
