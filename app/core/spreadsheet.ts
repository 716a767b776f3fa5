/**
 * Text that a spreadsheet could take for a formula (=, +, -, @, or a tab or carriage return first) gets a
 * leading apostrophe in exports, so a name typed as "=HYPERLINK(...)" stays text on an organizer's computer.
 */
export function neutralizeFormula<T>(value: T): T | string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** neutralizeFormula over every value of an exported row. */
export function neutralizeRecord<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, neutralizeFormula(v)])) as T;
}

/** Reading back our own export: the apostrophe that neutralized a formula-looking text is dropped again. */
export function restoreNeutralized(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * The text of an uploaded CSV, GIFT or Aiken file: UTF-8 (a byte-order mark is dropped) or UTF-16 with its
 * mark. Anything else (a Windows-1258 or TCVN3 file) is refused rather than imported as broken letters.
 */
export function decodeTextFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start)) };
  } catch {
    return {
      ok: false,
      message: "Tệp không được lưu với mã UTF-8: hãy mở tệp và lưu lại với bảng mã UTF-8 (Unicode), rồi nhập lại.",
    };
  }
}

/** Excel keeps no time zone: a cell shows the wall clock it is given, so times are shifted to Vietnam's (UTC+7, no DST). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** A Date whose UTC fields are the Vietnam wall clock of `ms`, for exceljs (which writes UTC fields as the cell's value). */
export function excelVietnamTime(ms: number): Date {
  return new Date(ms + VIETNAM_OFFSET_MS);
}

/** The number formats of exported cells: they stay dates and numbers, so a column sorts and sums. */
export const EXCEL_FORMAT = {
  dateTime: "dd/mm/yyyy hh:mm",
  date: "dd/mm/yyyy",
  percent: "0.0%",
  integer: "#,##0",
  decimal: "#,##0.00",
  /** A duration stored as a fraction of a day (Excel's time value). */
  duration: "[m]:ss",
} as const;
export type ExcelFormat = keyof typeof EXCEL_FORMAT;

/** A duration in milliseconds as Excel's time value (days). */
export function excelDuration(ms: number): number {
  return ms / 86_400_000;
}
