import { getDb } from "../../db/connection";
import { footerContestId, publicContest, roundPrizeTables } from "../../db/quiz/contests";
import { prizeSummary, rulesOutline } from "../core/quiz/contest-info";
import { settingsOf } from "../initiatives/initiatives.server";

/** The public rules of a contest with its prizes, organizer and contact; null when nothing is published. */
export function contestRules(contestId: number) {
  const db = getDb();
  const contest = publicContest(db, contestId);
  if (!contest) return null;
  const prizes = roundPrizeTables(db, contestId)
    .map((r) => ({ round: r.title, summary: prizeSummary(r.kind === "initiative" ? settingsOf(db, r.id).prizes : r.prizeTable) }))
    .filter((p) => p.summary);
  const outline = [...rulesOutline(contest.rulesMd)];
  if (prizes.length) outline.push("Giải thưởng");
  if (contest.organizerName || contest.contactPhone || contest.contactEmail) outline.push("Ban Tổ chức và liên hệ");
  return { ...contest, prizes, outline };
}

export type ContestRules = NonNullable<ReturnType<typeof contestRules>>;

/** What the footer of every page shows: the current contest's organizer, hotline and rules link. */
export function footerInfo() {
  const db = getDb();
  const id = footerContestId(db);
  const contest = id === null ? null : publicContest(db, id);
  if (!contest) return null;
  return { contestId: contest.id, organizerName: contest.organizerName, contactPhone: contest.contactPhone, contactEmail: contest.contactEmail };
}
