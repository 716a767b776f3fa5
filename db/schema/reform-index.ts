import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { units, users } from "./quiz";

/**
 * The reform index of units (Chỉ số CCHC): an index set per year and group of units, each unit's
 * self-assessment row by row, the council's appraisal, and the published results that the emulation
 * criteria read. A set once used by a unit is never edited in place: a new version is made.
 */
export const indexSets = sqliteTable(
  "index_sets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    groupCode: text("group_code").notNull(),
    version: integer("version").notNull().default(1),
    title: text("title").notNull(),
    organizerUnitId: integer("organizer_unit_id").references(() => units.id),
    /** [{label, min}], highest first. */
    bands: text("bands", { mode: "json" }).$type<{ label: string; min: number }[]>().notNull(),
    /** The band a unit below 100% participation in a linked contest is held to (seed 003). */
    capLabel: text("cap_label").notNull().default("Khá"),
    linkedContestIds: text("linked_contest_ids", { mode: "json" }).$type<number[]>().notNull().default([]),
    state: text("state", { enum: ["draft", "open", "appraising", "published"] }).notNull().default("draft"),
    selfDeadlineAt: integer("self_deadline_at"),
    explainUntil: integer("explain_until"),
    publishedAt: integer("published_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("index_sets_uq").on(t.year, t.groupCode, t.version)],
);

export const indexRows = sqliteTable(
  "index_rows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    setId: integer("set_id")
      .notNull()
      .references(() => indexSets.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    stt: text("stt").notNull(),
    parentCode: text("parent_code"),
    title: text("title").notNull(),
    maxPoints: real("max_points").notNull(),
    method: text("method", { mode: "json" }).notNull(),
    evidence: text("evidence").notNull().default(""),
    allowNotApplicable: integer("allow_not_applicable", { mode: "boolean" }).notNull().default(false),
    bonus: integer("bonus", { mode: "boolean" }).notNull().default(false),
    source: text("source"),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("index_rows_uq").on(t.setId, t.code)],
);

/** Which units a set scores (the group's members). */
export const indexSetUnits = sqliteTable(
  "index_set_units",
  {
    setId: integer("set_id")
      .notNull()
      .references(() => indexSets.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.setId, t.unitId] })],
);

export const indexAssessments = sqliteTable(
  "index_assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    setId: integer("set_id")
      .notNull()
      .references(() => indexSets.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    state: text("state", { enum: ["draft", "submitted", "returned", "appraised", "closed"] }).notNull().default("draft"),
    submittedAt: integer("submitted_at"),
    returnedReason: text("returned_reason"),
    /** The index officer the unit head assigned (or null: the head fills it). */
    officerUserId: integer("officer_user_id").references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("index_assessments_uq").on(t.setId, t.unitId)],
);

/** The unit's row: declared value, self-score, explanation, evidence links. Saved as one types (seq orders saves). */
export const indexEntries = sqliteTable(
  "index_entries",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => indexAssessments.id, { onDelete: "cascade" }),
    rowId: integer("row_id")
      .notNull()
      .references(() => indexRows.id),
    declared: text("declared"),
    notApplicable: integer("not_applicable", { mode: "boolean" }).notNull().default(false),
    entered: real("entered"),
    selfScore: real("self_score"),
    explanation: text("explanation").notNull().default(""),
    links: text("links", { mode: "json" }).$type<string[]>().notNull().default([]),
    seq: integer("seq").notNull().default(0),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.rowId] })],
);

export const indexEvidenceFiles = sqliteTable(
  "index_evidence_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => indexAssessments.id, { onDelete: "cascade" }),
    rowId: integer("row_id")
      .notNull()
      .references(() => indexRows.id),
    fileName: text("file_name").notNull(),
    storedName: text("stored_name").notNull(),
    size: integer("size").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    uploadedAt: integer("uploaded_at").notNull(),
  },
  (t) => [index("index_evidence_files_idx").on(t.assessmentId, t.rowId)],
);

/** The appraisal council of a set: members assigned to units or parts (null = all); one chair. */
export const indexCouncil = sqliteTable(
  "index_council",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    setId: integer("set_id")
      .notNull()
      .references(() => indexSets.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    isChair: integer("is_chair", { mode: "boolean" }).notNull().default(false),
    unitId: integer("unit_id").references(() => units.id),
    partCode: text("part_code"),
  },
  (t) => [index("index_council_set_idx").on(t.setId, t.userId)],
);

/** One member's appraisal of one row: accepted as self-scored, or another score with the reason. */
export const indexAppraisals = sqliteTable(
  "index_appraisals",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => indexAssessments.id, { onDelete: "cascade" }),
    rowId: integer("row_id")
      .notNull()
      .references(() => indexRows.id),
    memberUserId: integer("member_user_id")
      .notNull()
      .references(() => users.id),
    points: real("points"),
    notApplicable: integer("not_applicable", { mode: "boolean" }).notNull().default(false),
    reason: text("reason").notNull().default(""),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.rowId, t.memberUserId] })],
);

/** The chair's final score of a row, and the unit's answer (giải trình) within the window. */
export const indexFinalScores = sqliteTable(
  "index_final_scores",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => indexAssessments.id, { onDelete: "cascade" }),
    rowId: integer("row_id")
      .notNull()
      .references(() => indexRows.id),
    points: real("points"),
    notApplicable: integer("not_applicable", { mode: "boolean" }).notNull().default(false),
    reason: text("reason").notNull().default(""),
    unitAnswer: text("unit_answer"),
    answeredAt: integer("answered_at"),
    decidedBy: integer("decided_by").references(() => users.id),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.rowId] })],
);

/**
 * The published index of a unit for a year: computed from a set's final scores, or imported for years
 * entered outside the platform. What the emulation criteria read.
 */
export const indexResults = sqliteTable(
  "index_results",
  {
    year: integer("year").notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    groupCode: text("group_code").notNull(),
    setId: integer("set_id").references(() => indexSets.id),
    indexValue: real("index_value").notNull(),
    /** The band by points, before the participation cap. */
    bandByPoints: text("band_by_points").notNull(),
    band: text("band").notNull(),
    rank: integer("rank").notNull(),
    cappedReason: text("capped_reason"),
    source: text("source", { enum: ["platform", "imported"] }).notNull(),
    publishedAt: integer("published_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.unitId] }), index("index_results_group_idx").on(t.year, t.groupCode)],
);

export type IndexSetRecord = typeof indexSets.$inferSelect;
export type IndexRowRecord = typeof indexRows.$inferSelect;
