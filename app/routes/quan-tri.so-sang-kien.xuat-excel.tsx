import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { xlsxResponse } from "~/excel.server";
import { exportRegister } from "~/initiative-register/register.server";
import { registerFilterSchema } from "~/initiative-register/schemas";
import { requireRole } from "~/account/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const f = registerFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { body, year } = await exportRegister(getDb(), user, f, Date.now());
  return xlsxResponse(body, `so-sang-kien-${year}.xlsx`);
}
