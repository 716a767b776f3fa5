import type { Db } from "../connection";
import { rawStmt, stmt } from "../statements";
import type { RateThreshold } from "../schema";
import { DEFAULT_VERIFICATION_POLICY, type VerificationPolicy } from "../../app/core/participation/roster";

/**
 * Participation data: set-based reads of who has taken part, per unit and round, and the writes of the
 * rolled-up numbers. The roll-up itself is in app/core/participation/participation.ts; workers/participation.ts joins them.
 */

/**
 * Who counts for which unit: roster rows linked to an account count for the roster's unit; accounts not linked
 * to any roster row count for the unit they registered in, whether it has a roster or not: the rate never
 * leaves out someone who took part because their registration was not matched (the pages say how many). Two texts of one query:
 * the full recompute scans everything once; the per-unit update starts from the units' people and reaches
 * their attempts through the user index (an "x IS NULL OR" filter would keep SQLite from using it).
 */
function ownCountsSql(filtered: boolean): string {
  const only = (col: string) => (filtered ? `AND ${col} IN (SELECT value FROM json_each(:units))` : "");
  return `
WITH person_unit AS (
    SELECT user_id, unit_id FROM roster_entries WHERE user_id IS NOT NULL ${only("unit_id")}
    UNION ALL
    SELECT u.id, u.unit_id FROM users u
     WHERE u.unit_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM roster_entries r WHERE r.user_id = u.id) ${only("u.unit_id")}
  ),
  pr AS (
    ${
      filtered
        ? `SELECT a.user_id, a.round_id, MAX(a.score) AS best
             FROM person_unit pu JOIN attempts a ON a.user_id = pu.user_id JOIN rounds ro ON ro.id = a.round_id
            WHERE ro.contest_id = :contestId AND a.submitted_at IS NOT NULL`
        : `SELECT a.user_id, a.round_id, MAX(a.score) AS best
             FROM attempts a JOIN rounds ro ON ro.id = a.round_id
            WHERE ro.contest_id = :contestId AND a.submitted_at IS NOT NULL`
    }
     GROUP BY a.user_id, a.round_id
  )
SELECT pu.unit_id AS unitId, pr.round_id AS roundId, COUNT(*) AS participants,
       COALESCE(SUM(pr.best), 0) AS scoreSum, COUNT(pr.best) AS scoreN
  FROM pr JOIN person_unit pu ON pu.user_id = pr.user_id
 GROUP BY pu.unit_id, pr.round_id
UNION ALL
SELECT pu.unit_id, 0, COUNT(*), COALESCE(SUM(p.best), 0), COUNT(p.best)
  FROM (SELECT user_id, MAX(best) AS best FROM pr GROUP BY user_id) p JOIN person_unit pu ON pu.user_id = p.user_id
 GROUP BY pu.unit_id`;
}
const OWN_COUNTS_ALL = ownCountsSql(false);
const OWN_COUNTS_SOME = ownCountsSql(true);

export type OwnCountRow = { unitId: number; roundId: number; participants: number; scoreSum: number; scoreN: number };

/** Participants and score totals of each unit's own people, per round and (round 0) for the whole contest. */
export function ownCounts(db: Db, contestId: number, unitIds: number[] | null): OwnCountRow[] {
  if (unitIds === null) return stmt(db, OWN_COUNTS_ALL).all({ contestId }) as OwnCountRow[];
  return stmt(db, OWN_COUNTS_SOME).all({ contestId, units: JSON.stringify(unitIds) }) as OwnCountRow[];
}

export type UnitDenominator = { id: number; parentId: number | null; headcount: number; rosterSize: number };

/** Every unit with its parent, headcount and roster size. */
export function unitDenominators(db: Db): UnitDenominator[] {
  return stmt(
    db,
    `SELECT u.id, u.parent_id AS parentId, u.headcount, COALESCE(r.n, 0) AS rosterSize
       FROM units u LEFT JOIN (SELECT unit_id, COUNT(*) AS n FROM roster_entries GROUP BY unit_id) r ON r.unit_id = u.id`,
  ).all() as UnitDenominator[];
}

/** A unit and its ancestors, bottom first, with what the roll-up needs. */
export function chainOf(db: Db, unitId: number): UnitDenominator[] {
  return stmt(
    db,
    `WITH RECURSIVE up(id, lvl) AS (SELECT ?, 0 UNION ALL SELECT u.parent_id, up.lvl + 1 FROM units u JOIN up ON u.id = up.id
                                    WHERE u.parent_id IS NOT NULL AND up.lvl < 100)
     SELECT u.id, u.parent_id AS parentId, u.headcount,
            (SELECT COUNT(*) FROM roster_entries r WHERE r.unit_id = u.id) AS rosterSize
       FROM up JOIN units u ON u.id = up.id ORDER BY up.lvl`,
  ).all(unitId) as UnitDenominator[];
}

export function childrenOfUnits(db: Db, unitIds: number[]): { id: number; parentId: number }[] {
  return stmt(db, `SELECT id, parent_id AS parentId FROM units WHERE parent_id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(unitIds),
  ) as { id: number; parentId: number }[];
}

export type StatRow = {
  contestId: number;
  roundId: number;
  unitId: number;
  basis: "roster" | "headcount";
  ownParticipants: number;
  ownDenominator: number;
  ownScoreSum: number;
  ownScoreN: number;
  participants: number;
  denominator: number;
  scoreSum: number;
  scoreN: number;
  updatedAt: number;
};

export function storedTotals(db: Db, contestId: number, roundIds: number[], unitIds: number[]): StatRow[] {
  return stmt(
    db,
    `SELECT contest_id AS contestId, round_id AS roundId, unit_id AS unitId, basis, own_participants AS ownParticipants,
            own_denominator AS ownDenominator, own_score_sum AS ownScoreSum, own_score_n AS ownScoreN, participants,
            denominator, score_sum AS scoreSum, score_n AS scoreN, updated_at AS updatedAt
       FROM participation_stats
      WHERE contest_id = ? AND round_id IN (SELECT value FROM json_each(?)) AND unit_id IN (SELECT value FROM json_each(?))`,
  ).all(contestId, JSON.stringify(roundIds), JSON.stringify(unitIds)) as StatRow[];
}

export function hasStats(db: Db, contestId: number): boolean {
  return stmt(db, `SELECT 1 FROM participation_stats WHERE contest_id = ? LIMIT 1`).get(contestId) !== undefined;
}

const UPSERT_STAT = `INSERT INTO participation_stats
  (contest_id, round_id, unit_id, basis, own_participants, own_denominator, own_score_sum, own_score_n, participants, denominator, score_sum, score_n, updated_at)
  VALUES (@contestId, @roundId, @unitId, @basis, @ownParticipants, @ownDenominator, @ownScoreSum, @ownScoreN, @participants, @denominator, @scoreSum, @scoreN, @updatedAt)
  ON CONFLICT (contest_id, round_id, unit_id) DO UPDATE SET basis = excluded.basis,
    own_participants = excluded.own_participants, own_denominator = excluded.own_denominator,
    own_score_sum = excluded.own_score_sum, own_score_n = excluded.own_score_n, participants = excluded.participants,
    denominator = excluded.denominator, score_sum = excluded.score_sum, score_n = excluded.score_n, updated_at = excluded.updated_at`;

const UPSERT_SNAPSHOT = `INSERT INTO participation_snapshots (contest_id, round_id, unit_id, day, participants, denominator)
  VALUES (@contestId, @roundId, @unitId, @day, @participants, @denominator)
  ON CONFLICT (contest_id, round_id, unit_id, day) DO UPDATE SET participants = excluded.participants, denominator = excluded.denominator`;

/** Writes stats rows and today's snapshot of each, in one transaction. */
export function writeStats(db: Db, rows: StatRow[], day: string): void {
  const upsert = stmt(db, UPSERT_STAT);
  const snap = stmt(db, UPSERT_SNAPSHOT);
  db.$client.transaction(() => {
    for (const r of rows) {
      upsert.run(r);
      snap.run({ contestId: r.contestId, roundId: r.roundId, unitId: r.unitId, day, participants: r.participants, denominator: r.denominator });
    }
  }).immediate();
}

const statKey = (roundId: number, unitId: number) => `${roundId}:${unitId}`;
const statValues = (r: StatRow) =>
  [r.basis, r.ownParticipants, r.ownDenominator, r.ownScoreSum, r.ownScoreN, r.participants, r.denominator, r.scoreSum, r.scoreN].join(",");

/**
 * Replaces a contest's numbers with `rows`, a full recompute's result. Only the rows that changed are written
 * (and today's snapshot where it changed or is missing), rows of units or rounds no longer there are removed,
 * and every row is stamped with the recompute's time in one statement. After a few scorings a full recompute
 * thus holds the write lock for milliseconds, and saves and submissions do not wait on it. What is stored is
 * read before the write: the participation worker runs one job at a time, and every job recomputes from the
 * attempts, so a row written in between is at worst rewritten with the same numbers by the next job.
 */
export function replaceContestStats(db: Db, contestId: number, rows: StatRow[], day: string, now: number): { written: number } {
  const stored = new Map<string, { roundId: number; unitId: number; values: string }>();
  const storedRows = rawStmt(
    db,
    `SELECT round_id, unit_id, basis, own_participants, own_denominator, own_score_sum, own_score_n, participants, denominator,
            score_sum, score_n
       FROM participation_stats WHERE contest_id = ?`,
  ).all(contestId) as [number, number, ...unknown[]][];
  for (const [roundId, unitId, ...values] of storedRows) stored.set(statKey(roundId, unitId), { roundId, unitId, values: values.join(",") });
  const snapped = new Set(
    (rawStmt(db, `SELECT round_id, unit_id FROM participation_snapshots WHERE contest_id = ? AND day = ?`).all(contestId, day) as [
      number,
      number,
    ][]).map(([roundId, unitId]) => statKey(roundId, unitId)),
  );
  const current = new Set<string>();
  const changed: StatRow[] = [];
  const unsnapped: StatRow[] = [];
  for (const r of rows) {
    const key = statKey(r.roundId, r.unitId);
    current.add(key);
    if (stored.get(key)?.values !== statValues(r)) changed.push(r);
    else if (!snapped.has(key)) unsnapped.push(r);
  }
  const gone = [...stored].filter(([key]) => !current.has(key)).map(([, row]) => row);
  const upsert = stmt(db, UPSERT_STAT);
  const snap = stmt(db, UPSERT_SNAPSHOT);
  const remove = stmt(db, `DELETE FROM participation_stats WHERE contest_id = ? AND round_id = ? AND unit_id = ?`);
  db.$client.transaction(() => {
    for (const r of changed) upsert.run(r);
    for (const r of [...changed, ...unsnapped]) {
      snap.run({ contestId: r.contestId, roundId: r.roundId, unitId: r.unitId, day, participants: r.participants, denominator: r.denominator });
    }
    for (const { roundId, unitId } of gone) remove.run(contestId, roundId, unitId);
    stmt(db, `UPDATE participation_stats SET updated_at = ? WHERE contest_id = ?`).run(now, contestId);
  }).immediate();
  return { written: changed.length + unsnapped.length + gone.length };
}

export function quizRoundIds(db: Db, contestId: number): number[] {
  return (stmt(db, `SELECT id FROM rounds WHERE contest_id = ? AND kind = 'quiz' ORDER BY opens_at, id`).all(contestId) as { id: number }[]).map(
    (r) => r.id,
  );
}

export function contestIds(db: Db): number[] {
  return (stmt(db, `SELECT id FROM contests ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
}

export function roundContest(db: Db, roundId: number): { contestId: number; closesAt: number } | undefined {
  return stmt(db, `SELECT contest_id AS contestId, closes_at AS closesAt FROM rounds WHERE id = ?`).get(roundId) as
    | { contestId: number; closesAt: number }
    | undefined;
}

/** The distinct (contest, round, unit) of the attempts scored in [from, to), in one query. */
export function scoredTargets(db: Db, from: number, to: number): { contestId: number; roundId: number; unitId: number }[] {
  return stmt(
    db,
    `SELECT DISTINCT ro.contest_id AS contestId, a.round_id AS roundId, COALESCE(r.unit_id, u.unit_id) AS unitId
       FROM attempts a JOIN rounds ro ON ro.id = a.round_id JOIN users u ON u.id = a.user_id
       LEFT JOIN roster_entries r ON r.user_id = u.id
      WHERE a.scored_at IS NOT NULL AND a.scored_at >= ? AND a.scored_at < ? AND COALESCE(r.unit_id, u.unit_id) IS NOT NULL`,
  ).all(from, to) as { contestId: number; roundId: number; unitId: number }[];
}

export function roundsClosingAfter(db: Db, now: number): { id: number; contestId: number; closesAt: number }[] {
  return stmt(db, `SELECT id, contest_id AS contestId, closes_at AS closesAt FROM rounds WHERE closes_at > ? AND kind = 'quiz'`).all(now) as {
    id: number;
    contestId: number;
    closesAt: number;
  }[];
}

// ---- reads for the pages ----

export type UnitStat = StatRow & { name: string; code: string; parentId: number | null; kind: string };

/** Stats of the given units (null: all) for one contest and round (0 = contest), with their names. */
export function unitStats(db: Db, contestId: number, roundId: number, unitIds: number[] | null): UnitStat[] {
  return stmt(
    db,
    `SELECT s.contest_id AS contestId, s.round_id AS roundId, s.unit_id AS unitId, s.basis, s.own_participants AS ownParticipants,
            s.own_denominator AS ownDenominator, s.own_score_sum AS ownScoreSum, s.own_score_n AS ownScoreN, s.participants,
            s.denominator, s.score_sum AS scoreSum, s.score_n AS scoreN, s.updated_at AS updatedAt,
            u.name, u.code, u.parent_id AS parentId, u.kind
       FROM participation_stats s JOIN units u ON u.id = s.unit_id
      WHERE s.contest_id = :contestId AND s.round_id = :roundId
        AND (:units IS NULL OR s.unit_id IN (SELECT value FROM json_each(:units)))
      ORDER BY u.sort_order, u.id`,
  ).all({ contestId, roundId, units: unitIds === null ? null : JSON.stringify(unitIds) }) as UnitStat[];
}

export type NotYetRow = { entryId: number; fullName: string; position: string | null; unitId: number; unitName: string; phone: string | null; registered: number };

/** Roster people of the given units who have no submitted attempt in the contest (roundId 0) or the round. */
export function notYetTakenPart(db: Db, contestId: number, roundId: number, unitIds: number[]): NotYetRow[] {
  return stmt(
    db,
    `SELECT r.id AS entryId, r.full_name AS fullName, r.position, r.unit_id AS unitId, u.name AS unitName, r.phone,
            (r.user_id IS NOT NULL) AS registered
       FROM roster_entries r JOIN units u ON u.id = r.unit_id
      WHERE r.unit_id IN (SELECT value FROM json_each(:units))
        AND (r.user_id IS NULL OR NOT EXISTS (
              SELECT 1 FROM attempts a JOIN rounds ro ON ro.id = a.round_id
               WHERE a.user_id = r.user_id AND a.submitted_at IS NOT NULL AND ro.contest_id = :contestId
                 AND (:roundId = 0 OR a.round_id = :roundId)))
      ORDER BY u.sort_order, u.id, r.name_folded, r.id`,
  ).all({ contestId, roundId, units: JSON.stringify(unitIds) }) as NotYetRow[];
}

export function snapshotsOf(db: Db, contestId: number, roundId: number, unitId: number): { day: string; participants: number; denominator: number }[] {
  return stmt(
    db,
    `SELECT day, participants, denominator FROM participation_snapshots
      WHERE contest_id = ? AND round_id = ? AND unit_id = ? ORDER BY day`,
  ).all(contestId, roundId, unitId) as { day: string; participants: number; denominator: number }[];
}

/** The public live count: people with a submitted attempt, and submitted attempts, in a contest. */
export function liveCounts(db: Db, contestId: number): { participants: number; attempts: number } {
  return stmt(
    db,
    `SELECT COUNT(DISTINCT a.user_id) AS participants, COUNT(*) AS attempts
       FROM attempts a JOIN rounds ro ON ro.id = a.round_id WHERE ro.contest_id = ? AND a.submitted_at IS NOT NULL`,
  ).get(contestId) as { participants: number; attempts: number };
}

export type ParticipationSettings = { contestId: number; publicRates: boolean; thresholds: RateThreshold[] } & VerificationPolicy;

export function getSettings(db: Db, contestId: number): ParticipationSettings {
  const row = stmt(
    db,
    `SELECT public_rates AS publicRates, thresholds, unverified_may_vote AS v, unverified_ranked AS r, unverified_may_take_part AS t
       FROM contest_participation_settings WHERE contest_id = ?`,
  ).get(contestId) as { publicRates: number; thresholds: string; v: number; r: number; t: number } | undefined;
  if (!row) return { contestId, publicRates: false, thresholds: [], ...DEFAULT_VERIFICATION_POLICY };
  return {
    contestId,
    publicRates: row.publicRates === 1,
    thresholds: JSON.parse(row.thresholds) as RateThreshold[],
    unverifiedMayVote: row.v === 1,
    unverifiedRanked: row.r === 1,
    unverifiedMayTakePart: row.t === 1,
  };
}

export function saveSettings(db: Db, s: ParticipationSettings, now = Date.now()): void {
  stmt(
    db,
    `INSERT INTO contest_participation_settings (contest_id, public_rates, thresholds, unverified_may_vote, unverified_ranked, unverified_may_take_part, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (contest_id) DO UPDATE SET public_rates = excluded.public_rates, thresholds = excluded.thresholds,
       unverified_may_vote = excluded.unverified_may_vote, unverified_ranked = excluded.unverified_ranked,
       unverified_may_take_part = excluded.unverified_may_take_part, updated_at = excluded.updated_at`,
  ).run(s.contestId, s.publicRates ? 1 : 0, JSON.stringify(s.thresholds), s.unverifiedMayVote ? 1 : 0, s.unverifiedRanked ? 1 : 0, s.unverifiedMayTakePart ? 1 : 0, now);
}

/**
 * A contest's verification policy for a round and whether the person is verified, in one indexed read: the
 * start of an attempt (a hot path) asks it before drawing.
 */
export function verificationForRound(db: Db, roundId: number, userId: number): { policy: VerificationPolicy; verified: boolean } {
  const row = stmt(
    db,
    `SELECT COALESCE(s.unverified_may_vote, 0) AS v, COALESCE(s.unverified_ranked, 1) AS r, COALESCE(s.unverified_may_take_part, 1) AS t,
            EXISTS (SELECT 1 FROM roster_entries e WHERE e.user_id = :userId) AS verified
       FROM rounds ro LEFT JOIN contest_participation_settings s ON s.contest_id = ro.contest_id WHERE ro.id = :roundId`,
  ).get({ roundId, userId }) as { v: number; r: number; t: number; verified: number } | undefined;
  if (!row) return { policy: DEFAULT_VERIFICATION_POLICY, verified: false };
  return { policy: { unverifiedMayVote: row.v === 1, unverifiedRanked: row.r === 1, unverifiedMayTakePart: row.t === 1 }, verified: row.verified === 1 };
}

export type ContestBrief = { id: number; title: string; participationScope: "contest" | "round"; organizerUnitId: number | null };

export function contestsForParticipation(db: Db): ContestBrief[] {
  return stmt(
    db,
    `SELECT id, title, participation_scope AS participationScope, organizer_unit_id AS organizerUnitId FROM contests ORDER BY id DESC`,
  ).all() as ContestBrief[];
}

export function quizRoundsOf(db: Db, contestId: number) {
  return stmt(db, `SELECT id, title, opens_at AS opensAt, closes_at AS closesAt FROM rounds WHERE contest_id = ? AND kind = 'quiz' ORDER BY opens_at, id`).all(
    contestId,
  ) as { id: number; title: string; opensAt: number; closesAt: number }[];
}

/**
 * People who took part in the contest (roundId 0) or the round while registered in one of the units, in a
 * unit that has a roster, without being matched to a row: they count for the unit they registered in, and the
 * pages say how many of the count they are.
 */
export function unmatchedParticipants(db: Db, contestId: number, roundId: number, unitIds: number[]): number {
  return (
    stmt(
      db,
      `SELECT COUNT(*) AS n FROM users u
        WHERE u.unit_id IN (SELECT value FROM json_each(:units))
          AND EXISTS (SELECT 1 FROM roster_entries r WHERE r.unit_id = u.unit_id)
          AND NOT EXISTS (SELECT 1 FROM roster_entries r WHERE r.user_id = u.id)
          AND EXISTS (SELECT 1 FROM attempts a JOIN rounds ro ON ro.id = a.round_id
                       WHERE a.user_id = u.id AND a.submitted_at IS NOT NULL AND ro.contest_id = :contestId
                         AND (:roundId = 0 OR a.round_id = :roundId))`,
    ).get({ contestId, roundId, units: JSON.stringify(unitIds) }) as { n: number }
  ).n;
}
