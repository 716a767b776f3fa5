/**
 * Who may fill a unit's self-assessment, and when: one rule for every way in (the assessment page, the
 * autosave on the lean HTTP entry, the Remix route behind it, the submit and the evidence upload).
 */

export const fillMessages = {
  notFound: "Không tìm thấy.",
  forbidden: "Bạn không có quyền với bộ chỉ số hoặc đơn vị này.",
  notOpen: "Bộ chỉ số chưa mở hoặc đã hết thời gian tự đánh giá.",
  sent: "Bản tự đánh giá đã gửi: không sửa được nữa, trừ khi Ban Tổ chức trả lại.",
  late: "Đã quá hạn tự đánh giá.",
  noRow: "Tiêu chí không có trong bộ chỉ số.",
} as const;

export type Filler = { id: number; roles: readonly { role: string; unitId: number | null }[] };

/** The unit's own head (a grant on that very unit, not one above it), or the index officer assigned to the assessment. */
export function mayFill(user: Filler, unitId: number, officerUserId: number | null): boolean {
  return officerUserId === user.id || user.roles.some((r) => r.role === "unit_head" && r.unitId === unitId);
}

export type FillRefusal = { ok: false; status: 403 | 404 | 409; message: string };

/**
 * Whether a person who may fill can write now: the set open, the assessment not sent (or returned), the
 * deadline not past. Null when they can.
 */
export function fillClosed(
  set: { state: string; selfDeadlineAt: number | null },
  assessment: { state: string } | undefined,
  now: number,
): FillRefusal | null {
  if (set.state !== "open") return { ok: false, status: 409, message: fillMessages.notOpen };
  if (assessment && assessment.state !== "draft" && assessment.state !== "returned") return { ok: false, status: 409, message: fillMessages.sent };
  if (set.selfDeadlineAt !== null && now > set.selfDeadlineAt) return { ok: false, status: 409, message: fillMessages.late };
  return null;
}
