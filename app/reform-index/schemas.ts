import { z } from "zod";

/** Inputs of the reform-index pages, parsed on the server (and by the autosave in the browser). */

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const optionalNumber = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? v.replace(",", ".").trim() : v),
  z.coerce.number({ invalid_type_error: "Điểm phải là một số." }).finite().min(0, "Điểm không được âm.").max(1000).nullable(),
);
const link = z
  .string()
  .trim()
  .max(500)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Đường dẫn tài liệu kiểm chứng phải bắt đầu bằng http:// hoặc https://");

export const rowSaveSchema = z.object({
  setId: id,
  unitId: id,
  rowId: id,
  declared: z.string().trim().max(200).nullable().transform((s) => (s ? s : null)),
  notApplicable: z.coerce.boolean(),
  entered: optionalNumber,
  explanation: z.string().max(4000).default(""),
  links: z.array(link).max(20).default([]),
  seq: z.coerce.number().int().min(1).max(2 ** 31),
});
export type RowSaveInput = z.infer<typeof rowSaveSchema>;

export const councilScoreSchema = z.object({
  assessmentId: id,
  rowId: id,
  points: optionalNumber,
  notApplicable: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  reason: z.string().max(2000).default(""),
});

export const answerSchema = z.object({ assessmentId: id, rowId: id, answer: z.string().trim().min(1, "Nhập nội dung giải trình.").max(4000) });
export const reasonSchema = z.object({ assessmentId: id, reason: z.string().max(2000).default("") });
