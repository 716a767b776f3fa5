import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { exportSheets } from "~/emulation/movements.server";
import { writeWorkbook, xlsxResponse } from "~/excel.server";
import { requireRole } from "~/account/session.server";

/** The evaluation in Excel: a sheet per scheme (outcome and reason per criterion) and the registrations. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const id = z.coerce.number().int().positive().safeParse(params.movementId);
  if (!id.success) throw new Response("Không tìm thấy phong trào này.", { status: 404 });
  const { sheets, filename } = exportSheets(user, id.data);
  return xlsxResponse(await writeWorkbook(sheets), filename);
}
