import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ResetLinkPanel } from "~/account/ResetLinkPanel";
import { resetPageAction, resetPageLoader } from "~/account/reset-pages.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Đặt lại mật khẩu cho cán bộ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return resetPageLoader(requireRole(request, "unit_head"), "unit_head", request);
}

export async function action({ request }: ActionFunctionArgs) {
  return resetPageAction(requireRole(request, "unit_head"), "unit_head", request);
}

export default function UnitHeadResetPage() {
  return (
    <section className="card">
      <p className="no-print">
        <Link to="/don-vi">← Tỷ lệ tham gia của đơn vị</Link>
      </p>
      <h1>Đặt lại mật khẩu cho cán bộ</h1>
      <ResetLinkPanel scopeText="cán bộ thuộc đơn vị bạn phụ trách và các đơn vị trực thuộc" />
    </section>
  );
}
