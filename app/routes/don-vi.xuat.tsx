import type { LoaderFunctionArgs } from "@remix-run/node";
import { xlsxResponse } from "~/excel.server";
import { parseHeadQuery } from "~/participation/participation.schemas";
import { unitHeadWorkbook } from "~/participation/export.server";
import { logPersonalDataExport } from "~/account/privacy.server";
import { requireRole } from "~/account/session.server";

/** The unit head's Excel file: the summary, sub-units by rate, and the named list of people not yet taking part. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "unit_head");
  const { body, filename, rows, unitId, contestId } = await unitHeadWorkbook(user, parseHeadQuery(new URL(request.url)));
  logPersonalDataExport(user, "participation_not_yet", rows, { unitId, contestId });
  return xlsxResponse(body, filename);
}
