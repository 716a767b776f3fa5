import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { certificate } from "~/initiative-register/register.server";
import { idParam } from "~/initiative-register/web.server";
import { requireUser } from "~/account/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const cert = certificate(getDb(), user, idParam(params.applicationId));
  if (!cert?.data) throw new Response("Không tìm thấy giấy xác nhận.", { status: 404 });
  const ext = cert.type === "application/pdf" ? "pdf" : cert.type === "image/png" ? "png" : "jpg";
  return new Response(new Uint8Array(cert.data), {
    headers: {
      "Content-Type": cert.type ?? "application/octet-stream",
      "Content-Disposition": `attachment; filename="giay-xac-nhan-${params.applicationId}.${ext}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
