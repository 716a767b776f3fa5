import type { Quota } from "../emulation/types";

/**
 * Quotas of a scheme on proposals. A proposing unit names at most the quota (a "total 3" scheme cannot
 * be served by one unit sending ten), and at the decision at most the quota is awarded in each group.
 */
export function quotaRoom(quota: Quota, alreadyCounted: number): number {
  if (quota.type === "none") return Infinity;
  return Math.max(0, quota.n - alreadyCounted);
}

export function checkQuota(quota: Quota, alreadyCounted: number, adding = 1): { ok: true } | { ok: false; message: string } {
  if (quota.type === "none") return { ok: true };
  if (alreadyCounted + adding <= quota.n) return { ok: true };
  const where = quota.type === "per_unit" ? "mỗi đơn vị" : "toàn phong trào";
  return { ok: false, message: `Vượt chỉ tiêu: hình thức này được đề nghị tối đa ${quota.n} (${where}); đã có ${alreadyCounted}.` };
}
