import type { ActionFunctionArgs } from "@remix-run/node";
import { saveRow } from "~/reform-index/index.server";
import { rowSaveSchema } from "~/reform-index/schemas";
import { requireUser } from "~/account/session.server";

/**
 * The autosave of one self-assessment row (JSON in, JSON out); the use case checks who may fill it. The lean HTTP
 * entry (app/server/hot.ts) answers POST /chi-so-cchc/luu before Remix, with the same schema and the same check
 * and save (db/reform-index/fill.ts); this route stays for the same request reaching Remix (a trailing slash).
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ ok: false as const, message: "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
  }
  const parsed = rowSaveSchema.safeParse(body);
  if (!parsed.success) return Response.json({ ok: false as const, message: parsed.error.issues[0]?.message ?? "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
  const r = saveRow(user, parsed.data);
  // A Response, not data(): the autosave calls this route directly, and Remix logs a warning for every such
  // call that returns plain data — a line on stderr per keystroke's save.
  return Response.json(r, { status: r.ok ? 200 : 409, headers: { "Cache-Control": "no-store" } });
}
