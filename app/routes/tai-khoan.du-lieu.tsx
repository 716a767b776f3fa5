import type { LoaderFunctionArgs } from "@remix-run/node";
import { ownDataExport } from "~/account/privacy.server";
import { requireUser } from "~/account/session.server";

/** Everything stored about the signed-in person, as a JSON file (the data subject's right of access, Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const body = JSON.stringify(ownDataExport(user), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="du-lieu-ca-nhan-${user.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
