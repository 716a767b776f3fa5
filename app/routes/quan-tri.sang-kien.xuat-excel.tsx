import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { organizerRoundId } from "~/initiatives/web.server";
import { rankingWorkbook } from "~/initiatives/export.server";
import { organizerRounds, ranking } from "~/initiatives/initiatives.server";
import { logPersonalDataExport } from "~/account/privacy.server";
import { requireRole } from "~/account/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  const rounds = organizerRounds(db, user);
  const roundId = organizerRoundId(request, rounds);
  const result = ranking(db, user, roundId);
  if (!result.ok) throw new Response(result.message, { status: result.status });
  const title = rounds.find((r) => r.round.id === roundId)!.round.title;
  const body = await rankingWorkbook(title, result.rows, result.settings);
  logPersonalDataExport(user, "initiative_ranking", result.rows.length, { roundId });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="xep-hang-sang-kien-${roundId}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
