import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { initiativeEntries } from "./initiatives";
import { units, users } from "./quiz";

// The initiatives register (sổ sáng kiến, NĐ 13/2012 and TT 18/2013): requests for recognition, the
// councils that score and decide them, and the units that apply them. Table names start with ir_.

export type RegisterCriterion = { key: string; name: string; maxPoints: number };
export type EvidenceItem = { label: string; url: string };

/** A council (hội đồng sáng kiến) of a unit at a level; the secretary follows progress and records decisions. */
export const irCouncils = sqliteTable(
  "ir_councils",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    level: text("level", { enum: ["unit", "district", "province"] }).notNull(),
    name: text("name").notNull(),
    /** Fields (lĩnh vực) the council covers; empty covers all. */
    fields: text("fields", { mode: "json" }).$type<string[]>().notNull().default([]),
    criteria: text("criteria", { mode: "json" }).$type<RegisterCriterion[]>().notNull(),
    passMark: real("pass_mark").notNull(),
    secretaryId: integer("secretary_id").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("ir_councils_unit_idx").on(t.unitId)],
);

export const irCouncilMembers = sqliteTable(
  "ir_council_members",
  {
    councilId: integer("council_id")
      .notNull()
      .references(() => irCouncils.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ["chair", "member"] }).notNull().default("member"),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.userId] }), index("ir_council_members_user_idx").on(t.userId)],
);

export const irRequests = sqliteTable(
  "ir_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ownerId: integer("owner_id").references(() => users.id),
    /** The unit where it applies, whose figures it counts for. */
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    councilId: integer("council_id").references(() => irCouncils.id),
    title: text("title").notNull(),
    field: text("field").notNull(),
    problem: text("problem").notNull().default(""),
    novelty: text("novelty").notNull().default(""),
    howApplied: text("how_applied").notNull().default(""),
    /** yyyy-mm-dd, the first day of (trial) application. */
    appliedSince: text("applied_since"),
    benefit: text("benefit").notNull().default(""),
    claimedScope: text("claimed_scope", { enum: ["co_so", "cap_huyen", "cap_tinh"] }).notNull().default("co_so"),
    evidence: text("evidence", { mode: "json" }).$type<EvidenceItem[]>().notNull().default([]),
    videoUrl: text("video_url"),
    state: text("state", { enum: ["draft", "submitted", "scoring", "needs_more", "recognised", "not_recognised"] })
      .notNull()
      .default("draft"),
    stateReason: text("state_reason"),
    /** The register year: of filing, or of the decision for imported past recognitions. */
    year: integer("year").notNull(),
    contestEntryId: integer("contest_entry_id").references(() => initiativeEntries.id),
    publicOptIn: integer("public_opt_in", { mode: "boolean" }).notNull().default(false),
    decisionNumber: text("decision_number"),
    decisionDate: text("decision_date"),
    decidedScope: text("decided_scope", { enum: ["co_so", "cap_huyen", "cap_tinh"] }),
    meanScore: real("mean_score"),
    /**
     * The phiếu chấm and pass mark this request is scored on, frozen from its council when the first sheet is
     * saved (or when the council changes them mid-scoring), so a later edit of the council never rewrites it.
     */
    criteriaUsed: text("criteria_used", { mode: "json" }).$type<RegisterCriterion[]>(),
    passMarkUsed: real("pass_mark_used"),
    importedFrom: text("imported_from"),
    searchFolded: text("search_folded").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    submittedAt: integer("submitted_at"),
    decidedAt: integer("decided_at"),
  },
  (t) => [
    index("ir_requests_unit_year_idx").on(t.unitId, t.year),
    index("ir_requests_owner_idx").on(t.ownerId),
    index("ir_requests_council_idx").on(t.councilId, t.state),
    uniqueIndex("ir_requests_entry_uq").on(t.contestEntryId),
  ],
);

/** The authors and their shares (whole percents, summing to 100); a named person may have no account. */
export const irAuthors = sqliteTable(
  "ir_authors",
  {
    requestId: integer("request_id")
      .notNull()
      .references(() => irRequests.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    userId: integer("user_id").references(() => users.id),
    fullName: text("full_name").notNull(),
    unitId: integer("unit_id").references(() => units.id),
    position: text("position"),
    share: integer("share").notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.seq] }), index("ir_authors_user_idx").on(t.userId)],
);

/** A member's phiếu chấm điểm: points per criterion key and their total. */
export const irSheets = sqliteTable(
  "ir_sheets",
  {
    requestId: integer("request_id")
      .notNull()
      .references(() => irRequests.id, { onDelete: "cascade" }),
    memberId: integer("member_id")
      .notNull()
      .references(() => users.id),
    scores: text("scores", { mode: "json" }).$type<Record<string, number>>().notNull(),
    total: real("total").notNull(),
    comment: text("comment"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.memberId] })],
);

/** A unit applying a recognised initiative, with its giấy xác nhận hiệu quả áp dụng. */
export const irApplications = sqliteTable(
  "ir_applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => irRequests.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    since: text("since").notNull(),
    effect: text("effect").notNull(),
    certificateName: text("certificate_name"),
    certificateType: text("certificate_type"),
    certificate: blob("certificate", { mode: "buffer" }),
    recordedBy: integer("recorded_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("ir_applications_uq").on(t.requestId, t.unitId)],
);
