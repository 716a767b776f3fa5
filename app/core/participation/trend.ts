/** The sentence under a participation trend chart. Rates are 0..1; `format` writes one ("10%"). */
export function trendSentence(
  points: readonly { dayLabel: string; rate: number }[],
  format: (rate: number) => string,
): string {
  if (points.length === 0) return "Chưa có số liệu theo ngày.";
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length === 1) return `Ngày ${first.dayLabel}: tỷ lệ tham gia ${format(first.rate)}; chưa đủ dữ liệu xu hướng. Mục tiêu 100%.`;
  const from = format(first.rate);
  const to = format(last.rate);
  const span = `Từ ${first.dayLabel} đến ${last.dayLabel}`;
  // Compare what is shown, not the raw ratio: "từ 10% lên 10%" must never be written.
  if (from === to) return `${span}, tỷ lệ tham gia không đổi (${to}); chưa có xu hướng. Mục tiêu 100%.`;
  return last.rate > first.rate
    ? `${span}, tỷ lệ tham gia tăng từ ${from} lên ${to}; mục tiêu 100%.`
    : `${span}, tỷ lệ tham gia giảm từ ${from} xuống ${to}; mục tiêu 100%.`;
}
