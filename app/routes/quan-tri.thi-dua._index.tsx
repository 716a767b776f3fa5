import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { showDate } from "~/emulation/format";
import { organizerMovements } from "~/emulation/movements.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Phong trào thi đua — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return { movements: organizerMovements(user) };
}

export default function OrganizerMovements() {
  const { movements } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <article>
      <h1>Phong trào thi đua</h1>
      {search.has("da-xoa") ? (
        <p className="notice ok-notice" role="status">
          Đã xóa bản nháp phong trào.
        </p>
      ) : null}
      <p>
        <Link to="/quan-tri/thi-dua/moi" className="button">
          Lập phong trào mới
        </Link>
      </p>
      {movements.length === 0 ? <p>Đơn vị của bạn chưa phát động phong trào nào.</p> : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Danh sách phong trào">
        <table className="data">
          <caption className="sr-only">Các phong trào do đơn vị của bạn phát động</caption>
          <thead>
            <tr>
              <th scope="col">Phong trào</th>
              <th scope="col">Loại</th>
              <th scope="col">Thời gian</th>
              <th scope="col">Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {movements.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/quan-tri/thi-dua/${m.id}`}>{m.title}</Link>
                  <div className="muted">{m.organizerName}</div>
                </td>
                <td>{m.kindLabel}</td>
                <td>
                  {showDate(m.periodStart)} – {showDate(m.periodEnd)}
                </td>
                <td>{m.stateLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
