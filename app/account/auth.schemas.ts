import { z } from "zod";
import { isRealDate } from "../core/text";
import { cleanText } from "../text.schemas";
import { vnDateField } from "../core/vn-date";

/** Vietnamese mobile numbers: 10 digits from 0, or +84 / 84 followed by 9 digits; stored as 0xxxxxxxxx. */
export function normalizePhone(input: string): string {
  const digits = input.replace(/[\s.\-()]/g, "");
  if (/^\+?84\d{9}$/.test(digits)) return `0${digits.replace(/^\+?84/, "")}`;
  return digits;
}

const phone = z
  .string({ required_error: "Vui lòng nhập số điện thoại." })
  .transform(normalizePhone)
  .pipe(z.string().regex(/^0\d{9}$/, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."));

export const registerSchema = z.object({
  fullName: cleanText("họ và tên", { min: 2, max: 100, letters: true }),
  birthDate: vnDateField("Ngày sinh")
    .refine((s) => {
      const year = Number(s.slice(0, 4));
      return isRealDate(s) && year >= 1940 && year <= new Date().getFullYear() - 16;
    }, "Ngày sinh không hợp lệ (người dự thi từ 16 tuổi)."),
  phone,
  email: z.string().trim().email("Email không hợp lệ.").max(200).optional(),
  cccd: z
    .string()
    .trim()
    .regex(/^\d{12}$/, "Số CCCD gồm đúng 12 chữ số.")
    .optional(),
  unitId: z.coerce.number({ required_error: "Vui lòng chọn đơn vị.", invalid_type_error: "Vui lòng chọn đơn vị." }).int().positive("Vui lòng chọn đơn vị."),
  position: cleanText("chức vụ", { min: 2, max: 100, letters: true }),
  password: z
    .string({ required_error: "Vui lòng đặt mật khẩu." })
    .min(8, "Mật khẩu cần ít nhất 8 ký tự.")
    .max(128, "Mật khẩu tối đa 128 ký tự."),
  consent: z.literal("on", {
    errorMap: () => ({ message: "Bạn cần đồng ý cho xử lý dữ liệu cá nhân để đăng ký dự thi." }),
  }),
});

export const loginSchema = z.object({
  phone,
  password: z.string({ required_error: "Vui lòng nhập mật khẩu." }).min(1, "Vui lòng nhập mật khẩu."),
  redirectTo: z.string().optional(),
});

const REDIRECT_BASE = "http://cuocthi.invalid";

/**
 * Only paths on this site: a login link cannot send someone elsewhere. Browsers drop tabs and newlines
 * inside a URL and read a backslash as a slash, so "/<tab>/evil.example" would leave the site: a control
 * character or a backslash anywhere sends the person home, and what is left must parse, against our own
 * origin, to that same origin.
 */
export function safeRedirect(to: string | undefined | null, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  try {
    const url = new URL(to, REDIRECT_BASE);
    if (url.origin !== REDIRECT_BASE) return fallback;
    // Re-serialized, so what reaches the Location header is percent-encoded and safe to send.
    const path = url.pathname + url.search + url.hash;
    return path.startsWith("//") ? fallback : path;
  } catch {
    return fallback;
  }
}
