import { vnDateField } from "../core/vn-date";
import { z } from "zod";
import { passMarkProblem, repeatedIndexes, SCOPES } from "../core/initiative-register/rules";

const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(min, `${label[0].toUpperCase()}${label.slice(1)} cần ít nhất ${min} ký tự.`)
    .max(max, `${label[0].toUpperCase()}${label.slice(1)} tối đa ${max} ký tự.`)
    .transform((s) => s.normalize("NFC"));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Tối đa ${max} ký tự.`)
    .optional()
    .transform((s) => (s ?? "").normalize("NFC"));

// Typed day/month/year (an ISO date sent back unchanged still parses); a real calendar day, or a Vietnamese message.
const isoDate = vnDateField("Ngày");

/** One author a line: "Họ và tên; tỷ lệ %" (and optionally "; số điện thoại" to link an account). */
const authorsLines = z
  .string({ required_error: "Vui lòng nhập tác giả." })
  .max(3000, "Danh sách tác giả quá dài.")
  .transform((s, ctx) => {
    const out: { fullName: string; share: number; phone: string | null }[] = [];
    s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
      const [name, share, phone] = line.split(/[;|]/).map((p) => p.trim());
      const n = Number((share ?? "").replace("%", "").trim());
      if (!name || !share || !Number.isFinite(n)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Dòng ${i + 1}: ghi "Họ và tên; tỷ lệ %", ví dụ "Nguyễn Văn A; 60".` });
        return;
      }
      if (phone && !/^0\d{9}$/.test(phone)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Dòng ${i + 1}: số điện thoại gồm 10 chữ số, bắt đầu bằng 0.` });
        return;
      }
      out.push({ fullName: name.normalize("NFC"), share: n, phone: phone || null });
    });
    return out;
  });

/** "Tên tài liệu | đường link" a line. */
const evidenceLines = z
  .string()
  .max(3000, "Danh sách minh chứng quá dài.")
  .optional()
  .transform((s, ctx) => {
    const out: { label: string; url: string }[] = [];
    (s ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
      const parts = line.split("|").map((p) => p.trim());
      const url = parts.length > 1 ? parts[parts.length - 1] : parts[0];
      const label = parts.length > 1 ? parts.slice(0, -1).join(" | ") : "Minh chứng";
      if (!/^https?:\/\/\S+$/.test(url)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Minh chứng dòng ${i + 1}: cần một đường link bắt đầu bằng http:// hoặc https://.` });
        return;
      }
      out.push({ label: label.normalize("NFC"), url });
    });
    return out;
  });

/** The request form (đơn yêu cầu công nhận sáng kiến). A draft may be incomplete; submitting checks the rest on the server. */
export const requestSchema = z.object({
  intent: z.enum(["save", "submit"]).default("save"),
  title: text("tên sáng kiến", 5, 300),
  field: text("lĩnh vực", 2, 100),
  unitId: z.coerce.number({ invalid_type_error: "Vui lòng chọn đơn vị áp dụng." }).int().positive("Vui lòng chọn đơn vị áp dụng."),
  authors: authorsLines,
  problem: optionalText(4000),
  novelty: optionalText(4000),
  howApplied: optionalText(4000),
  appliedSince: z.union([z.literal(""), isoDate]).optional().transform((s) => s || null),
  benefit: optionalText(4000),
  claimedScope: z.enum(SCOPES, { errorMap: () => ({ message: "Chọn phạm vi ảnh hưởng đề nghị." }) }),
  evidence: evidenceLines,
  videoUrl: z
    .string()
    .trim()
    .max(500, "Đường link quá dài.")
    .optional()
    .transform((s) => s || null)
    .refine((s) => s === null || /^https?:\/\/\S+$/.test(s), "Đường link video phải bắt đầu bằng http:// hoặc https://."),
});
export type RequestInput = z.infer<typeof requestSchema>;

export const sheetCommentSchema = z.object({ comment: optionalText(2000) });

export const decisionSchema = z
  .object({
    decision: z.enum(["recognised", "not_recognised", "needs_more"], { errorMap: () => ({ message: "Chọn kết luận của hội đồng." }) }),
    reason: optionalText(2000),
    decisionNumber: optionalText(60),
    decisionDate: z.union([z.literal(""), vnDateField("Ngày quyết định")]).optional().transform((s) => s || null),
    scope: z.union([z.literal(""), z.enum(SCOPES)]).optional().transform((s) => s || null),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "recognised") return;
    if (!v.decisionNumber) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["decisionNumber"], message: "Vui lòng nhập số quyết định công nhận." });
    if (!v.decisionDate) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["decisionDate"], message: "Vui lòng nhập ngày quyết định." });
    if (!v.scope) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["scope"], message: "Chọn phạm vi ảnh hưởng được công nhận." });
  });
export type DecisionInput = z.infer<typeof decisionSchema>;

export const applicationSchema = z.object({
  unitId: z.coerce.number({ invalid_type_error: "Vui lòng chọn đơn vị áp dụng.", required_error: "Vui lòng chọn đơn vị áp dụng." }).int().positive("Vui lòng chọn đơn vị áp dụng."),
  since: vnDateField("Ngày bắt đầu áp dụng"),
  effect: text("hiệu quả áp dụng", 10, 3000),
  // The file itself is checked on the server (type, size); the field is here so its error has a place.
  certificate: z.unknown().optional(),
});

/**
 * A member's phiếu chấm for a council's criteria: one field a criterion ("c-" and its key), checked as
 * checkSheet does (every criterion, 0 to its maximum, steps of 0.5), and an optional comment.
 */
export function sheetSchema(criteria: { key: string; name: string; maxPoints: number }[]) {
  const shape: Record<string, z.ZodTypeAny> = { comment: optionalText(2000) };
  for (const c of criteria) {
    shape[`c-${c.key}`] = z
      .string({ required_error: `Chưa chấm tiêu chí "${c.name}".` })
      .trim()
      .transform((s, ctx) => {
        const n = Number(s.replace(",", "."));
        if (s === "" || !Number.isFinite(n) || n < 0 || n > c.maxPoints) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Điểm "${c.name}" phải từ 0 đến ${c.maxPoints}.` });
          return z.NEVER;
        }
        if (Math.round(n * 2) !== n * 2) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Điểm "${c.name}" chấm theo bước 0,5.` });
          return z.NEVER;
        }
        return n;
      });
  }
  return z.object(shape);
}

const phoneRe = /^0\d{9}$/;
const phoneField = (label: string) =>
  z.string({ required_error: `Vui lòng nhập số điện thoại của ${label}.` }).trim().regex(phoneRe, `Số điện thoại của ${label} gồm 10 chữ số, bắt đầu bằng 0.`);

/** Members' phones, one a line (or separated by commas). */
const phones = z
  .string()
  .max(2000, "Danh sách quá dài.")
  .optional()
  .transform((s) => (s ?? "").split(/[\s,;]+/).map((p) => p.trim()).filter(Boolean))
  .refine((list) => list.every((p) => phoneRe.test(p)), "Mỗi số điện thoại gồm 10 chữ số, bắt đầu bằng 0; mỗi số một dòng.");

const points = z
  .string({ required_error: "Vui lòng nhập điểm tối đa." })
  .trim()
  .transform((s, ctx) => {
    const n = Number(s.replace(",", "."));
    if (s === "" || !Number.isFinite(n)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Điểm tối đa phải là một số." });
      return z.NEVER;
    }
    if (n <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Điểm tối đa phải lớn hơn 0." });
      return z.NEVER;
    }
    if (n > 1000) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Điểm tối đa không quá 1.000." });
      return z.NEVER;
    }
    return n;
  });

/**
 * A council (hội đồng sáng kiến): its unit and level, fields, the chair, the other members and the secretary
 * by their phone numbers, the phiếu chấm (criteria with their points) and the pass mark. A person sits once;
 * the secretary may also be a member.
 */
export const councilSchema = z
  .object({
    name: text("tên hội đồng", 5, 200),
    unitId: z.coerce.number({ invalid_type_error: "Vui lòng chọn đơn vị." }).int().positive("Vui lòng chọn đơn vị."),
    level: z.enum(["unit", "district", "province"], { errorMap: () => ({ message: "Chọn cấp của hội đồng." }) }),
    fields: optionalText(500).transform((s) => s.split(",").map((f) => f.trim()).filter(Boolean)),
    passMark: z
      .string({ required_error: "Vui lòng nhập điểm đạt." })
      .trim()
      .transform((s, ctx) => {
        const n = Number(s.replace(",", "."));
        if (s === "" || !Number.isFinite(n)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Điểm đạt phải là một số." });
          return z.NEVER;
        }
        return n;
      }),
    criteria: z
      .array(z.object({ name: text("tên tiêu chí", 2, 200), maxPoints: points }), { required_error: "Phiếu chấm cần ít nhất một tiêu chí." })
      .min(1, "Phiếu chấm cần ít nhất một tiêu chí.")
      .max(20, "Phiếu chấm tối đa 20 tiêu chí."),
    chairPhone: phoneField("Chủ tịch hội đồng"),
    memberPhones: phones,
    secretaryPhone: phoneField("thư ký"),
  })
  .superRefine((v, ctx) => {
    for (const i of repeatedIndexes(v.criteria.map((c) => c.name)))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["criteria", i, "name"], message: `Tiêu chí "${v.criteria[i].name}" bị lặp.` });
    const seated = [v.chairPhone, ...v.memberPhones];
    const twice = repeatedIndexes(seated);
    if (twice.length) {
      const phone = seated[twice[0]];
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["memberPhones"],
        message: phone === v.chairPhone ? `Số ${phone} đã là Chủ tịch hội đồng: mỗi người chỉ có một ghế.` : `Số ${phone} được ghi hai lần: mỗi thành viên chỉ ghi một lần.`,
      });
    }
    const pm = passMarkProblem(v.passMark, v.criteria);
    if (pm) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["passMark"], message: pm });
  });
export type CouncilInput = z.infer<typeof councilSchema>;

export const registerFilterSchema = z.object({
  unitId: z.coerce.number().int().positive().optional().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  state: z.enum(["draft", "submitted", "scoring", "needs_more", "recognised", "not_recognised"]).optional().catch(undefined),
  field: z.string().trim().max(100).optional().catch(undefined).transform((s) => s || undefined),
  scope: z.enum(SCOPES).optional().catch(undefined),
});

/** The live duplicate check's question: what the author has typed so far (title and summary). */
export const similarLookupSchema = z.object({
  title: z.string({ message: "Thiếu tên sáng kiến." }).max(300, "Tên sáng kiến quá dài.").default(""),
  summary: z.string().max(6000, "Nội dung kiểm tra quá dài.").default(""),
});

/** The public opt-in checkbox: ticked ("on") or absent; anything else is refused. */
export const publicOptInSchema = z.object({
  intent: z.literal("public"),
  optIn: z.literal("on", { errorMap: () => ({ message: "Lựa chọn công khai không hợp lệ." }) }).optional(),
});

/** The carry-over button: one entry of the contest's initiative round. */
export const carryOverSchema = z.object({
  intent: z.literal("carry", { errorMap: () => ({ message: "Yêu cầu không hợp lệ." }) }),
  entryId: z.coerce.number({ message: "Chưa chọn bài dự thi." }).int("Chưa chọn bài dự thi.").positive("Chưa chọn bài dự thi."),
});
