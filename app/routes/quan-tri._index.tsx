import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { PlotFigure } from "~/components/PlotFigure";
import { formatRate } from "~/core/participation/participation";
import { formatDateTime } from "~/format";
import { dashboard } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Tổng quan — Ban Tổ chức" }];

const query = z.object({ c: z.coerce.number().int().positive().optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return dashboard(user, Date.now(), { contestId: q.c ?? null });
}

const num = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** "6,2/10 điểm" when every scored attempt had the same number of questions (one point each), else the range. */
function AverageScore({ t }: { t: { avgScore: number | null; minQuestions: number | null; maxQuestions: number | null } }) {
  if (t.avgScore === null) return <dd>—</dd>;
  const same = t.minQuestions !== null && t.minQuestions === t.maxQuestions;
  return (
    <>
      <dd>{same ? `${num.format(t.avgScore)}/${t.maxQuestions} điểm` : `${num.format(t.avgScore)} điểm`}</dd>
      {!same ? (
        <dd className="muted">
          mỗi câu đúng 1 điểm; đề {t.minQuestions}–{t.maxQuestions} câu
        </dd>
      ) : null}
    </>
  );
}

/** The contest since it began and the live numbers of today (Vietnam time), refreshed every 30 seconds while visible. */
export default function Dashboard() {
  const { totals, byHour, at, contest, charts } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 30_000);
    return () => clearInterval(timer);
  }, [revalidator]);
  return (
    <>
      <h1>Tổng quan</h1>
      <p className="muted">Cập nhật lúc {formatDateTime(at)}; tự làm mới mỗi 30 giây.</p>
      {contest ? (
        <section aria-labelledby="contest-heading">
          <h2 id="contest-heading">Toàn cuộc thi: {contest.title}</h2>
          {contest.choices.length > 1 ? (
            <Form method="get" className="period-form">
              <div className="field">
                <label htmlFor="c">Cuộc thi</label>
                <select id="c" name="c" defaultValue={contest.id}>
                  {contest.choices.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="secondary">
                Xem
              </button>
            </Form>
          ) : null}
          <dl className="stats" data-testid="contest-totals">
            <div>
              <dt>Người dự thi</dt>
              <dd>{contest.totals.participants}</dd>
            </div>
            <div>
              <dt>Lượt thi</dt>
              <dd>{contest.totals.attempts}</dd>
            </div>
            <div>
              <dt>Điểm trung bình</dt>
              <AverageScore t={contest.totals} />
            </div>
            <div>
              <dt>Tỷ lệ tham gia</dt>
              <dd>{contest.rate ? formatRate(contest.rate.rate) : "—"}</dd>
              {contest.rate ? (
                <dd className="muted">
                  {contest.rate.participants}/{contest.rate.denominator} người — {contest.rate.unitName}
                </dd>
              ) : (
                <dd className="muted">đang tổng hợp</dd>
              )}
            </div>
          </dl>
          <section className="card">
            <h3 id="gaps-heading">Các đơn vị xa mức 100% nhất</h3>
            {contest.furthest.length === 0 ? (
              <p className="rate-ok">Mọi đơn vị đã đạt 100% (hoặc số liệu đang được tổng hợp).</p>
            ) : (
              <>
                {charts.gaps ? <PlotFigure svg={charts.gaps} /> : null}
                <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="gaps-heading">
                  <table className="data" data-testid="furthest-units">
                    <thead>
                      <tr>
                        <th scope="col">Đơn vị</th>
                        <th scope="col">Đã tham gia</th>
                        <th scope="col">Tỷ lệ</th>
                      </tr>
                    </thead>
                    <tbody>
                      {contest.furthest.map((u) => (
                        <tr key={u.unitId}>
                          <td>{u.name}</td>
                          <td>
                            {u.participants}/{u.denominator}
                          </td>
                          <td className="rate-short">{formatRate(u.rate)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            <p>
              <Link to={`/quan-tri/tham-gia?c=${contest.id}`}>Xem tỷ lệ tham gia của mọi đơn vị</Link>
            </p>
          </section>
        </section>
      ) : null}

      <h2>Hôm nay</h2>
      <dl className="stats" data-testid="today-totals">
        <div>
          <dt>Lượt thi</dt>
          <dd>{totals.attempts}</dd>
        </div>
        <div>
          <dt>Người dự thi</dt>
          <dd>{totals.people}</dd>
        </div>
        <div>
          <dt>Điểm trung bình</dt>
          <AverageScore t={totals} />
        </div>
        <div>
          <dt>Tỷ lệ câu đúng</dt>
          <dd>{totals.avgRatio === null ? "—" : `${num.format(totals.avgRatio * 100)}%`}</dd>
        </div>
      </dl>
      <section className="card">
        <h3 id="chart-attempts">Lượt thi theo giờ</h3>
        <PlotFigure svg={charts.attempts} />
      </section>
      <section className="card">
        <h3 id="chart-score">Điểm trung bình theo giờ</h3>
        <PlotFigure svg={charts.score} />
      </section>
      <section className="card">
        <h3 id="hours-table">Bảng số liệu theo giờ</h3>
        {byHour.some((h) => h.attempts > 0) ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="hours-table">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Giờ</th>
                  <th scope="col">Lượt thi</th>
                  <th scope="col">Người dự thi</th>
                  <th scope="col">Điểm trung bình</th>
                </tr>
              </thead>
              <tbody>
                {byHour
                  .filter((h) => h.attempts > 0)
                  .map((h) => (
                    <tr key={h.hour}>
                      <td>{h.hour}:00</td>
                      <td>{h.attempts}</td>
                      <td>{h.people}</td>
                      <td>{h.avgScore === null ? "—" : num.format(h.avgScore)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Hôm nay chưa có lượt thi nào.</p>
        )}
      </section>
    </>
  );
}
