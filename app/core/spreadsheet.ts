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
