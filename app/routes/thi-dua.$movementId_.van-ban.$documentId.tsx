import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/account/session.server";
import { fileResponse, idParam } from "~/awards/http.server";
import { documentFile } from "~/emulation/editor.server";

/** A movement's uploaded launching document (Kế hoạch, Quyết định), always a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return fileResponse(documentFile(user, idParam(params.movementId, "Không tìm thấy phong trào này."), idParam(params.documentId, "Không tìm thấy văn bản.")));
}
