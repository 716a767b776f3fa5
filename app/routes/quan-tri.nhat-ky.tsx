import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/format";
import { auditPage } from "~/organizer.server";
import { requireRole } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Nhật ký thao tác" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "organizer");
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("trang")) || 1);
  return { page, rows: auditPage(page).map((r) => ({ ...r.entry, fullName: r.fullName })) };
}

const ACTIONS: Record<string, string> = {
  "contest.create": "Tạo cuộc thi",
  "contest.update": "Sửa cuộc thi",
  "round.create": "Tạo vòng thi",
  "round.generate_weekly": "Tạo các tuần thi",
  "round.update": "Sửa cài đặt vòng thi",
  "round.publish": "Công bố vòng thi",
  "round.unpublish": "Thôi công bố vòng thi",
  "round.settle_figure": "Chốt con số dự đoán",
  "question.create": "Thêm câu hỏi",
  "question.update": "Sửa câu hỏi",
  "question.new_version": "Tạo phiên bản mới của câu hỏi",
  "question.archive": "Lưu trữ câu hỏi",
  "question.restore": "Lấy lại câu hỏi",
  "question.delete": "Xóa câu hỏi",
  "question.import_preview": "Tải tệp câu hỏi lên để xem trước",
  "question.import": "Nhập câu hỏi",
  "question.export": "Xuất ngân hàng câu hỏi",
  "ranking.export": "Xuất xếp hạng",
  "ranking.exclude": "Loại khỏi xếp hạng",
  "ranking.include": "Xếp hạng lại",
  "role.grant": "Cấp quyền",
};

export default function AuditLog() {
  const { rows, page } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Nhật ký thao tác</h1>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Nhật ký thao tác">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Lúc</th>
              <th scope="col">Người thực hiện</th>
              <th scope="col">Thao tác</th>
              <th scope="col">Đối tượng</th>
              <th scope="col">Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.fullName ?? "Hệ thống"}</td>
                <td>{ACTIONS[r.action] ?? r.action}</td>
                <td>
                  {r.entity}
                  {r.entityId ? ` #${r.entityId}` : ""}
                </td>
                <td className="detail">{r.detail ? JSON.stringify(r.detail) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Trang" className="actions">
        {page > 1 ? <Link to={`?trang=${page - 1}`}>← Mới hơn</Link> : null}{" "}
        {rows.length === 100 ? <Link to={`?trang=${page + 1}`}>Cũ hơn →</Link> : null}
      </nav>
    </>
  );
}
