import type { LoaderFunctionArgs } from "@remix-run/node";
import { xlsxResponse } from "~/excel.server";
import { parseHeadQuery } from "~/participation.schemas";
import { unitHeadWorkbook } from "~/participation-export.server";
import { requireRole } from "~/session.server";

/** The unit head's Excel file: the summary, sub-units by rate, and the named list of people not yet taking part. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "unit_head");
  const { body, filename } = await unitHeadWorkbook(user, parseHeadQuery(new URL(request.url)));
  return xlsxResponse(body, filename);
}
