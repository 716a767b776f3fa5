import { type Scope, sharesProblem } from "./rules";

/** The columns of a past-recognitions file, in order (row 1 is the header). */
export const IMPORT_COLUMNS = [
  "Tên sáng kiến",
  "Lĩnh vực",
  "Mã đơn vị",
  "Tác giả",
  "Số quyết định",
  "Ngày quyết định",
  "Phạm vi ảnh hưởng",
  "Tóm tắt",
  "Đơn vị áp dụng",
] as const;

export type ImportedRecognition = {
  row: number;
  title: string;
  field: string;
  unitCode: string;
  authors: { fullName: string; share: number }[];
  decisionNumber: string;
  decisionDate: string;
  scope: Scope;
  summary: string;
  appliedUnitCodes: string[];
};
export type ImportError = { row: number; column: string; message: string };

const SCOPE_WORDS: Record<string, Scope> = {
  "co so": "co_so",
  co_so: "co_so",
  "cap co so": "co_so",
  "cap huyen": "cap_huyen",
  "cap huyen/so": "cap_huyen",
  "cap so": "cap_huyen",
  cap_huyen: "cap_huyen",
  "cap tinh": "cap_tinh",
  cap_tinh: "cap_tinh",
};

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();

const str = (v: unknown): string => (v === null || v === undefined ? "" : v instanceof Date ? "" : String(v)).trim().normalize("NFC");

/** A date cell (a real date, or dd/mm/yyyy text) as yyyy-mm-dd, or null. */
export function cellDate(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(str(v));
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Authors as "Nguyễn Văn A (60%); Trần Thị B (40%)"; without percents they share equally (the remainder
 * to the first).
 */
export function parseAuthors(text: string): { fullName: string; share: number | null }[] {
  return text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^(.*?)\s*\((\d+(?:[.,]\d+)?)\s*%\)\s*$/.exec(p);
      return m ? { fullName: m[1].trim(), share: Number(m[2].replace(",", ".")) } : { fullName: p, share: null };
    });
}

/** Checks every row of the file; the caller imports nothing unless there are no errors. */
export function parseRecognitions(rows: { row: number; cells: unknown[] }[], knownUnitCodes: Set<string>): { items: ImportedRecognition[]; errors: ImportError[] } {
  const items: ImportedRecognition[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const err = (col: number, message: string) => errors.push({ row, column: IMPORT_COLUMNS[col], message });
    const before = errors.length;
    const title = str(cells[0]);
    if (title.length < 5) err(0, "Tên sáng kiến cần ít nhất 5 ký tự.");
    const field = str(cells[1]) || "Cải cách hành chính";
    const unitCode = str(cells[2]);
    if (!unitCode) err(2, "Thiếu mã đơn vị.");
    else if (!knownUnitCodes.has(unitCode)) err(2, `Không có đơn vị mã "${unitCode}".`);
    const parsed = parseAuthors(str(cells[3]));
    let authors: { fullName: string; share: number }[] = [];
    if (parsed.length === 0) err(3, "Thiếu tác giả.");
    else if (parsed.every((a) => a.share === null)) {
      const base = Math.floor(100 / parsed.length);
      authors = parsed.map((a, i) => ({ fullName: a.fullName, share: base + (i === 0 ? 100 - base * parsed.length : 0) }));
    } else if (parsed.some((a) => a.share === null)) err(3, "Ghi tỷ lệ cho mọi tác giả, hoặc không ghi cho ai.");
    else {
      authors = parsed.map((a) => ({ fullName: a.fullName, share: a.share as number }));
      const p = sharesProblem(authors);
      if (p) err(3, p);
    }
    const decisionNumber = str(cells[4]);
    if (!decisionNumber) err(4, "Thiếu số quyết định công nhận.");
    const decisionDate = cellDate(cells[5]);
    if (!decisionDate) err(5, "Ngày quyết định không hợp lệ (ô ngày, hoặc dd/mm/yyyy).");
    const scope = SCOPE_WORDS[fold(str(cells[6]))];
    if (!scope) err(6, 'Phạm vi ảnh hưởng là "Cơ sở", "Cấp huyện/sở" hoặc "Cấp tỉnh".');
    const summary = str(cells[7]);
    const appliedUnitCodes = str(cells[8]).split(/[,;\s]+/).filter(Boolean);
    for (const c of appliedUnitCodes) if (!knownUnitCodes.has(c)) err(8, `Không có đơn vị áp dụng mã "${c}".`);
    const key = `${decisionNumber}|${fold(title)}`;
    if (seen.has(key)) err(0, `Trùng với dòng ${seen.get(key)} (cùng tên và số quyết định).`);
    seen.set(key, row);
    if (errors.length === before)
      items.push({ row, title, field, unitCode, authors, decisionNumber, decisionDate: decisionDate!, scope: scope!, summary, appliedUnitCodes });
  }
  if (rows.length === 0) errors.push({ row: 0, column: "", message: "Tệp không có dòng dữ liệu nào." });
  return { items, errors };
}
