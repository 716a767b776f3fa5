import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../connection";
import { stmt } from "../statements";
import { passwordResetTokens, signupAddresses } from "../schema";

/** Personal data: reset links, registration addresses, the person search of the reset pages, one's own data. */

// ---------------------------------------------------------------- reset links

export function insertResetToken(db: Db, row: typeof passwordResetTokens.$inferInsert): void {
  db.insert(passwordResetTokens).values(row).run();
}

export function findResetToken(db: Db, tokenHash: string) {
  return db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, tokenHash)).get();
}

/** Marks a link used; false when it was used in the meantime (two tabs racing), so only one wins. */
export function markResetTokenUsed(db: Db, id: number, now: number): boolean {
  return db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt)))
    .run().changes === 1;
}

/** A new link replaces the person's earlier unused ones. */
export function retireResetTokensOf(db: Db, userId: number, now: number): void {
  db.update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)))
    .run();
}

// ---------------------------------------------------------------- registration address

export function recordSignupAddress(db: Db, userId: number, address: string, at: number): void {
  db.insert(signupAddresses).values({ userId, address: address.slice(0, 100), at }).onConflictDoNothing().run();
}

// ---------------------------------------------------------------- people search (reset pages)

export type PersonBrief = { id: number; fullName: string; phone: string; unitId: number | null; unitName: string | null; position: string | null; privileged: number };

/**
 * Accounts whose name (folded) or phone contains `q`, within `unitIds` (null: everyone). `privileged` tells
 * whether the account holds the admin or organizer role (only an admin may reset those).
 */
export function searchPeople(db: Db, q: { phone: string; unitIds: number[] | null }): PersonBrief[] {
  // users has no folded name column and SQLite cannot fold đ/Đ: the caller matches the name in JS on the rows
  // that the scope and the phone filter leave. A phone matches whole only: a fragment would unmask numbers.
  return stmt(
    db,
    `SELECT u.id, u.full_name AS fullName, u.phone, u.unit_id AS unitId, un.name AS unitName, u.position,
            EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role IN ('admin', 'organizer')) AS privileged
       FROM users u LEFT JOIN units un ON un.id = u.unit_id
      WHERE (:all = 1 OR u.unit_id IN (SELECT value FROM json_each(:units)))
        AND (:phone = '' OR u.phone = :phone)
      ORDER BY u.full_name, u.id`,
  ).all({ all: q.unitIds === null ? 1 : 0, units: JSON.stringify(q.unitIds ?? []), phone: q.phone }) as PersonBrief[];
}

/**
 * The roles of people, with the unit of each; a judge also gets the organizing unit of every contest whose
 * rounds they judge, so that their scope is where they judge.
 */
export function grantedRolesOf(db: Db, userIds: number[]): Map<number, { role: "admin" | "organizer" | "unit_head" | "judge"; unitId: number | null }[]> {
  const rows = stmt(
    db,
    `SELECT g.user_id AS userId, g.role, g.unit_id AS unitId FROM role_grants g WHERE g.user_id IN (SELECT value FROM json_each(:ids))
     UNION
     SELECT j.user_id, 'judge', c.organizer_unit_id FROM initiative_judges j JOIN rounds r ON r.id = j.round_id JOIN contests c ON c.id = r.contest_id
      WHERE j.user_id IN (SELECT value FROM json_each(:ids)) AND c.organizer_unit_id IS NOT NULL`,
  ).all({ ids: JSON.stringify(userIds) }) as { userId: number; role: "admin" | "organizer" | "unit_head" | "judge"; unitId: number | null }[];
  const out = new Map<number, { role: "admin" | "organizer" | "unit_head" | "judge"; unitId: number | null }[]>();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), { role: r.role, unitId: r.unitId }]);
  return out;
}

export function personBrief(db: Db, userId: number): PersonBrief | undefined {
  return stmt(
    db,
    `SELECT u.id, u.full_name AS fullName, u.phone, u.unit_id AS unitId, un.name AS unitName, u.position,
            EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role IN ('admin', 'organizer')) AS privileged
       FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = ?`,
  ).get(userId) as PersonBrief | undefined;
}

// ---------------------------------------------------------------- one's own data

export function ownProfile(db: Db, userId: number) {
  return stmt(
    db,
    `SELECT u.id, u.full_name AS fullName, u.birth_date AS birthDate, u.phone, u.email, u.cccd, u.position,
            u.unit_id AS unitId, un.name AS unitName, u.consent_at AS consentAt, u.created_at AS createdAt
       FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = ?`,
  ).get(userId) as
    | { id: number; fullName: string; birthDate: string | null; phone: string; email: string | null; cccd: string | null; position: string | null; unitId: number | null; unitName: string | null; consentAt: number | null; createdAt: number }
    | undefined;
}

export function ownRoles(db: Db, userId: number) {
  return stmt(db, `SELECT g.role, un.name AS unitName FROM role_grants g LEFT JOIN units un ON un.id = g.unit_id WHERE g.user_id = ?`).all(userId) as {
    role: string;
    unitName: string | null;
  }[];
}

export function ownRosterEntries(db: Db, userId: number) {
  return stmt(
    db,
    `SELECT r.full_name AS fullName, r.birth_date AS birthDate, r.phone, r.cccd, r.position, un.name AS unitName, r.created_at AS importedAt
       FROM roster_entries r JOIN units un ON un.id = r.unit_id WHERE r.user_id = ?`,
  ).all(userId) as { fullName: string; birthDate: string | null; phone: string | null; cccd: string | null; position: string | null; unitName: string; importedAt: number }[];
}

export type OwnAttemptRow = {
  id: number;
  roundId: number;
  roundTitle: string;
  contestTitle: string;
  attemptNo: number;
  startedAt: number;
  deadlineAt: number;
  submittedAt: number | null;
  endReason: string | null;
  score: number | null;
  correctCount: number | null;
  durationMs: number | null;
  scoredAt: number | null;
  prediction: number | null;
  questionCount: number;
  reviewPolicy: "never" | "after_submit" | "after_close";
  attemptsAllowed: number;
  opensAt: number;
  closesAt: number;
};

export function ownAttempts(db: Db, userId: number): OwnAttemptRow[] {
  return stmt(
    db,
    `SELECT a.id, a.round_id AS roundId, r.title AS roundTitle, c.title AS contestTitle, a.attempt_no AS attemptNo,
            a.started_at AS startedAt, a.deadline_at AS deadlineAt, a.submitted_at AS submittedAt, a.end_reason AS endReason,
            a.score, a.correct_count AS correctCount, a.duration_ms AS durationMs, a.scored_at AS scoredAt, a.prediction,
            a.question_count AS questionCount, r.review_policy AS reviewPolicy, r.attempts_allowed AS attemptsAllowed, r.opens_at AS opensAt, r.closes_at AS closesAt
       FROM attempts a JOIN rounds r ON r.id = a.round_id JOIN contests c ON c.id = r.contest_id
      WHERE a.user_id = ? ORDER BY a.started_at DESC, a.id DESC`,
  ).all(userId) as OwnAttemptRow[];
}

/** Every item of the person's attempts with the question text and the saved choice (one query for all). */
export function ownAttemptItems(db: Db, userId: number) {
  return stmt(
    db,
    `SELECT i.attempt_id AS attemptId, i.position, i.option_order AS optionOrder, v.stem, v.options, v.answer_index AS answerIndex,
            ans.choice, ans.saved_at AS savedAt
       FROM attempts a JOIN attempt_items i ON i.attempt_id = a.id
       JOIN question_versions v ON v.id = i.question_version_id
       LEFT JOIN answers ans ON ans.attempt_id = i.attempt_id AND ans.position = i.position
      WHERE a.user_id = ? ORDER BY i.attempt_id, i.position`,
  ).all(userId) as { attemptId: number; position: number; optionOrder: string; stem: string; options: string; answerIndex: number; choice: number | null; savedAt: number | null }[];
}

export function ownInitiatives(db: Db, userId: number) {
  return stmt(
    db,
    `SELECT e.id, r.title AS roundTitle, e.title, e.summary, e.theme, e.novelty, e.applied_at AS appliedAt, e.video_url AS videoUrl,
            e.duration_s AS durationS, e.authors, e.status, e.status_reason AS statusReason, e.created_at AS createdAt,
            e.submitted_at AS submittedAt, un.name AS unitName
       FROM initiative_entries e JOIN rounds r ON r.id = e.round_id LEFT JOIN units un ON un.id = e.unit_id
      WHERE e.owner_id = ? ORDER BY e.id`,
  ).all(userId) as Record<string, unknown>[];
}

export function ownVotes(db: Db, userId: number) {
  return stmt(
    db,
    `SELECT v.entry_id AS entryId, e.title, v.at
       FROM initiative_votes v JOIN initiative_entries e ON e.id = v.entry_id WHERE v.user_id = ? ORDER BY v.at`,
  ).all(userId) as { entryId: number; title: string; at: number }[];
}
