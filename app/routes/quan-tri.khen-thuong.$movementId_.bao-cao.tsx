import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/account/session.server";
import { idParam } from "~/awards/http.server";
import { awardsReport } from "~/awards/reports.server";

export const meta: MetaFunction = () => [{ title: "Báo cáo khen thưởng" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return awardsReport(user, idParam(params.movementId, "Không tìm thấy phong trào này."));
}

const pct = new Intl.NumberFormat("vi-VN", { style: "percent", maximumFractionDigits: 1 });

export default function AwardsReport() {
  const r = useLoaderData<typeof loader>();
  return (
    <article>
      <p>
        <Link to={`/quan-tri/khen-thuong/${r.movement.id}`}>← Khen thưởng</Link>
      </p>
      <h1>Báo cáo khen thưởng năm {r.movement.year}</h1>
      <p className="muted">{r.movement.title}</p>
      <p>
        <a className="button" href={`/quan-tri/khen-thuong/${r.movement.id}/bao-cao/xuat`}>
          Xuất Excel
        </a>
      </p>
      <div className="table-wrap">
        <table>
          <caption>Hồ sơ theo trạng thái</caption>
          <thead>
            <tr>
              <th scope="col">Trạng thái</th>
              <th scope="col">Số hồ sơ</th>
            </tr>
          </thead>
          <tbody>
            {r.byState.map((x) => (
              <tr key={x.state}>
                <td>{x.state}</td>
                <td>{x.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>Khen thưởng theo hình thức và cấp</caption>
          <thead>
            <tr>
              <th scope="col">Hình thức</th>
              <th scope="col">Cấp</th>
              <th scope="col">Tập thể</th>
              <th scope="col">Cá nhân</th>
            </tr>
          </thead>
          <tbody>
            {r.byForm.map((x) => (
              <tr key={`${x.title}-${x.level}`}>
                <td>{x.title}</td>
                <td>{x.level}</td>
                <td>{x.collective}</td>
                <td>{x.individual}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>Theo đơn vị</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Đề nghị</th>
              <th scope="col">Được khen thưởng</th>
            </tr>
          </thead>
          <tbody>
            {r.byUnit.map((x) => (
              <tr key={x.unit}>
                <td>{x.unit}</td>
                <td>{x.proposed}</td>
                <td>{x.awarded}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Cá nhân được khen thưởng: {r.women.individuals}, trong đó nữ {r.women.women}
        {r.women.share !== null ? ` (${pct.format(r.women.share)})` : ""}. Tập thể: {r.women.collectives}, trong đó có từ 70% nữ: {r.women.womenCollectives}.
      </p>
    </article>
  );
}
