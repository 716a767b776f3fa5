/**
 * Personal data rules (Nghị định 13/2023/NĐ-CP): what organizers and unit heads see of a phone or a CCCD in
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
