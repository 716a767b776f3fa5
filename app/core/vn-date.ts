import { z } from "zod";

/**
 * Dates and times as a Vietnamese civil servant types them, whatever the browser's locale: day/month/year
 * ("01/10/2023") and 24-hour time ("07:30"), read as Asia/Ho_Chi_Minh. Internally the app keeps
 * "YYYY-MM-DD" days and "YYYY-MM-DDTHH:mm" Vietnam local times; the ISO forms are accepted too, so stored
 * values sent back unchanged (a locked field's hidden twin) still parse.
 */

const pad = (n: number) => String(n).padStart(2, "0");

function realDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  // 31/02 rolls over to March in Date: a date that does not come back unchanged is not on the calendar.
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** "dd/mm/yyyy" (also d/m/yyyy, with "-" or "."), or "yyyy-mm-dd", to "YYYY-MM-DD"; null when not a real date. */
export function parseVnDate(input: string): string | null {
  const s = input.normalize("NFC").trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return realDay(+m[3], +m[2], +m[1]);
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return realDay(+m[1], +m[2], +m[3]);
  return null;
}

/** "hh:mm" on a 24-hour clock (also "7h30", "07g30") to "HH:mm"; null when out of range. */
export function parseVnTime(input: string): string | null {
  const m = /^(\d{1,2})\s*[:hg]\s*(\d{2})$/i.exec(input.trim());
  if (!m) return null;
  const h = +m[1];
  const min = +m[2];
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** "dd/mm/yyyy hh:mm" (or the ISO "YYYY-MM-DDTHH:mm") to "YYYY-MM-DDTHH:mm" in Vietnam time; null when invalid. */
export function parseVnDateTime(input: string): string | null {
  const s = input.normalize("NFC").trim();
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(s);
  const parts = iso ? [iso[1], iso[2]] : s.split(/\s*(?:,|\s|lúc)\s*/).filter(Boolean);
  if (parts.length !== 2) return null;
  const day = parseVnDate(parts[0]);
  const time = parseVnTime(parts[1]);
  return day && time ? `${day}T${time}` : null;
}

/** "YYYY-MM-DD" as the input shows it, "dd/mm/yyyy"; anything else (what the person typed) unchanged. */
export function dateInputValue(value: string | null | undefined): string {
  if (!value) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** "YYYY-MM-DDTHH:mm" as the input shows it, "dd/mm/yyyy hh:mm"; anything else unchanged. */
export function dateTimeInputValue(value: string | null | undefined): string {
  if (!value) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}` : value;
}

/** The zod field for a day: the person's text in, "YYYY-MM-DD" out, a Vietnamese message otherwise. */
export function vnDateField(label: string) {
  return z
    .string({ required_error: `Vui lòng nhập ${label.toLowerCase()}` })
    .transform((s, ctx) => {
      const day = parseVnDate(s);
      if (!day) {
        // fatal: the field stops here, so no later refinement (birth year, close after open) sees a non-date.
        ctx.addIssue({ code: z.ZodIssueCode.custom, fatal: true, message: `${label} không hợp lệ: nhập ngày/tháng/năm, ví dụ 01/10/2023` });
        return z.NEVER;
      }
      return day;
    });
}

/** The zod field for a moment: "dd/mm/yyyy hh:mm" in, "YYYY-MM-DDTHH:mm" (Vietnam time) out. */
export function vnDateTimeField(label: string) {
  return z
    .string({ required_error: `Vui lòng nhập ${label.toLowerCase()}` })
    .transform((s, ctx) => {
      const local = parseVnDateTime(s);
      if (!local) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          fatal: true,
          message: `${label} không hợp lệ: nhập ngày/tháng/năm giờ:phút (24 giờ), ví dụ 01/10/2023 07:30`,
        });
        return z.NEVER;
      }
      return local;
    });
}

/** The HTML pattern of the inputs (a first check in the browser; the server parses again). */
export const DATE_PATTERN = String.raw`\d{1,2}/\d{1,2}/\d{4}`;
export const DATE_TIME_PATTERN = String.raw`\d{1,2}/\d{1,2}/\d{4},?\s+\d{1,2}[:hg]\d{2}`;
