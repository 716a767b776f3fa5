import type { CurrentUser } from "../account/session.server";
import { openSession } from "./council.server";
import { createDecision } from "./decisions.server";
import { organizerAction, requireOrganizer } from "./dossier.server";
import { organizerForm } from "./schemas";

/** The organizer page's one action: proposals, reopenings, settings and council go to the dossier, sessions and decisions to their own. */
export function organizerPageAction(user: CurrentUser, movementId: number, form: FormData, now = Date.now()): { ok: boolean; message: string; id?: number } {
  // Scope first: someone outside it learns nothing, not even that the form was wrong.
  requireOrganizer(user, movementId);
  const parsed = organizerForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  const a = parsed.data;
  if (a.intent === "session") return openSession(user, movementId, a.title, now);
  if (a.intent === "decision") return createDecision(user, movementId, a, now);
  return organizerAction(user, movementId, form, now);
}
