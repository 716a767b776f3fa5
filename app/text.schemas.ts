import { z } from "zod";
import { hasHiddenCharacters, hasLetter, isRealDate } from "./core/text";

/** Text fields shared by every form: NFC, trimmed, no hidden or reordering characters. */

const cap = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;

export const HIDDEN_MESSAGE = (label: string) =>
  `${cap(label)} có ký tự ẩn hoặc ký tự điều khiển (ví dụ ký tự không độ rộng, đảo chiều): vui lòng gõ lại.`;

/** A one-line text: names, titles, positions. `letters` demands at least one letter (a person's or unit's name). */
export function cleanText(label: string, opts: { min?: number; max: number; letters?: boolean; required?: string; multiline?: boolean }) {
  const min = opts.min ?? 1;
  return z
    .string({ required_error: opts.required ?? `Vui lòng nhập ${label}.`, invalid_type_error: `Vui lòng nhập ${label}.` })
    .transform((s) => s.normalize("NFC").trim())
    .superRefine((s, ctx) => {
      if (hasHiddenCharacters(s, opts.multiline)) ctx.addIssue({ code: "custom", message: HIDDEN_MESSAGE(label) });
      else if (s.length < min)
        ctx.addIssue({ code: "custom", message: min > 1 ? `${cap(label)} cần ít nhất ${min} ký tự.` : `Vui lòng nhập ${label}.` });
      else if (s.length > opts.max) ctx.addIssue({ code: "custom", message: `${cap(label)} tối đa ${opts.max} ký tự.` });
      else if (opts.letters && !hasLetter(s)) ctx.addIssue({ code: "custom", message: `${cap(label)} phải có chữ cái.` });
    });
}

/** yyyy-mm-dd that exists in the calendar. */
export function realDay(label: string, required?: string) {
  return z
    .string({ required_error: required ?? `Vui lòng chọn ${label}.` })
    .refine(isRealDate, `${cap(label)} không phải ngày có thật (dd/mm/yyyy).`);
}
