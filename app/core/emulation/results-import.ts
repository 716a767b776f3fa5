import { BANDS, type Band, type InitiativeScope } from "./types";

/**
 * The import of reform-index results and initiative figures per unit and year (until those features land).
 * One sheet; each row says what it is in column A. All or nothing: any error and nothing is written.
 */
export const RESULT_COLUMNS = [
  { letter: "A", header: "Loại dòng (CHỈ SỐ, SÁNG KIẾN hoặc CÔNG NHẬN)" },
  { letter: "B", header: "Mã đơn vị" },
  { letter: "C", header: "Năm" },
  { letter: "D", header: "Điểm Chỉ số CCHC (%)" },
  { letter: "E", header: "Xếp loại" },
  { letter: "F", header: "Thứ hạng" },
  { letter: "G", header: "Số mô hình, sáng kiến đăng ký" },
  { letter: "H", header: "Số được áp dụng có hiệu quả" },
  { letter: "I", header: "Tên sáng kiến được công nhận" },
  { letter: "J", header: "Phạm vi ảnh hưởng" },
  { letter: "K", header: "Hội đồng công nhận" },
  { letter: "L", header: "Tác giả" },
] as const;

export type ImportError = { row: number; column: string; message: string };

export type ParsedResults = {
  index: { unitId: number; year: number; score: number; band: Band | null; rank: number | null }[];
  initiatives: { unitId: number; year: number; registered: number; applied: number }[];
  recognitions: { unitId: number; year: number; title: string; scope: InitiativeScope; council: string | null; personName: string | null }[];
};

const fold = (s: string) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

const BAND_WORDS: Record<string, Band> = { "xuat sac": "xuat_sac", tot: "tot", kha: "kha", "trung binh": "trung_binh", yeu: "yeu" };
const SCOPE_WORDS: Record<string, InitiativeScope> = { "co so": "co_so", "cap co so": "co_so", tinh: "tinh", "cap tinh": "tinh", "toan quoc": "toan_quoc" };

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim().normalize("NFC"));

export function parseResultRows(rows: readonly { row: number; cells: readonly unknown[] }[], unitIds: ReadonlyMap<string, number>): { ok: true; results: ParsedResults } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const out: ParsedResults = { index: [], initiatives: [], recognitions: [] };
  const seen = new Set<string>();
  for (const { row, cells } of rows) {
    if (cells.every((c) => text(c) === "")) continue;
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const kind = fold(text(cells[0]));
    const code = text(cells[1]);
    const unitId = unitIds.get(code);
    if (!code) err("B", "Thiếu mã đơn vị.");
    else if (unitId === undefined) err("B", `Không có đơn vị mã "${code}".`);
    const yearN = Number(text(cells[2]));
    if (!Number.isInteger(yearN) || yearN < 2000 || yearN > 2100) err("C", "Năm phải là số có 4 chữ số, ví dụ 2024.");
    const int = (i: number, letter: string, label: string, required: boolean): number | null => {
      const t = text(cells[i]);
      if (t === "") {
        if (required) err(letter, `Thiếu ${label}.`);
        return null;
      }
      const n = Number(t.replace(",", "."));
      if (!Number.isInteger(n) || n < 0) {
        err(letter, `${label[0].toUpperCase()}${label.slice(1)} phải là số nguyên không âm.`);
        return null;
      }
      return n;
    };
    if (kind === "chi so") {
      const t = text(cells[3]).replace(",", ".");
      const score = Number(t);
      if (t === "" || !Number.isFinite(score) || score < 0 || score > 100) err("D", "Điểm Chỉ số CCHC phải là số từ 0 đến 100.");
      const bandText = text(cells[4]);
      const band = bandText === "" ? null : (BAND_WORDS[fold(bandText)] ?? null);
      if (bandText !== "" && band === null) err("E", `Xếp loại "${bandText}" không hợp lệ: dùng ${BANDS.length} loại Xuất sắc, Tốt, Khá, Trung bình, Yếu.`);
      const rank = int(5, "F", "thứ hạng", false);
      if (rank === 0) err("F", "Thứ hạng bắt đầu từ 1.");
      const k = `i:${code}:${yearN}`;
      if (seen.has(k)) err("B", `Đơn vị "${code}" đã có kết quả chỉ số năm ${yearN} ở dòng trên.`);
      seen.add(k);
      if (unitId !== undefined) out.index.push({ unitId, year: yearN, score, band, rank });
    } else if (kind === "sang kien") {
      const registered = int(6, "G", "số mô hình, sáng kiến đăng ký", true);
      const applied = int(7, "H", "số được áp dụng", true);
      if (registered !== null && applied !== null && applied > registered) err("H", "Số được áp dụng không được lớn hơn số đăng ký.");
      if (unitId !== undefined && registered !== null && applied !== null) out.initiatives.push({ unitId, year: yearN, registered, applied });
    } else if (kind === "cong nhan") {
      const title = text(cells[8]);
      if (!title) err("I", "Thiếu tên sáng kiến.");
      const scopeText = text(cells[9]);
      const scope = scopeText === "" ? "co_so" : SCOPE_WORDS[fold(scopeText)];
      if (!scope) err("J", `Phạm vi "${scopeText}" không hợp lệ: dùng Cơ sở, Tỉnh hoặc Toàn quốc.`);
      if (unitId !== undefined && title && scope) out.recognitions.push({ unitId, year: yearN, title, scope, council: text(cells[10]) || null, personName: text(cells[11]) || null });
    } else {
      err("A", `Loại dòng "${text(cells[0])}" không hợp lệ: dùng CHỈ SỐ, SÁNG KIẾN hoặc CÔNG NHẬN.`);
    }
  }
  if (errors.length) return { ok: false, errors };
  if (out.index.length + out.initiatives.length + out.recognitions.length === 0) return { ok: false, errors: [{ row: 0, column: "", message: "Tệp không có dòng dữ liệu nào." }] };
  return { ok: true, results: out };
}
