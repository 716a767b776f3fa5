/**
 * Personal data rules (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; Nghị định 13/2023/NĐ-CP until 31/12/2025): what organizers and unit heads see of a phone or a CCCD in
 * lists, and when a one-time password reset link may be used. Pure: no I/O.
 */

/** 0912345678 → 0912***678: enough to tell two people apart on a call, not enough to dial. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const s = phone.replace(/\s+/g, "");
  if (s.length <= 7) return "*".repeat(s.length);
  return `${s.slice(0, 4)}${"*".repeat(s.length - 7)}${s.slice(-3)}`;
}

/** 001234567834 → 0012********34 (the province code and the last two digits). */
export function maskCccd(cccd: string | null | undefined): string {
  if (!cccd) return "";
  const s = cccd.replace(/\s+/g, "");
  if (s.length <= 6) return "*".repeat(s.length);
  return `${s.slice(0, 4)}${"*".repeat(s.length - 6)}${s.slice(-2)}`;
}

export const RESET_LINK_TTL_MS = 24 * 3_600_000;

export type ResetTokenRow = { expiresAt: number; usedAt: number | null };
export type ResetTokenState = "valid" | "used" | "expired" | "unknown";

/** A link works once, until it expires; a used link stays used even after its expiry. */
export function resetTokenState(row: ResetTokenRow | null | undefined, now: number): ResetTokenState {
  if (!row) return "unknown";
  if (row.usedAt !== null) return "used";
  if (now >= row.expiresAt) return "expired";
  return "valid";
}

export const resetTokenMessages: Record<Exclude<ResetTokenState, "valid">, string> = {
  used: "Liên kết này đã được dùng. Mỗi liên kết chỉ dùng được một lần; vui lòng xin liên kết mới.",
  expired: "Liên kết này đã hết hạn. Vui lòng xin Ban Tổ chức hoặc thủ trưởng đơn vị tạo liên kết mới.",
  unknown: "Liên kết không hợp lệ. Vui lòng kiểm tra lại hoặc xin liên kết mới.",
};

export type GrantedRole = { role: "admin" | "organizer" | "unit_head" | "judge"; unitId: number | null };
export type ResetRefusal = "outOfScope" | "privileged" | "staffByOrganizer" | "staffOutOfScope";

/**
 * Whether an actor may create a reset link for a person: every role the person holds must lie inside the
 * actor's scope, since a link hands the whole account over. Organizers and admins are reset by an admin;
 * judges and unit heads by an organizer whose subtree holds the unit of each such role (a judge's unit is
 * the organizing unit of the contests they judge, else their own), or an admin; a unit head resets
 * participants of their subtree only. `actorUnits` is the subtree of the actor's grants for `via`
 * (null: everyone, as an organizer's contests are open to every unit).
 */
export function resetAllowed(input: {
  actorIsAdmin: boolean;
  via: "organizer" | "unit_head";
  actorUnits: ReadonlySet<number> | null;
  /** The subtree of the actor's organizer grants: where the staff they may reset work. */
  organizerUnits: ReadonlySet<number>;
  target: { unitId: number | null; roles: readonly GrantedRole[] };
}): { ok: true } | { ok: false; reason: ResetRefusal } {
  if (input.actorIsAdmin) return { ok: true };
  const { target } = input;
  if (input.actorUnits !== null && (target.unitId === null || !input.actorUnits.has(target.unitId))) return { ok: false, reason: "outOfScope" };
  if (target.roles.some((r) => r.role === "admin" || r.role === "organizer")) return { ok: false, reason: "privileged" };
  const staff = target.roles.filter((r) => r.role === "unit_head" || r.role === "judge");
  if (staff.length === 0) return { ok: true };
  if (input.via !== "organizer") return { ok: false, reason: "staffByOrganizer" };
  for (const role of ["unit_head", "judge"] as const) {
    const grants = staff.filter((r) => r.role === role);
    if (grants.length === 0) continue;
    const units = grants.some((g) => g.unitId !== null) ? grants.flatMap((g) => (g.unitId === null ? [] : [g.unitId])) : [target.unitId];
    if (units.some((u) => u === null || !input.organizerUnits.has(u))) return { ok: false, reason: "staffOutOfScope" };
  }
  return { ok: true };
}

export const resetRefusalMessages: Record<ResetRefusal, string> = {
  outOfScope: "Không tìm thấy người này trong phạm vi bạn phụ trách.",
  privileged: "Tài khoản Ban Tổ chức hoặc quản trị chỉ do quản trị hệ thống đặt lại mật khẩu.",
  staffByOrganizer: "Tài khoản thủ trưởng đơn vị hoặc giám khảo do Ban Tổ chức phụ trách hoặc quản trị hệ thống đặt lại mật khẩu.",
  staffOutOfScope: "Người này là thủ trưởng đơn vị hoặc giám khảo ngoài phạm vi của bạn: chỉ Ban Tổ chức của phạm vi đó hoặc quản trị hệ thống đặt lại được.",
};
