import { z } from "zod";

/**
 * An index set (bộ chỉ số CCHC) for one year and one group of units: a tree of parts (lĩnh vực, "I", "II"),
 * criteria (tiêu chí, "1", "2") and component criteria (tiêu chí thành phần, "1.1"). Only leaves are scored;
 * a parent's maximum is the sum of its children's. No I/O.
 */

/** Where a row's declared value comes from when the platform already holds it. */
export const PLATFORM_SOURCES = {
  contest_participation: "Tỷ lệ cán bộ tham gia cuộc thi trực tuyến (%)",
  initiatives_registered: "Số sáng kiến, mô hình đã đăng ký",
  initiatives_applied_share: "Tỷ lệ sáng kiến được áp dụng hiệu quả (%)",
} as const;
export type PlatformSource = keyof typeof PLATFORM_SOURCES;

export const methodSchema = z.discriminatedUnion("kind", [
  /** "Có" gives the maximum, "Không" nothing. */
  z.object({ kind: z.literal("yes_no") }),
  /** One of named levels, each with its points ("Tốt: 2; Khá: 1"). */
  z.object({ kind: z.literal("levels"), levels: z.array(z.object({ label: z.string().min(1), points: z.number().min(0) })).min(2) }),
  /** A number; the highest step whose threshold it reaches gives its points ("≥ 100%: 2; ≥ 80%: 1"). */
  z.object({ kind: z.literal("steps"), steps: z.array(z.object({ min: z.number(), points: z.number().min(0) })).min(1) }),
  /** A percentage; points are the maximum times the percentage. */
  z.object({ kind: z.literal("ratio") }),
  /** Scored by hand within the maximum. */
  z.object({ kind: z.literal("manual") }),
]);
export type ScoringMethod = z.infer<typeof methodSchema>;

export type IndexRow = {
  /** The path inside the set, unique: "I", "I.1", "I.1.2". */
  code: string;
  /** The number as printed in the province's table ("I", "1", "1.2"). */
  stt: string;
  parentCode: string | null;
  title: string;
  maxPoints: number;
  method: ScoringMethod;
  /** The evidence the set asks for (yêu cầu và tài liệu kiểm chứng). */
  evidence: string;
  /** The row may be declared "không áp dụng": its points then leave the maximum. */
  allowNotApplicable: boolean;
  /** Bonus points (điểm cộng): counted in what the unit obtains, never in the maximum. */
  bonus: boolean;
  source: PlatformSource | null;
};

export type IndexSetTree = { rows: IndexRow[] };

export const isLeaf = (rows: readonly IndexRow[], code: string) => !rows.some((r) => r.parentCode === code);

export const leaves = (rows: readonly IndexRow[]) => rows.filter((r) => isLeaf(rows, r.code));

/** The sum of the leaves' maxima, bonus rows apart: the set's nominal maximum (usually 100). */
export function nominalMaximum(rows: readonly IndexRow[]): number {
  return round2(leaves(rows).filter((r) => !r.bonus).reduce((s, r) => s + r.maxPoints, 0));
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Sentences the reform-index feature shows. */
export const indexMessages = {
  notApplicableRefused: "Tiêu chí này không được kê khai \"không áp dụng\".",
  overMaximum: (max: number) => `Điểm không được vượt quá điểm tối đa ${formatPoints(max)}.`,
  negative: "Điểm không được âm.",
  needValue: "Chưa kê khai số liệu cho tiêu chí này.",
  badLevel: (levels: string[]) => `Mức kê khai phải là một trong: ${levels.join(", ")}.`,
  badNumber: "Số liệu kê khai phải là một số.",
  badYesNo: "Số liệu kê khai phải là \"Có\" hoặc \"Không\".",
} as const;

export const formatPoints = (n: number) => n.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
