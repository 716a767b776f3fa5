/**
 * The route of an award proposal (hồ sơ đề nghị khen thưởng) at one level, and who may move it.
 * Pure: the caller passes the proposal's state, the actor's standing and the clock.
 */

export const PROPOSAL_STATES = [
  "nhap",
  "da_gui",
  "da_tiep_nhan",
  "tra_lai",
  "du_dieu_kien",
  "khong_du_dieu_kien",
  "trinh_hoi_dong",
  "da_khen_thuong",
  "khong_khen_thuong",
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const STATE_LABEL: Record<ProposalState, string> = {
  nhap: "Nháp",
  da_gui: "Đã gửi",
  da_tiep_nhan: "Đã tiếp nhận",
  tra_lai: "Trả lại để bổ sung",
  du_dieu_kien: "Đủ điều kiện",
  khong_du_dieu_kien: "Không đủ điều kiện",
  trinh_hoi_dong: "Trình Hội đồng",
  da_khen_thuong: "Đã khen thưởng",
  khong_khen_thuong: "Không khen thưởng",
};

/** Who acts: the proposing unit (its head), the organizer of the level receiving it, the council of that level. */
export type Actor = "unit" | "organizer" | "council";

export const ACTIONS = ["send", "withdraw", "receive", "return", "qualify", "disqualify", "submit", "award", "reject", "forward"] as const;
export type ProposalAction = (typeof ACTIONS)[number];

type Rule = { from: readonly ProposalState[]; to: ProposalState; actor: Actor; reason: boolean; label: string };

export const TRANSITIONS: Record<ProposalAction, Rule> = {
  send: { from: ["nhap", "tra_lai"], to: "da_gui", actor: "unit", reason: false, label: "Gửi hồ sơ" },
  withdraw: { from: ["da_gui"], to: "nhap", actor: "unit", reason: false, label: "Rút về để sửa" },
  receive: { from: ["da_gui"], to: "da_tiep_nhan", actor: "organizer", reason: false, label: "Tiếp nhận" },
  return: { from: ["da_gui", "da_tiep_nhan"], to: "tra_lai", actor: "organizer", reason: true, label: "Trả lại để bổ sung" },
  qualify: { from: ["da_tiep_nhan"], to: "du_dieu_kien", actor: "organizer", reason: false, label: "Thẩm định: đủ điều kiện" },
  disqualify: { from: ["da_tiep_nhan"], to: "khong_du_dieu_kien", actor: "organizer", reason: true, label: "Thẩm định: không đủ điều kiện" },
  submit: { from: ["du_dieu_kien"], to: "trinh_hoi_dong", actor: "organizer", reason: false, label: "Trình Hội đồng" },
  // The decision is the organizer's act once the council has voted (the chairman signs it).
  award: { from: ["trinh_hoi_dong"], to: "da_khen_thuong", actor: "organizer", reason: false, label: "Khen thưởng theo quyết định" },
  reject: { from: ["trinh_hoi_dong"], to: "khong_khen_thuong", actor: "organizer", reason: true, label: "Không khen thưởng" },
  // Up a level (a district forwards to the province): the proposal is sent again there, its history kept.
  forward: { from: ["du_dieu_kien", "trinh_hoi_dong"], to: "da_gui", actor: "organizer", reason: false, label: "Chuyển lên cấp trên" },
};

export type TransitionCheck =
  | { ok: true; to: ProposalState }
  | { ok: false; message: string };

export type DeadlineWindow = {
  /** The last day to send, "yyyy-mm-dd" in Asia/Ho_Chi_Minh; null when the movement sets none. */
  deadline: string | null;
  /** A reopening for this unit: the last day it may send again. */
  reopenedUntil: string | null;
};

const VN_OFFSET_MS = 7 * 3_600_000;

/** The end of a calendar day in Asia/Ho_Chi_Minh (no daylight saving there), as epoch ms. */
export function endOfVnDay(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number);
  return Date.UTC(y, m - 1, d + 1) - VN_OFFSET_MS - 1;
}

/** Whether a dossier sent at `now` is on time: by the deadline's last day, or within the unit's reopening. */
export function withinDeadline(w: DeadlineWindow, now: number): boolean {
  if (w.reopenedUntil && now <= endOfVnDay(w.reopenedUntil)) return true;
  return w.deadline === null || now <= endOfVnDay(w.deadline);
}

/** Whole days left until the deadline's end (0 on the last day, negative once passed). */
export function daysLeft(deadline: string, now: number): number {
  const end = endOfVnDay(deadline);
  return Math.floor((end - now) / 86_400_000);
}

export function checkTransition(
  state: ProposalState,
  action: ProposalAction,
  ctx: { actor: Actor; reason?: string | null; window?: DeadlineWindow; now?: number; hasParentLevel?: boolean },
): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (rule.actor !== ctx.actor) return { ok: false, message: `Bạn không có quyền "${rule.label.toLowerCase()}" hồ sơ này.` };
  if (!rule.from.includes(state)) return { ok: false, message: `Hồ sơ đang ở trạng thái "${STATE_LABEL[state]}", không thể "${rule.label.toLowerCase()}".` };
  if (rule.reason && (ctx.reason ?? "").trim().length < 5) return { ok: false, message: "Ghi rõ lý do (ít nhất 5 ký tự)." };
  if (action === "send" && ctx.window && !withinDeadline(ctx.window, ctx.now ?? Date.now())) {
    return { ok: false, message: "Đã quá hạn gửi hồ sơ. Liên hệ cơ quan thường trực để được mở lại cho đơn vị." };
  }
  if (action === "forward" && !ctx.hasParentLevel) return { ok: false, message: "Không có cấp trên để chuyển hồ sơ." };
  return { ok: true, to: rule.to };
}

/** The actions an actor may take now, for the buttons of a page. */
export function availableActions(state: ProposalState, actor: Actor): ProposalAction[] {
  return ACTIONS.filter((a) => TRANSITIONS[a].actor === actor && TRANSITIONS[a].from.includes(state));
}

/** States in which a proposal still counts against its proposer's quota. */
export const COUNTED_STATES: readonly ProposalState[] = ["nhap", "da_gui", "da_tiep_nhan", "tra_lai", "du_dieu_kien", "trinh_hoi_dong", "da_khen_thuong"];

/**
 * Where a proposal goes up to (a district forwards to the province): from the movement's own tree, to the level
 * above the tree's root (the organizing office belongs to that tree's level); from a level above, to its parent.
 * Null when there is none.
 */
export function nextLevel(levelUnitId: number, tree: { rootUnitId: number; inTree: (unitId: number) => boolean }, parentOf: (unitId: number) => number | null): number | null {
  return parentOf(tree.inTree(levelUnitId) ? tree.rootUnitId : levelUnitId);
}

/**
 * The levels an organizer works at in a movement: of those they may act for, the highest on each branch, so a
 * province's office sees what was forwarded to it rather than every district's desk. Unscoped (admin): all.
 */
export function ownLevels(levels: number[], isAbove: (upper: number, lower: number) => boolean): number[] {
  return levels.filter((l) => !levels.some((h) => h !== l && isAbove(h, l)));
}
