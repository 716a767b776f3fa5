import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./connection";
import { attempts, contests, rounds } from "./schema";

export function publishedRoundsWithContest(db: Db) {
  return db
    .select({ round: rounds, contest: { id: contests.id, title: contests.title, rulesMd: contests.rulesMd, slug: contests.slug } })
    .from(rounds)
    .innerJoin(contests, eq(contests.id, rounds.contestId))
    .where(eq(rounds.status, "published"))
    .orderBy(asc(contests.id), asc(rounds.part), asc(rounds.opensAt))
    .all();
}

/** Attempts used per round by one person. */
export function attemptCounts(db: Db, userId: number, roundIds: number[]): Map<number, number> {
  if (roundIds.length === 0) return new Map();
  const rows = db
    .select({ roundId: attempts.roundId, n: sql<number>`count(*)` })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), inArray(attempts.roundId, roundIds)))
    .groupBy(attempts.roundId)
    .all();
  return new Map(rows.map((r) => [r.roundId, r.n]));
}

export function getRoundWithContest(db: Db, roundId: number) {
  return db
    .select({ round: rounds, contest: contests })
    .from(rounds)
    .innerJoin(contests, eq(contests.id, rounds.contestId))
    .where(eq(rounds.id, roundId))
    .get();
}
