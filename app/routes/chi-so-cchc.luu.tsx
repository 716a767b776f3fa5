import { type ActionFunctionArgs, data } from "@remix-run/node";
import { saveRow } from "~/reform-index/index.server";
import { rowSaveSchema } from "~/reform-index/schemas";
import { requireUser } from "~/account/session.server";

/** The autosave of one self-assessment row (JSON in, JSON out); the use case checks who may fill it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return data({ ok: false as const, message: "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
  }
  const parsed = rowSaveSchema.safeParse(body);
  if (!parsed.success) return data({ ok: false as const, message: parsed.error.issues[0]?.message ?? "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
  const r = saveRow(user, parsed.data);
  return data(r, { status: r.ok ? 200 : 409, headers: { "Cache-Control": "no-store" } });
}
