/** What the folded rules and the site footer say about a contest: pure text rules, no I/O. */

export type PrizeLine = { name: string; count: number };

/** The rules' own subheadings (### or ##), in order: the line that tells what is inside before unfolding. */
export function rulesOutline(md: string): string[] {
  const out: string[] = [];
  for (const line of md.normalize("NFC").split(/\r?\n/)) {
    const m = /^#{2,4}\s+(.+?)\s*#*\s*$/.exec(line);
    if (m && m[1] && !/^thể lệ( cuộc thi)?$/i.test(m[1])) out.push(m[1].replace(/[*_`]/g, ""));
  }
  return out;
}

/** "1 giải Nhất, 2 giải Nhì, 3 giải Ba và 10 giải Khuyến khích"; empty when the table is. */
export function prizeSummary(rows: readonly PrizeLine[]): string {
  const parts = rows.filter((r) => r.count > 0).map((r) => `${r.count} ${r.name.replace(/^Giải /, "giải ")}`);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} và ${parts[parts.length - 1]}`;
}

/** A tel: address from a contact line that may carry a note ("0900 000 000 (số minh họa)"); null when none. */
export function telHref(contact: string): string | null {
  const m = /\+?\d[\d .-]{6,}\d/.exec(contact);
  if (!m) return null;
  return `tel:${m[0].replace(/[ .-]/g, "")}`;
}
