import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/account/session.server";
import { idParam } from "~/awards/http.server";
import { awardsSheets } from "~/awards/reports.server";
import { writeWorkbook, xlsxResponse } from "~/excel.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const { sheets, filename } = awardsSheets(user, idParam(params.movementId));
  return xlsxResponse(await writeWorkbook(sheets), filename);
}
