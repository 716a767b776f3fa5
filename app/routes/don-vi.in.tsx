import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OfficialHeader } from "~/components/OfficialHeader";
import { vnDateTimeText } from "~/core/notices";
import { parseHeadQuery } from "~/participation/participation.schemas";
import { notYetPrint } from "~/participation/participation.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Danh sách chưa tham gia — ${data.unit.name}` : "Danh sách chưa tham gia" }];

/** The printable not-yet list of a unit of the head's subtree (full phones: logged as personal data). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "unit_head");
  return notYetPrint(user, parseHeadQuery(new URL(request.url)));
}

export default function NotYetPrint() {
  const d = useLoaderData<typeof loader>();
  const back = `/don-vi?${new URLSearchParams({ u: String(d.unit.id), c: String(d.contest.id) })}`;
  return (
    <article className="official-doc">
      <p className="actions no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          In danh sách
        </button>
        <Link to={back}>Quay lại trang đơn vị</Link>
      </p>
      <p className="muted no-print">Khổ A4 dọc; trình duyệt điện thoại có thể lưu thành tệp PDF để gửi.</p>
      <OfficialHeader agency={d.agency} unitName={d.unit.name} dateLine={d.dateLine} />
      <h1 className="doc-title">DANH SÁCH CÁN BỘ, CÔNG CHỨC CHƯA THAM GIA CUỘC THI</h1>
      <p className="doc-subtitle">
        {d.contest.title} — {d.period.label}
        {d.period.closesAt ? ` (hạn cuối ${vnDateTimeText(d.period.closesAt)})` : ""}
      </p>
      {d.rows.length === 0 ? (
        <p>Mọi người trong danh sách của đơn vị đều đã tham gia.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Danh sách chưa tham gia">
          <table className="data doc-table" data-testid="print-not-yet">
            <thead>
              <tr>
                <th scope="col">STT</th>
                <th scope="col">Họ và tên</th>
                <th scope="col">Chức vụ</th>
                {d.multiUnit ? <th scope="col">Đơn vị</th> : null}
                <th scope="col">Điện thoại</th>
                <th scope="col">Ghi chú</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r, i) => (
                <tr key={r.entryId}>
                  <td>{i + 1}</td>
                  <td>{r.fullName}</td>
                  <td>{r.position ?? ""}</td>
                  {d.multiUnit ? <td>{r.unitName}</td> : null}
                  <td>{r.phone ?? ""}</td>
                  <td>{r.registered ? "" : "Chưa đăng ký tài khoản"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="doc-total">Tổng cộng: {d.rows.length} người.</p>
      <div className="doc-sign">
        <p>
          <strong>{d.signer.position.toLocaleUpperCase("vi")}</strong>
        </p>
        <p className="doc-sign-note">
          <em>(Ký, ghi rõ họ tên)</em>
        </p>
        <p className="doc-sign-name">
          <strong>{d.signer.name}</strong>
        </p>
      </div>
    </article>
  );
}
