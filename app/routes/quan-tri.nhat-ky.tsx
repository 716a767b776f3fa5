import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/format";
import { auditPage } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Nhật ký thao tác" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const url = new URL(request.url);
  return { ...auditPage(user, url.searchParams), query: url.searchParams.toString() };
}

export default function AuditLog() {
  const { rows, total, page, pages, errors, values, actors, kinds, query } = useLoaderData<typeof loader>();
  const withPage = (n: number) => {
    const p = new URLSearchParams(query);
    p.set("trang", String(n));
    return `?${p.toString()}`;
  };
  const exportQuery = new URLSearchParams(query);
  exportQuery.delete("trang");
  return (
    <>
      <h1>Nhật ký thao tác</h1>
      <Form method="get" className="card grid-form" role="search" aria-label="Lọc nhật ký">
        <div className="field">
          <label htmlFor="audit-who">Người thực hiện</label>
          <select id="audit-who" name="ai" defaultValue={values.ai}>
            <option value="">Tất cả</option>
            <option value="he-thong">Hệ thống (tự động)</option>
            {actors.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-what">Thao tác</label>
          <select id="audit-what" name="thao-tac" defaultValue={values.thaoTac}>
            <option value="">Tất cả</option>
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">Từ ngày (dd/mm/yyyy)</label>
          <input id="audit-from" name="tu" inputMode="numeric" placeholder="01/03/2026" defaultValue={values.tu} aria-invalid={errors.some((e) => e.startsWith("Ngày bắt đầu")) || undefined} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">Đến ngày (dd/mm/yyyy)</label>
          <input id="audit-to" name="den" inputMode="numeric" placeholder="31/03/2026" defaultValue={values.den} aria-invalid={errors.some((e) => e.startsWith("Ngày kết thúc")) || undefined} />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Lọc
          </button>
          <Link to="/quan-tri/nhat-ky">Bỏ lọc</Link>
        </div>
      </Form>
      {errors.length ? (
        <div role="alert" className="notice">
          {errors.map((e) => (
            <p key={e}>{e}. Bộ lọc này chưa được áp dụng.</p>
          ))}
        </div>
      ) : null}
      <p className="actions">
        <span>
          {total.toLocaleString("vi-VN")} thao tác{pages > 1 ? `, trang ${page}/${pages}` : ""}
        </span>
        {errors.length === 0 ? (
          <a className="button" href={`/quan-tri/nhat-ky/xuat${exportQuery.size ? `?${exportQuery.toString()}` : ""}`} download>
            Xuất Excel
          </a>
        ) : null}
      </p>
      <ol className="audit-list">
        {rows.map((r) => (
          <li key={r.id} className="card">
            <p className="audit-head">
              <strong>{r.what}</strong>
              <span className="muted">
                {formatDateTime(r.at)} · {r.who}
              </span>
            </p>
            <p>{r.object}</p>
            {r.detail.length ? (
              <dl className="audit-detail">
                {r.detail.map((d, i) => (
                  <div key={i}>
                    <dt>{d.label}</dt>
                    <dd>{d.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ol>
      {rows.length === 0 ? <p>Không có thao tác nào khớp bộ lọc.</p> : null}
      <nav aria-label="Trang" className="actions">
        {page > 1 ? <Link to={withPage(page - 1)}>← Mới hơn</Link> : null}
        {page < pages ? <Link to={withPage(page + 1)}>Cũ hơn →</Link> : null}
      </nav>
    </>
  );
}
