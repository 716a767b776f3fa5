import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { HourChart } from "~/organizer/HourChart";
import { formatDateTime } from "~/format";
import { dashboard } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Tổng quan — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return dashboard(user);
}

const num = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** The live numbers of today (Vietnam time), refreshed every 30 seconds while the page is visible. */
export default function Dashboard() {
  const { totals, byHour, at } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 30_000);
    return () => clearInterval(timer);
  }, [revalidator]);
  return (
    <>
      <h1>Tổng quan hôm nay</h1>
      <p className="muted">Cập nhật lúc {formatDateTime(at)}; tự làm mới mỗi 30 giây.</p>
      <dl className="stats">
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
          <dd>
            {totals.avgScore === null
              ? "—"
              : totals.minQuestions !== null && totals.minQuestions === totals.maxQuestions
                ? `${num.format(totals.avgScore)}/${totals.maxQuestions} điểm`
                : `${num.format(totals.avgScore)} điểm`}
          </dd>
          {totals.avgScore !== null && totals.minQuestions !== totals.maxQuestions ? (
            <dd className="muted">
              mỗi câu đúng 1 điểm; đề {totals.minQuestions}–{totals.maxQuestions} câu
            </dd>
          ) : null}
        </div>
        <div>
          <dt>Tỷ lệ câu đúng</dt>
          <dd>{totals.avgRatio === null ? "—" : `${num.format(totals.avgRatio * 100)}%`}</dd>
        </div>
      </dl>
      <section className="card">
        <h2 id="chart-attempts">Lượt thi theo giờ</h2>
        <HourChart labelledBy="chart-attempts" values={byHour.map((h) => h.attempts)} unit="lượt thi" />
      </section>
      <section className="card">
        <h2 id="chart-score">Điểm trung bình theo giờ</h2>
        <HourChart
          labelledBy="chart-score"
          values={byHour.map((h) => (h.avgScore === null ? 0 : Math.round(h.avgScore * 10) / 10))}
          unit="điểm"
        />
      </section>
      <details className="card">
        <summary>Bảng số liệu theo giờ</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Số liệu theo giờ">
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
      </details>
    </>
  );
}
