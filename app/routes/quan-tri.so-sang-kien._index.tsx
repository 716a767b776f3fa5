import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatShare, REQUEST_STATES, requestStateText, SCOPES, scopeText, yearInVietnam } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { formatIsoDate } from "~/initiative-register/RequestForm";
import { organizerRegister, organizerScope, organizerStats, registerFields, unitOptions } from "~/initiative-register/register.server";
import { registerFilterSchema } from "~/initiative-register/schemas";
import { StateBadge } from "~/initiative-register/StateBadge";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Sổ sáng kiến — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  const url = new URL(request.url);
  const f = registerFilterSchema.parse(Object.fromEntries(url.searchParams));
  const year = f.year ?? yearInVietnam(Date.now());
  return {
    filter: { ...f, year },
    query: url.search,
    rows: organizerRegister(db, user, { ...f, year }),
    stats: organizerStats(db, user, year),
    units: unitOptions(db, organizerScope(db, user)),
    fields: registerFields(db),
  };
}

export default function RegisterAdmin() {
  const { filter, rows, stats, units, fields, query } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Sổ sáng kiến</h1>
      <p>
        <Link to="/quan-tri/so-sang-kien/hoi-dong">Hội đồng sáng kiến</Link> · <a href={`/quan-tri/so-sang-kien/xuat-excel${query}`}>Xuất Excel</a>
      </p>
      <Form method="get" className="filters card">
        <div className="field">
          <label htmlFor="f-year">Năm</label>
          <input id="f-year" name="year" inputMode="numeric" defaultValue={filter.year} />
        </div>
        <div className="field">
          <label htmlFor="f-unit">Đơn vị</label>
          <select id="f-unit" name="unitId" defaultValue={filter.unitId ?? ""}>
            <option value="">Tất cả</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-state">Trạng thái</label>
          <select id="f-state" name="state" defaultValue={filter.state ?? ""}>
            <option value="">Tất cả</option>
            {REQUEST_STATES.map((s) => (
              <option key={s} value={s}>
                {requestStateText[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-field">Lĩnh vực</label>
          <select id="f-field" name="field" defaultValue={filter.field ?? ""}>
            <option value="">Tất cả</option>
            {fields.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-scope">Phạm vi</label>
          <select id="f-scope" name="scope" defaultValue={filter.scope ?? ""}>
            <option value="">Tất cả</option>
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {scopeText[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Lọc
        </button>
      </Form>
      <section className="card" aria-labelledby="stats-h">
        <h2 id="stats-h">Thống kê theo đơn vị, năm {filter.year}</h2>
        {stats.length === 0 ? <p className="muted">Chưa có đơn nào trong năm.</p> : null}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Đăng ký</th>
                <th scope="col">Công nhận</th>
                <th scope="col">Áp dụng</th>
                <th scope="col">Tỷ lệ áp dụng</th>
              </tr>
            </thead>
            <tbody>
              {stats.map((s) => (
                <tr key={s.unitId}>
                  <th scope="row">{s.unitName}</th>
                  <td>{s.registered}</td>
                  <td>{s.recognised}</td>
                  <td>{s.applied}</td>
                  <td>{formatShare(s.shareApplied)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <h2>Đơn ({rows.length})</h2>
      <ul className="plain">
        {rows.map((r) => (
          <li key={r.id} className="card">
            <strong>{r.title}</strong>
            <p>
              <StateBadge state={r.state} /> <span className="muted">{r.unitName} · {r.field} · năm {r.year}</span>
            </p>
            {r.state === "recognised" ? (
              <p>
                QĐ {r.decisionNumber} ngày {formatIsoDate(r.decisionDate)} · {r.scope ? scopeText[r.scope] : ""}
                {r.scope && r.decidedScope && r.scope !== r.decidedScope ? ` (công nhận ${scopeText[r.decidedScope]}, mở rộng nhờ áp dụng)` : ""} · {r.appliedUnits} đơn vị áp dụng
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
