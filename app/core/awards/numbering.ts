/**
 * Numbers of decisions (số/ký hiệu): "12/QĐ-UBND". The count restarts each year per issuing body, as
 * an office's register (sổ đăng ký văn bản) does.
 */
export function formatDecisionNumber(n: number, symbol: string): string {
  return `${n}/QĐ-${symbol}`;
}

export function parseDecisionNumber(s: string): { n: number; symbol: string } | null {
  const m = /^(\d{1,6})\/QĐ-([A-ZĐ0-9][A-ZĐ0-9-]*)$/u.exec(s.normalize("NFC").trim());
  return m ? { n: Number(m[1]), symbol: m[2] } : null;
}

/** The next free number of the year for a symbol, given the numbers already issued that year. */
export function nextDecisionNumber(issued: readonly string[], symbol: string): string {
  let max = 0;
  for (const s of issued) {
    const p = parseDecisionNumber(s);
    if (p && p.symbol === symbol) max = Math.max(max, p.n);
  }
  return formatDecisionNumber(max + 1, symbol);
}

/** A document's "số/ký hiệu" for a tờ trình or biên bản: "05/TTr-PS". */
export function documentSymbol(kind: "TTr" | "BB" | "BC", n: number, issuer: string): string {
  return `${String(n).padStart(2, "0")}/${kind}-${issuer}`;
}
