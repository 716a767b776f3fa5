import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { xlsxResponse } from "~/excel.server";
import { organizerWorkbook } from "~/participation/export.server";
import { requireRole } from "~/account/session.server";

const query = z.object({ c: z.coerce.number().int().positive().optional().catch(undefined), v: z.coerce.number().int().positive().optional().catch(undefined) });

/** Every unit by rate, the units below 100%, and the collective ranking, as an Excel file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { body, filename } = await organizerWorkbook(user, { contestId: q.c ?? null, roundId: q.v ?? null });
  return xlsxResponse(body, filename);
}
