import { z } from "zod";
import { hasHiddenCharacters, isRealDate, isRealLocalDateTime } from "../core/text";
import { HIDDEN_MESSAGE } from "../text.schemas";
import { vnDateField, vnDateTimeField } from "../core/vn-date";

/** Form schemas of the organizer area, shared by the browser (Conform) and the server. */

const text = (label: string, min = 1, max = 500) =>
  z
    .string({ required_error: `Vui lòng nhập ${label}` })
    .trim()
    .min(min, min > 1 ? `${label[0].toUpperCase()}${label.slice(1)} cần ít nhất ${min} ký tự` : `Vui lòng nhập ${label}`)
    .max(max, `${label[0].toUpperCase()}${label.slice(1)} dài quá ${max} ký tự`)
    .refine((s) => !hasHiddenCharacters(s), HIDDEN_MESSAGE(label))
    .transform((s) => s.normalize("NFC"));

// Typed as day/month/year and 24-hour time, whatever the browser's locale; parsed to the internal ISO forms.
const localTime = (label: string) => vnDateTimeField(`${label[0].toUpperCase()}${label.slice(1)}`);

const day = (label: string) => vnDateField(label);

export const contestSchema = z.object({
  title: text("tên cuộc thi", 5, 300),
  rulesMd: z
    .string()
    .max(50_000, "Thể lệ dài quá 50.000 ký tự")
    .default("")
    .transform((s) => s.normalize("NFC")),
  partsText: z
    .string()
    .max(2_000)
    .default("")
    .transform((s) => s.normalize("NFC")),
  organizerUnitId: z.number({ invalid_type_error: "Đơn vị tổ chức không hợp lệ" }).int().positive().optional(),
  // Shown in the rules and the site footer; empty means "not shown".
  organizerName: z.string().trim().max(300, "Tên Ban Tổ chức dài quá 300 ký tự").default("").transform((s) => s.normalize("NFC")),
  contactPhone: z.string().trim().max(120, "Đường dây nóng dài quá 120 ký tự").default("").transform((s) => s.normalize("NFC")),
  contactEmail: z.union([z.literal(""), z.string().trim().email("Thư điện tử không hợp lệ").max(200)]).default(""),
  notice: z.string().trim().max(1_000, "Thông báo dài quá 1.000 ký tự").default("").transform((s) => s.normalize("NFC")),
});

const difficulty = z.enum(["de", "trung_binh", "kho"], { errorMap: () => ({ message: "Độ khó không hợp lệ" }) });

export const roundSchema = z
  .object({
    title: text("tên vòng thi", 3, 200),
    part: z
      .number({ required_error: "Vui lòng nhập phần thi", invalid_type_error: "Phần thi là một số" })
      .int()
      .min(1, "Phần thi từ 1")
      .max(50),
    weekNo: z.number({ invalid_type_error: "Tuần thi là một số" }).int().min(1, "Tuần thi từ 1").max(200).optional(),
    opensAt: localTime("giờ mở"),
    closesAt: localTime("giờ đóng"),
    questionCount: z
      .number({ required_error: "Vui lòng nhập số câu hỏi", invalid_type_error: "Số câu hỏi là một số" })
      .int()
      .min(1, "Ít nhất 1 câu")
      .max(200, "Tối đa 200 câu"),
    timeLimitMinutes: z
      .number({ required_error: "Vui lòng nhập thời gian làm bài", invalid_type_error: "Thời gian làm bài là một số" })
      .min(1, "Ít nhất 1 phút")
      .max(600, "Tối đa 600 phút"),
    attemptsAllowed: z
      .number({ required_error: "Vui lòng nhập số lượt thi", invalid_type_error: "Số lượt thi là một số" })
      .int()
      .min(1, "Ít nhất 1 lượt")
      .max(20, "Tối đa 20 lượt"),
    shuffleQuestions: z.boolean().default(false),
    shuffleOptions: z.boolean().default(false),
    reviewPolicy: z.enum(["never", "after_submit", "after_close"], {
      errorMap: () => ({ message: "Chọn khi nào được xem đáp án" }),
    }),
    predictionPrompt: z
      .string()
      .trim()
      .max(500, "Câu hỏi dự đoán dài quá 500 ký tự")
      .optional()
      .transform((s) => (s ? s.normalize("NFC") : null)),
    predictionTarget: z.enum(["participants", "attempts", "manual"]).default("participants"),
    rankPublication: z.enum(["live", "after_close", "withheld"]).default("after_close"),
    drawRules: z
      .array(
        z.object({
          categoryId: z.number().int().positive().optional(),
          difficulty: difficulty.optional(),
          count: z.number({ invalid_type_error: "Số câu là một số" }).int().min(0, "Số câu không âm").max(200).optional(),
        })
      )
      .max(8)
      .default([]),
    prizes: z
      .array(z.number({ invalid_type_error: "Số giải là một số" }).int().min(0, "Số giải không âm").max(1000).optional())
      .max(4)
      .default([]),
  })
  .refine((r) => r.closesAt > r.opensAt, { message: "Giờ đóng phải sau giờ mở", path: ["closesAt"] });

export const weeklySchema = z
  .object({
    firstDay: day("Ngày bắt đầu"),
    lastDay: day("Ngày kết thúc"),
    titlePrefix: text("tên tuần", 2, 100).default("Tuần"),
    part: z.number({ invalid_type_error: "Phần thi là một số" }).int().min(1).max(50).default(1),
    questionCount: z
      .number({ required_error: "Vui lòng nhập số câu hỏi", invalid_type_error: "Số câu hỏi là một số" })
      .int()
      .min(1, "Ít nhất 1 câu")
      .max(200),
    timeLimitMinutes: z
      .number({ required_error: "Vui lòng nhập thời gian", invalid_type_error: "Thời gian là một số" })
      .min(1, "Ít nhất 1 phút")
      .max(600),
  })
  .refine((w) => w.lastDay >= w.firstDay, { message: "Ngày kết thúc phải từ ngày bắt đầu trở đi", path: ["lastDay"] })
  .refine((w) => (Date.parse(w.lastDay) - Date.parse(w.firstDay)) / 86_400_000 <= 7 * 60, {
    message: "Tối đa 60 tuần",
    path: ["lastDay"],
  });

export const questionSchema = z
  .object({
    categoryId: z.number({ required_error: "Vui lòng chọn chủ đề", invalid_type_error: "Vui lòng chọn chủ đề" }).int().positive(),
    stem: text("nội dung câu hỏi", 5, 2000),
    options: z.array(z.string().trim().max(500, "Phương án dài quá 500 ký tự").optional()).max(6).default([]),
    answer: z.enum(["A", "B", "C", "D", "E", "F"], { errorMap: () => ({ message: "Vui lòng chọn đáp án đúng" }) }),
    difficulty,
    legalBasis: z
      .string()
      .trim()
      .max(500)
      .default("")
      .transform((s) => s.normalize("NFC")),
    asOf: day("Ngày").optional(),
    explanation: z
      .string()
      .trim()
      .max(4000)
      .default("")
      .transform((s) => s.normalize("NFC")),
    pinOptions: z.boolean().default(false),
    status: z.enum(["active", "draft"]).default("active"),
  })
  .transform((q, ctx) => {
    const filled = q.options.map((o) => (o ?? "").normalize("NFC"));
    while (filled.length && !filled[filled.length - 1]) filled.pop();
    if (filled.length < 2)
      ctx.addIssue({ code: "custom", message: "Cần ít nhất 2 phương án", path: ["options", filled.length === 0 ? 0 : 1] });
    filled.forEach((o, i) => {
      if (!o) ctx.addIssue({ code: "custom", message: "Phương án không được để trống giữa chừng", path: ["options", i] });
    });
    const answerIndex = "ABCDEF".indexOf(q.answer);
    if (answerIndex >= filled.length)
      ctx.addIssue({ code: "custom", message: `Đáp án ${q.answer} chỉ tới một phương án để trống`, path: ["answer"] });
    return { ...q, options: filled, answerIndex };
  });

export const organizerSchema = z.object({
  fullName: text("họ và tên", 3, 200),
  phone: z
    .string({ required_error: "Vui lòng nhập số điện thoại" })
    .trim()
    .regex(/^0\d{9}$/, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0"),
  password: z.string().min(8, "Mật khẩu cần ít nhất 8 ký tự").max(200).optional(),
  unitId: z.number({ required_error: "Vui lòng chọn đơn vị", invalid_type_error: "Vui lòng chọn đơn vị" }).int().positive(),
});

export const exclusionSchema = z.object({
  phone: z
    .string({ required_error: "Vui lòng nhập số điện thoại" })
    .trim()
    .regex(/^0\d{9}$/, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0"),
  reason: z.string().trim().max(300).default(""),
});

export const REVIEW_TEXT = {
  never: "Không cho xem",
  after_submit: "Sau lượt thi cuối cùng của người đó",
  after_close: "Sau khi vòng thi đóng",
} as const;
export const RANK_PUBLICATION_TEXT = {
  live: "Ngay khi có kết quả (thứ hạng tạm thời khi vòng còn mở)",
  after_close: "Sau khi vòng thi đóng",
  withheld: "Chưa công bố (Ban Tổ chức chọn lại khi công bố)",
} as const;
export const TARGET_TEXT = {
  participants: "Số người dự thi của vòng",
  attempts: "Số lượt thi của vòng",
  manual: "Con số Ban Tổ chức nhập",
} as const;
export const DIFFICULTY_TEXT = { de: "Dễ", trung_binh: "Trung bình", kho: "Khó" } as const;
export const STATUS_TEXT = { active: "Đang dùng", draft: "Nháp", archived: "Lưu trữ" } as const;

/** The audit log's filters, from the address bar: who (ai), what (thao-tac), when (tu, den as dd/mm/yyyy), page. */
export const auditFilterSchema = z.object({
  ai: z
    .string()
    .regex(/^(\d+|he-thong)$/, "Người thực hiện không hợp lệ")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  "thao-tac": z.string().max(100).optional(),
  tu: z
    .string()
    .trim()
    .regex(/^(\d{1,2}\/\d{1,2}\/\d{4})?$/, "Ngày bắt đầu cần ghi dạng dd/mm/yyyy, ví dụ 01/03/2026")
    .optional(),
  den: z
    .string()
    .trim()
    .regex(/^(\d{1,2}\/\d{1,2}\/\d{4})?$/, "Ngày kết thúc cần ghi dạng dd/mm/yyyy, ví dụ 31/03/2026")
    .optional(),
  trang: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** A unit id sent by a form field (a bank to put a question in, a unit to copy it to). */
export const unitIdField = z.coerce.number().int().positive();
