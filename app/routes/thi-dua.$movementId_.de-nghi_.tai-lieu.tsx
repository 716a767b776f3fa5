import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/account/session.server";
import { councilLevels } from "~/awards/access.server";
import { baoCaoDoc, toTrinhDoc } from "~/awards/documents.server";
import { documentFile } from "~/awards/dossier.server";
import { fileResponse, idParam } from "~/awards/http.server";
import { reportBatchFile } from "~/awards/report-batches.server";

/** A dossier's documents: the generated Word forms, an uploaded file, or the zip of reports the worker built; always a download. */
const query = z.union([
  z.object({ tep: z.coerce.number().int().positive() }),
  z.object({ goi: z.coerce.number().int().positive() }),
  z.object({ loai: z.literal("bao-cao"), "ho-so": z.coerce.number().int().positive() }),
  z.object({ loai: z.literal("to-trinh"), "don-vi": z.coerce.number().int().positive(), "hinh-thuc": z.string().regex(/^[a-z0-9-]+$/) }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const movementId = idParam(params.movementId);
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw new Response("Không tìm thấy tài liệu.", { status: 404 });
  const v = q.data;
  if ("tep" in v) {
    const levels = councilLevels(user);
    return fileResponse(documentFile(user, v.tep, (l) => levels.has(l)));
  }
  if ("goi" in v) return fileResponse(reportBatchFile(user, movementId, v.goi));
  if (v.loai === "bao-cao") return fileResponse(await baoCaoDoc(user, v["ho-so"]));
  return fileResponse(await toTrinhDoc(user, movementId, v["don-vi"], v["hinh-thuc"]));
}
