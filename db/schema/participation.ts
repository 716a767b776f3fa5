import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contests, units, users } from "./quiz";

/**
 * A row of a unit's staff list (danh sách cán bộ). It stands for a person who may not have an account yet;
 * `user_id` links it once the person registers and is matched (by CCCD, phone, or name + date of birth).
 */
export const rosterEntries = sqliteTable(
  "roster_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    fullName: text("full_name").notNull(),
    nameFolded: text("name_folded").notNull(),
    birthDate: text("birth_date"),
    phone: text("phone"),
    cccd: text("cccd"),
    position: text("position"),
    gender: text("gender", { enum: ["nam", "nu"] }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("roster_entries_unit_idx").on(t.unitId),
    uniqueIndex("roster_entries_user_uq").on(t.userId).where(sql`user_id IS NOT NULL`),
    index("roster_entries_phone_idx").on(t.phone),
    index("roster_entries_cccd_idx").on(t.cccd),
  ],
);

/**
 * Participation per contest, round (0 = the contest as a whole) and unit: the unit's own counts and its
 * subtree's. Rebuilt from attempts by the participation worker; never incremented.
 */
export const participationStats = sqliteTable(
  "participation_stats",
  {
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id),
    roundId: integer("round_id").notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    basis: text("basis", { enum: ["roster", "headcount"] }).notNull(),
    ownParticipants: integer("own_participants").notNull(),
    ownDenominator: integer("own_denominator").notNull(),
    ownScoreSum: real("own_score_sum").notNull().default(0),
    ownScoreN: integer("own_score_n").notNull().default(0),
    participants: integer("participants").notNull(),
    denominator: integer("denominator").notNull(),
    scoreSum: real("score_sum").notNull().default(0),
    scoreN: integer("score_n").notNull().default(0),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.roundId, t.unitId] })],
);

/** The subtree's numbers at the end of each day (Vietnam time), for the trend. */
export const participationSnapshots = sqliteTable(
  "participation_snapshots",
  {
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id),
    roundId: integer("round_id").notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    day: text("day").notNull(),
    participants: integer("participants").notNull(),
    denominator: integer("denominator").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.roundId, t.unitId, t.day] })],
);

export type RateThreshold = { minDenominator: number; minRate: number };

/** What the organizer sets on a contest for participation: public table, collective-prize eligibility. */
export const contestParticipationSettings = sqliteTable("contest_participation_settings", {
  contestId: integer("contest_id")
    .primaryKey()
    .references(() => contests.id),
  publicRates: integer("public_rates", { mode: "boolean" }).notNull().default(false),
  // Minimum rate for a collective prize, stepping with the unit's size: the row with the largest
  // minDenominator not above the unit's denominator applies.
  thresholds: text("thresholds", { mode: "json" }).$type<RateThreshold[]>().notNull().default([]),
  // Unverified accounts (not matched to a roster row): whether they may vote in the public initiative vote,
  // count for prizes and the rankings, and take part at all. The vote counts verified people only by default.
  unverifiedMayVote: integer("unverified_may_vote", { mode: "boolean" }).notNull().default(false),
  unverifiedRanked: integer("unverified_ranked", { mode: "boolean" }).notNull().default(true),
  unverifiedMayTakePart: integer("unverified_may_take_part", { mode: "boolean" }).notNull().default(true),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * A claim on a roster row that one identifier alone supports (a CCCD or a phone without a second one, or a
 * person who picked their row and gave nothing the row holds): the unit head or the organizer confirms or
 * refuses it. One open claim per account.
 */
export const rosterClaims = sqliteTable(
  "roster_claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entryId: integer("entry_id")
      .notNull()
      .references(() => rosterEntries.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    via: text("via", { enum: ["cccd", "phone", "self"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("roster_claims_user_uq").on(t.userId), index("roster_claims_entry_idx").on(t.entryId)],
);

/** A person's request to move to another unit: applied only when the organizer or a unit head approves it. */
export const unitChangeRequests = sqliteTable(
  "unit_change_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromUnitId: integer("from_unit_id").references(() => units.id),
    toUnitId: integer("to_unit_id")
      .notNull()
      .references(() => units.id),
    reason: text("reason"),
    status: text("status", { enum: ["pending", "approved", "refused"] }).notNull().default("pending"),
    createdAt: integer("created_at").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("unit_change_requests_status_idx").on(t.status, t.toUnitId)],
);
