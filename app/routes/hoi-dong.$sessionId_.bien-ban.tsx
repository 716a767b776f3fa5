import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/account/session.server";
import { bienBanDoc } from "~/awards/documents.server";
import { fileResponse, idParam } from "~/awards/http.server";

/** The minutes of a closed session, for the council's members and the organizer of the level. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return fileResponse(await bienBanDoc(user, idParam(params.sessionId)));
}
