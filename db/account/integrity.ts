import type { AnswerItem, ScoredAttempt, SignupRow } from "../../app/core/account/integrity";
import type { Db } from "../connection";
import { stmt } from "../statements";

/** The rows behind the integrity signals (app/core/account/integrity.ts holds the rules). */

/** Registrations since `since`, with their address, in the given units (null: all). */
export function signupsSince(db: Db, since: number, unitIds: number[] | null): SignupRow[] {
  return stmt(
    db,
    `SELECT s.user_id AS userId, u.full_name AS fullName, s.address, s.at
       FROM signup_addresses s JOIN users u ON u.id = s.user_id
      WHERE s.at >= :since AND (:all = 1 OR u.unit_id IN (SELECT value FROM json_each(:units)))
      ORDER BY s.address, s.at`,
  ).all({ since, all: unitIds === null ? 1 : 0, units: JSON.stringify(unitIds ?? []) }) as SignupRow[];
}

/** Scored attempts with every question right, in the given contests' rounds. */
export function fullScoreAttempts(db: Db, contestIds: number[]): ScoredAttempt[] {
  return stmt(
    db,
    `SELECT a.id AS attemptId, a.user_id AS userId, u.full_name AS fullName, a.round_id AS roundId, a.question_count AS questionCount,
            a.correct_count AS correctCount, a.duration_ms AS durationMs
       FROM attempts a JOIN rounds r ON r.id = a.round_id JOIN users u ON u.id = a.user_id
      WHERE r.contest_id IN (SELECT value FROM json_each(?)) AND a.scored_at IS NOT NULL
        AND a.question_count > 0 AND a.correct_count >= a.question_count`,
  ).all(JSON.stringify(contestIds)) as ScoredAttempt[];
}

/** Every item of the submitted attempts of the given rounds, with the saved choice (one query). */
export function roundAnswerItems(db: Db, roundIds: number[]): AnswerItem[] {
  const rows = stmt(
    db,
    `SELECT a.id AS attemptId, a.user_id AS userId, u.full_name AS fullName, a.round_id AS roundId, i.position,
            i.question_version_id AS questionVersionId, i.option_order AS optionOrder, ans.choice
       FROM attempts a JOIN users u ON u.id = a.user_id JOIN attempt_items i ON i.attempt_id = a.id
       LEFT JOIN answers ans ON ans.attempt_id = a.id AND ans.position = i.position
      WHERE a.round_id IN (SELECT value FROM json_each(?)) AND a.submitted_at IS NOT NULL`,
  ).all(JSON.stringify(roundIds)) as (Omit<AnswerItem, "optionOrder"> & { optionOrder: string })[];
  return rows.map((r) => ({ ...r, optionOrder: JSON.parse(r.optionOrder) as number[] }));
}

export function quizRoundsOfContests(db: Db, contestIds: number[]) {
  return stmt(
    db,
    `SELECT r.id, r.title, c.title AS contestTitle FROM rounds r JOIN contests c ON c.id = r.contest_id
      WHERE r.kind = 'quiz' AND r.contest_id IN (SELECT value FROM json_each(?)) ORDER BY r.contest_id, r.opens_at, r.id`,
  ).all(JSON.stringify(contestIds)) as { id: number; title: string; contestTitle: string }[];
}
