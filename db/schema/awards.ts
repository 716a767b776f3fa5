import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ProposalState } from "../../app/core/awards/route";
import { emulationPeople, movements } from "./emulation";
import { units, users } from "./quiz";

/**
 * Award dossiers (hồ sơ đề nghị khen thưởng), the council's ballot (bình xét), decisions and awards.
 * A secret ballot stores the tally and who voted (council_voters), never a member's choice: only an open
 * ballot writes council_open_votes.
 */

/** Per movement: the dossier deadline, the ballot's rules, the decision's issuer and the certificate's blank. */
export const awardSettings = sqliteTable("award_settings", {
  movementId: integer("movement_id")
    .primaryKey()
    .references(() => movements.id, { onDelete: "cascade" }),
  deadline: text("deadline"),
  ballotMode: text("ballot_mode", { enum: ["open", "secret"] }).notNull().default("open"),
  passMark: text("pass_mark", { enum: ["more_than_half", "two_thirds"] }).notNull().default("more_than_half"),
  quorum: text("quorum", { enum: ["more_than_half", "two_thirds"] }).notNull().default("two_thirds"),
  issuingBody: text("issuing_body").notNull(),
  issuingParent: text("issuing_parent"),
  symbol: text("symbol").notNull().default("UBND"),
  place: text("place").notNull(),
  signerTitle: text("signer_title").notNull().default("CHỦ TỊCH"),
  signerName: text("signer_name").notNull().default(""),
  // Offsets in millimetres to fit a pre-printed blank (phôi Giấy khen).
  certOffsetX: integer("cert_offset_x").notNull().default(0),
  certOffsetY: integer("cert_offset_y").notNull().default(0),
  certBlank: integer("cert_blank", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * The decision's issuer at a level above the movement's own that receives forwarded dossiers (the movement's
 * own level keeps its issuer in award_settings): the issuing body, its number register (QĐ-symbol, counted
 * per year in award_decisions), the signer's default, the certificate's blank and its council's ballot.
 * Absent: the issuer derived from the unit, the ballot of the movement.
 */
export const awardLevelSettings = sqliteTable(
  "award_level_settings",
  {
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    levelUnitId: integer("level_unit_id")
      .notNull()
      .references(() => units.id),
    issuingBody: text("issuing_body").notNull(),
    issuingParent: text("issuing_parent"),
    symbol: text("symbol").notNull(),
    place: text("place").notNull(),
    signerTitle: text("signer_title").notNull(),
    signerName: text("signer_name").notNull().default(""),
    certOffsetX: integer("cert_offset_x").notNull().default(0),
    certOffsetY: integer("cert_offset_y").notNull().default(0),
    certBlank: integer("cert_blank", { mode: "boolean" }).notNull().default(false),
    // The level's own ballot for its council's sessions; null: the movement's (award_settings).
    ballotMode: text("ballot_mode", { enum: ["open", "secret"] }),
    passMark: text("pass_mark", { enum: ["more_than_half", "two_thirds"] }),
    quorum: text("quorum", { enum: ["more_than_half", "two_thirds"] }),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.movementId, t.levelUnitId] })],
);

/** A late dossier is refused unless the organizer reopens the movement for that unit until a day. */
export const awardReopenings = sqliteTable(
  "award_reopenings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    until: text("until").notNull(),
    reason: text("reason").notNull(),
    byUserId: integer("by_user_id").references(() => users.id),
    at: integer("at").notNull(),
  },
  (t) => [index("award_reopenings_idx").on(t.movementId, t.unitId)],
);

export const awardProposals = sqliteTable(
  "award_proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    schemeCode: text("scheme_code").notNull(),
    candidateKey: text("candidate_key").notNull(),
    target: text("target", { enum: ["collective", "individual"] }).notNull(),
    /** The collective itself, or the person's unit. */
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    proposerUnitId: integer("proposer_unit_id")
      .notNull()
      .references(() => units.id),
    /** The level that now holds the proposal (the movement's organizer, or a level above after forwarding). */
    levelUnitId: integer("level_unit_id")
      .notNull()
      .references(() => units.id),
    emulationPersonId: integer("emulation_person_id").references(() => emulationPeople.id, { onDelete: "set null" }),
    personUserId: integer("person_user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    position: text("position"),
    gender: text("gender", { enum: ["nam", "nu"] }),
    womenShare: integer("women_share_pct"),
    achievement: text("achievement").notNull().default(""),
    qualified: integer("qualified", { mode: "boolean" }).notNull(),
    /** When proposed outside the qualified list: the criteria not met, with their reasons, shown to reviewers. */
    unmet: text("unmet", { mode: "json" }).$type<string[]>().notNull().default([]),
    state: text("state").$type<ProposalState>().notNull().default("nhap"),
    reason: text("reason"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("award_proposals_uq").on(t.movementId, t.schemeCode, t.candidateKey), index("award_proposals_unit_idx").on(t.movementId, t.proposerUnitId)],
);

/** Every step of a proposal, including the levels it passed: the history kept when it goes up. */
export const awardProposalEvents = sqliteTable(
  "award_proposal_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => awardProposals.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    levelUnitId: integer("level_unit_id")
      .notNull()
      .references(() => units.id),
    reason: text("reason"),
    userId: integer("user_id").references(() => users.id),
    at: integer("at").notNull(),
  },
  (t) => [index("award_proposal_events_idx").on(t.proposalId)],
);

/** Uploaded documents of a dossier (signed scans, evidence) and of a decision (its signed copy). */
export const awardDocuments = sqliteTable(
  "award_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id").references(() => awardProposals.id, { onDelete: "cascade" }),
    decisionId: integer("decision_id").references(() => awardDecisions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["to_trinh", "bien_ban", "bao_cao", "minh_chung", "quyet_dinh"] }).notNull(),
    fileName: text("file_name").notNull(),
    storedName: text("stored_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    /** Set when a decision is registered: from then on the file is frozen. */
    registeredDecisionId: integer("registered_decision_id"),
    supersededById: integer("superseded_by_id"),
    supersedeReason: text("supersede_reason"),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    uploadedAt: integer("uploaded_at").notNull(),
  },
  (t) => [index("award_documents_prop_idx").on(t.proposalId), index("award_documents_dec_idx").on(t.decisionId)],
);

/** The Hội đồng Thi đua – Khen thưởng of a level (a unit): its chair, secretary and members. */
export const councilMembers = sqliteTable(
  "council_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    levelUnitId: integer("level_unit_id")
      .notNull()
      .references(() => units.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["chu_tich", "pho_chu_tich", "thu_ky", "thanh_vien"] }).notNull(),
    title: text("title"),
  },
  (t) => [uniqueIndex("council_members_uq").on(t.levelUnitId, t.userId)],
);

export const councilSessions = sqliteTable("council_sessions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  movementId: integer("movement_id")
    .notNull()
    .references(() => movements.id, { onDelete: "cascade" }),
  levelUnitId: integer("level_unit_id")
    .notNull()
    .references(() => units.id),
  title: text("title").notNull(),
  mode: text("mode", { enum: ["open", "secret"] }).notNull(),
  passMark: text("pass_mark", { enum: ["more_than_half", "two_thirds"] }).notNull(),
  quorum: text("quorum", { enum: ["more_than_half", "two_thirds"] }).notNull(),
  /** The council's size when the session opened: the pass mark counts against it. */
  memberCount: integer("member_count").notNull(),
  state: text("state", { enum: ["open", "closed"] }).notNull().default("open"),
  openedBy: integer("opened_by").references(() => users.id),
  openedAt: integer("opened_at").notNull(),
  closedBy: integer("closed_by").references(() => users.id),
  closedAt: integer("closed_at"),
});

export const councilItems = sqliteTable(
  "council_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => councilSessions.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => awardProposals.id, { onDelete: "cascade" }),
    yes: integer("yes").notNull().default(0),
    no: integer("no").notNull().default(0),
    passed: integer("passed", { mode: "boolean" }),
    withinQuota: integer("within_quota", { mode: "boolean" }),
    note: text("note"),
    resultText: text("result_text"),
  },
  (t) => [uniqueIndex("council_items_uq").on(t.sessionId, t.proposalId)],
);

/** Who voted on an item, in both modes; nothing here says how. */
export const councilVoters = sqliteTable(
  "council_voters",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => councilItems.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    votedAt: integer("voted_at").notNull(),
  },
  (t) => [uniqueIndex("council_voters_uq").on(t.itemId, t.userId)],
);

/** An open ballot's choices, member by member. A secret session never writes here. */
export const councilOpenVotes = sqliteTable(
  "council_open_votes",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => councilItems.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    choice: text("choice", { enum: ["dong_y", "khong_dong_y"] }).notNull(),
  },
  (t) => [uniqueIndex("council_open_votes_uq").on(t.itemId, t.userId)],
);

export const awardDecisions = sqliteTable(
  "award_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movementId: integer("movement_id")
      .notNull()
      .references(() => movements.id, { onDelete: "cascade" }),
    sessionId: integer("session_id").references(() => councilSessions.id),
    levelUnitId: integer("level_unit_id")
      .notNull()
      .references(() => units.id),
    number: text("number").notNull(),
    /** The catalogue form the decision grants (one form per decision). */
    formCode: text("form_code").notNull(),
    year: integer("year").notNull(),
    date: text("date").notNull(),
    signerName: text("signer_name").notNull(),
    signerTitle: text("signer_title").notNull(),
    issuingBody: text("issuing_body").notNull(),
    state: text("state", { enum: ["draft", "registered"] }).notNull().default("draft"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    registeredAt: integer("registered_at"),
  },
  (t) => [uniqueIndex("award_decisions_number_uq").on(t.levelUnitId, t.year, t.number)],
);

/** An award as decided: the unit's and the person's history (hồ sơ thành tích), read by "past_titles". */
export const awards = sqliteTable(
  "awards",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => awardDecisions.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id").references(() => awardProposals.id, { onDelete: "set null" }),
    movementId: integer("movement_id").references(() => movements.id, { onDelete: "set null" }),
    year: integer("year").notNull(),
    formCode: text("form_code").notNull(),
    title: text("title").notNull(),
    level: text("level").notNull(),
    target: text("target", { enum: ["collective", "individual"] }).notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    candidateKey: text("candidate_key").notNull(),
    personUserId: integer("person_user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    position: text("position"),
    gender: text("gender", { enum: ["nam", "nu"] }),
    achievement: text("achievement").notNull(),
  },
  (t) => [index("awards_unit_idx").on(t.unitId, t.year), index("awards_person_idx").on(t.personUserId), uniqueIndex("awards_decision_uq").on(t.decisionId, t.candidateKey)],
);
