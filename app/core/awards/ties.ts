import { WOMEN_SHARE_PRIORITY } from "../emulation/evaluate";
import type { Quota } from "../emulation/types";

/**
 * The order of the candidates who passed the council's vote, within a scheme's quota. More votes first;
 * among equal votes NĐ 152/2025/NĐ-CP Điều 4 puts a woman, or a collective of which at least 70% are
 * women, first; what is still equal at the quota's edge is left to the council and said so.
 */
export type Ranked = {
  key: string;
  name: string;
  target: "collective" | "individual";
  yes: number;
  gender?: "nam" | "nu" | null;
  womenShare?: number | null;
  group: string;
};

export type Placed = Ranked & { place: number; withinQuota: boolean; note: string | null };

export function womenPriority(r: Pick<Ranked, "target" | "gender" | "womenShare">): boolean {
  return r.target === "individual" ? r.gender === "nu" : (r.womenShare ?? 0) + 1e-9 >= WOMEN_SHARE_PRIORITY;
}

const collator = new Intl.Collator("vi");
const why = (r: Ranked) => (r.target === "individual" ? "cá nhân nữ" : "tập thể có từ 70% nữ");

export function orderWithinQuota(quota: Quota, rows: readonly Ranked[]): Placed[] {
  const groups = new Map<string, Ranked[]>();
  for (const r of rows) {
    const g = quota.type === "per_unit" ? r.group : "all";
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  const out: Placed[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => b.yes - a.yes || Number(womenPriority(b)) - Number(womenPriority(a)) || collator.compare(a.name, b.name));
    const n = quota.type === "none" ? sorted.length : quota.n;
    const placed: Placed[] = sorted.map((r, i) => ({ ...r, place: i + 1, withinQuota: i < n, note: null }));
    if (n > 0 && n < placed.length) {
      const last = placed[n - 1];
      const first = placed[n];
      if (last.yes === first.yes) {
        const tied = placed.filter((p) => p.yes === last.yes);
        if (womenPriority(last) && !womenPriority(first)) {
          for (const p of tied) {
            p.note = p.withinQuota
              ? womenPriority(p)
                ? `Bằng số phiếu đồng ý (${p.yes}); được chọn trước vì là ${why(p)} (Nghị định 152/2025/NĐ-CP, Điều 4).`
                : null
              : `Bằng số phiếu đồng ý (${p.yes}) nhưng xếp sau ${why(last)} theo Nghị định 152/2025/NĐ-CP, Điều 4; vượt chỉ tiêu.`;
          }
        } else {
          for (const p of tied) p.note = `Bằng số phiếu đồng ý (${p.yes}) và cùng điều kiện ưu tiên ở ranh giới chỉ tiêu: Hội đồng quyết định.`;
        }
      }
      for (const p of placed.slice(n)) if (!p.note) p.note = `Đạt số phiếu nhưng xếp thứ ${p.place}, vượt chỉ tiêu ${n}.`;
    }
    out.push(...placed);
  }
  return out;
}
