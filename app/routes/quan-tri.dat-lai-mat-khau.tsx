import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ResetLinkPanel } from "~/account/ResetLinkPanel";
import { resetPageAction, resetPageLoader } from "~/account/reset-pages.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Đặt lại mật khẩu — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return resetPageLoader(requireRole(request, "organizer"), "organizer", request);
}

export async function action({ request }: ActionFunctionArgs) {
  return resetPageAction(requireRole(request, "organizer"), "organizer", request);
}

export default function OrganizerResetPage() {
  return (
    <section className="card">
      <h1>Đặt lại mật khẩu</h1>
      <ResetLinkPanel scopeText="người thuộc các đơn vị bạn tổ chức" />
    </section>
  );
}
