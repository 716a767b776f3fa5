import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { ProposalState } from "../../app/core/awards/route";
import { defaultIssuer, type Issuer } from "../../app/core/awards/issuer";
import type { BallotSettings } from "../../app/core/awards/ballot";
import type { Db } from "../connection";
import {
  awardDecisions,
  awardDocuments,
  awardProposalEvents,
  awardProposals,
  awardReopenings,
  awards,
  awardLevelSettings,
  awardSettings,
  councilItems,
  councilMembers,
  councilOpenVotes,
  councilSessions,
  councilVoters,
  movementDeadlines,
  movements,
  units,
  users,
} from "../schema";

/** Queries of the awards feature. SQL stays here; the rules are in app/core/awards. */

export type SettingsRow = typeof awardSettings.$inferSelect;
export type ProposalRow = typeof awardProposals.$inferSelect;
export type DocumentRow = typeof awardDocuments.$inferSelect;
export type SessionRow = typeof councilSessions.$inferSelect;
export type DecisionRow = typeof awardDecisions.$inferSelect;
export type AwardRow = typeof awards.$inferSelect;

// ---- settings ----

/** The movement's settings, or defaults read from the movement: its dossier deadline, its organizer as issuer. */
export function settingsOf(db: Db, movementId: number): SettingsRow {
  const row = db.select().from(awardSettings).where(eq(awardSettings.movementId, movementId)).get();
  if (row) return row;
  const m = db.select().from(movements).where(eq(movements.id, movementId)).get();
  const deadlines = db.select().from(movementDeadlines).where(eq(movementDeadlines.movementId, movementId)).orderBy(asc(movementDeadlines.date)).all();
  const dossier = deadlines.find((d) => /hồ sơ/i.test(d.label)) ?? deadlines[0];
  const root = m ? db.select({ name: units.name }).from(units).where(eq(units.id, m.rootUnitId)).get() : undefined;
  return {
    movementId,
    deadline: dossier?.date ?? null,
    ballotMode: "open",
    passMark: "more_than_half",
    quorum: "two_thirds",
    issuingBody: (root?.name ?? "").toLocaleUpperCase("vi"),
    issuingParent: null,
    symbol: "UBND",
    place: root?.name ?? "",
    signerTitle: "CHỦ TỊCH",
    signerName: "",
    certOffsetX: 0,
    certOffsetY: 0,
    certBlank: false,
    updatedAt: 0,
  };
}

export function saveSettings(db: Db, row: SettingsRow): void {
  db.insert(awardSettings).values(row).onConflictDoUpdate({ target: awardSettings.movementId, set: row }).run();
}

/**
 * The issuer of decisions at a level: the movement's own level reads award_settings; a level above reads its
 * row in award_level_settings, or starts from its unit's name.
 */
export function issuerOf(db: Db, movementId: number, levelUnitId: number): Issuer & { own: boolean; saved: boolean } {
  const m = db.select({ organizerUnitId: movements.organizerUnitId }).from(movements).where(eq(movements.id, movementId)).get();
  if (m && m.organizerUnitId === levelUnitId) {
    const s = settingsOf(db, movementId);
    return { issuingBody: s.issuingBody, issuingParent: s.issuingParent, symbol: s.symbol, place: s.place, signerTitle: s.signerTitle, signerName: s.signerName, certOffsetX: s.certOffsetX, certOffsetY: s.certOffsetY, certBlank: s.certBlank, own: true, saved: s.updatedAt > 0 };
  }
  const row = db.select().from(awardLevelSettings).where(and(eq(awardLevelSettings.movementId, movementId), eq(awardLevelSettings.levelUnitId, levelUnitId))).get();
  if (row) return { issuingBody: row.issuingBody, issuingParent: row.issuingParent, symbol: row.symbol, place: row.place, signerTitle: row.signerTitle, signerName: row.signerName, certOffsetX: row.certOffsetX, certOffsetY: row.certOffsetY, certBlank: row.certBlank, own: false, saved: true };
  const u = db.select({ name: units.name, parentId: units.parentId }).from(units).where(eq(units.id, levelUnitId)).get();
  const parent = u?.parentId ? db.select({ name: units.name }).from(units).where(eq(units.id, u.parentId)).get() : undefined;
  return { ...defaultIssuer(u?.name ?? "", parent?.name ?? null), own: false, saved: false };
}

/**
 * The ballot a level's council opens its sessions with: the movement's own level reads award_settings; a level
 * above its own choice, field by field, else the movement's. `own`: the level chose it (or is the movement's).
 */
export function ballotOf(db: Db, movementId: number, levelUnitId: number): BallotSettings & { own: boolean } {
  const s = settingsOf(db, movementId);
  const m = db.select({ organizerUnitId: movements.organizerUnitId }).from(movements).where(eq(movements.id, movementId)).get();
  if (m && m.organizerUnitId === levelUnitId) return { mode: s.ballotMode, passMark: s.passMark, quorum: s.quorum, own: true };
  const row = db
    .select({ mode: awardLevelSettings.ballotMode, passMark: awardLevelSettings.passMark, quorum: awardLevelSettings.quorum })
    .from(awardLevelSettings)
    .where(and(eq(awardLevelSettings.movementId, movementId), eq(awardLevelSettings.levelUnitId, levelUnitId)))
    .get();
  return { mode: row?.mode ?? s.ballotMode, passMark: row?.passMark ?? s.passMark, quorum: row?.quorum ?? s.quorum, own: !!row && row.mode !== null };
}

/**
 * Saves a level's issuer and, when given, its ballot: into award_settings for the movement's own level, else
 * its own row (a ballot not given keeps the row's, or the movement's when it had none).
 */
export function saveIssuer(db: Db, movementId: number, levelUnitId: number, i: Issuer, userId: number, now: number, ballot?: BallotSettings): void {
  const m = db.select({ organizerUnitId: movements.organizerUnitId }).from(movements).where(eq(movements.id, movementId)).get();
  if (m && m.organizerUnitId === levelUnitId) {
    const b = ballot ? { ballotMode: ballot.mode, passMark: ballot.passMark, quorum: ballot.quorum } : {};
    saveSettings(db, { ...settingsOf(db, movementId), ...i, ...b, updatedAt: now });
    return;
  }
  const b = ballot ? { ballotMode: ballot.mode, passMark: ballot.passMark, quorum: ballot.quorum } : {};
  const row = { movementId, levelUnitId, ...i, ...b, updatedBy: userId, updatedAt: now };
  db.insert(awardLevelSettings).values(row).onConflictDoUpdate({ target: [awardLevelSettings.movementId, awardLevelSettings.levelUnitId], set: row }).run();
}

export function reopeningFor(db: Db, movementId: number, unitId: number): string | null {
  const r = db
    .select({ until: awardReopenings.until })
    .from(awardReopenings)
    .where(and(eq(awardReopenings.movementId, movementId), eq(awardReopenings.unitId, unitId)))
    .orderBy(desc(awardReopenings.at), desc(awardReopenings.id))
    .get();
  return r?.until ?? null;
}

export function insertReopening(db: Db, row: typeof awardReopenings.$inferInsert): void {
  db.insert(awardReopenings).values(row).run();
}

export function reopeningsOf(db: Db, movementId: number) {
  return db.select().from(awardReopenings).where(eq(awardReopenings.movementId, movementId)).orderBy(desc(awardReopenings.at)).all();
}

// ---- proposals ----

export function proposalsOf(db: Db, movementId: number, filter: { proposerUnitIds?: number[]; levelUnitId?: number } = {}): ProposalRow[] {
  const conds = [eq(awardProposals.movementId, movementId)];
  if (filter.proposerUnitIds) conds.push(inArray(awardProposals.proposerUnitId, filter.proposerUnitIds.length ? filter.proposerUnitIds : [-1]));
  if (filter.levelUnitId !== undefined) conds.push(eq(awardProposals.levelUnitId, filter.levelUnitId));
  return db.select().from(awardProposals).where(and(...conds)).orderBy(asc(awardProposals.schemeCode), asc(awardProposals.id)).all();
}

export function getProposal(db: Db, id: number): ProposalRow | undefined {
  return db.select().from(awardProposals).where(eq(awardProposals.id, id)).get();
}

export function findProposal(db: Db, movementId: number, schemeCode: string, candidateKey: string): ProposalRow | undefined {
  return db
    .select()
    .from(awardProposals)
    .where(and(eq(awardProposals.movementId, movementId), eq(awardProposals.schemeCode, schemeCode), eq(awardProposals.candidateKey, candidateKey)))
    .get();
}

export function insertProposal(db: Db, row: typeof awardProposals.$inferInsert, userId: number | null): number {
  return db.transaction((tx) => {
    const id = tx.insert(awardProposals).values(row).returning({ id: awardProposals.id }).get().id;
    tx.insert(awardProposalEvents).values({ proposalId: id, action: "create", fromState: null, toState: row.state ?? "nhap", levelUnitId: row.levelUnitId, reason: null, userId, at: row.createdAt }).run();
    return id;
  });
}

/** A state change and its event in one transaction; guarded on the state read, so two clicks move it once. */
export function moveProposal(
  db: Db,
  p: Pick<ProposalRow, "id" | "state" | "levelUnitId">,
  step: { action: string; to: ProposalState; reason: string | null; userId: number | null; levelUnitId?: number; now: number },
): boolean {
  return db.transaction((tx) => {
    const changed = tx
      .update(awardProposals)
      .set({ state: step.to, reason: step.reason, levelUnitId: step.levelUnitId ?? p.levelUnitId, updatedAt: step.now })
      .where(and(eq(awardProposals.id, p.id), eq(awardProposals.state, p.state)))
      .run().changes;
    if (changed !== 1) return false;
    tx.insert(awardProposalEvents)
      .values({ proposalId: p.id, action: step.action, fromState: p.state, toState: step.to, levelUnitId: step.levelUnitId ?? p.levelUnitId, reason: step.reason, userId: step.userId, at: step.now })
      .run();
    return true;
  });
}

export function setAchievement(db: Db, id: number, achievement: string, now: number): void {
  db.update(awardProposals).set({ achievement, updatedAt: now }).where(eq(awardProposals.id, id)).run();
}

export function deleteDraft(db: Db, id: number): boolean {
  return db.delete(awardProposals).where(and(eq(awardProposals.id, id), eq(awardProposals.state, "nhap"))).run().changes === 1;
}

export function eventsOf(db: Db, proposalIds: number[]) {
  if (proposalIds.length === 0) return [];
  return db
    .select({ e: awardProposalEvents, userName: users.fullName, levelName: units.name })
    .from(awardProposalEvents)
    .leftJoin(users, eq(users.id, awardProposalEvents.userId))
    .leftJoin(units, eq(units.id, awardProposalEvents.levelUnitId))
    .where(inArray(awardProposalEvents.proposalId, proposalIds))
    .orderBy(asc(awardProposalEvents.at), asc(awardProposalEvents.id))
    .all()
    .map((r) => ({ ...r.e, userName: r.userName, levelName: r.levelName }));
}

// ---- documents ----

export function insertDocument(db: Db, row: typeof awardDocuments.$inferInsert, supersedes?: { id: number; reason: string }): number {
  return db.transaction((tx) => {
    const id = tx.insert(awardDocuments).values(row).returning({ id: awardDocuments.id }).get().id;
    if (supersedes) tx.update(awardDocuments).set({ supersededById: id, supersedeReason: supersedes.reason }).where(eq(awardDocuments.id, supersedes.id)).run();
    return id;
  });
}

/** Replaces an unregistered upload of the same kind (the old file row goes); a registered one is never touched here. */
export function deleteUnregistered(db: Db, id: number): DocumentRow | undefined {
  return db
    .delete(awardDocuments)
    .where(and(eq(awardDocuments.id, id), sql`${awardDocuments.registeredDecisionId} IS NULL`))
    .returning()
    .get();
}

export function documentsOf(db: Db, filter: { proposalIds?: number[]; decisionId?: number }): DocumentRow[] {
  if (filter.decisionId !== undefined) return db.select().from(awardDocuments).where(eq(awardDocuments.decisionId, filter.decisionId)).orderBy(asc(awardDocuments.id)).all();
  const ids = filter.proposalIds ?? [];
  if (ids.length === 0) return [];
  return db.select().from(awardDocuments).where(inArray(awardDocuments.proposalId, ids)).orderBy(asc(awardDocuments.id)).all();
}

export function getDocument(db: Db, id: number): DocumentRow | undefined {
  return db.select().from(awardDocuments).where(eq(awardDocuments.id, id)).get();
}

// ---- council ----

export function councilOf(db: Db, levelUnitId: number) {
  return db
    .select({ id: councilMembers.id, userId: councilMembers.userId, role: councilMembers.role, title: councilMembers.title, fullName: users.fullName, position: users.position })
    .from(councilMembers)
    .innerJoin(users, eq(users.id, councilMembers.userId))
    .where(eq(councilMembers.levelUnitId, levelUnitId))
    .orderBy(sql`CASE ${councilMembers.role} WHEN 'chu_tich' THEN 0 WHEN 'pho_chu_tich' THEN 1 WHEN 'thu_ky' THEN 3 ELSE 2 END`, asc(users.fullName))
    .all();
}

export function membershipsOf(db: Db, userId: number) {
  return db.select().from(councilMembers).where(eq(councilMembers.userId, userId)).all();
}

export function setCouncilMember(db: Db, row: typeof councilMembers.$inferInsert): void {
  db.insert(councilMembers).values(row).onConflictDoUpdate({ target: [councilMembers.levelUnitId, councilMembers.userId], set: { role: row.role, title: row.title ?? null } }).run();
}

export function removeCouncilMember(db: Db, levelUnitId: number, userId: number): boolean {
  return db.delete(councilMembers).where(and(eq(councilMembers.levelUnitId, levelUnitId), eq(councilMembers.userId, userId))).run().changes === 1;
}

export function openSession(db: Db, row: typeof councilSessions.$inferInsert, proposalIds: number[]): number {
  return db.transaction((tx) => {
    const id = tx.insert(councilSessions).values(row).returning({ id: councilSessions.id }).get().id;
    for (const proposalId of proposalIds) tx.insert(councilItems).values({ sessionId: id, proposalId }).run();
    return id;
  });
}

export function getSession(db: Db, id: number): SessionRow | undefined {
  return db.select().from(councilSessions).where(eq(councilSessions.id, id)).get();
}

export function sessionsOf(db: Db, filter: { movementId?: number; levelUnitIds?: number[] }) {
  const conds = [];
  if (filter.movementId !== undefined) conds.push(eq(councilSessions.movementId, filter.movementId));
  if (filter.levelUnitIds) conds.push(inArray(councilSessions.levelUnitId, filter.levelUnitIds.length ? filter.levelUnitIds : [-1]));
  return db
    .select({ s: councilSessions, movementTitle: movements.title })
    .from(councilSessions)
    .innerJoin(movements, eq(movements.id, councilSessions.movementId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(councilSessions.openedAt))
    .all()
    .map((r) => ({ ...r.s, movementTitle: r.movementTitle }));
}

export function itemsOf(db: Db, sessionId: number) {
  return db
    .select({ item: councilItems, p: awardProposals })
    .from(councilItems)
    .innerJoin(awardProposals, eq(awardProposals.id, councilItems.proposalId))
    .where(eq(councilItems.sessionId, sessionId))
    .orderBy(asc(awardProposals.schemeCode), asc(councilItems.id))
    .all();
}

export function votersOf(db: Db, sessionId: number): { itemId: number; userId: number }[] {
  return db
    .select({ itemId: councilVoters.itemId, userId: councilVoters.userId })
    .from(councilVoters)
    .innerJoin(councilItems, eq(councilItems.id, councilVoters.itemId))
    .where(eq(councilItems.sessionId, sessionId))
    .all();
}

export function openVotesOf(db: Db, sessionId: number) {
  return db
    .select({ itemId: councilOpenVotes.itemId, userId: councilOpenVotes.userId, choice: councilOpenVotes.choice })
    .from(councilOpenVotes)
    .innerJoin(councilItems, eq(councilItems.id, councilOpenVotes.itemId))
    .where(eq(councilItems.sessionId, sessionId))
    .all();
}

/**
 * One vote: the voter's mark, the tally's step and (open ballot only) the choice, in one transaction.
 * The voter's unique row is written first, so a second vote by the same member changes nothing.
 */
export function castVote(db: Db, itemId: number, rec: { voterId: number; tallyStep: { yes: number; no: number }; openChoice?: "dong_y" | "khong_dong_y" }, now: number): boolean {
  return db.transaction((tx) => {
    const inserted = tx.insert(councilVoters).values({ itemId, userId: rec.voterId, votedAt: now }).onConflictDoNothing().run().changes;
    if (inserted !== 1) return false;
    tx.update(councilItems)
      .set({ yes: sql`${councilItems.yes} + ${rec.tallyStep.yes}`, no: sql`${councilItems.no} + ${rec.tallyStep.no}` })
      .where(eq(councilItems.id, itemId))
      .run();
    if (rec.openChoice) tx.insert(councilOpenVotes).values({ itemId, userId: rec.voterId, choice: rec.openChoice }).run();
    return true;
  });
}

export function closeSession(db: Db, sessionId: number, results: { itemId: number; passed: boolean; withinQuota: boolean; note: string | null; resultText: string }[], userId: number, now: number): boolean {
  return db.transaction((tx) => {
    const changed = tx.update(councilSessions).set({ state: "closed", closedBy: userId, closedAt: now }).where(and(eq(councilSessions.id, sessionId), eq(councilSessions.state, "open"))).run().changes;
    if (changed !== 1) return false;
    for (const r of results) tx.update(councilItems).set({ passed: r.passed, withinQuota: r.withinQuota, note: r.note, resultText: r.resultText }).where(eq(councilItems.id, r.itemId)).run();
    return true;
  });
}

// ---- decisions and awards ----

export function decisionNumbersOf(db: Db, levelUnitId: number, year: number): string[] {
  return db.select({ n: awardDecisions.number }).from(awardDecisions).where(and(eq(awardDecisions.levelUnitId, levelUnitId), eq(awardDecisions.year, year))).all().map((r) => r.n);
}

export function insertDecision(db: Db, row: typeof awardDecisions.$inferInsert): number {
  return db.insert(awardDecisions).values(row).returning({ id: awardDecisions.id }).get().id;
}

export function getDecision(db: Db, id: number): DecisionRow | undefined {
  return db.select().from(awardDecisions).where(eq(awardDecisions.id, id)).get();
}

export function decisionsOf(db: Db, movementId: number): DecisionRow[] {
  return db.select().from(awardDecisions).where(eq(awardDecisions.movementId, movementId)).orderBy(desc(awardDecisions.createdAt)).all();
}

/**
 * Registers a decision once its signed copy is uploaded: the awards are written (the units' and people's
 * history), the proposals become "đã khen thưởng", the dossiers' documents are frozen.
 */
export function registerDecision(
  db: Db,
  decisionId: number,
  list: (typeof awards.$inferInsert)[],
  proposalMoves: { id: number; state: ProposalState; levelUnitId: number }[],
  userId: number,
  now: number,
): boolean {
  return db.transaction((tx) => {
    const changed = tx.update(awardDecisions).set({ state: "registered", registeredAt: now }).where(and(eq(awardDecisions.id, decisionId), eq(awardDecisions.state, "draft"))).run().changes;
    if (changed !== 1) return false;
    for (const a of list) tx.insert(awards).values(a).run();
    for (const p of proposalMoves) {
      tx.update(awardProposals).set({ state: "da_khen_thuong", reason: null, updatedAt: now }).where(eq(awardProposals.id, p.id)).run();
      tx.insert(awardProposalEvents).values({ proposalId: p.id, action: "award", fromState: p.state, toState: "da_khen_thuong", levelUnitId: p.levelUnitId, reason: null, userId, at: now }).run();
    }
    const ids = proposalMoves.map((p) => p.id);
    if (ids.length) tx.update(awardDocuments).set({ registeredDecisionId: decisionId }).where(and(inArray(awardDocuments.proposalId, ids), sql`${awardDocuments.supersededById} IS NULL`)).run();
    tx.update(awardDocuments).set({ registeredDecisionId: decisionId }).where(and(eq(awardDocuments.decisionId, decisionId), sql`${awardDocuments.supersededById} IS NULL`)).run();
    return true;
  });
}

export function awardsOfDecision(db: Db, decisionId: number): AwardRow[] {
  return db.select().from(awards).where(eq(awards.decisionId, decisionId)).orderBy(asc(awards.id)).all();
}

export function awardsOfMovement(db: Db, movementId: number): AwardRow[] {
  return db.select().from(awards).where(eq(awards.movementId, movementId)).orderBy(asc(awards.id)).all();
}

/** A unit's history: awards to the unit as a collective, with their decisions. */
export function awardsOfUnit(db: Db, unitId: number, target: "collective" | "all" = "collective") {
  return db
    .select({ a: awards, number: awardDecisions.number, date: awardDecisions.date, issuingBody: awardDecisions.issuingBody })
    .from(awards)
    .innerJoin(awardDecisions, eq(awardDecisions.id, awards.decisionId))
    .where(target === "collective" ? and(eq(awards.unitId, unitId), eq(awards.target, "collective")) : eq(awards.unitId, unitId))
    .orderBy(desc(awards.year), asc(awards.id))
    .all()
    .map((r) => ({ ...r.a, number: r.number, date: r.date, issuingBody: r.issuingBody }));
}

/** A person's history, by account, and by the name the emulation registered for them when not linked. */
export function awardsOfPerson(db: Db, userId: number) {
  return db
    .select({ a: awards, number: awardDecisions.number, date: awardDecisions.date, issuingBody: awardDecisions.issuingBody })
    .from(awards)
    .innerJoin(awardDecisions, eq(awardDecisions.id, awards.decisionId))
    .where(eq(awards.personUserId, userId))
    .orderBy(desc(awards.year), asc(awards.id))
    .all()
    .map((r) => ({ ...r.a, number: r.number, date: r.date, issuingBody: r.issuingBody }));
}

/**
 * The titles the emulation's "past_titles" criteria read, for a set of candidates: a collective's awards
 * by unit, a person's by account (their emulation_people row differs from one movement to the next).
 */
export function awardTitlesFor(db: Db, candidates: { key: string; unitId: number; target: "collective" | "individual"; userId: number | null }[]) {
  const out: { candidateKey: string; year: number; title: string }[] = [];
  const unitIds = candidates.filter((c) => c.target === "collective").map((c) => c.unitId);
  const userIds = candidates.filter((c) => c.target === "individual" && c.userId !== null).map((c) => c.userId!);
  const keys = candidates.map((c) => c.key);
  const rows = db
    .select({ unitId: awards.unitId, target: awards.target, personUserId: awards.personUserId, candidateKey: awards.candidateKey, year: awards.year, title: awards.title })
    .from(awards)
    .where(
      sql`(${awards.target} = 'collective' AND ${awards.unitId} IN (SELECT value FROM json_each(${JSON.stringify(unitIds)})))
        OR (${awards.personUserId} IN (SELECT value FROM json_each(${JSON.stringify(userIds)})))
        OR (${awards.candidateKey} IN (SELECT value FROM json_each(${JSON.stringify(keys)})))`,
    )
    .all();
  // Indexed by unit (collective awards), by account and by candidate key: one pass over the rows, one look-up
  // per candidate, instead of every candidate against every row. A candidate's titles keep the rows' order.
  const byUnit = new Map<number, number[]>();
  const byUser = new Map<number, number[]>();
  const byKey = new Map<string, number[]>();
  const add = <K>(m: Map<K, number[]>, k: K, i: number) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  rows.forEach((r, i) => {
    if (r.target === "collective" && r.unitId !== null) add(byUnit, r.unitId, i);
    if (r.personUserId !== null) add(byUser, r.personUserId, i);
    if (r.candidateKey !== null) add(byKey, r.candidateKey, i);
  });
  const push = (key: string, i: number) => out.push({ candidateKey: key, year: rows[i].year, title: rows[i].title });
  for (const c of candidates) {
    if (c.target === "collective") {
      for (const i of byUnit.get(c.unitId) ?? []) push(c.key, i);
      continue;
    }
    const ofUser = c.userId !== null ? (byUser.get(c.userId) ?? []) : [];
    const ofKey = byKey.get(c.key) ?? [];
    // A row found both ways counts once; the two sorted lists are merged in row order.
    for (let a = 0, b = 0; a < ofUser.length || b < ofKey.length; ) {
      const u = a < ofUser.length ? ofUser[a] : Infinity;
      const k = b < ofKey.length ? ofKey[b] : Infinity;
      const i = Math.min(u, k);
      if (u === i) a++;
      if (k === i) b++;
      push(c.key, i);
    }
  }
  return out;
}
