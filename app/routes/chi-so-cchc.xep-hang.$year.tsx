import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatPoints } from "~/core/reform-index/index-set";
import { ranking } from "~/reform-index/index.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Xếp hạng Chỉ số CCHC năm ${data.year}` : "Xếp hạng Chỉ số CCHC" }];

/** The published ranking of a year, public as provinces publish it. */
export async function loader({ params }: LoaderFunctionArgs) {
  const year = z.coerce.number().int().min(2000).max(2100).safeParse(params.year);
  if (!year.success) throw new Response("Không tìm thấy.", { status: 404 });
  const groups = ranking(year.data);
  if (!groups.length) throw new Response(`Chưa có kết quả Chỉ số CCHC năm ${year.data}.`, { status: 404 });
  return { year: year.data, groups };
}

const change = (n: number | null, unit = "") => (n === null ? "—" : n === 0 ? "không đổi" : `${n > 0 ? "+" : "−"}${formatPoints(Math.abs(n))}${unit}`);

export default function IndexRanking() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Xếp hạng Chỉ số cải cách hành chính năm {d.year}</h1>
      <p className="no-print">
        <a href={`/chi-so-cchc/xep-hang/${d.year}/xuat`} className="button">
          Tải Excel
        </a>
      </p>
      {d.groups.map((g) => (
        <section key={g.group} className="card" aria-labelledby={`g-${g.group}`}>
          <h2 id={`g-${g.group}`}>{g.label}</h2>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Xếp hạng: {g.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Hạng</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Chỉ số (%)</th>
                  <th scope="col">Xếp loại</th>
                  <th scope="col">So với năm trước</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.unitId}>
                    <td>{r.rank}</td>
                    <td>
                      <Link to={`/chi-so-cchc/don-vi/${r.unitId}`}>{r.unitName}</Link>
                    </td>
                    <td>{formatPoints(r.index)}</td>
                    <td>
                      {r.band}
                      {r.cappedReason ? (
                        <span className="small muted" title={r.cappedReason}>
                          {" "}
                          (theo điểm: {r.bandByPoints}; {r.cappedReason})
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {change(r.change, " điểm")}
                      {r.rankChange ? <span className="small muted"> ({r.rankChange > 0 ? `tăng ${r.rankChange}` : `giảm ${-r.rankChange}`} bậc)</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
