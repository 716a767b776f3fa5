import { getDb } from "../db.server";
import { getRoundWithContest, publishedRoundsWithContest } from "../../db/quiz/contests";
import { roundStanding } from "../../db/quiz/standings";
import { maskPhone } from "../core/account/privacy";
import { ranksVisible, sharedWith } from "../core/organizer/ranking";
import { roundPhase } from "../core/quiz/timing";

/**
 * A participant's place and prize in a round, once the round's setting lets them see it; null before
 * that, and for someone who has no counted attempt (or whom the organizer left out of the ranking).
 */
export function myPlace(roundId: number, userId: number, now = Date.now()) {
  const db = getDb();
  const row = getRoundWithContest(db, roundId);
  if (!row || row.round.status !== "published" || row.round.kind !== "quiz") return null;
  const phase = roundPhase(row.round, now);
  if (!ranksVisible(row.round.rankPublication, phase)) return null;
  const standing = roundStanding(db, roundId);
  const mine = standing?.rows.find((r) => r.userId === userId);
  if (!standing || !mine) return null;
  return {
    contestId: row.contest.id,
    rank: mine.rank,
    sharedWith: sharedWith(standing.rows, mine.rank),
    ranked: standing.rows.length,
    prize: mine.prize,
    prizeTied: mine.prizeTied,
    // Until the close, later attempts and the prediction's true figure can still move the place.
    provisional: phase !== "closed",
  };
}

/**
 * The winners of a contest's published quiz rounds whose results may be shown, round by round (a weekly
 * round's prizes already leave out who won earlier that week), with a masked phone as contest sites publish them.
 */
export function publicResults(contestId: number, now = Date.now()) {
  const db = getDb();
  const rows = publishedRoundsWithContest(db).filter((r) => r.contest.id === contestId);
  if (rows.length === 0) return null;
  const contest = rows[0]!.contest;
  const rounds = rows
    .filter((r) => r.round.kind === "quiz")
    .map(({ round }) => {
      const phase = roundPhase(round, now);
      const visible = ranksVisible(round.rankPublication, phase);
      const standing = visible ? roundStanding(db, round.id) : null;
      const people = new Map((standing?.rows ?? []).map((r) => [r.userId, r]));
      return {
        id: round.id,
        title: round.title,
        weekNo: round.weekNo,
        closesAt: round.closesAt,
        phase,
        policy: round.rankPublication,
        visible,
        provisional: visible && phase !== "closed",
        winners: (standing?.awards ?? []).map((a) => {
          const p = people.get(a.userId)!;
          return {
            prize: a.prize,
            prizeTied: a.tiedAtBoundary,
            rank: a.rank,
            tied: p.tied,
            fullName: p.fullName,
            unitName: p.unitName,
            phone: maskPhone(p.phone),
            score: p.score,
            questionCount: round.questionCount,
          };
        }),
      };
    });
  return { contest: { id: contest.id, title: contest.title }, rounds, at: now };
}
