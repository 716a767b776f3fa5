import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadTaskFile } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

/** A finished export, for the organizer who asked for it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const file = downloadTaskFile(user, Number(params.taskId));
  if (!file) throw new Response("Tệp chưa sẵn sàng hoặc không có.", { status: 404 });
  const type = file.downloadName.endsWith(".xlsx")
    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    : "text/plain; charset=utf-8";
  return new Response(fs.readFileSync(file.file), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${file.downloadName}"`,
      "Cache-Control": "no-store",
    },
  });
}
