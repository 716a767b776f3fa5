import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse, idParam } from "~/awards/http.server";
import { evidenceFileFor } from "~/emulation/movements.server";
import { requireUser } from "~/account/session.server";

/** An evidence file of a unit's declaration, for those who may see that unit's registration; always a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const f = evidenceFileFor(user, idParam(params.movementId, "Không tìm thấy phong trào này."), idParam(params.fileId, "Không tìm thấy tệp minh chứng."));
  return fileResponse(f);
}
