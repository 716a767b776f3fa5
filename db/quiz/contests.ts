import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../connection";
import { attempts, contests, rounds } from "../schema";

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

/** A contest's public face: rules, organizer, contact and notice (published contests only). */
export function publicContest(db: Db, contestId: number) {
  const published = db.select({ id: rounds.id }).from(rounds).where(and(eq(rounds.contestId, contestId), eq(rounds.status, "published"))).limit(1).get();
  if (!published) return null;
  return db
    .select({
      id: contests.id,
      title: contests.title,
      rulesMd: contests.rulesMd,
      organizerName: contests.organizerName,
      contactPhone: contests.contactPhone,
      contactEmail: contests.contactEmail,
      notice: contests.notice,
    })
    .from(contests)
    .where(eq(contests.id, contestId))
    .get() ?? null;
}

/** The newest contest with a published round: the one the site footer speaks for. */
export function footerContestId(db: Db): number | null {
  const row = db
    .select({ id: contests.id })
    .from(contests)
    .innerJoin(rounds, eq(rounds.contestId, contests.id))
    .where(eq(rounds.status, "published"))
    .orderBy(desc(contests.id))
    .limit(1)
    .get();
  return row?.id ?? null;
}

/** Quiz rounds' prize tables, in round order (initiative rounds keep theirs in the initiative settings). */
export function roundPrizeTables(db: Db, contestId: number) {
  return db
    .select({ id: rounds.id, title: rounds.title, kind: rounds.kind, prizeTable: rounds.prizeTable })
    .from(rounds)
    .where(and(eq(rounds.contestId, contestId), eq(rounds.status, "published")))
    .orderBy(asc(rounds.part), asc(rounds.opensAt))
    .all();
}
