import { z } from "zod";
import { hasHiddenCharacters, hasLetter } from "../core/text";
import { HIDDEN_MESSAGE } from "../text.schemas";
import { THEME_SLUGS } from "../core/initiatives/initiatives";
import { clipLengthError, parseVideoLink, VIDEO_PROVIDERS } from "../core/initiatives/video-link";

const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(min, `${label[0].toUpperCase()}${label.slice(1)} cần ít nhất ${min} ký tự.`)
    .max(max, `${label[0].toUpperCase()}${label.slice(1)} tối đa ${max} ký tự.`)
    .refine((s) => !hasHiddenCharacters(s, true), HIDDEN_MESSAGE(label))
    .transform((s) => s.normalize("NFC"));

/** The entry form, shared by the browser (Conform) and the server; the server adds the round's link policy and the duplicate check. */
export const entrySchema = z
  .object({
    intent: z.enum(["save", "submit"]).default("save"),
    title: text("tên sáng kiến", 5, 200),
    entrantKind: z.enum(["unit", "people"], { errorMap: () => ({ message: "Chọn người dự thi là tập thể hay cá nhân." }) }),
    unitId: z.coerce
      .number({ required_error: "Vui lòng chọn đơn vị.", invalid_type_error: "Vui lòng chọn đơn vị." })
      .int()
      .positive("Vui lòng chọn đơn vị."),
    authors: z
      .string()
      .max(1000, "Danh sách tác giả quá dài.")
      .optional()
      .transform((s) =>
        (s ?? "")
          .split(/\r?\n/)
          .map((l) => l.trim().normalize("NFC"))
          .filter(Boolean),
      )
      .superRefine((names, ctx) => {
        for (const name of names) {
          if (hasHiddenCharacters(name)) ctx.addIssue({ code: "custom", message: HIDDEN_MESSAGE(`tên tác giả “${name}”`) });
          else if (!hasLetter(name)) ctx.addIssue({ code: "custom", message: `Tên tác giả “${name}” phải có chữ cái.` });
        }
      }),
    theme: z.enum(THEME_SLUGS, { errorMap: () => ({ message: "Vui lòng chọn chủ đề." }) }),
    summary: text("tóm tắt", 30, 3000),
    novelty: text("điểm mới", 10, 2000),
    appliedAt: text("nơi đã áp dụng", 3, 1000),
    videoUrl: z
      .string({ required_error: "Vui lòng nhập đường link video." })
      .trim()
      .max(500, "Đường link quá dài.")
      .superRefine((value, ctx) => {
        const parsed = parseVideoLink(value);
        if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
      }),
    duration: z
      .string({ required_error: "Vui lòng nhập độ dài video." })
      .trim()
      .superRefine((value, ctx) => {
        const error = clipLengthError(value);
        if (error) ctx.addIssue({ code: "custom", message: error });
      }),
  })
  .superRefine((v, ctx) => {
    if (v.entrantKind === "people" && v.authors.length === 0)
      ctx.addIssue({ code: "custom", path: ["authors"], message: "Cá nhân dự thi: ghi họ tên từng người, mỗi người một dòng." });
    if (v.authors.length > 10) ctx.addIssue({ code: "custom", path: ["authors"], message: "Tối đa 10 tác giả." });
  });

export type EntryInput = z.infer<typeof entrySchema>;

export const moderationSchema = z
  .object({
    intent: z.enum(["accept", "reject", "request_changes", "publish", "unpublish"]),
    entryId: z.coerce.number().int().positive(),
    reason: z.string().trim().max(1000, "Lý do tối đa 1000 ký tự.").optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.intent === "reject" || v.intent === "request_changes") && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Vui lòng ghi lý do để người dự thi biết." });
  });

export const settingsSchema = z.object({
  intent: z.literal("settings"),
  blindReview: z.literal("on").optional(),
  zScore: z.literal("on").optional(),
  resultsPublished: z.literal("on").optional(),
  voteWeight: z.coerce.number({ invalid_type_error: "Tỷ trọng bình chọn là một số từ 0 đến 100." }).int("Tỷ trọng là số nguyên.").min(0, "Tỷ trọng từ 0 đến 100.").max(100, "Tỷ trọng từ 0 đến 100."),
  voteCap: z.coerce.number({ invalid_type_error: "Số lượt bình chọn là một số." }).int().min(1, "Mỗi người có ít nhất 1 lượt bình chọn.").max(100, "Tối đa 100 lượt."),
  providers: z.array(z.enum(VIDEO_PROVIDERS as [string, ...string[]])).min(1, "Chọn ít nhất một nơi đăng video."),
  govSuffixes: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((s) => (s ?? "").split(/[\s,]+/).map((x) => x.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\.?[a-z0-9.-]+\.vn$/, "Mỗi tên miền phải kết thúc bằng .vn, ví dụ .quangnam.gov.vn"))),
  prizes: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((s, ctx) => {
      const rows = (s ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      const out: { name: string; count: number }[] = [];
      for (const row of rows) {
        const m = /^(.+?)\s*[:×x]\s*(\d{1,3})$/.exec(row);
        if (!m) {
          ctx.addIssue({ code: "custom", message: `Dòng “${row}”: ghi theo dạng “Giải Nhất: 1”.` });
          return z.NEVER;
        }
        out.push({ name: m[1].normalize("NFC"), count: Number(m[2]) });
      }
      return out;
    }),
});

export const criterionSchema = z.object({
  intent: z.enum(["add-criterion", "update-criterion"]),
  criterionId: z.coerce.number().int().positive().optional(),
  name: text("tên tiêu chí", 2, 100),
  weight: z.coerce.number({ invalid_type_error: "Trọng số là một số." }).positive("Trọng số phải lớn hơn 0.").max(100, "Trọng số tối đa 100."),
  maxScore: z.coerce.number({ invalid_type_error: "Thang điểm là một số." }).int("Thang điểm là số nguyên.").min(1, "Thang điểm từ 1.").max(1000, "Thang điểm tối đa 1000."),
});

export const judgeAssignSchema = z.object({
  intent: z.literal("assign-judge"),
  userId: z.coerce.number({ invalid_type_error: "Chọn giám khảo." }).int().positive("Chọn giám khảo."),
  theme: z.union([z.literal("all"), z.enum(THEME_SLUGS)], { errorMap: () => ({ message: "Chọn chủ đề hoặc “tất cả”." }) }),
});

export const recuseSchema = z.object({
  intent: z.literal("recuse"),
  reason: z.string({ required_error: "Vui lòng ghi lý do." }).trim().min(5, "Lý do cần ít nhất 5 ký tự.").max(500, "Lý do tối đa 500 ký tự."),
});

export const reopenSchema = z.object({
  intent: z.literal("reopen-scoring"),
  reason: z
    .string({ required_error: "Vui lòng ghi lý do mở lại chấm điểm." })
    .trim()
    .min(10, "Vui lòng ghi lý do mở lại chấm điểm (ít nhất 10 ký tự).")
    .max(1000, "Lý do tối đa 1000 ký tự."),
});
