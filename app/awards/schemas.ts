import { z } from "zod";
import { vnDateField } from "../core/vn-date";

/** Forms of the awards pages, parsed on the server (and shared with the browser where it validates). */

const id = z.coerce.number().int().positive();
const reason = z.string().trim().max(1000).optional();

export const unitForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("propose"), schemeId: z.string().regex(/^[a-z0-9-]+$/), candidateKey: z.string().regex(/^(unit|person):\d+$/) }),
  z.object({ intent: z.literal("achievement"), proposalId: id, achievement: z.string().trim().min(10, "Ghi thành tích trong một câu (ít nhất 10 ký tự).").max(300, "Thành tích in trên giấy khen tối đa 300 ký tự.") }),
  z.object({ intent: z.literal("send"), proposalId: id }),
  z.object({ intent: z.literal("withdraw"), proposalId: id }),
  z.object({ intent: z.literal("delete"), proposalId: id }),
]);

export const DOC_KINDS = ["to_trinh", "bien_ban", "bao_cao", "minh_chung"] as const;
export const DOC_LABEL = { to_trinh: "Tờ trình", bien_ban: "Biên bản họp xét", bao_cao: "Báo cáo thành tích", minh_chung: "Minh chứng", quyet_dinh: "Quyết định (bản ký)" } as const;

export const uploadForm = z.object({
  intent: z.literal("upload"),
  proposalId: id,
  kind: z.enum(DOC_KINDS, { errorMap: () => ({ message: "Chọn loại tài liệu." }) }),
  reason,
});

const mm = z.coerce.number({ invalid_type_error: "Độ lệch là số mm từ -50 đến 50." }).int("Độ lệch là số mm nguyên.").min(-50, "Độ lệch từ -50 đến 50 mm.").max(50, "Độ lệch từ -50 đến 50 mm.");
const issuerFields = {
  issuingBody: z.string().trim().min(3, "Ghi cơ quan ban hành quyết định.").max(200),
  issuingParent: z.string().trim().max(200).optional(),
  symbol: z.string().trim().regex(/^[A-ZĐ0-9-]{1,20}$/u, "Ký hiệu viết hoa, không dấu cách, ví dụ UBND."),
  place: z.string().trim().min(2, "Ghi địa danh.").max(100),
  signerTitle: z.string().trim().min(2, "Ghi chức vụ người ký.").max(100),
  signerName: z.string().trim().max(100).optional(),
  certOffsetX: mm,
  certOffsetY: mm,
  certBlank: z.literal("on").optional(),
};

/**
 * The ballot of a level's council. The pass mark counts "đồng ý" against all the members and the quorum counts
 * who took part; the law's usual shares (Luật Thi đua, khen thưởng 2022; the council's rules) are more than half
 * or two thirds, nothing below half and nothing a council could never reach.
 */
const ballotFields = {
  ballotMode: z.enum(["open", "secret"], { errorMap: () => ({ message: "Chọn biểu quyết công khai hoặc bỏ phiếu kín." }) }),
  passMark: z.enum(["more_than_half", "two_thirds"], { errorMap: () => ({ message: "Tiêu chuẩn thông qua phải là quá nửa hoặc từ hai phần ba tổng số thành viên." }) }),
  quorum: z.enum(["more_than_half", "two_thirds"], { errorMap: () => ({ message: "Số thành viên tối thiểu tham gia biểu quyết phải là quá nửa hoặc từ hai phần ba tổng số thành viên." }) }),
};
const partial = <T extends Record<string, z.ZodTypeAny>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };

export const organizerForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["receive", "return", "qualify", "disqualify", "submit", "forward"]), proposalId: id, reason }),
  z.object({ intent: z.literal("reopen"), unitId: id, until: vnDateField("Hạn mở lại"), reason: z.string().trim().min(5, "Ghi lý do mở lại (ít nhất 5 ký tự).").max(500) }),
  z.object({
    intent: z.literal("settings"),
    deadline: vnDateField("Hạn gửi hồ sơ"),
    ...ballotFields,
    ...issuerFields,
  }),
  /**
   * A deciding level's own issuer (its body, number register, signer and certificate blank) and its council's
   * ballot; the ballot's three fields come together or not at all (absent: unchanged).
   */
  z.object({ intent: z.literal("issuer"), levelUnitId: id, ...issuerFields, ...partial(ballotFields) }),
  z.object({ intent: z.literal("member"), phone: z.string().trim().regex(/^0\d{9}$/, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."), role: z.enum(["chu_tich", "pho_chu_tich", "thu_ky", "thanh_vien"]), title: z.string().trim().max(200).optional() }),
  z.object({ intent: z.literal("unmember"), userId: id }),
  z.object({ intent: z.literal("session"), title: z.string().trim().min(5, "Ghi tên phiên họp.").max(200) }),
  z.object({
    intent: z.literal("decision"),
    sessionId: id,
    form: z.string().regex(/^[a-z0-9-]+$/),
    number: z.string().trim().max(40).optional(),
    date: vnDateField("Ngày quyết định"),
    signerName: z.string().trim().min(3, "Ghi họ tên người ký.").max(100),
    signerTitle: z.string().trim().min(2).max(100),
  }),
]);

export const voteForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("vote"), itemId: id, choice: z.enum(["dong_y", "khong_dong_y"], { errorMap: () => ({ message: "Chọn Đồng ý hoặc Không đồng ý." }) }) }),
  z.object({ intent: z.literal("close") }),
]);

/** A batch of Báo cáo thành tích in the worker: every proposal of the movement, of one scheme, or of one unit. */
export const reportBatchForm = z.object({
  intent: z.literal("reports"),
  scope: z.string().regex(/^(all|scheme:[a-z0-9-]+|unit:\d+)$/, "Chọn phạm vi báo cáo."),
});
