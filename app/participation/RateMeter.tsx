import { formatRate } from "~/core/participation/participation";

/** A unit's rate against the 100% mark: the number in words, and a bar for the eye. */
export function RateMeter({ participants, denominator, label }: { participants: number; denominator: number; label: string }) {
  const rate = denominator > 0 ? participants / denominator : null;
  const pct = rate === null ? 0 : Math.min(100, Math.round(rate * 1000) / 10);
  return (
    <div className="rate-meter">
      <p className="rate-figure">
        <span className="rate-value" data-testid="rate">
          {formatRate(rate)}
        </span>{" "}
        <span className="muted">
          ({participants}/{denominator} người)
        </span>
      </p>
      <meter min={0} max={100} low={99.99} optimum={100} high={100} value={pct} aria-label={label}>
        {formatRate(rate)}
      </meter>
      <p className={rate !== null && participants >= denominator ? "rate-ok" : "rate-short"}>
        {rate === null
          ? "Chưa có biên chế hay danh sách cán bộ để tính tỷ lệ."
          : participants >= denominator
            ? "Đạt 100% — đủ điều kiện xếp loại “Tốt” về mức độ tham gia."
            : `Chưa đạt 100%: còn ${denominator - participants} người chưa tham gia. Đơn vị dưới 100% không được xếp loại “Tốt”.`}
      </p>
    </div>
  );
}
