import type { ImportError } from "../participation/roster";
import { type Band, DEFAULT_BANDS, bandOf, rankByIndex } from "./scoring";
import { parseVietnameseNumber } from "./set-import";

/**
 * Appraised results of a year entered outside the platform (an Excel table the home-affairs office keeps):
 * Mã đơn vị, Chỉ số CCHC (%), Nhóm, Xếp loại. The band is computed from the index when the cell is empty;
 * the rank is computed within each group. All or nothing.
 */
export const SCORE_COLUMNS = ["Mã đơn vị", "Chỉ số CCHC (%)", "Nhóm", "Xếp loại"] as const;

export type ImportedScore = { unitCode: string; groupCode: string; index: number; band: string; bandByPoints: string; rank: number };

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).normalize("NFC").trim());

export function validateScoreImport(
  rows: readonly { row: number; cells: readonly unknown[] }[],
  knownUnitCodes: ReadonlySet<string>,
  options: { bands?: readonly Band[]; defaultGroup?: string } = {},
): { ok: true; rows: ImportedScore[] } | { ok: false; errors: ImportError[] } {
  const bands = options.bands ?? DEFAULT_BANDS;
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  const parsed: Omit<ImportedScore, "rank">[] = [];
  for (const { row, cells } of rows) {
    const [codeC, indexC, groupC, bandC] = Array.from({ length: 4 }, (_, i) => text(cells[i]));
    if (![codeC, indexC, groupC, bandC].some(Boolean)) continue;
    if (!codeC) errors.push({ row, column: "Mã đơn vị", message: "Thiếu mã đơn vị." });
    else if (!knownUnitCodes.has(codeC)) errors.push({ row, column: "Mã đơn vị", message: `Không có đơn vị mã "${codeC}" trong hệ thống.` });
    else if (seen.has(codeC)) errors.push({ row, column: "Mã đơn vị", message: `Đơn vị "${codeC}" đã có ở dòng ${seen.get(codeC)}.` });
    else seen.set(codeC, row);
    const value = typeof cells[1] === "number" ? (cells[1] as number) : parseVietnameseNumber(indexC.replace("%", ""));
    if (value === null) errors.push({ row, column: "Chỉ số CCHC (%)", message: indexC ? `"${indexC}" không phải là số.` : "Thiếu chỉ số." });
    else if (value < 0 || value > 100) errors.push({ row, column: "Chỉ số CCHC (%)", message: "Chỉ số phải từ 0 đến 100." });
    const groupCode = groupC || options.defaultGroup || "chung";
    if (!/^[\p{L}\p{N} _-]{1,40}$/u.test(groupCode)) errors.push({ row, column: "Nhóm", message: `Tên nhóm "${groupC}" không hợp lệ.` });
    const byPoints = value === null ? null : bandOf(value, bands).label;
    let band = byPoints ?? "";
    if (bandC) {
      const match = bands.find((b) => b.label.toLowerCase() === bandC.toLowerCase());
      if (!match) errors.push({ row, column: "Xếp loại", message: `Xếp loại "${bandC}" không có (${bands.map((b) => b.label).join(", ")}).` });
      else band = match.label;
    }
    parsed.push({ unitCode: codeC, groupCode, index: value ?? 0, band, bandByPoints: byPoints ?? "" });
  }
  if (parsed.length === 0 && errors.length === 0) errors.push({ row: 2, column: "Mã đơn vị", message: "Tệp không có dòng nào." });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  const out: ImportedScore[] = [];
  for (const group of new Set(parsed.map((p) => p.groupCode))) out.push(...rankByIndex(parsed.filter((p) => p.groupCode === group)));
  return { ok: true, rows: out };
}
