import type { Band, InitiativeScope } from "./types";

/** Vietnamese words of the engine's reasons and pages, in one place. */

export const BAND_LABEL: Record<Band, string> = {
  xuat_sac: "Xuất sắc",
  tot: "Tốt",
  kha: "Khá",
  trung_binh: "Trung bình",
  yeu: "Yếu",
};

export const SCOPE_LABEL: Record<InitiativeScope, string> = {
  co_so: "cấp cơ sở",
  tinh: "cấp tỉnh",
  toan_quoc: "toàn quốc",
};

const numberFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

// Intl formatting costs about a microsecond a call and an evaluation formats millions of the same few figures.
const formatted = new Map<number, string>();

export function num(n: number): string {
  let s = formatted.get(n);
  if (s === undefined) {
    s = numberFormat.format(n);
    if (formatted.size < 100_000) formatted.set(n, s);
  }
  return s;
}

/** 0.9 → "90%", 0.955 → "95,5%". */
export function pct(share: number): string {
  return `${num(Math.round(share * 1000) / 10)}%`;
}
