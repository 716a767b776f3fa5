/** Dates of the emulation pages: stored as yyyy-mm-dd, shown dd/mm/yyyy. */
export function showDate(iso: string | null): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

export const OUTCOME_TEXT = { met: "Đạt", not_met: "Chưa đạt", missing_evidence: "Còn thiếu", disqualified: "Không xét" } as const;
