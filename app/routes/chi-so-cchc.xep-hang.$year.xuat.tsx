import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { indexRankingWorkbook } from "~/reform-index/export.server";

/** The year's ranking as the Excel table organizers publish (public, like the page). */
export async function loader({ params }: LoaderFunctionArgs) {
  const year = z.coerce.number().int().min(2000).max(2100).safeParse(params.year);
  if (!year.success) throw new Response("Không tìm thấy.", { status: 404 });
  const body = await indexRankingWorkbook(year.data);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="chi-so-cchc-${year.data}.xlsx"`,
    },
  });
}
