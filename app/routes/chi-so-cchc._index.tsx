import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/format";
import { indexHome, publishedYears } from "~/reform-index/index.server";
import { assessmentStateText, setStateText } from "~/reform-index/text";
import { getCurrentUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Chỉ số cải cách hành chính của các đơn vị" }];

/** Everyone sees the published rankings; a signed-in person also sees the sets where they fill, appraise or organize. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = getCurrentUser(request);
  return { signedIn: !!user, sets: user ? indexHome(user) : [], years: publishedYears() };
}

export default function IndexHome() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Chỉ số cải cách hành chính (Chỉ số CCHC)</h1>
      <p className="muted">Đơn vị tự đánh giá theo bộ chỉ số, Hội đồng thẩm định chấm lại, kết quả được công bố và xếp hạng.</p>
      {d.years.length ? (
        <section className="card" aria-labelledby="pub-h">
          <h2 id="pub-h">Kết quả đã công bố</h2>
          <ul className="plain">
            {d.years.map((y) => (
              <li key={y}>
                <Link to={`/chi-so-cchc/xep-hang/${y}`}>Xếp hạng Chỉ số CCHC năm {y}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!d.signedIn ? (
        <p>
          <Link to="/dang-nhap?redirectTo=/chi-so-cchc">Đăng nhập</Link> để tự đánh giá hoặc thẩm định.
        </p>
      ) : d.sets.length === 0 ? (
        <p className="muted">Bạn chưa được giao tự đánh giá hay thẩm định bộ chỉ số nào.</p>
      ) : (
        d.sets.map((s) => (
          <section key={s.set.id} className="card" aria-labelledby={`set-${s.set.id}`}>
            <h2 id={`set-${s.set.id}`}>
              {s.set.title} <span className="badge">{setStateText[s.set.state]}</span>
            </h2>
            <p className="muted small">
              Năm {s.set.year}
              {s.set.selfDeadlineAt ? ` · hạn tự đánh giá ${formatDateTime(s.set.selfDeadlineAt)}` : ""}
              {s.chair ? " · bạn là Chủ tịch Hội đồng thẩm định" : s.council ? " · bạn là thành viên Hội đồng thẩm định" : ""}
              {s.organize ? " · " : ""}
              {s.organize ? <Link to="/quan-tri/chi-so-cchc">quản lý bộ chỉ số</Link> : null}
            </p>
            {s.parts ? <p className="small">Bạn được phân công thẩm định lĩnh vực {s.parts.join("; ")}.</p> : null}
            {s.council || s.organize ? (
              <p className="small">
                <Link to={`/chi-so-cchc/hoi-dong/${s.set.id}`}>{s.chair || s.organize ? "Phân công và tiến độ của Hội đồng" : "Phần việc của bạn trong Hội đồng"}</Link>
              </p>
            ) : null}
            <ul className="plain unit-states">
              {s.units.map((u) => (
                <li key={u.unitId}>
                  <Link to={`/chi-so-cchc/${s.set.id}/${u.unitId}`}>{u.name}</Link> <span className="badge">{assessmentStateText[u.state]}</span>
                  {u.officer ? <span className="badge">bạn là cán bộ đầu mối</span> : null}
                  {u.queue ? (
                    <span className="small muted">
                      {" "}
                      · đã thẩm định {u.queue.appraised}/{u.queue.toAppraise} tiêu chí
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
