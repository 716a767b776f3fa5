import ExcelJS from "exceljs";
import { EXCEL_FORMAT, type ExcelFormat, neutralizeFormula } from "./core/spreadsheet";
import { xlsxRefusal } from "./core/zip-guard";

/** Reading and writing .xlsx with exceljs; the rules about what the cells mean live in app/core. */

export type SheetRow = { row: number; cells: unknown[] };

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
    if ("result" in v) return v.result ?? null;
    return null;
  }
  return v;
}

/** The first sheet's rows after the header, `columns` cells each; an unreadable file is a Vietnamese error. */
export async function readSheet(data: ArrayBuffer, columns: number): Promise<{ ok: true; rows: SheetRow[] } | { ok: false; message: string }> {
  const refusal = xlsxRefusal(new Uint8Array(data));
  if (refusal) return { ok: false, message: refusal };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data);
  } catch {
    return { ok: false, message: "Không đọc được tệp. Vui lòng chọn tệp Excel (.xlsx)." };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, message: "Tệp Excel không có trang tính nào." };
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    rows.push({ row: n, cells: Array.from({ length: columns }, (_, i) => cellValue(row.getCell(i + 1).value)) });
  });
  if (rows.length > 200_000) return { ok: false, message: "Tệp có quá 200.000 dòng." };
  return { ok: true, rows };
}

/** A cell with its own format, for a sheet of label/value pairs where each row holds another kind. */
export type FormattedCell = { value: number | Date; format: ExcelFormat };
export type SheetCell = string | number | Date | null | FormattedCell;
/** `format` gives the column a number format: dates stay dates (see excelVietnamTime) and rates stay numbers. */
export type SheetSpec = { name: string; columns: { header: string; width?: number; format?: ExcelFormat }[]; rows: SheetCell[][] };

export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cuocthi";
  const used = new Set<string>();
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name, used));
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 18, style: c.format ? { numFmt: EXCEL_FORMAT[c.format] } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(r.map((c) => (c !== null && typeof c === "object" && "format" in c ? c.value : neutralizeFormula(c))));
      r.forEach((c, i) => {
        if (c !== null && typeof c === "object" && "format" in c) row.getCell(i + 1).numFmt = EXCEL_FORMAT[c.format];
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel refuses some characters in a sheet name, more than 31 characters, and two sheets of one name. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, "-").trim().slice(0, 31) || "Trang";
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

export function xlsxResponse(body: Buffer, filename: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
