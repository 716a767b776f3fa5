import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// Times are stored as integer milliseconds since the epoch (UTC); the UI shows them in Asia/Ho_Chi_Minh.

export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameFolded: text("name_folded").notNull(),
    kind: text("kind").notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => units.id),
    headcount: integer("headcount").notNull().default(0),
    // emulation: the share of women (0..1), for NĐ 152/2025 Điều 4's tie rule; null when not known.
    womenShare: real("women_share"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [uniqueIndex("units_code_uq").on(t.code), index("units_parent_idx").on(t.parentId)],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fullName: text("full_name").notNull(),
    birthDate: text("birth_date"),
    phone: text("phone").notNull(),
    email: text("email"),
    cccd: text("cccd"),
    unitId: integer("unit_id").references(() => units.id),
    position: text("position"),
    // emulation: "nam" | "nu", for NĐ 152/2025 Điều 4's tie rule; null when not given.
    gender: text("gender", { enum: ["nam", "nu"] }),
    passwordHash: text("password_hash").notNull(),
    consentAt: integer("consent_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("users_phone_uq").on(t.phone),
    uniqueIndex("users_cccd_uq").on(t.cccd).where(sql`cccd IS NOT NULL`),
    index("users_unit_idx").on(t.unitId),
  ],
);

/** A role held by a user; unit_head is scoped to a unit's subtree, organizer to its organizing unit. */
export const roleGrants = sqliteTable(
  "role_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "organizer", "unit_head", "judge"] }).notNull(),
    unitId: integer("unit_id").references(() => units.id),
  },
  (t) => [uniqueIndex("role_grants_uq").on(t.userId, t.role, t.unitId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    // Touched at most every few minutes (app/account/session.server.ts); null on sessions made before it existed.
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const contests = sqliteTable(
  "contests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    rulesMd: text("rules_md").notNull().default(""),
    organizerUnitId: integer("organizer_unit_id").references(() => units.id),
    // Whether "has taken part" is counted over the whole contest or in each weekly round.
    participationScope: text("participation_scope", { enum: ["contest", "round"] })
      .notNull()
      .default("contest"),
    createdAt: integer("created_at").notNull(),
    // organizer: the contest's parts (phần thi), numbered as rounds.part.
    parts: text("parts", { mode: "json" }).$type<ContestPart[]>().notNull().default([]),
    // Shown in the rules and the site footer: who runs the contest and how to reach them.
    organizerName: text("organizer_name").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    // A short notice above the contest (the demo says it replays the 2023 contest).
    notice: text("notice").notNull().default(""),
  },
  (t) => [uniqueIndex("contests_slug_uq").on(t.slug)],
);

export const questionCategories = sqliteTable(
  "question_categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("question_categories_slug_uq").on(t.slug)],
);

export type DrawRule = { categoryId: number | null; difficulty: Difficulty | null; count: number };
export type PrizeRow = { name: string; count: number };
export type ContestPart = { no: number; title: string };
export type PredictionTarget = "participants" | "attempts" | "manual";
export type Difficulty = "de" | "trung_binh" | "kho";
export type ReviewPolicy = "never" | "after_submit" | "after_close";

export const rounds = sqliteTable(
  "rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id),
    part: integer("part").notNull().default(1),
    kind: text("kind", { enum: ["quiz", "initiative"] }).notNull(),
    title: text("title").notNull(),
    opensAt: integer("opens_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    status: text("status", { enum: ["draft", "published"] }).notNull().default("draft"),
    questionCount: integer("question_count").notNull().default(0),
    timeLimitS: integer("time_limit_s").notNull().default(0),
    attemptsAllowed: integer("attempts_allowed").notNull().default(1),
    shuffleQuestions: integer("shuffle_questions", { mode: "boolean" }).notNull().default(true),
    shuffleOptions: integer("shuffle_options", { mode: "boolean" }).notNull().default(true),
    reviewPolicy: text("review_policy", { enum: ["never", "after_submit", "after_close"] })
      .notNull()
      .default("after_close"),
    drawRules: text("draw_rules", { mode: "json" }).$type<DrawRule[]>().notNull().default([]),
    predictionPrompt: text("prediction_prompt"),
    predictionActual: integer("prediction_actual"),
    // organizer: what the prediction question predicts (computed when the round closes, or entered by hand).
    predictionTarget: text("prediction_target", { enum: ["participants", "attempts", "manual"] })
      .notNull()
      .default("participants"),
    // organizer: the week of a weekly round (tuần thi); one prize per person per week.
    weekNo: integer("week_no"),
    prizeTable: text("prize_table", { mode: "json" }).$type<PrizeRow[]>().notNull().default([]),
    // organizer: when participants see their place and prize, and the round's winners go on the public
    // results page: as soon as they are ranked, once the round closes, or not until the organizer says so.
    rankPublication: text("rank_publication", { enum: ["live", "after_close", "withheld"] })
      .notNull()
      .default("after_close"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("rounds_contest_idx").on(t.contestId)],
);

export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    externalId: text("external_id"),
    categoryId: integer("category_id")
      .notNull()
      .references(() => questionCategories.id),
    status: text("status", { enum: ["active", "draft", "archived"] }).notNull().default("active"),
    currentVersionId: integer("current_version_id"),
    createdAt: integer("created_at").notNull(),
    // The organizing unit whose bank holds the question: its organizers (and those above) see and edit it,
    // and only that unit's contests draw it. Null: a bank of no unit (admins only; contests of no unit).
    ownerUnitId: integer("owner_unit_id").references(() => units.id),
  },
  (t) => [
    uniqueIndex("questions_external_uq").on(t.externalId),
    index("questions_category_idx").on(t.categoryId, t.status),
    index("questions_owner_idx").on(t.ownerUnitId, t.status),
  ],
);

/** An immutable version of a question: attempts point at the version they were shown. */
export const questionVersions = sqliteTable(
  "question_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id),
    version: integer("version").notNull(),
    stem: text("stem").notNull(),
    stemFolded: text("stem_folded").notNull(),
    // The bank search reads stem, options and explanation, folded (no diacritics, đ → d).
    searchFolded: text("search_folded").notNull().default(""),
    options: text("options", { mode: "json" }).$type<string[]>().notNull(),
    answerIndex: integer("answer_index").notNull(),
    pinOptions: integer("pin_options", { mode: "boolean" }).notNull().default(false),
    explanation: text("explanation").notNull().default(""),
    legalBasis: text("legal_basis").notNull().default(""),
    asOf: text("as_of"),
    difficulty: text("difficulty", { enum: ["de", "trung_binh", "kho"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("question_versions_uq").on(t.questionId, t.version)],
);

export const attempts = sqliteTable(
  "attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    attemptNo: integer("attempt_no").notNull(),
    startedAt: integer("started_at").notNull(),
    deadlineAt: integer("deadline_at").notNull(),
    questionCount: integer("question_count").notNull(),
    submittedAt: integer("submitted_at"),
    endReason: text("end_reason", { enum: ["submitted", "timeout", "round_closed"] }),
    prediction: integer("prediction"),
    score: integer("score"),
    correctCount: integer("correct_count"),
    durationMs: integer("duration_ms"),
    scoredAt: integer("scored_at"),
  },
  (t) => [
    uniqueIndex("attempts_round_user_no_uq").on(t.roundId, t.userId, t.attemptNo),
    index("attempts_user_idx").on(t.userId, t.roundId),
    index("attempts_open_idx").on(t.deadlineAt).where(sql`submitted_at IS NULL`),
    index("attempts_unscored_idx").on(t.submittedAt).where(sql`submitted_at IS NOT NULL AND scored_at IS NULL`),
    // The participation job of a window finds the attempts scored within it.
    index("attempts_scored_idx").on(t.scoredAt).where(sql`scored_at IS NOT NULL`),
  ],
);

/** The frozen draw: which question version sits at each position, and the option order shown. */
export const attemptItems = sqliteTable(
  "attempt_items",
  {
    attemptId: integer("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    questionVersionId: integer("question_version_id")
      .notNull()
      .references(() => questionVersions.id),
    // optionOrder[shownIndex] = index in the version's options
    optionOrder: text("option_order", { mode: "json" }).$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position] })],
);

/** One row per answered position; `choice` is the shown index, `seq` orders writes from several devices. */
export const answers = sqliteTable(
  "answers",
  {
    attemptId: integer("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    choice: integer("choice").notNull(),
    seq: integer("seq").notNull(),
    savedAt: integer("saved_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position] })],
);

/** The attempt that counts for a person in a round (highest score, then shortest time, then earliest). */
export const roundResults = sqliteTable(
  "round_results",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    attemptId: integer("attempt_id")
      .notNull()
      .references(() => attempts.id),
    score: integer("score").notNull(),
    durationMs: integer("duration_ms").notNull(),
    submittedAt: integer("submitted_at").notNull(),
    prediction: integer("prediction"),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] }), index("round_results_rank_idx").on(t.roundId, t.score)],
);
