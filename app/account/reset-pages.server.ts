import { data } from "@remix-run/node";
import { createLinkSchema, personSearchSchema } from "./privacy.schemas";
import { createResetLink, type ResetVia, searchPeopleForReset } from "./privacy.server";
import type { CurrentUser } from "./session.server";

/** The loader and action bodies shared by /quan-tri/dat-lai-mat-khau and /don-vi/dat-lai-mat-khau. */

export function resetPageLoader(user: CurrentUser, via: ResetVia, request: Request) {
  const params = new URL(request.url).searchParams;
  const parsed = personSearchSchema.safeParse(Object.fromEntries(params));
  // What was typed stays in the box beside its error, so a phone can be completed rather than retyped.
  if (!parsed.success) return { q: (params.get("q") ?? "").slice(0, 100), qError: parsed.error.issues[0]?.message ?? "Từ khóa không hợp lệ.", people: [] };
  return { q: parsed.data.q, qError: null, people: searchPeopleForReset(user, via, parsed.data.q) };
}

export async function resetPageAction(user: CurrentUser, via: ResetVia, request: Request) {
  const parsed = createLinkSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, message: parsed.error.issues[0]?.message ?? "Thao tác không hợp lệ." }, { status: 400 });
  const result = createResetLink(user, via, parsed.data.userId, new URL(request.url).origin);
  return data(result, { status: result.ok ? 200 : result.status, headers: { "Cache-Control": "no-store" } });
}
