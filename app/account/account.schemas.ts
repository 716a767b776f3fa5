import { z } from "zod";
import { vnDateField } from "../core/vn-date";

/** The forms of /tai-khoan, shared by the browser (Conform) and the server. */

// Conform's parseWithZod turns an empty field into undefined, so optional text needs no preprocessing.
const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional();

export const selfClaimSchema = z
  .object({
    intent: z.literal("claim-row"),
    entryId: z.coerce
      .number({ required_error: "Vui lòng chọn tên của bạn trong danh sách.", invalid_type_error: "Vui lòng chọn tên của bạn trong danh sách." })
      .int()
      .positive("Vui lòng chọn tên của bạn trong danh sách."),
    birthDate: vnDateField("Ngày sinh").optional(),
    cccd: z
      .string()
      .trim()
      .regex(/^\d{12}$/, "Số CCCD gồm đúng 12 chữ số.")
      .optional(),
  })
  .refine((v) => v.birthDate || v.cccd, { message: "Vui lòng nhập ngày sinh hoặc số CCCD để xác nhận.", path: ["birthDate"] });

export const passwordChangeSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: z.string({ required_error: "Vui lòng nhập mật khẩu hiện tại." }).min(1, "Vui lòng nhập mật khẩu hiện tại.").max(128),
    newPassword: z
      .string({ required_error: "Vui lòng nhập mật khẩu mới." })
      .min(8, "Mật khẩu mới cần ít nhất 8 ký tự.")
      .max(128, "Mật khẩu mới tối đa 128 ký tự."),
    confirmPassword: z.string({ required_error: "Vui lòng nhập lại mật khẩu mới." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "Hai lần nhập mật khẩu mới không giống nhau.", path: ["confirmPassword"] })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "Mật khẩu mới phải khác mật khẩu hiện tại.", path: ["newPassword"] });

export const profileSchema = z.object({
  intent: z.literal("profile"),
  fullName: z
    .string({ required_error: "Vui lòng nhập họ và tên." })
    .trim()
    .min(2, "Họ và tên quá ngắn.")
    .max(100, "Họ và tên tối đa 100 ký tự.")
    .transform((s) => s.normalize("NFC")),
  position: z
    .string({ required_error: "Vui lòng nhập chức vụ." })
    .trim()
    .min(2, "Vui lòng nhập chức vụ.")
    .max(100, "Chức vụ tối đa 100 ký tự.")
    .transform((s) => s.normalize("NFC")),
  email: z.string().trim().email("Email không hợp lệ.").max(200, "Email tối đa 200 ký tự.").optional(),
});

export const unitChangeSchema = z.object({
  intent: z.literal("unit-change"),
  toUnitId: z.coerce
    .number({ required_error: "Vui lòng chọn đơn vị.", invalid_type_error: "Vui lòng chọn đơn vị." })
    .int()
    .positive("Vui lòng chọn đơn vị."),
  reason: optionalText(300, "Lý do tối đa 300 ký tự."),
});
