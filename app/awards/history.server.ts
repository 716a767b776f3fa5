import { awardsOfPerson, awardsOfUnit } from "../../db/awards/queries";
import { getDb } from "../../db/connection";
import { listUnits, subtreeIds } from "../../db/participation/units";
import { type CurrentUser, hasRole, roleUnitIds } from "../account/session.server";

/** Hồ sơ thành tích: a person's awards on their account page, a unit's on its head's page. */

export type AwardLine = { id: number; year: number; title: string; name: string; number: string; date: string; issuingBody: string; achievement: string };

const line = (a: ReturnType<typeof awardsOfPerson>[number]): AwardLine => ({ id: a.id, year: a.year, title: a.title, name: a.name, number: a.number, date: a.date, issuingBody: a.issuingBody, achievement: a.achievement });

export function myAwards(user: CurrentUser): AwardLine[] {
  return awardsOfPerson(getDb(), user.id).map(line);
}

/** The collective awards of the units a head answers for (their subtree), newest first. */
export function unitAwards(user: CurrentUser): { unitName: string; awards: AwardLine[] }[] {
  if (!hasRole(user, "unit_head")) return [];
  const db = getDb();
  const scoped = roleUnitIds(user, "unit_head");
  const ids = scoped === null ? listUnits(db).map((u) => u.id) : subtreeIds(db, scoped);
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  return ids
    .map((id) => ({ unitName: names.get(id) ?? "", awards: awardsOfUnit(db, id, "all").map(line) }))
    .filter((u) => u.awards.length > 0);
}
