import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { EvaluationData } from "../../app/core/emulation/context";
import type { CriterionRule, Quota, SchemeEvaluation } from "../../app/core/emulation/types";
import type { StoredEvaluation } from "../../app/core/emulation/snapshot";
import { contests, units, users } from "./quiz";

/** Emulation movements (phong trào thi đua), their award schemes, registrations, evidence and evaluations. */

export const movements = sqliteTable(
  "movements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    organizerUnitId: integer("organizer_unit_id")
      .notNull()
      .references(() => units.id),
    kind: text("kind", { enum: ["thuong_xuyen", "hang_nam", "theo_dot", "giai_doan"] }).notNull(),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    planNumber: text("plan_number"),
    planDate: text("plan_date"),
    contentsMd: text("contents_md").notNull().default(""),
    // The units taking part: this unit's subtree without the excluded subtrees.
    rootUnitId: integer("root_unit_id")
      .notNull()
      .references(() => units.id),
    excludedUnitIds: text("excluded_unit_ids", { mode: "json" }).$type<number[]>().notNull().default([]),
    linkedContestId: integer("linked_contest_id").references(() => contests.id),
    state: text("state", { enum: ["draft", "launched", "registration_closed", "evaluating", "closed"] }).notNull().default("draft"),
    // The year evaluated (a phase-end award evaluates its last year and looks back).
    year: integer("year").notNull(),
    createdAt: integer("created_at").notNull(),
    launchedAt: integer("launched_at"),
  },
  (t) => [uniqueIndex("movements_slug_uq").on(t.slug)],
);

export const movementDocuments = sqliteTable("movement_documents", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  movementId: integer("movement_id")
    .notNull()
    .references(() => movements.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  url: text("url"),
  fileName: text("file_name"),
  // An uploaded launching document (PDF or Word) kept in the files folder; null for a link.
  storedName: text("stored_name"),
  mime: text("mime"),
  size: integer("size"),
  uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
  uploadedAt: integer("uploaded_at"),
});

export const movementDeadlines = sqliteTable("movement_deadlines", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  movementId: integer("movement_id")
    .notNull()
    .references(() => movements.id, { onDelete: "cascade" }),
  label: text("label").notNull(),
  date: text("date").notNull(),
  /** What the units must have done by the date (for the reminder 3 days before); null: read from the label. */
  kind: text("kind", { enum: ["registration", "evidence", "dossier", "forward", "appraisal", "other"] }),
  /** The hour on the day ("HH:mm", Vietnam time); null: by the end of the day. */
  time: text("time"),
});

export const emulationSchemes = sqliteTable(
  "emulation_schemes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    title: text("title").notNull(),
    form: text("form").notNull(),
    /** The name of an organizer's own form (code "rieng-…"), which the content catalogue does not hold. */
    formName: text("form_name"),
    target: text("target", { enum: ["collective", "individual"] }).notNull(),
    level: text("level").notNull(),
    quota: text("quota", { mode: "json" }).$type<Quota>().notNull(),
    rankBy: text("rank_by", { enum: ["index_score", "quiz_score", "none"] }).notNull().default("none"),
    rankContest: text("rank_contest"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [uniqueIndex("emulation_schemes_uq").on(t.movementId, t.code)],
);

export const emulationCriteria = sqliteTable(
  "emulation_criteria",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    schemeId: integer("scheme_id")
      .notNull()
      .references(() => emulationSchemes.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    label: text("label").notNull(),
    rule: text("rule", { mode: "json" }).$type<CriterionRule>().notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [uniqueIndex("emulation_criteria_uq").on(t.schemeId, t.code)],
);

export const emulationRegistrations = sqliteTable(
  "emulation_registrations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    status: text("status", { enum: ["chua_gui", "cho_duyet", "tra_lai", "da_duyet"] }).notNull().default("chua_gui"),
    returnReason: text("return_reason"),
    schemeCodes: text("scheme_codes", { mode: "json" }).$type<string[]>().notNull().default([]),
    targets: text("targets").notNull().default(""),
    /** The initiatives or models (sáng kiến, mô hình) the unit registers, apart from its targets. */
    initiatives: text("initiatives").notNull().default(""),
    submittedAt: integer("submitted_at"),
    decidedAt: integer("decided_at"),
    decidedBy: integer("decided_by").references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
    /**
     * Which level a sent registration waits for (chờ duyệt) or which level returned it (trả lại): the parent
     * unit when it takes part in the movement, then the organizer. Null on registrations older than this column.
     */
    reviewStage: text("review_stage", { enum: ["parent", "organizer"] }),
    parentApprovedAt: integer("parent_approved_at"),
    parentApprovedBy: integer("parent_approved_by").references(() => users.id),
  },
  (t) => [uniqueIndex("emulation_registrations_uq").on(t.movementId, t.unitId)],
);

/** A person a unit registers as a candidate (individual schemes). */
export const emulationPeople = sqliteTable(
  "emulation_people",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => emulationRegistrations.id, { onDelete: "cascade" }),
    fullName: text("full_name").notNull(),
    gender: text("gender", { enum: ["nam", "nu"] }),
    position: text("position"),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("emulation_people_reg_idx").on(t.registrationId)],
);

/** A value declared for a candidate and criterion, its evidence (file or link), and the organizer's appraisal. */
export const emulationDeclarations = sqliteTable(
  "emulation_declarations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    candidateKey: text("candidate_key").notNull(),
    criterionCode: text("criterion_code").notNull(),
    value: text("value", { mode: "json" }).$type<number | boolean>().notNull(),
    evidence: text("evidence"),
    status: text("status", { enum: ["pending", "accepted", "returned"] }).notNull().default("pending"),
    returnReason: text("return_reason"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("emulation_declarations_uq").on(t.movementId, t.candidateKey, t.criterionCode)],
);

/**
 * A file backing a declaration (PDF, Word .docx, JPEG, PNG; checked by content). Stored like the reform
 * index's evidence: the bytes under the files directory with a random name, the row here.
 */
export const emulationEvidenceFiles = sqliteTable(
  "emulation_evidence_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    candidateKey: text("candidate_key").notNull(),
    criterionCode: text("criterion_code").notNull(),
    fileName: text("file_name").notNull(),
    storedName: text("stored_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    uploadedAt: integer("uploaded_at").notNull(),
  },
  (t) => [index("emulation_evidence_files_idx").on(t.movementId, t.candidateKey, t.criterionCode)],
);

/** NĐ 152/2025 Điều 4: discipline, inspection or complaint pending about a candidate. */
export const emulationPendingCases = sqliteTable(
  "emulation_pending_cases",
  {
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    candidateKey: text("candidate_key").notNull(),
    discipline: integer("discipline", { mode: "boolean" }).notNull().default(false),
    inspection: integer("inspection", { mode: "boolean" }).notNull().default(false),
    complaint: integer("complaint", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.movementId, t.candidateKey] })],
);

/** Titles and awards held before (for "2 năm liên tục"), per unit or registered person. */
export const emulationTitles = sqliteTable("emulation_titles", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  candidateKey: text("candidate_key").notNull(),
  year: integer("year").notNull(),
  title: text("title").notNull(),
  decision: text("decision"),
});

// Reform index results per unit and year (published by the reform index, or imported) live in
// db/schema/reform-index.ts (index_results); the criteria read them there.

/** Initiatives registered and applied per unit and year, imported until the initiatives register lands. */
export const initiativeCounts = sqliteTable(
  "initiative_counts",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    registered: integer("registered").notNull(),
    applied: integer("applied").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);

export const initiativeRecognitions = sqliteTable(
  "initiative_recognitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    scope: text("scope", { enum: ["co_so", "tinh", "toan_quoc"] }).notNull(),
    council: text("council"),
    personId: integer("person_id").references(() => emulationPeople.id, { onDelete: "set null" }),
    personName: text("person_name"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("initiative_recognitions_uq").on(t.unitId, t.year, t.title)],
);

/** An evaluation as it was computed: its inputs and its results, so a council's view can be shown again. */
export const evaluationSnapshots = sqliteTable(
  "evaluation_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    inputsHash: text("inputs_hash").notNull(),
    /** The inputs whole (snapshots stored before evaluation_input_parts); "" when inputParts names them. */
    inputs: text("inputs", { mode: "json" }).$type<EvaluationData | "">().notNull(),
    /** The inputs by part: {"year": 2025, "parts": {"index": "<sha256>", ...}}, each part in evaluation_input_parts. */
    inputParts: text("input_parts"),
    /** The compact form (app/core/emulation/snapshot.ts StoredEvaluation); older rows hold SchemeEvaluation[] with reasons. */
    result: text("result", { mode: "json" }).$type<StoredEvaluation | SchemeEvaluation[]>().notNull(),
    reason: text("reason").notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [index("evaluation_snapshots_mv_idx").on(t.movementId, t.year, t.computedAt)],
);

/**
 * One part of an evaluation's inputs (the index results, the titles, the declarations, ... as JSON), by its
 * sha256: a part that did not change since the last snapshot is stored once and named by both.
 */
export const evaluationInputParts = sqliteTable("evaluation_input_parts", {
  hash: text("hash").primaryKey(),
  body: text("body").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** The in-app inbox (one module, app/emulation/notify.server.ts, sends to it). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    dedupeKey: text("dedupe_key"),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt), uniqueIndex("notifications_dedupe_uq").on(t.userId, t.dedupeKey)],
);
