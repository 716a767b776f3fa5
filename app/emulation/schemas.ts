import { z } from "zod";
import { BANDS, SCOPES } from "../core/emulation/types";

/** zod schemas of the emulation feature: content files, forms and imports share them. */

const id = z.string().regex(/^[a-z0-9-]+$/, "Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang.");
const share = z.number().min(0).max(1);

export const criterionSchema = z.intersection(
  z.object({ id, label: z.string().min(1) }),
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("participation_rate"), contest: z.string().min(1), minRate: share }),
    z.object({ kind: z.literal("quiz_score"), contest: z.string().min(1), minScore: z.number().min(0) }),
    z.object({ kind: z.literal("index_score"), minScore: z.number().min(0).max(100), yearOffset: z.number().int().max(0).optional() }),
    z.object({ kind: z.literal("index_rank"), maxRank: z.number().int().min(1), yearOffset: z.number().int().max(0).optional() }),
    z.object({ kind: z.literal("index_band"), minBand: z.enum(BANDS), yearOffset: z.number().int().max(0).optional() }),
    z.object({
      kind: z.literal("index_years"),
      minScore: z.number().min(0).max(100),
      minYears: z.number().int().min(1),
      fromOffset: z.number().int().max(0),
      toOffset: z.number().int().max(0),
      consecutive: z.boolean().optional(),
    }),
    z.object({
      kind: z.literal("initiatives"),
      measure: z.enum(["registered", "recognised", "applied_share"]),
      min: z.number().min(0),
      minScope: z.enum(SCOPES).optional(),
      council: z.string().min(1).optional(),
    }),
    z.object({ kind: z.literal("past_titles"), title: z.string().min(1), years: z.number().int().min(1).max(10) }),
    z.object({ kind: z.literal("declared_boolean"), expected: z.boolean() }),
    z.object({ kind: z.literal("declared_number"), op: z.enum([">=", "<=", "="]), target: z.number(), unit: z.string().optional() }),
    z.object({ kind: z.literal("disqualify_share"), maxShare: share }),
    z.object({ kind: z.literal("disqualify_pending") }),
  ]),
);

export const quotaSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("total"), n: z.number().int().min(1) }),
  z.object({ type: z.literal("per_unit"), n: z.number().int().min(1) }),
  z.object({ type: z.literal("none") }),
]);

export const schemeSchema = z.object({
  id,
  title: z.string().min(1),
  form: id,
  /** An organizer's own form (not in the catalogue) names itself. */
  formName: z.string().min(1).max(200).optional(),
  target: z.enum(["collective", "individual"]),
  level: z.string().min(1),
  quota: quotaSchema,
  rankBy: z.enum(["index_score", "quiz_score", "none"]).default("none"),
  rankContest: z.string().optional(),
  criteria: z.array(criterionSchema).min(1),
});

export const MOVEMENT_KINDS = ["thuong_xuyen", "hang_nam", "theo_dot", "giai_doan"] as const;
export const MOVEMENT_STATES = ["draft", "launched", "registration_closed", "evaluating", "closed"] as const;
export const REGISTRATION_STATES = ["chua_gui", "cho_duyet", "tra_lai", "da_duyet"] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày theo dạng yyyy-mm-dd.");
const ref = z.object({ unit: z.string().optional(), person: z.string().optional() }).refine((r) => !!r.unit !== !!r.person, "Ghi đúng một trong unit hoặc person.");

export const movementFileSchema = z.object({
  slug: id,
  title: z.string().min(1),
  seed: z.string().optional(),
  organizer: z.string().min(1),
  kind: z.enum(MOVEMENT_KINDS),
  periodStart: isoDate,
  periodEnd: isoDate,
  planNumber: z.string().nullable(),
  planDate: isoDate.nullable(),
  documents: z.array(z.object({ title: z.string().min(1), url: z.string().url() })).default([]),
  contentsMd: z.string().default(""),
  linkedContest: z.string().optional(),
  /** Units the movement needs that the demo tree lacks (the seeds' own places). */
  units: z
    .array(z.object({ code: z.string().min(1), name: z.string().min(1), kind: z.string().min(1), parent: z.string().nullable(), headcount: z.number().int().min(0), womenShare: share.optional() }))
    .default([]),
  participants: z.object({ root: z.string().min(1), exclude: z.array(z.string()).default([]) }),
  deadlines: z.array(z.object({ label: z.string().min(1), date: isoDate, kind: z.enum(["registration", "evidence", "dossier", "forward", "appraisal", "other"]).optional() })).default([]),
  schemes: z.array(schemeSchema).min(1),
  demo: z.object({
    year: z.number().int().min(2000).max(2100),
    state: z.enum(MOVEMENT_STATES),
    registrations: z.array(
      z.object({
        unit: z.string(),
        status: z.enum(REGISTRATION_STATES),
        returnReason: z.string().optional(),
        /** Who holds or returned a sent registration; by default the parent unit when it takes part, else the organizer. */
        stage: z.enum(["parent", "organizer"]).optional(),
        schemes: z.array(id).default([]),
        targets: z.string().default(""),
        people: z.array(z.object({ key: id, name: z.string().min(1), gender: z.enum(["nam", "nu"]), position: z.string().optional() })).default([]),
      }),
    ),
    index: z.array(z.object({ unit: z.string(), year: z.number().int(), score: z.number().min(0).max(100), band: z.enum(BANDS).optional(), rank: z.number().int().min(1).optional() })).default([]),
    initiatives: z.array(z.object({ unit: z.string(), year: z.number().int(), registered: z.number().int().min(0), applied: z.number().int().min(0) })).default([]),
    recognitions: z.array(z.object({ unit: z.string(), year: z.number().int(), scope: z.enum(SCOPES), council: z.string().nullable().default(null), person: z.string().optional(), title: z.string().min(1) })).default([]),
    participation: z.array(z.object({ unit: z.string(), participants: z.number().int().min(0), denominator: z.number().int().min(0) })).default([]),
    declarations: z
      .array(ref.and(z.object({ criterion: id, value: z.union([z.number(), z.boolean()]), evidence: z.string().nullable().default(null), status: z.enum(["pending", "accepted", "returned"]), returnReason: z.string().optional() })))
      .default([]),
    pending: z.array(ref.and(z.object({ discipline: z.boolean().default(false), inspection: z.boolean().default(false), complaint: z.boolean().default(false) }))).default([]),
    titles: z.array(ref.and(z.object({ year: z.number().int(), title: z.string().min(1) }))).default([]),
    /** Demo accounts of the movement's own tree (password as the other demo accounts). */
    accounts: z
      .array(z.object({ phone: z.string().regex(/^0\d{9}$/), fullName: z.string().min(1), unit: z.string().min(1), position: z.string().min(1), role: z.enum(["organizer", "unit_head"]).nullable().default(null) }))
      .default([]),
    /** What the demo is meant to show, checked by a test: candidate → standing per scheme. */
    expect: z.record(z.string(), z.record(z.string(), z.enum(["selected", "over_quota", "not_met", "missing_evidence", "disqualified"]))).default({}),
  }),
});
export type MovementFile = z.infer<typeof movementFileSchema>;

export const catalogueSchema = z.object({
  forms: z.array(
    z.object({
      id,
      name: z.string().min(1),
      type: z.enum(["danh_hieu", "hinh_thuc"]),
      target: z.enum(["collective", "individual", "both"]),
      level: z.string().min(1),
      basis: z.string().min(1),
      note: z.string().optional(),
    }),
  ),
});

/** A figure declared for a criterion with its evidence: a file, a link, or both (the server checks the file's content). */
export const declarationSchema = z.object({
  intent: z.literal("declare"),
  unitId: z.coerce.number().int().positive(),
  criterionId: z.string().regex(/^[a-z0-9-]+$/),
  value: z.string({ required_error: "Nhập hoặc chọn số liệu kê khai." }).trim().min(1, "Nhập hoặc chọn số liệu kê khai."),
  evidence: z.string().trim().url("Đường dẫn minh chứng phải bắt đầu bằng https://").max(1000, "Đường dẫn dài quá 1.000 ký tự.").optional(),
  file: z.instanceof(File).optional(),
});

/** The head of the unit above returns a child's registration, with the reason the child will read. */
export const parentReturnSchema = z.object({
  intent: z.literal("parent-return"),
  registrationId: z.coerce.number().int().positive(),
  reason: z
    .string({ required_error: "Ghi lý do trả lại (ít nhất 5 ký tự)." })
    .trim()
    .min(5, "Ghi lý do trả lại (ít nhất 5 ký tự).")
    .max(1000, "Lý do trả lại dài quá 1.000 ký tự."),
});

/**
 * A unit's registration (đăng ký thi đua), the same schema in the browser and on the server: the award schemes
 * it aims for (the unit itself as the collective of the collective schemes), the people it puts forward for
 * the individual ones, its targets and its initiatives or models. Saving a draft asks nothing; sending asks
 * for a scheme. What only the server knows (the movement's schemes, who the people are) is checked there and
 * comes back as the field's error.
 */
export const REG_TEXT_MAX = 4000;
export const REG_PEOPLE_MAX = 30;
const regText = (what: string) => z.string().trim().max(REG_TEXT_MAX, `${what} dài quá ${REG_TEXT_MAX.toLocaleString("vi-VN")} ký tự.`).optional();
export const registrationPersonSchema = z.object({
  id: z.coerce.number().int().positive().optional(),
  fullName: z.string({ required_error: "Nhập họ và tên người đăng ký." }).trim().min(2, "Nhập họ và tên người đăng ký.").max(120, "Họ và tên dài quá 120 ký tự."),
  gender: z.enum(["nam", "nu"], { required_error: "Chọn giới tính.", invalid_type_error: "Chọn giới tính." }),
  position: z.string().trim().max(200, "Chức vụ dài quá 200 ký tự.").optional(),
});
export const registrationSchema = z
  .object({
    intent: z.enum(["save", "send"], { required_error: "Chọn Lưu nháp hoặc Gửi đăng ký.", invalid_type_error: "Chọn Lưu nháp hoặc Gửi đăng ký." }),
    unitId: z.coerce.number().int().positive(),
    schemes: z.array(z.string().regex(/^[a-z0-9-]+$/, "Hình thức khen thưởng không hợp lệ.")).max(50, "Chọn quá nhiều hình thức.").default([]),
    people: z.array(registrationPersonSchema).max(REG_PEOPLE_MAX, `Đăng ký tối đa ${REG_PEOPLE_MAX} cá nhân.`).default([]),
    targets: regText("Chỉ tiêu"),
    initiatives: regText("Sáng kiến, mô hình"),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "send" && v.schemes.length === 0) ctx.addIssue({ code: "custom", path: ["schemes"], message: "Chọn ít nhất một hình thức khen thưởng trước khi gửi." });
  });
export type RegistrationInput = z.infer<typeof registrationSchema>;
