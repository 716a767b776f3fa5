import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireRole } from "~/account/session.server";

/** The organizers' area (Ban Tổ chức): every child route checks the role again in its own loader and action. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "organizer");
  return null;
}

const sections = [
  { to: "/quan-tri", label: "Tổng quan", end: true },
  { to: "/quan-tri/cuoc-thi", label: "Cuộc thi và vòng thi" },
  { to: "/quan-tri/cau-hoi", label: "Ngân hàng câu hỏi" },
  { to: "/quan-tri/ket-qua", label: "Kết quả và giải thưởng" },
  { to: "/quan-tri/don-vi", label: "Đơn vị và danh sách cán bộ" },
  { to: "/quan-tri/tham-gia", label: "Tỷ lệ tham gia" },
  { to: "/quan-tri/sang-kien", label: "Sáng kiến" },
  { to: "/quan-tri/thi-dua", label: "Phong trào thi đua" },
  { to: "/quan-tri/khen-thuong", label: "Khen thưởng" },
  { to: "/quan-tri/chi-so-cchc", label: "Chỉ số CCHC" },
  { to: "/quan-tri/nguoi-dung", label: "Người dùng và phân quyền" },
  { to: "/quan-tri/nhat-ky", label: "Nhật ký thao tác" },
  { to: "/quan-tri/dat-lai-mat-khau", label: "Đặt lại mật khẩu" },
  { to: "/quan-tri/tin-hieu", label: "Tín hiệu bất thường" },
];

export default function OrganizerLayout() {
  return (
    <div className="admin">
      <nav aria-label="Ban Tổ chức" className="admin-nav">
        <ul>
          {sections.map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} end={s.end}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-main">
        <Outlet />
      </div>
    </div>
  );
}
