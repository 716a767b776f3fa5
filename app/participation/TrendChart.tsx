import { formatRate } from "~/core/participation/participation";
import { trendSentence } from "~/core/participation/trend";

type Point = { day: string; participants: number; denominator: number };

const dayLabel = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** The rate day by day as an inline SVG line against the 100% mark, with the same numbers as a table. */
export function TrendChart({ points, title }: { points: Point[]; title: string }) {
  if (points.length === 0) return <p className="muted">Chưa có số liệu theo ngày.</p>;
  const w = 320;
  const h = 140;
  const pad = { l: 36, r: 8, t: 10, b: 22 };
  const rates = points.map((p) => (p.denominator > 0 ? Math.min(1, p.participants / p.denominator) : 0));
  const x = (i: number) => pad.l + (points.length === 1 ? (w - pad.l - pad.r) / 2 : (i * (w - pad.l - pad.r)) / (points.length - 1));
  const y = (r: number) => pad.t + (1 - r) * (h - pad.t - pad.b);
  const line = rates.map((r, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(r).toFixed(1)}`).join(" ");
  const last = points[points.length - 1];
  const desc = trendSentence(points.map((p, i) => ({ dayLabel: dayLabel(p.day), rate: rates[i] })), (r) => formatRate(r));
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="trend-title trend-desc" width="100%">
        <title id="trend-title">{title}</title>
        <desc id="trend-desc">{desc}</desc>
        <line x1={pad.l} x2={w - pad.r} y1={y(1)} y2={y(1)} className="trend-target" />
        <text x={pad.l - 4} y={y(1) + 4} textAnchor="end" className="trend-axis">
          100%
        </text>
        <text x={pad.l - 4} y={y(0.5) + 4} textAnchor="end" className="trend-axis">
          50%
        </text>
        <text x={pad.l - 4} y={y(0) + 4} textAnchor="end" className="trend-axis">
          0%
        </text>
        <line x1={pad.l} x2={w - pad.r} y1={y(0)} y2={y(0)} className="trend-base" />
        <path d={line} className="trend-line" />
        {rates.map((r, i) => (
          <circle key={points[i].day} cx={x(i)} cy={y(r)} r={3} className="trend-dot" />
        ))}
        <text x={pad.l} y={h - 6} className="trend-axis">
          {dayLabel(points[0].day)}
        </text>
        <text x={w - pad.r} y={h - 6} textAnchor="end" className="trend-axis">
          {dayLabel(last.day)}
        </text>
      </svg>
      <figcaption>{desc}</figcaption>
      <details>
        <summary>Xem số liệu theo ngày</summary>
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <th scope="col">Đã tham gia</th>
                <th scope="col">Tổng số</th>
                <th scope="col">Tỷ lệ</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.day}>
                  <td>{dayLabel(p.day)}</td>
                  <td>{p.participants}</td>
                  <td>{p.denominator}</td>
                  <td>{formatRate(p.denominator > 0 ? p.participants / p.denominator : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
