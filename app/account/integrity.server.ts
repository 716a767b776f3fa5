import { getDb } from "../../db/connection";
import * as integrityDb from "../../db/account/integrity";
import { fastFullScores, identicalAnswerSequences, signupBursts } from "../core/account/integrity";
import type { SignalParams } from "./privacy.schemas";
import { organizerContests } from "../participation/participation.server";
import { type CurrentUser, hasRole } from "./session.server";

/**
 * The integrity signals page: hints for organizers to look at, within their contests and units. Nothing here
 * changes a score or an account; the page says so.
 */
export function integritySignals(user: CurrentUser, p: SignalParams, now = Date.now()) {
  if (!hasRole(user, "organizer")) throw new Response("Tài khoản của bạn không có quyền xem trang này.", { status: 403 });
  const db = getDb();
  // Registrations are not tied to a contest: every organizer sees them all, as on the units page.
  const units = null;
  const contests = organizerContests(user);
  const contestIds = contests.map((c) => c.id);
  const rounds = integrityDb.quizRoundsOfContests(db, contestIds);
  const roundTitle = new Map(rounds.map((r) => [r.id, r.contestTitle === r.title ? r.title : `${r.contestTitle} — ${r.title}`]));

  const bursts = signupBursts(integrityDb.signupsSince(db, now - p.d * 86_400_000, units), { windowMs: p.h * 3_600_000, minAccounts: p.n });
  const fast = fastFullScores(integrityDb.fullScoreAttempts(db, contestIds), p.s).slice(0, 500);
  const identical = identicalAnswerSequences(integrityDb.roundAnswerItems(db, rounds.map((r) => r.id)), p.m).slice(0, 200);
  return {
    params: p,
    bursts: bursts.slice(0, 200),
    fast: fast.map((a) => ({ ...a, round: roundTitle.get(a.roundId) ?? "" })),
    identical: identical.map((g) => ({ ...g, round: roundTitle.get(g.roundId) ?? "" })),
  };
}
