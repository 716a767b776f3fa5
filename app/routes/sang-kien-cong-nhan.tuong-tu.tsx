import type { ActionFunctionArgs } from "@remix-run/node";
import { takeLookupPoint, waitInWords } from "~/account/throttle.server";
import { requireUser } from "~/account/session.server";
import { getDb } from "~/db.server";
import { closestIdeas } from "~/initiative-register/register.server";
import { similarLookupSchema } from "~/initiative-register/schemas";

/** Lookups a person may make a minute (a debounced form sends one per pause in typing). */
export const SIMILAR_LOOKUPS = { points: 30, durationS: 60 } as const;

/**
 * The duplicate-idea check before the first save (JSON in, JSON out): the closest filed initiatives of the
 * register and the archive, public fields only, for signed-in people, throttled per person.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ items: [], error: "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
  }
  const parsed = similarLookupSchema.safeParse(body);
  if (!parsed.success) return Response.json({ items: [], error: parsed.error.issues[0]?.message ?? "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
  const gate = await takeLookupPoint("ir-similar", String(user.id), SIMILAR_LOOKUPS);
  if (!gate.allowed)
    return Response.json(
      { items: [], error: `Bạn kiểm tra trùng lặp quá nhanh; thử lại sau ${waitInWords(gate.retryInS)}.` },
      { status: 429, headers: { "Retry-After": String(gate.retryInS), "Cache-Control": "no-store" } },
    );
  const items = closestIdeas(getDb(), `${parsed.data.title}\n${parsed.data.summary}`);
  return Response.json({ items, error: null }, { headers: { "Cache-Control": "no-store" } });
}
