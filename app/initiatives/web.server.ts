import { data } from "@remix-run/node";
import { getDb } from "../../db/connection";
import { openRounds } from "./initiatives.server";

/** Route helpers shared by the initiative pages (Remix responses, ids from the address). */
export function idParam(value: string | undefined | null): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Response("Không tìm thấy trang.", { status: 404 });
  return n;
}

export function failure(result: { status: number; message: string }) {
  return data({ error: result.message }, { status: result.status });
}

/** The round an entry goes to: the one named by ?vong=, or the first open initiative round. */
export function entryRoundId(request: Request, now = Date.now()): number | null {
  const v = new URL(request.url).searchParams.get("vong");
  const open = openRounds(getDb(), now);
  if (v) return open.find((r) => r.round.id === Number(v))?.round.id ?? null;
  return open[0]?.round.id ?? null;
}

/** The organizer's current initiative round: ?vong=, or the first they manage; 404 when none. */
export function organizerRoundId(request: Request, rounds: { round: { id: number } }[]): number {
  const v = new URL(request.url).searchParams.get("vong");
  const chosen = v ? rounds.find((r) => r.round.id === Number(v)) : rounds[0];
  if (!chosen) throw new Response("Chưa có vòng thi sáng kiến nào.", { status: 404 });
  return chosen.round.id;
}
