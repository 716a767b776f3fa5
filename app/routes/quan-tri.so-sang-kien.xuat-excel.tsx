import type { LoaderFunctionArgs } from "@remix-run/node";
import { yearInVietnam } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { xlsxResponse } from "~/excel.server";
import { registerWorkbook } from "~/initiative-register/export.server";
import { logRegisterExport, organizerRegister, organizerStats } from "~/initiative-register/register.server";
import { registerFilterSchema } from "~/initiative-register/schemas";
import { requireRole } from "~/account/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  const f = registerFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const year = f.year ?? yearInVietnam(Date.now());
  const rows = organizerRegister(db, user, { ...f, year });
  const body = await registerWorkbook(rows, organizerStats(db, user, year));
  logRegisterExport(db, user, year, rows.length);
  return xlsxResponse(body, `so-sang-kien-${year}.xlsx`);
}
