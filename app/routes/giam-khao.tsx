import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet } from "@remix-run/react";
import { requireRole } from "~/account/session.server";

/** The jury's area (Ban Giám khảo): each child checks the role again in its own loader and action. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "judge");
  return null;
}

export default function JudgeLayout() {
  return (
    <div className="judge">
      <nav aria-label="Ban Giám khảo" className="sub-nav">
        <Link to="/giam-khao">Bài được phân công</Link>
      </nav>
      <Outlet />
    </div>
  );
}
