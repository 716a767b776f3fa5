import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireRole } from "~/account/session.server";

/** The unit heads' area: each child checks the role and the unit's scope again in its own loader. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "unit_head");
  return null;
}

export default function UnitHeadLayout() {
  return (
    <div className="unit-head">
      <Outlet />
    </div>
  );
}
