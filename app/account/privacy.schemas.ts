import { z } from "zod";
import { looksLikePhone, wholePhoneQuery } from "../core/text";

/** Forms of the personal-data pages, shared by the browser (Conform) and the server. */

export const newPasswordSchema = z
  .object({
    password: z
      .string({ required_error: "Vui lòng nhập mật khẩu mới." })
      .min(8, "Mật khẩu cần ít nhất 8 ký tự.")
      .max(200, "Mật khẩu dài quá 200 ký tự."),
    confirm: z.string({ required_error: "Vui lòng nhập lại mật khẩu mới." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Hai lần nhập mật khẩu không khớp." });

export const resetTokenParam = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * The person search of the reset pages: a name (diacritics optional) or a whole phone number. A part of a
 * number is refused, so masked numbers in the results cannot be completed by searching digit by digit.
 */
export const personSearchSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100, "Từ khóa dài quá 100 ký tự.")
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => !v || !looksLikePhone(v) || wholePhoneQuery(v) !== null, "Tìm theo số điện thoại cần đủ 10 chữ số (ví dụ 0912 345 678 hoặc +84 912 345 678)."),
});

export const createLinkSchema = z.object({
  intent: z.literal("create-link"),
  userId: z.coerce.number({ invalid_type_error: "Chưa chọn người cần đặt lại mật khẩu." }).int().positive("Chưa chọn người cần đặt lại mật khẩu."),
});

/** The thresholds of the integrity page, with defaults; a bad value falls back to its default. */
export const signalParamsSchema = z.object({
  s: z.coerce.number().int().min(1).max(60).catch(3),
  n: z.coerce.number().int().min(2).max(1000).catch(5),
  h: z.coerce.number().int().min(1).max(24 * 30).catch(1),
  d: z.coerce.number().int().min(1).max(365).catch(30),
  m: z.coerce.number().int().min(1).max(200).catch(5),
});
export type SignalParams = z.infer<typeof signalParamsSchema>;
