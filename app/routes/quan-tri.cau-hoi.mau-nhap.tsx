import type { LoaderFunctionArgs } from "@remix-run/node";
import { questionTemplate } from "~/organizer/files.server";
import { requireRole } from "~/account/session.server";

/** The Excel template for question imports. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "organizer");
  const body = await questionTemplate();
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="mau-nhap-cau-hoi.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
