import { z } from "zod";
import { BANDS, SCOPES, type CriterionRule } from "../core/emulation/types";
import { DEADLINE_KINDS, latestDay } from "../core/emulation/deadlines";
import { parseVnDate, parseVnTime } from "../core/vn-date";
import { cleanText } from "../text.schemas";
import { MOVEMENT_KINDS } from "./schemas";

/**
 * The organizer's editor of a movement: one module for the browser (Conform) and the server. Every field is
 * text as a form sends it; the schemas turn it into the engine's own types (app/core/emulation/types.ts), and
 * the server checks the result once more against the content schema (criterionSchema), so whatever the editor
 * saves the engine can evaluate.
 */

const cap = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;

/** A number as a Vietnamese civil servant types it ("90", "95,5"), within bounds. */
function numberField(label: string, opts: { min?: number; max?: number; int?: boolean; gt?: number } = {}) {
  return z
    .string({ required_error: `Vui lòng nhập ${label}.` })
    .transform((s, ctx) => {
      const t = s.trim().replace(/\s/g, "").replace(",", ".");
      const n = Number(t);
      if (t === "" || !Number.isFinite(n)) {
        ctx.addIssue({ code: "custom", message: `${cap(label)} phải là một số.`, fatal: true });
        return z.NEVER;
      }
      if (opts.int && !Number.isInteger(n)) ctx.addIssue({ code: "custom", message: `${cap(label)} phải là số nguyên.` });
      else if (opts.min !== undefined && n < opts.min) ctx.addIssue({ code: "custom", message: `${cap(label)} không nhỏ hơn ${opts.min}.` });
      else if (opts.gt !== undefined && n <= opts.gt) ctx.addIssue({ code: "custom", message: `${cap(label)} phải lớn hơn ${opts.gt}.` });
      else if (opts.max !== undefined && n > opts.max) ctx.addIssue({ code: "custom", message: `${cap(label)} không lớn hơn ${opts.max}.` });
      return n;
    });
}

const idField = (label: string) => z.coerce.number({ required_error: `Vui lòng chọn ${label}.`, invalid_type_error: `Vui lòng chọn ${label}.` }).int().positive(`Vui lòng chọn ${label}.`);

function parseDay(label: string, s: string, ctx: z.RefinementCtx): string {
  const d = parseVnDate(s);
  if (!d) {
    ctx.addIssue({ code: "custom", message: `${cap(label)} không hợp lệ: nhập ngày/tháng/năm, ví dụ 17/05/2024.`, fatal: true });
    return z.NEVER;
  }
  return d;
}

const dayField = (label: string) => z.string({ required_error: `Vui lòng nhập ${label}.` }).transform((s, ctx) => parseDay(label, s, ctx));

const optionalDayField = (label: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx): string | null => (s === undefined || s.trim() === "" ? null : parseDay(label, s, ctx)));

export const KIND_TEXT: Record<(typeof MOVEMENT_KINDS)[number], string> = { thuong_xuyen: "Thường xuyên", hang_nam: "Hằng năm", theo_dot: "Theo đợt", giai_doan: "Giai đoạn (nhiều năm)" };

/** The deadlines the editor sets, by their label in movement_deadlines (other deadlines are kept as they are). */
export const REGISTRATION_DEADLINE = "Hạn đăng ký thi đua";
export const DOSSIER_DEADLINE = "Hạn nộp hồ sơ đề nghị khen thưởng";

/** Why a launched movement's schemes, criteria and units no longer change (shown in the pages, sent with a 409). */
export const LOCKED_MESSAGE = "Phong trào đã phát động: hình thức khen thưởng, tiêu chí và đơn vị tham gia đã công bố cho các đơn vị, không sửa được nữa.";

/** Why a launched movement's deadlines are no longer added, edited or removed (only moved later). */
export const DEADLINE_LOCKED = "Phong trào đã phát động: các mốc thời hạn đã công bố cho các đơn vị; chỉ dời được hạn về sau, kèm lý do.";

/** What the organizer's next step does, said beside its button (the states are draft → … → closed). */
export const NEXT_STEP_TEXT = {
  draft: "Thủ trưởng các đơn vị tham gia nhận thông báo trên nền tảng và bắt đầu đăng ký thi đua. Sau khi phát động, hình thức khen thưởng, tiêu chí và đơn vị tham gia không sửa được nữa.",
  launched: "Các đơn vị không gửi hay sửa bản đăng ký được nữa; bản đăng ký đang chờ vẫn duyệt hoặc trả lại được.",
  registration_closed: "Nền tảng xét mọi ứng viên theo từng tiêu chí và lưu kết quả; đơn vị vẫn bổ sung minh chứng trong khi xét.",
  evaluating: "Phong trào kết thúc: kết quả xét lần cuối được giữ nguyên để hội đồng và các đơn vị xem lại.",
  closed: null,
} as const;

// ---------------- the movement ----------------

export const movementSchema = z
  .object({
    title: cleanText("tên phong trào", { min: 10, max: 400 }),
    organizerUnitId: idField("đơn vị phát động"),
    kind: z.enum(MOVEMENT_KINDS, { errorMap: () => ({ message: "Chọn loại phong trào." }) }),
    periodStart: dayField("ngày bắt đầu"),
    periodEnd: dayField("ngày kết thúc"),
    year: numberField("năm xét khen thưởng", { int: true, min: 2000, max: 2100 }),
    planNumber: z
      .string()
      .optional()
      .transform((s) => (s ?? "").normalize("NFC").trim())
      .refine((s) => s.length <= 60, "Số kế hoạch tối đa 60 ký tự.")
      .refine((s) => /^$|^[0-9]+\/[A-ZĐa-zđ0-9-]+$/.test(s), 'Số kế hoạch ghi như "105/KH-UBND".'),
    planDate: optionalDayField("ngày ban hành kế hoạch"),
    contentsMd: z
      .string()
      .optional()
      .transform((s) => (s ?? "").normalize("NFC").replace(/\r\n/g, "\n").trim())
      .refine((s) => s.length <= 20_000, "Nội dung tối đa 20.000 ký tự."),
    linkedContestId: z.coerce.number().int().positive().optional(),
    rootUnitId: idField("đơn vị tham gia"),
    excludedUnitIds: z.array(z.coerce.number().int().positive()).max(5000).default([]),
    registrationDeadline: optionalDayField("hạn đăng ký thi đua"),
    dossierDeadline: optionalDayField("hạn nộp hồ sơ đề nghị khen thưởng"),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "Ngày kết thúc phải sau ngày bắt đầu." });
    const [from, to] = [Number(v.periodStart.slice(0, 4)), Number(v.periodEnd.slice(0, 4))];
    if (v.year < from || v.year > to) ctx.addIssue({ code: "custom", path: ["year"], message: `Năm xét khen thưởng phải trong thời gian của phong trào (${from}–${to}).` });
    if ((v.planNumber === "") !== (v.planDate === null)) {
      ctx.addIssue({ code: "custom", path: [v.planNumber === "" ? "planNumber" : "planDate"], message: "Ghi cả số và ngày ban hành của kế hoạch, hoặc để trống cả hai." });
    }
    if (v.registrationDeadline && v.registrationDeadline < v.periodStart) ctx.addIssue({ code: "custom", path: ["registrationDeadline"], message: "Hạn đăng ký không trước ngày bắt đầu phong trào." });
    else if (v.registrationDeadline && v.registrationDeadline > v.periodEnd) ctx.addIssue({ code: "custom", path: ["registrationDeadline"], message: "Hạn đăng ký phải trong thời gian của phong trào." });
    if (v.dossierDeadline && v.dossierDeadline > latestDay("dossier", v.periodEnd)) ctx.addIssue({ code: "custom", path: ["dossierDeadline"], message: "Hạn nộp hồ sơ chậm nhất một năm sau khi phong trào kết thúc." });
    if (v.registrationDeadline && v.dossierDeadline && v.dossierDeadline < v.registrationDeadline) {
      ctx.addIssue({ code: "custom", path: ["dossierDeadline"], message: "Hạn nộp hồ sơ phải sau hạn đăng ký." });
    }
    if (v.excludedUnitIds.includes(v.rootUnitId)) ctx.addIssue({ code: "custom", path: ["excludedUnitIds"], message: "Không loại trừ chính đơn vị gốc." });
  });
export type MovementInput = z.output<typeof movementSchema>;

// ---------------- a deadline ----------------

export const deadlineSchema = z.object({
  label: cleanText("tên mốc thời hạn", { min: 3, max: 200 }),
  kind: z.enum(DEADLINE_KINDS, { errorMap: () => ({ message: "Chọn loại của mốc thời hạn." }) }),
  date: dayField("ngày của hạn"),
  time: z
    .string()
    .optional()
    .transform((s, ctx): string | null => {
      if (s === undefined || s.trim() === "") return null;
      const t = parseVnTime(s);
      if (!t) {
        ctx.addIssue({ code: "custom", message: "Giờ không hợp lệ: nhập giờ:phút theo 24 giờ, ví dụ 17:00.", fatal: true });
        return z.NEVER;
      }
      return t;
    }),
});
export type DeadlineInput = z.output<typeof deadlineSchema>;

/** Moving a launched movement's deadline: a later day (and hour), and why, for the units and the audit log. */
export const moveDeadlineSchema = z.object({
  date: dayField("ngày mới của hạn"),
  time: deadlineSchema.shape.time,
  reason: cleanText("lý do dời hạn", { min: 10, max: 500 }),
});
export type MoveDeadlineInput = z.output<typeof moveDeadlineSchema>;

// ---------------- a launching document ----------------

export const DOCUMENT_CAP_BYTES = 10 * 1024 * 1024;

export const documentSchema = z
  .object({
    title: cleanText("tên văn bản", { min: 3, max: 300 }),
    url: z
      .string()
      .trim()
      .url("Đường dẫn phải bắt đầu bằng https://")
      .max(1000, "Đường dẫn tối đa 1.000 ký tự.")
      .refine((u) => /^https?:\/\//i.test(u), "Đường dẫn phải bắt đầu bằng https://")
      .optional(),
    // Typed loosely: a File in the browser and on the server; the server sniffs its content again.
    file: z
      .custom<File>((f) => typeof File !== "undefined" && f instanceof File, "Chọn tệp PDF hoặc Word.")
      .optional()
      .refine((f) => !f || f.size <= DOCUMENT_CAP_BYTES, `Tệp quá lớn: tối đa ${DOCUMENT_CAP_BYTES / 1024 / 1024} MB.`)
      .refine((f) => !f || /\.(pdf|docx?)$/i.test(f.name), "Chỉ nhận tệp PDF hoặc Word (.pdf, .docx, .doc)."),
  })
  .superRefine((v, ctx) => {
    if (!v.url && !v.file) ctx.addIssue({ code: "custom", path: ["url"], message: "Tải lên một tệp hoặc ghi đường dẫn của văn bản." });
    if (v.url && v.file) ctx.addIssue({ code: "custom", path: ["url"], message: "Chọn một trong hai: tệp tải lên hoặc đường dẫn." });
  });

// ---------------- an award scheme ----------------

export const OWN_FORM = "rieng";

export const schemeFormSchema = z
  .object({
    formChoice: z.string({ required_error: "Chọn hình thức hoặc danh hiệu." }).regex(/^[a-z0-9-]+$/, "Chọn hình thức hoặc danh hiệu."),
    ownName: z
      .string()
      .optional()
      .transform((s) => (s ?? "").normalize("NFC").trim())
      .refine((s) => s.length <= 200, "Tên hình thức tối đa 200 ký tự."),
    title: cleanText("tên hình thức khen thưởng của phong trào", { min: 5, max: 300 }),
    target: z.enum(["collective", "individual"], { errorMap: () => ({ message: "Chọn tập thể hoặc cá nhân." }) }),
    level: cleanText("cấp khen thưởng", { min: 2, max: 100 }),
    quotaType: z.enum(["none", "total", "per_unit"], { errorMap: () => ({ message: "Chọn cách tính chỉ tiêu." }) }),
    quotaN: z.string().optional(),
    rankBy: z.enum(["none", "index_score", "quiz_score"]).default("none"),
    rankContest: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.formChoice === OWN_FORM && v.ownName.length < 5) ctx.addIssue({ code: "custom", path: ["ownName"], message: "Ghi tên hình thức khen thưởng riêng (ít nhất 5 ký tự)." });
    if (v.quotaType !== "none") {
      const n = Number((v.quotaN ?? "").trim());
      if (!Number.isInteger(n) || n < 1 || n > 10_000) ctx.addIssue({ code: "custom", path: ["quotaN"], message: "Chỉ tiêu là số nguyên từ 1 trở lên." });
    }
    if (v.rankBy === "quiz_score" && !v.rankContest) ctx.addIssue({ code: "custom", path: ["rankContest"], message: "Chọn cuộc thi dùng để xếp thứ tự." });
  })
  .transform((v) => ({
    formChoice: v.formChoice,
    ownName: v.ownName,
    title: v.title,
    target: v.target,
    level: v.level,
    quota: v.quotaType === "none" ? ({ type: "none" } as const) : { type: v.quotaType, n: Number(v.quotaN!.trim()) },
    rankBy: v.rankBy,
    rankContest: v.rankBy === "quiz_score" ? v.rankContest : undefined,
  }));
export type SchemeInput = z.output<typeof schemeFormSchema>;

// ---------------- criteria: a form per kind ----------------

/**
 * The kinds an organizer picks from. Three of them are the engine's "initiatives" criterion with a measure,
 * split so that each form asks only what its measure needs.
 */
export const FORM_KINDS = [
  "participation_rate",
  "quiz_score",
  "index_score",
  "index_band",
  "index_rank",
  "index_years",
  "initiatives_registered",
  "initiatives_recognised",
  "initiatives_applied",
  "past_titles",
  "declared_boolean",
  "declared_number",
  "disqualify_share",
  "disqualify_pending",
] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export const formKindSchema = z.enum(FORM_KINDS, { errorMap: () => ({ message: "Chọn loại tiêu chí." }) });

export function formKindOf(rule: CriterionRule): FormKind {
  if (rule.kind === "initiatives") return rule.measure === "registered" ? "initiatives_registered" : rule.measure === "recognised" ? "initiatives_recognised" : "initiatives_applied";
  return rule.kind;
}

const label = cleanText("nội dung tiêu chí", { min: 5, max: 300 });
const yearOffset = z.enum(["0", "-1"], { errorMap: () => ({ message: "Chọn năm của kết quả." }) }).transform(Number);
const contest = z.string({ required_error: "Chọn cuộc thi." }).regex(/^[a-z0-9-]+$/, "Chọn cuộc thi.");
const pctField = (l: string) => numberField(l, { min: 0, max: 100 });

const kindFields = {
  participation_rate: z.object({ contest, minRatePct: numberField("tỷ lệ tham gia tối thiểu", { gt: 0, max: 100 }) }),
  quiz_score: z.object({ contest, minScore: numberField("điểm tối thiểu", { min: 0, max: 1000 }) }),
  index_score: z.object({ minScore: pctField("Chỉ số CCHC tối thiểu"), yearOffset }),
  index_band: z.object({ minBand: z.enum(BANDS, { errorMap: () => ({ message: "Chọn xếp loại tối thiểu." }) }), yearOffset }),
  index_rank: z.object({ maxRank: numberField("thứ hạng", { int: true, min: 1, max: 1000 }), yearOffset }),
  index_years: z.object({
    minScore: pctField("Chỉ số CCHC tối thiểu"),
    span: numberField("số năm của giai đoạn", { int: true, min: 1, max: 10 }),
    minYears: numberField("số năm phải đạt", { int: true, min: 1, max: 10 }),
    consecutive: z.literal("on").optional(),
  }),
  initiatives_registered: z.object({ min: numberField("số mô hình, sáng kiến", { int: true, min: 1, max: 1000 }) }),
  initiatives_recognised: z.object({
    min: numberField("số sáng kiến được công nhận", { int: true, min: 1, max: 1000 }),
    minScope: z.enum(SCOPES, { errorMap: () => ({ message: "Chọn phạm vi ảnh hưởng." }) }),
    council: z
      .string()
      .optional()
      .transform((s) => (s ?? "").normalize("NFC").trim())
      .refine((s) => s.length <= 200, "Tên hội đồng tối đa 200 ký tự."),
  }),
  initiatives_applied: z.object({ minPct: numberField("tỷ lệ được áp dụng", { gt: 0, max: 100 }) }),
  past_titles: z.object({ title: cleanText("danh hiệu hoặc hình thức đã đạt", { min: 3, max: 200 }), years: numberField("số năm liên tục", { int: true, min: 1, max: 10 }) }),
  declared_boolean: z.object({ expected: z.enum(["co", "khong"], { errorMap: () => ({ message: "Chọn câu trả lời đạt yêu cầu." }) }) }),
  declared_number: z.object({
    op: z.enum([">=", "<=", "="], { errorMap: () => ({ message: "Chọn phép so sánh." }) }),
    target: numberField("mức yêu cầu", { min: 0, max: 1e12 }),
    unit: z
      .string()
      .optional()
      .transform((s) => (s ?? "").normalize("NFC").trim())
      .refine((s) => s.length <= 40, "Đơn vị tính tối đa 40 ký tự."),
  }),
  disqualify_share: z.object({ maxSharePct: numberField("tỷ lệ tối đa", { min: 0, max: 100 }) }),
  disqualify_pending: z.object({}),
} satisfies Record<FormKind, z.ZodTypeAny>;

/** The engine's rule from the fields of one kind's form. */
function toRule(kind: FormKind, v: Record<string, unknown>): CriterionRule {
  const a = v as never as Record<string, never>;
  switch (kind) {
    case "participation_rate":
      return { kind, contest: a.contest, minRate: Math.round(a.minRatePct * 100) / 10_000 };
    case "quiz_score":
      return { kind, contest: a.contest, minScore: a.minScore };
    case "index_score":
      return { kind, minScore: a.minScore, ...(a.yearOffset ? { yearOffset: a.yearOffset } : {}) };
    case "index_band":
      return { kind, minBand: a.minBand, ...(a.yearOffset ? { yearOffset: a.yearOffset } : {}) };
    case "index_rank":
      return { kind, maxRank: a.maxRank, ...(a.yearOffset ? { yearOffset: a.yearOffset } : {}) };
    case "index_years":
      return { kind, minScore: a.minScore, minYears: a.minYears, fromOffset: 1 - a.span, toOffset: 0, ...(a.consecutive ? { consecutive: true } : {}) };
    case "initiatives_registered":
      return { kind: "initiatives", measure: "registered", min: a.min };
    case "initiatives_recognised":
      return { kind: "initiatives", measure: "recognised", min: a.min, ...(a.minScope !== "co_so" ? { minScope: a.minScope } : {}), ...(a.council ? { council: a.council } : {}) };
    case "initiatives_applied":
      return { kind: "initiatives", measure: "applied_share", min: Math.round(a.minPct * 100) / 10_000 };
    case "past_titles":
      return { kind, title: a.title, years: a.years };
    case "declared_boolean":
      return { kind, expected: a.expected === "co" };
    case "declared_number":
      return { kind, op: a.op, target: a.target, ...(a.unit ? { unit: a.unit } : {}) };
    case "disqualify_share":
      return { kind, maxShare: Math.round(a.maxSharePct * 100) / 10_000 };
    case "disqualify_pending":
      return { kind };
  }
}

/** The form of one kind: its fields in, `{ label, rule }` out. */
export function criterionFormSchema(kind: FormKind) {
  const fields = kindFields[kind] as z.AnyZodObject;
  return z
    .object({ label })
    .merge(fields)
    .superRefine((v, ctx) => {
      if (kind === "index_years" && (v as { minYears: number; span: number }).minYears > (v as { span: number }).span) {
        ctx.addIssue({ code: "custom", path: ["minYears"], message: "Số năm phải đạt không quá số năm của giai đoạn." });
      }
    })
    .transform((v) => ({ label: v.label as string, rule: toRule(kind, v) }));
}

/** A stored rule as the form's text fields, to edit it. */
export function ruleDefaults(label: string, rule: CriterionRule): Record<string, string> {
  const pct = (x: number) => String(Math.round(x * 10_000) / 100).replace(".", ",");
  const base = { label };
  switch (rule.kind) {
    case "participation_rate":
      return { ...base, contest: rule.contest, minRatePct: pct(rule.minRate) };
    case "quiz_score":
      return { ...base, contest: rule.contest, minScore: String(rule.minScore) };
    case "index_score":
      return { ...base, minScore: String(rule.minScore), yearOffset: String(rule.yearOffset ?? 0) };
    case "index_band":
      return { ...base, minBand: rule.minBand, yearOffset: String(rule.yearOffset ?? 0) };
    case "index_rank":
      return { ...base, maxRank: String(rule.maxRank), yearOffset: String(rule.yearOffset ?? 0) };
    case "index_years":
      return { ...base, minScore: String(rule.minScore), span: String(rule.toOffset - rule.fromOffset + 1), minYears: String(rule.minYears), ...(rule.consecutive ? { consecutive: "on" } : {}) };
    case "initiatives":
      if (rule.measure === "applied_share") return { ...base, minPct: pct(rule.min) };
      if (rule.measure === "registered") return { ...base, min: String(rule.min) };
      return { ...base, min: String(rule.min), minScope: rule.minScope ?? "co_so", council: rule.council ?? "" };
    case "past_titles":
      return { ...base, title: rule.title, years: String(rule.years) };
    case "declared_boolean":
      return { ...base, expected: rule.expected ? "co" : "khong" };
    case "declared_number":
      return { ...base, op: rule.op, target: String(rule.target), unit: rule.unit ?? "" };
    case "disqualify_share":
      return { ...base, maxSharePct: pct(rule.maxShare) };
    case "disqualify_pending":
      return base;
  }
}

/** A code for a new scheme or criterion: the folded title, short, unique among `taken`. */
export function codeFrom(text: string, taken: Set<string>, fold: (s: string) => string): string {
  const base =
    fold(text)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/g, "") || "muc";
  let code = base;
  for (let i = 2; taken.has(code); i++) code = `${base}-${i}`;
  return code;
}
