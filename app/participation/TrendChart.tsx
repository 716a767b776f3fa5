import { PlotFigure } from "~/components/PlotFigure";
import { formatRate } from "~/core/participation/participation";
import { trendSentence } from "~/core/participation/trend";

type Point = { day: string; participants: number; denominator: number };

const dayLabel = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** The rate day by day (drawn on the server by Plot) against the 100% mark, with the same numbers as a table. */
export function TrendChart({ points, title, svg }: { points: Point[]; title: string; svg: string | null }) {
  if (points.length === 0) return <p className="muted">Chưa có số liệu theo ngày.</p>;
  const rates = points.map((p) => (p.denominator > 0 ? Math.min(1, p.participants / p.denominator) : 0));
  const last = points[points.length - 1];
  const desc = trendSentence(points.map((p, i) => ({ dayLabel: dayLabel(p.day), rate: rates[i] })), (r) => formatRate(r));
  return (
    <figure className="trend">
      {svg ? <PlotFigure svg={svg} /> : null}
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
