import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatPoints } from "~/core/reform-index/index-set";
import { unitIndexHistory } from "~/reform-index/index.server";
import { IndexYearsChart } from "~/reform-index/IndexYearsChart";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Chỉ số CCHC: ${data.unit.name}` : "Chỉ số CCHC" }];

/** A unit's published index over the years, and the scores and comments of its latest appraised year. Public. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = z.coerce.number().int().positive().safeParse(params.unitId);
  if (!id.success) throw new Response("Không tìm thấy.", { status: 404 });
  return unitIndexHistory(id.data);
}

/** The change in points from the row above; the year is named when it is not the calendar year before. */
function change(current: { year: number; index: number }, previous: { year: number; index: number } | undefined): string {
  if (!previous) return "—";
  const diff = Math.round((current.index - previous.index) * 100) / 100;
  const text = diff === 0 ? "không đổi" : `${diff > 0 ? "+" : "−"}${formatPoints(Math.abs(diff))} điểm`;
  return previous.year === current.year - 1 ? text : `${text} (so với ${previous.year})`;
}

export default function UnitIndexPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Chỉ số CCHC: {d.unit.name}</h1>
      {d.years.length === 0 ? <p className="muted">Đơn vị chưa có kết quả được công bố.</p> : null}
      {d.years.length ? (
        <section className="card" aria-labelledby="years-h">
          <h2 id="years-h">Qua các năm</h2>
          <IndexYearsChart years={d.years.map((y) => ({ year: y.year, index: y.index }))} />
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Chỉ số CCHC của đơn vị qua các năm</caption>
              <thead>
                <tr>
                  <th scope="col">Năm</th>
                  <th scope="col">Chỉ số (%)</th>
                  <th scope="col">Xếp loại</th>
                  <th scope="col">Hạng</th>
                  <th scope="col">So với năm trước</th>
                </tr>
              </thead>
              <tbody>
                {d.years.map((y, i) => (
                  <tr key={y.year}>
                    <td>
                      <Link to={`/chi-so-cchc/xep-hang/${y.year}`}>{y.year}</Link>
                    </td>
                    <td>{formatPoints(y.index)}</td>
                    <td>
                      {y.band}
                      {y.cappedReason ? <span className="small muted"> ({y.cappedReason})</span> : null}
                    </td>
                    <td>{y.rank > 0 ? y.rank : "—"}</td>
                    <td className="progress-cell">{change(y, d.years[i - 1])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {d.rows.length ? (
        <section className="card" aria-labelledby="rows-h">
          <h2 id="rows-h">Điểm từng tiêu chí năm {d.latestYear}</h2>
          <div className="table-wrap">
            <table className="index-table">
              <caption className="sr-only">Điểm tự đánh giá và điểm thẩm định</caption>
              <thead>
                <tr>
                  <th scope="col">STT</th>
                  <th scope="col">Tiêu chí</th>
                  <th scope="col">Tối đa</th>
                  <th scope="col">Tự đánh giá</th>
                  <th scope="col">Thẩm định</th>
                  <th scope="col">Nhận xét của Hội đồng</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r, i) => (
                  <tr key={i} className={r.depth === 0 ? "part-row" : undefined}>
                    <td>{r.stt}</td>
                    <td>{r.title}</td>
                    <td>{formatPoints(r.max)}</td>
                    <td>{r.self === null ? "" : formatPoints(r.self)}</td>
                    <td>{r.final === null ? "" : formatPoints(r.final)}</td>
                    <td>
                      {r.reason}
                      {r.answer ? <span className="small muted"> — Giải trình: {r.answer}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
