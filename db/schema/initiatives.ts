import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { rounds, units, users } from "./quiz";

// The initiative round (Part 2 of seed 003): entries sent as a video link, moderated by organizers,
// scored by judges against weighted criteria, shown in a public gallery with an optional public vote.

export type PrizeSlot = { name: string; count: number };

/** Settings of an initiative round, kept beside the round rather than in it. */
export const initiativeSettings = sqliteTable("initiative_settings", {
  roundId: integer("round_id")
    .primaryKey()
    .references(() => rounds.id, { onDelete: "cascade" }),
  blindReview: integer("blind_review", { mode: "boolean" }).notNull().default(false),
  zScore: integer("z_score", { mode: "boolean" }).notNull().default(false),
  /** Share of the public vote in the final score, 0..100; 0 turns the vote off. */
  voteWeight: integer("vote_weight").notNull().default(0),
  /** How many entries one person may vote for in the round. */
  voteCap: integer("vote_cap").notNull().default(3),
  allowedProviders: text("allowed_providers", { mode: "json" }).$type<string[]>(),
  govSuffixes: text("gov_suffixes", { mode: "json" }).$type<string[]>(),
  resultsPublished: integer("results_published", { mode: "boolean" }).notNull().default(false),
  prizeTable: text("prize_table", { mode: "json" }).$type<PrizeSlot[]>(),
  updatedAt: integer("updated_at").notNull(),
});

export const initiativeEntries = sqliteTable(
  "initiative_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => users.id),
    entrantKind: text("entrant_kind", { enum: ["unit", "people"] }).notNull(),
    /** The entrant unit, or the unit of the named people. */
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    authors: text("authors", { mode: "json" }).$type<string[]>().notNull().default([]),
    title: text("title").notNull(),
    theme: text("theme").notNull(),
    summary: text("summary").notNull(),
    novelty: text("novelty").notNull(),
    appliedAt: text("applied_at").notNull(),
    videoUrl: text("video_url").notNull(),
    videoProvider: text("video_provider").notNull(),
    videoId: text("video_id"),
    videoKey: text("video_key").notNull(),
    embedUrl: text("embed_url"),
    durationS: integer("duration_s").notNull(),
    status: text("status", { enum: ["draft", "submitted", "changes_requested", "accepted", "rejected"] })
      .notNull()
      .default("draft"),
    statusReason: text("status_reason"),
    publishedAt: integer("published_at"),
    /** Title, summary and what is new, folded (no diacritics): what the similarity index reads. */
    searchFolded: text("search_folded").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    submittedAt: integer("submitted_at"),
  },
  (t) => [
    index("initiative_entries_round_idx").on(t.roundId, t.status),
    index("initiative_entries_owner_idx").on(t.ownerId),
    uniqueIndex("initiative_entries_video_uq").on(t.roundId, t.videoKey),
  ],
);

export const initiativeCriteria = sqliteTable(
  "initiative_criteria",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    name: text("name").notNull(),
    weight: real("weight").notNull(),
    maxScore: integer("max_score").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("initiative_criteria_round_idx").on(t.roundId)],
);

/** A judge assigned to a round, to one theme or (theme null) to every entry. */
export const initiativeJudges = sqliteTable(
  "initiative_judges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    theme: text("theme"),
  },
  (t) => [
    uniqueIndex("initiative_judges_uq").on(t.roundId, t.userId, t.theme),
    uniqueIndex("initiative_judges_all_uq").on(t.roundId, t.userId).where(sql`theme IS NULL`),
  ],
);

export const initiativeScores = sqliteTable(
  "initiative_scores",
  {
    entryId: integer("entry_id")
      .notNull()
      .references(() => initiativeEntries.id, { onDelete: "cascade" }),
    judgeId: integer("judge_id")
      .notNull()
      .references(() => users.id),
    criterionId: integer("criterion_id")
      .notNull()
      .references(() => initiativeCriteria.id),
    score: real("score").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.judgeId, t.criterionId] }), index("initiative_scores_judge_idx").on(t.judgeId)],
);

export const initiativeComments = sqliteTable(
  "initiative_comments",
  {
    entryId: integer("entry_id")
      .notNull()
      .references(() => initiativeEntries.id, { onDelete: "cascade" }),
    judgeId: integer("judge_id")
      .notNull()
      .references(() => users.id),
    comment: text("comment").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.judgeId] })],
);

export const initiativeRecusals = sqliteTable(
  "initiative_recusals",
  {
    entryId: integer("entry_id")
      .notNull()
      .references(() => initiativeEntries.id, { onDelete: "cascade" }),
    judgeId: integer("judge_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.judgeId] })],
);

export const initiativeVotes = sqliteTable(
  "initiative_votes",
  {
    entryId: integer("entry_id")
      .notNull()
      .references(() => initiativeEntries.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.userId] }), index("initiative_votes_user_idx").on(t.roundId, t.userId)],
);

/** Earlier initiatives (content/initiatives-archive.yaml and imports): new entries should not repeat them. */
export const initiativeArchive = sqliteTable(
  "initiative_archive",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    unit: text("unit").notNull(),
    province: text("province").notNull(),
    year: integer("year"),
    summary: text("summary").notNull(),
    sourceUrl: text("source_url").notNull(),
    searchFolded: text("search_folded").notNull(),
    importedAt: integer("imported_at").notNull(),
  },
  (t) => [uniqueIndex("initiative_archive_uq").on(t.sourceUrl, t.title)],
);
