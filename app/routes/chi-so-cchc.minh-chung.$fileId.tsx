import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { evidenceFile } from "~/reform-index/index.server";
import { requireUser } from "~/account/session.server";

/** An evidence file, for whoever may view the unit's assessment; always a download, never rendered inline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = z.coerce.number().int().positive().safeParse(params.fileId);
  if (!id.success) throw new Response("Không tìm thấy.", { status: 404 });
  const f = evidenceFile(user, id.data);
  return new Response(new Uint8Array(f.body), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
