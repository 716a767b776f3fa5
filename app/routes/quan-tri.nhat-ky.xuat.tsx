import type { LoaderFunctionArgs } from "@remix-run/node";
import { xlsxResponse } from "~/excel.server";
import { auditWorkbook } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

/** The audit log with the page's filters, as an Excel file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const { body } = await auditWorkbook(user, new URL(request.url).searchParams);
  return xlsxResponse(body, "nhat-ky-thao-tac.xlsx");
}
