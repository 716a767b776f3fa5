import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireRole } from "~/account/session.server";
import { bienBanDoc, quyetDinhDoc } from "~/awards/documents.server";
import { documentFile } from "~/awards/dossier.server";
import { fileResponse, idParam } from "~/awards/http.server";

/** The organizer's generated documents (minutes, decision with annex) and the decision's signed copy. */
const query = z.union([
  z.object({ "bien-ban": z.coerce.number().int().positive() }),
  z.object({ "quyet-dinh": z.coerce.number().int().positive() }),
  z.object({ tep: z.coerce.number().int().positive() }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const movementId = idParam(params.movementId);
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw new Response("Không tìm thấy tài liệu.", { status: 404 });
  const v = q.data;
  if ("bien-ban" in v) return fileResponse(await bienBanDoc(user, v["bien-ban"]));
  if ("quyet-dinh" in v) return fileResponse(await quyetDinhDoc(user, movementId, v["quyet-dinh"]));
  return fileResponse(documentFile(user, v.tep, () => false));
}
