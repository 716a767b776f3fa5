import type { Statement } from "better-sqlite3";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../connection";
import {
  indexAppraisals,
  indexAssessments,
  indexCouncil,
  indexEntries,
  indexFinalScores,
  indexResults,
  indexRows,
  indexSetUnits,
  indexSets,
  units,
} from "../schema";
import type { IndexRow, ScoringMethod, PlatformSource } from "../../app/core/reform-index/index-set";
import { leaves } from "../../app/core/reform-index/index-set";
import {
  type Band,
  type LinkedParticipation,
  type RowEntry,
  applyParticipationCap,
  bandOf,
  computeIndex,
  rankByIndex,
  scoreRow,
} from "../../app/core/reform-index/scoring";

/** Queries of the reform index. Rules live in app/core/reform-index; this file only reads and writes. */

export type NewIndexSet = {
  year: number;
  groupCode: string;
  title: string;
  bands: Band[];
  rows: IndexRow[];
  organizerUnitId: number | null;
  unitIds: number[];
  linkedContestIds?: number[];
  capLabel?: string;
  selfDeadlineAt?: number | null;
};

/** A new set, or a new version of the year's set for the group when one exists: versions are never edited once used. */
export function insertIndexSet(db: Db, s: NewIndexSet, now = Date.now()): { setId: number; version: number } {
  return db.transaction((tx) => {
    const latest = tx
      .select({ v: sql<number>`max(${indexSets.version})` })
      .from(indexSets)
      .where(and(eq(indexSets.year, s.year), eq(indexSets.groupCode, s.groupCode)))
      .get();
    const version = (latest?.v ?? 0) + 1;
    const set = tx
      .insert(indexSets)
      .values({
        year: s.year,
        groupCode: s.groupCode,
        version,
        title: s.title,
        organizerUnitId: s.organizerUnitId,
        bands: [...s.bands].sort((a, b) => b.min - a.min),
        capLabel: s.capLabel ?? "Khá",
        linkedContestIds: s.linkedContestIds ?? [],
        selfDeadlineAt: s.selfDeadlineAt ?? null,
        state: "draft",
        createdAt: now,
      })
      .returning({ id: indexSets.id })
      .get();
    s.rows.forEach((r, position) =>
      tx
        .insert(indexRows)
        .values({
          setId: set.id,
          code: r.code,
          stt: r.stt,
          parentCode: r.parentCode,
          title: r.title,
          maxPoints: r.maxPoints,
          method: r.method,
          evidence: r.evidence,
          allowNotApplicable: r.allowNotApplicable,
          bonus: r.bonus,
          source: r.source,
          position,
        })
        .run(),
    );
    for (const unitId of new Set(s.unitIds)) tx.insert(indexSetUnits).values({ setId: set.id, unitId }).run();
    return { setId: set.id, version };
  });
}

export type LoadedSet = typeof indexSets.$inferSelect & { rows: (IndexRow & { id: number })[] };

// A set's rows never change once inserted (a change is a new version, a new set id), so every autosave of a
// row need not read all of them again: they are kept per set (and database file), a few sets at a time.
const rowsCache = new Map<string, LoadedSet["rows"]>();
const ROWS_CACHE_SIZE = 32;

export function loadIndexSet(db: Db, setId: number): LoadedSet | undefined {
  const set = db.select().from(indexSets).where(eq(indexSets.id, setId)).get();
  if (!set) return undefined;
  return { ...set, rows: setRows(db, setId, set.version, set.createdAt) };
}

/** The rows of a set, from the cache when this version of the set was read before. */
export function setRows(db: Db, setId: number, version: number, createdAt: number): LoadedSet["rows"] {
  // The set's creation time and version in the key too: a restored backup may hold another set under this id.
  const key = `${db.$client.name}#${setId}#${version}#${createdAt}`;
  let rows = rowsCache.get(key);
  if (rows === undefined) {
    rows = loadRows(db, setId);
    // An empty list is not kept: the rows of a set are inserted in the set's own transaction, never later.
    if (rows.length) {
      if (rowsCache.size >= ROWS_CACHE_SIZE) rowsCache.delete(rowsCache.keys().next().value!);
      rowsCache.set(key, rows);
    }
  }
  return rows;
}

function loadRows(db: Db, setId: number): LoadedSet["rows"] {
  const rows = db.select().from(indexRows).where(eq(indexRows.setId, setId)).orderBy(indexRows.position).all();
  return rows.map((r) => ({
      id: r.id,
      code: r.code,
      stt: r.stt,
      parentCode: r.parentCode,
      title: r.title,
      maxPoints: r.maxPoints,
      method: r.method as ScoringMethod,
      evidence: r.evidence,
      allowNotApplicable: r.allowNotApplicable,
      bonus: r.bonus,
      source: (r.source as PlatformSource | null) ?? null,
  }));
}

export function setsOfYear(db: Db, year: number) {
  return db.select().from(indexSets).where(eq(indexSets.year, year)).orderBy(indexSets.groupCode, indexSets.version).all();
}

/** Whether a unit takes part in a set: one indexed lookup rather than the set's whole list. */
export function isSetUnit(db: Db, setId: number, unitId: number): boolean {
  return db.$client.prepare("SELECT 1 FROM index_set_units WHERE set_id = ? AND unit_id = ?").get(setId, unitId) !== undefined;
}

export function setUnitIds(db: Db, setId: number): number[] {
  return db.select({ id: indexSetUnits.unitId }).from(indexSetUnits).where(eq(indexSetUnits.setId, setId)).all().map((r) => r.id);
}

export function setState(db: Db, setId: number, state: (typeof indexSets.$inferSelect)["state"], extra: Partial<typeof indexSets.$inferInsert> = {}) {
  db.update(indexSets).set({ state, ...extra }).where(eq(indexSets.id, setId)).run();
}

export function ensureAssessment(db: Db, setId: number, unitId: number, now = Date.now()): number {
  db.insert(indexAssessments).values({ setId, unitId, state: "draft", updatedAt: now }).onConflictDoNothing().run();
  return db
    .select({ id: indexAssessments.id })
    .from(indexAssessments)
    .where(and(eq(indexAssessments.setId, setId), eq(indexAssessments.unitId, unitId)))
    .get()!.id;
}

export function getAssessment(db: Db, assessmentId: number) {
  return db.select().from(indexAssessments).where(eq(indexAssessments.id, assessmentId)).get();
}

export function assessmentsOfSet(db: Db, setId: number) {
  return db
    .select({ a: indexAssessments, unitName: units.name, unitCode: units.code })
    .from(indexAssessments)
    .innerJoin(units, eq(units.id, indexAssessments.unitId))
    .where(eq(indexAssessments.setId, setId))
    .all();
}

export function entriesOf(db: Db, assessmentId: number) {
  return db.select().from(indexEntries).where(eq(indexEntries.assessmentId, assessmentId)).all();
}

/** One row's entry of an assessment (the autosave compares the self-score before and after). */
export function entryOf(db: Db, assessmentId: number, rowId: number) {
  return db.select().from(indexEntries).where(and(eq(indexEntries.assessmentId, assessmentId), eq(indexEntries.rowId, rowId))).get();
}

/** Entries of many assessments in one query, grouped by assessment (the ranking reads them all). */
function entriesByAssessment(db: Db, assessmentIds: number[]) {
  const out = new Map<number, (typeof indexEntries.$inferSelect)[]>();
  if (!assessmentIds.length) return out;
  for (const e of db.select().from(indexEntries).where(inArray(indexEntries.assessmentId, assessmentIds)).orderBy(indexEntries.assessmentId, indexEntries.rowId).all()) {
    const list = out.get(e.assessmentId);
    if (list) list.push(e);
    else out.set(e.assessmentId, [e]);
  }
  return out;
}

function finalsByAssessment(db: Db, assessmentIds: number[]) {
  const out = new Map<number, (typeof indexFinalScores.$inferSelect)[]>();
  if (!assessmentIds.length) return out;
  for (const f of db.select().from(indexFinalScores).where(inArray(indexFinalScores.assessmentId, assessmentIds)).orderBy(indexFinalScores.assessmentId, indexFinalScores.rowId).all()) {
    const list = out.get(f.assessmentId);
    if (list) list.push(f);
    else out.set(f.assessmentId, [f]);
  }
  return out;
}

// The autosave's two statements, prepared once per connection.
const entryCache = new WeakMap<object, { upsert: Statement; touch: Statement }>();
function entryStatements(db: Db) {
  let s = entryCache.get(db.$client);
  if (!s) {
    s = {
      upsert: db.$client.prepare(
        `INSERT INTO index_entries (assessment_id, row_id, declared, not_applicable, entered, self_score, explanation, links, seq, updated_by, updated_at)
       VALUES (@a, @r, @declared, @na, @entered, @score, @explanation, @links, @seq, @user, @now)
       ON CONFLICT (assessment_id, row_id) DO UPDATE SET
         declared = excluded.declared, not_applicable = excluded.not_applicable, entered = excluded.entered,
         self_score = excluded.self_score, explanation = excluded.explanation, links = excluded.links,
         seq = excluded.seq, updated_by = excluded.updated_by, updated_at = excluded.updated_at
       WHERE excluded.seq > index_entries.seq`,
      ),
      touch: db.$client.prepare("UPDATE index_assessments SET updated_at = ? WHERE id = ?"),
    };
    entryCache.set(db.$client, s);
  }
  return s;
}

export type EntrySave = RowEntry & { explanation: string; links: string[]; seq: number };

/**
 * One row of a self-assessment, as typed. The self-score is computed by the set's method; a save older than
 * the stored one (a lower seq, replayed from an outbox) changes nothing and is still acknowledged as stored,
 * because a newer save already holds what the person typed later.
 */
export function saveEntry(
  db: Db,
  input: { assessmentId: number; row: IndexRow & { id: number }; save: EntrySave; userId: number | null },
  now = Date.now(),
): { ok: true; selfScore: number | null; stale: boolean } | { ok: false; message: string } {
  const scored = scoreRow(input.row, input.save);
  // An incomplete row is still a draft worth keeping: store it, with no self-score yet.
  const selfScore = scored.ok ? scored.points : null;
  if (!scored.ok && (input.save.notApplicable || input.save.entered !== null)) return { ok: false, message: scored.message };
  const result = entryStatements(db).upsert.run({
    a: input.assessmentId,
    r: input.row.id,
    declared: input.save.declared,
    na: input.save.notApplicable ? 1 : 0,
    entered: input.save.entered,
    score: selfScore,
    explanation: input.save.explanation,
    links: JSON.stringify(input.save.links),
    seq: input.save.seq,
    user: input.userId,
    now,
  });
  if (result.changes) entryStatements(db).touch.run(now, input.assessmentId);
  return { ok: true, selfScore, stale: result.changes === 0 };
}

export function updateAssessment(db: Db, assessmentId: number, values: Partial<typeof indexAssessments.$inferInsert>, now = Date.now()) {
  db.update(indexAssessments).set({ ...values, updatedAt: now }).where(eq(indexAssessments.id, assessmentId)).run();
}

export function councilOf(db: Db, setId: number) {
  return db.select().from(indexCouncil).where(eq(indexCouncil.setId, setId)).all();
}

export function addCouncilMember(db: Db, m: typeof indexCouncil.$inferInsert) {
  db.insert(indexCouncil).values(m).run();
}

export function appraisalsOf(db: Db, assessmentId: number) {
  return db.select().from(indexAppraisals).where(eq(indexAppraisals.assessmentId, assessmentId)).all();
}

export function saveAppraisal(db: Db, a: typeof indexAppraisals.$inferInsert) {
  db.insert(indexAppraisals)
    .values(a)
    .onConflictDoUpdate({
      target: [indexAppraisals.assessmentId, indexAppraisals.rowId, indexAppraisals.memberUserId],
      set: { points: a.points, notApplicable: a.notApplicable, reason: a.reason, at: a.at },
    })
    .run();
}

export function finalScoresOf(db: Db, assessmentId: number) {
  return db.select().from(indexFinalScores).where(eq(indexFinalScores.assessmentId, assessmentId)).all();
}

export function saveFinalScore(db: Db, f: typeof indexFinalScores.$inferInsert) {
  db.insert(indexFinalScores)
    .values(f)
    .onConflictDoUpdate({
      target: [indexFinalScores.assessmentId, indexFinalScores.rowId],
      set: { points: f.points, notApplicable: f.notApplicable, reason: f.reason, decidedBy: f.decidedBy, at: f.at },
    })
    .run();
}

export function saveUnitAnswer(db: Db, assessmentId: number, rowId: number, answer: string, now = Date.now()): boolean {
  return (
    db
      .update(indexFinalScores)
      .set({ unitAnswer: answer, answeredAt: now })
      .where(and(eq(indexFinalScores.assessmentId, assessmentId), eq(indexFinalScores.rowId, rowId)))
      .run().changes > 0
  );
}

/** The unit's participation rate in each contest (the contest as a whole), from the participation worker's stats. */
export function participationOf(db: Db, unitIds: number[], contestIds: number[]): Map<number, LinkedParticipation[]> {
  const out = new Map<number, LinkedParticipation[]>();
  if (!unitIds.length || !contestIds.length) return out;
  const rows = db.$client
    .prepare(
      `SELECT s.unit_id AS unitId, c.title AS title, s.participants AS p, s.denominator AS d
         FROM participation_stats s JOIN contests c ON c.id = s.contest_id
        WHERE s.round_id = 0 AND s.contest_id IN (SELECT value FROM json_each(?)) AND s.unit_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(contestIds), JSON.stringify(unitIds)) as { unitId: number; title: string; p: number; d: number }[];
  for (const r of rows) {
    const list = out.get(r.unitId) ?? [];
    list.push({ contestTitle: r.title, rate: r.d > 0 ? r.p / r.d : 0 });
    out.set(r.unitId, list);
  }
  // A unit with no figures for a linked contest has not taken part at all. (Titles read once, not per unit.)
  const titleOf = db.$client.prepare("SELECT title FROM contests WHERE id = ?").pluck();
  const titles = contestIds.map((cid) => titleOf.get(cid) as string | undefined);
  for (const u of unitIds) {
    const list = out.get(u) ?? [];
    for (const title of titles) {
      if (title && !list.some((l) => l.contestTitle === title)) list.push({ contestTitle: title, rate: 0 });
    }
    out.set(u, list);
  }
  return out;
}

/** The points that count for each leaf: the chair's final score, else the self-score the council left as it was. */
export function countedPoints(
  rows: readonly (IndexRow & { id: number })[],
  entries: readonly (typeof indexEntries.$inferSelect)[],
  finals: readonly (typeof indexFinalScores.$inferSelect)[],
): Map<string, number | null> {
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const points = new Map<string, number | null>();
  for (const e of entries) {
    const code = codeOf.get(e.rowId);
    if (code === undefined) continue;
    if (e.notApplicable) points.set(code, null);
    else if (e.selfScore !== null) points.set(code, e.selfScore);
  }
  for (const f of finals) {
    const code = codeOf.get(f.rowId);
    if (code !== undefined) points.set(code, f.notApplicable ? null : f.points);
  }
  return points;
}

export type ComputedResult = {
  unitId: number;
  unitName: string;
  index: number;
  bandByPoints: string;
  band: string;
  cappedReason: string | null;
  rank: number;
  missing: number;
};

/** Every assessment of a set turned into its index, band (after the seed 003 cap) and rank. */
export function computeSetResults(db: Db, setId: number): ComputedResult[] {
  const set = loadIndexSet(db, setId);
  if (!set) return [];
  // Units that never sent their self-assessment have no index to rank.
  const list = assessmentsOfSet(db, setId).filter((l) => l.a.state === "submitted" || l.a.state === "appraised" || l.a.state === "closed");
  const participation = participationOf(db, list.map((l) => l.a.unitId), set.linkedContestIds);
  const leafCount = leaves(set.rows).length;
  // Two queries for the whole set rather than two per assessment.
  const ids = list.map((l) => l.a.id);
  const entries = entriesByAssessment(db, ids);
  const finals = finalsByAssessment(db, ids);
  const computed = list.map(({ a, unitName }) => {
    const points = countedPoints(set.rows, entries.get(a.id) ?? [], finals.get(a.id) ?? []);
    const total = computeIndex(set.rows, points);
    const byPoints = bandOf(total.index, set.bands);
    const cap = applyParticipationCap(byPoints, set.bands, participation.get(a.unitId) ?? [], set.capLabel);
    return {
      unitId: a.unitId,
      unitName,
      index: total.index,
      bandByPoints: byPoints.label,
      band: cap.band.label,
      cappedReason: cap.reason,
      missing: Math.min(total.missing.length, leafCount),
    };
  });
  return rankByIndex(computed);
}

/** Publishing writes the year's results for the set's units; the emulation criteria read them from here. */
export function publishSetResults(db: Db, setId: number, now = Date.now()): ComputedResult[] {
  const set = loadIndexSet(db, setId)!;
  const results = computeSetResults(db, setId);
  db.transaction((tx) => {
    for (const r of results) {
      upsertResult(tx, {
        year: set.year,
        unitId: r.unitId,
        groupCode: set.groupCode,
        setId,
        indexValue: r.index,
        bandByPoints: r.bandByPoints,
        band: r.band,
        rank: r.rank,
        cappedReason: r.cappedReason,
        source: "platform",
        publishedAt: now,
      });
    }
    tx.update(indexSets).set({ state: "published", publishedAt: now }).where(eq(indexSets.id, setId)).run();
    tx.update(indexAssessments).set({ state: "closed", updatedAt: now }).where(and(eq(indexAssessments.setId, setId), eq(indexAssessments.state, "appraised"))).run();
  });
  return results;
}

export type ImportedIndexRow = { unitId: number; groupCode: string; index: number; band: string; bandByPoints: string; rank: number };

/** Results of a year entered outside the platform, replacing that year's rows for the same units in one transaction. */
export function writeImportedResults(db: Db, year: number, rows: readonly ImportedIndexRow[], now = Date.now()): void {
  db.transaction((tx) => {
    for (const r of rows) {
      upsertResult(tx, {
        year,
        unitId: r.unitId,
        groupCode: r.groupCode,
        setId: null,
        indexValue: r.index,
        bandByPoints: r.bandByPoints,
        band: r.band,
        rank: r.rank,
        cappedReason: null,
        source: "imported",
        publishedAt: now,
      });
    }
  });
}

/** One result per unit and year: a later publication or import replaces the earlier one. */
export function upsertResult(db: Pick<Db, "insert">, values: typeof indexResults.$inferInsert): void {
  db.insert(indexResults).values(values).onConflictDoUpdate({ target: [indexResults.year, indexResults.unitId], set: values }).run();
}

export type PublishedIndex = {
  unitId: number;
  unitCode: string;
  unitName: string;
  year: number;
  groupCode: string;
  index: number;
  band: string;
  bandByPoints: string;
  rank: number;
  cappedReason: string | null;
  source: "platform" | "imported";
};

/** Published results, by year (and units): the narrow interface the emulation criteria read. */
export function publishedResults(db: Db, filter: { years?: number[]; unitIds?: number[] } = {}): PublishedIndex[] {
  const conditions = [];
  if (filter.years?.length) conditions.push(inArray(indexResults.year, filter.years));
  if (filter.unitIds?.length) conditions.push(inArray(indexResults.unitId, filter.unitIds));
  return db
    .select({
      unitId: indexResults.unitId,
      unitCode: units.code,
      unitName: units.name,
      year: indexResults.year,
      groupCode: indexResults.groupCode,
      index: indexResults.indexValue,
      band: indexResults.band,
      bandByPoints: indexResults.bandByPoints,
      rank: indexResults.rank,
      cappedReason: indexResults.cappedReason,
      source: indexResults.source,
    })
    .from(indexResults)
    .innerJoin(units, eq(units.id, indexResults.unitId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(indexResults.year, indexResults.groupCode, indexResults.rank)
    .all();
}

/** The people whose account belongs to a unit (the unit itself, not the units under it), optionally one whole phone number. */
export function peopleOfUnit(db: Db, unitId: number, phone = ""): { id: number; fullName: string; phone: string; position: string | null }[] {
  // users has no folded name column and SQLite cannot fold đ/Đ: the caller matches the name on what this returns.
  return db.$client
    .prepare("SELECT id, full_name AS fullName, phone, position FROM users WHERE unit_id = ? AND (? = '' OR phone = ?) ORDER BY full_name, id")
    .all(unitId, phone, phone) as { id: number; fullName: string; phone: string; position: string | null }[];
}

/**
 * A member's assignment, replacing the earlier one: one council row per (unit, part) pair, null meaning every
 * unit or every part. The chair flag stays as it was. One transaction, so the member is never left unassigned.
 */
export function replaceCouncilScopes(db: Db, setId: number, userId: number, scopes: { unitId: number | null; partCode: string | null }[]) {
  db.transaction((tx) => {
    const rows = tx.select().from(indexCouncil).where(and(eq(indexCouncil.setId, setId), eq(indexCouncil.userId, userId))).all();
    const isChair = rows.some((r) => r.isChair);
    tx.delete(indexCouncil).where(and(eq(indexCouncil.setId, setId), eq(indexCouncil.userId, userId))).run();
    for (const s of scopes.length ? scopes : [{ unitId: null, partCode: null }]) tx.insert(indexCouncil).values({ setId, userId, isChair, unitId: s.unitId, partCode: s.partCode }).run();
  });
}

/** A member leaves the council of a set: their assignment rows go; the opinions they gave stay in index_appraisals. */
export function removeCouncilMember(db: Db, setId: number, userId: number): number {
  return db.delete(indexCouncil).where(and(eq(indexCouncil.setId, setId), eq(indexCouncil.userId, userId))).run().changes;
}

/** How many row opinions a person has given on a set's assessments. */
export function opinionCountOnSet(db: Db, setId: number, userId: number): number {
  return db.$client
    .prepare("SELECT count(*) FROM index_appraisals p JOIN index_assessments a ON a.id = p.assessment_id WHERE a.set_id = ? AND p.member_user_id = ?")
    .pluck()
    .get(setId, userId) as number;
}

/** Every member's opinion rows on a set's assessments (who appraised which row of which assessment). */
export function appraisalMarksOfSet(db: Db, setId: number): { assessmentId: number; rowId: number; memberUserId: number }[] {
  return db.$client
    .prepare(
      `SELECT p.assessment_id AS assessmentId, p.row_id AS rowId, p.member_user_id AS memberUserId
         FROM index_appraisals p JOIN index_assessments a ON a.id = p.assessment_id WHERE a.set_id = ?`,
    )
    .all(setId) as { assessmentId: number; rowId: number; memberUserId: number }[];
}

/** The rows the chair has decided, per assessment of a set. */
export function finalMarksOfSet(db: Db, setId: number): { assessmentId: number; rowId: number }[] {
  return db.$client
    .prepare("SELECT f.assessment_id AS assessmentId, f.row_id AS rowId FROM index_final_scores f JOIN index_assessments a ON a.id = f.assessment_id WHERE a.set_id = ?")
    .all(setId) as { assessmentId: number; rowId: number }[];
}

/** Whether a person has index work beyond their roles: an officer of some unit's assessment, or on a council. */
export function hasIndexWork(db: Db, userId: number): boolean {
  return (
    db.$client
      .prepare("SELECT EXISTS (SELECT 1 FROM index_assessments WHERE officer_user_id = ?) OR EXISTS (SELECT 1 FROM index_council WHERE user_id = ?)")
      .pluck()
      .get(userId, userId) === 1
  );
}

export { fillableAssessment, saveRowAs, type RowSave } from "./fill";
