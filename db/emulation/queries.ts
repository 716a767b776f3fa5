import { createHash } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { EvaluationData } from "../../app/core/emulation/context";
import type { Candidate, Criterion, CriterionRule, Scheme, SchemeEvaluation } from "../../app/core/emulation/types";
import { compactEvaluation, explainEvaluation, isStoredEvaluation, STORED_VERSION, storeCandidates } from "../../app/core/emulation/snapshot";
import type { Db } from "../connection";
import {
  contests,
  emulationCriteria,
  emulationDeclarations,
  emulationEvidenceFiles,
  emulationPendingCases,
  emulationPeople,
  emulationRegistrations,
  emulationSchemes,
  emulationTitles,
  evaluationSnapshots,
  initiativeCounts,
  initiativeRecognitions,
  movementDeadlines,
  movementDocuments,
  movements,
  units,
} from "../schema";
import { initiativeFigures, recognisedInitiatives } from "../initiative-register/figures";
import { upsertResult } from "../reform-index";
import { subtreeIds } from "../participation/units";
import { awardTitlesFor } from "../awards/queries";

/** Queries of the emulation feature. SQL stays here; the rules are in app/core/emulation. */

export type MovementRow = typeof movements.$inferSelect;

export function listMovements(db: Db): (MovementRow & { organizerName: string })[] {
  return db
    .select({ m: movements, organizerName: units.name })
    .from(movements)
    .innerJoin(units, eq(units.id, movements.organizerUnitId))
    .orderBy(desc(movements.year), movements.id)
    .all()
    .map((r) => ({ ...r.m, organizerName: r.organizerName }));
}

export function getMovement(db: Db, id: number): MovementRow | undefined {
  return db.select().from(movements).where(eq(movements.id, id)).get();
}

export function getMovementBySlug(db: Db, slug: string): MovementRow | undefined {
  return db.select().from(movements).where(eq(movements.slug, slug)).get();
}

export function setMovementState(db: Db, id: number, state: MovementRow["state"], now: number): void {
  db.update(movements)
    .set({ state, ...(state === "launched" ? { launchedAt: now } : {}) })
    .where(eq(movements.id, id))
    .run();
}

export function insertMovement(db: Db, row: typeof movements.$inferInsert): number {
  return db.insert(movements).values(row).returning({ id: movements.id }).get().id;
}

/** The units taking part: the root's subtree without the excluded subtrees. */
export function participatingUnitIds(db: Db, m: Pick<MovementRow, "rootUnitId" | "excludedUnitIds">): number[] {
  const out = new Set(subtreeIds(db, [m.rootUnitId]));
  for (const id of subtreeIds(db, m.excludedUnitIds)) out.delete(id);
  out.delete(m.rootUnitId);
  return [...out];
}

export function documentsOf(db: Db, movementId: number) {
  return db.select().from(movementDocuments).where(eq(movementDocuments.movementId, movementId)).all();
}

export function deadlinesOf(db: Db, movementId: number) {
  return db.select().from(movementDeadlines).where(eq(movementDeadlines.movementId, movementId)).orderBy(movementDeadlines.date).all();
}

export function schemesOf(db: Db, movementId: number): (Scheme & { dbId: number })[] {
  const rows = db.select().from(emulationSchemes).where(eq(emulationSchemes.movementId, movementId)).orderBy(emulationSchemes.sortOrder, emulationSchemes.id).all();
  if (rows.length === 0) return [];
  const crit = db
    .select()
    .from(emulationCriteria)
    .where(inArray(emulationCriteria.schemeId, rows.map((r) => r.id)))
    .orderBy(emulationCriteria.sortOrder, emulationCriteria.id)
    .all();
  return rows.map((s) => ({
    dbId: s.id,
    id: s.code,
    title: s.title,
    form: s.form,
    formName: s.formName ?? undefined,
    target: s.target,
    level: s.level,
    quota: s.quota,
    rankBy: s.rankBy,
    rankContest: s.rankContest ?? undefined,
    criteria: crit.filter((c) => c.schemeId === s.id).map((c) => ({ id: c.code, label: c.label, ...c.rule }) as Criterion),
  }));
}

export function insertScheme(db: Db, movementId: number, s: Scheme, sortOrder: number): number {
  const id = db
    .insert(emulationSchemes)
    .values({ movementId, code: s.id, title: s.title, form: s.form, formName: s.formName ?? null, target: s.target, level: s.level, quota: s.quota, rankBy: s.rankBy, rankContest: s.rankContest ?? null, sortOrder })
    .returning({ id: emulationSchemes.id })
    .get().id;
  s.criteria.forEach((c, i) => insertCriterion(db, id, c, i));
  return id;
}

export function insertCriterion(db: Db, schemeId: number, c: Criterion, sortOrder: number): void {
  const { id: code, label, ...rule } = c;
  db.insert(emulationCriteria).values({ schemeId, code, label, rule: rule as CriterionRule, sortOrder }).run();
}

// ---- registrations ----

export type RegistrationRow = typeof emulationRegistrations.$inferSelect;

export function registrationsOf(db: Db, movementId: number): (RegistrationRow & { unitName: string; parentId: number | null })[] {
  return db
    .select({ r: emulationRegistrations, unitName: units.name, parentId: units.parentId })
    .from(emulationRegistrations)
    .innerJoin(units, eq(units.id, emulationRegistrations.unitId))
    .where(eq(emulationRegistrations.movementId, movementId))
    .orderBy(units.sortOrder, units.id)
    .all()
    .map((x) => ({ ...x.r, unitName: x.unitName, parentId: x.parentId }));
}

export function registrationOf(db: Db, movementId: number, unitId: number): RegistrationRow | undefined {
  return db
    .select()
    .from(emulationRegistrations)
    .where(and(eq(emulationRegistrations.movementId, movementId), eq(emulationRegistrations.unitId, unitId)))
    .get();
}

export function upsertRegistration(
  db: Db,
  row: { movementId: number; unitId: number; status: RegistrationRow["status"]; schemeCodes: string[]; targets: string; initiatives?: string; returnReason?: string | null; now: number; by?: number | null },
): number {
  const decided = row.status === "da_duyet" || row.status === "tra_lai";
  return db
    .insert(emulationRegistrations)
    .values({
      movementId: row.movementId,
      unitId: row.unitId,
      status: row.status,
      schemeCodes: row.schemeCodes,
      targets: row.targets,
      initiatives: row.initiatives ?? "",
      returnReason: row.returnReason ?? null,
      submittedAt: row.status === "chua_gui" ? null : row.now,
      decidedAt: decided ? row.now : null,
      decidedBy: decided ? (row.by ?? null) : null,
      updatedAt: row.now,
    })
    .onConflictDoUpdate({
      target: [emulationRegistrations.movementId, emulationRegistrations.unitId],
      set: { status: row.status, schemeCodes: row.schemeCodes, targets: row.targets, ...(row.initiatives === undefined ? {} : { initiatives: row.initiatives }), returnReason: row.returnReason ?? null, updatedAt: row.now },
    })
    .returning({ id: emulationRegistrations.id })
    .get().id;
}

export function decideRegistration(db: Db, id: number, status: "da_duyet" | "tra_lai", reason: string | null, by: number, now: number, stage: "parent" | "organizer" = "organizer"): void {
  db.update(emulationRegistrations).set({ status, returnReason: reason, decidedAt: now, decidedBy: by, updatedAt: now, reviewStage: stage }).where(eq(emulationRegistrations.id, id)).run();
}

/** Sent (again): it waits for the given level, and an earlier approval by the parent unit no longer holds. */
export function setReviewStage(db: Db, id: number, stage: "parent" | "organizer"): void {
  db.update(emulationRegistrations).set({ reviewStage: stage, parentApprovedAt: null, parentApprovedBy: null }).where(eq(emulationRegistrations.id, id)).run();
}

/** The parent unit approves: the registration goes on to the organizer, still "chờ duyệt". */
export function parentApproveRegistration(db: Db, id: number, by: number, now: number): boolean {
  return (
    db.update(emulationRegistrations)
      .set({ reviewStage: "organizer", parentApprovedAt: now, parentApprovedBy: by, returnReason: null, updatedAt: now })
      .where(and(eq(emulationRegistrations.id, id), eq(emulationRegistrations.status, "cho_duyet"), eq(emulationRegistrations.reviewStage, "parent")))
      .run().changes === 1
  );
}

// ---- evidence files ----

export type EvidenceFileRow = typeof emulationEvidenceFiles.$inferSelect;

export function insertEvidenceFile(db: Db, row: Omit<typeof emulationEvidenceFiles.$inferInsert, "id">): number {
  return db.insert(emulationEvidenceFiles).values(row).returning({ id: emulationEvidenceFiles.id }).get().id;
}

export function evidenceFilesOf(db: Db, movementId: number): EvidenceFileRow[] {
  return db.select().from(emulationEvidenceFiles).where(eq(emulationEvidenceFiles.movementId, movementId)).orderBy(emulationEvidenceFiles.id).all();
}

export function getEvidenceFile(db: Db, id: number): EvidenceFileRow | undefined {
  return db.select().from(emulationEvidenceFiles).where(eq(emulationEvidenceFiles.id, id)).get();
}

export function peopleOf(db: Db, registrationIds: number[]) {
  if (registrationIds.length === 0) return [];
  return db.select().from(emulationPeople).where(inArray(emulationPeople.registrationId, registrationIds)).orderBy(emulationPeople.id).all();
}

export function insertPerson(db: Db, registrationId: number, p: { fullName: string; gender: "nam" | "nu" | null; position: string | null }): number {
  return db.insert(emulationPeople).values({ registrationId, ...p }).returning({ id: emulationPeople.id }).get().id;
}

/**
 * The people a registration names, as the unit's form sends them: a row with the id of a person already
 * registered is updated in place (their declarations and results are keyed by that id), a row without one is
 * added, and the registration's other people are removed. Ids of another registration's people are refused
 * by the caller before this runs.
 */
export function replacePeople(db: Db, registrationId: number, people: { id?: number; fullName: string; gender: "nam" | "nu"; position: string | null }[]): void {
  const kept = new Set(people.flatMap((p) => (p.id === undefined ? [] : [p.id])));
  for (const old of peopleOf(db, [registrationId])) if (!kept.has(old.id)) db.delete(emulationPeople).where(eq(emulationPeople.id, old.id)).run();
  for (const p of people) {
    if (p.id === undefined) insertPerson(db, registrationId, p);
    else db.update(emulationPeople).set({ fullName: p.fullName, gender: p.gender, position: p.position }).where(and(eq(emulationPeople.id, p.id), eq(emulationPeople.registrationId, registrationId))).run();
  }
}

// ---- declarations and cases ----

export function declarationsOf(db: Db, movementId: number) {
  return db.select().from(emulationDeclarations).where(eq(emulationDeclarations.movementId, movementId)).all();
}

export function upsertDeclaration(
  db: Db,
  row: { movementId: number; candidateKey: string; criterionCode: string; value: number | boolean; evidence: string | null; status?: "pending" | "accepted" | "returned"; returnReason?: string | null; now: number },
): void {
  const status = row.status ?? "pending";
  db.insert(emulationDeclarations)
    .values({ ...row, status, returnReason: row.returnReason ?? null, updatedAt: row.now })
    .onConflictDoUpdate({
      target: [emulationDeclarations.movementId, emulationDeclarations.candidateKey, emulationDeclarations.criterionCode],
      set: { value: row.value, evidence: row.evidence, status, returnReason: row.returnReason ?? null, updatedAt: row.now },
    })
    .run();
}

export function appraiseDeclaration(db: Db, id: number, movementId: number, status: "accepted" | "returned", reason: string | null, now: number): boolean {
  return (
    db.update(emulationDeclarations)
      .set({ status, returnReason: reason, updatedAt: now })
      .where(and(eq(emulationDeclarations.id, id), eq(emulationDeclarations.movementId, movementId)))
      .run().changes === 1
  );
}

export function setPendingCases(db: Db, movementId: number, candidateKey: string, c: { discipline: boolean; inspection: boolean; complaint: boolean }): void {
  db.insert(emulationPendingCases).values({ movementId, candidateKey, ...c }).onConflictDoUpdate({ target: [emulationPendingCases.movementId, emulationPendingCases.candidateKey], set: c }).run();
}

export function insertTitle(db: Db, candidateKey: string, year: number, title: string): void {
  db.insert(emulationTitles).values({ candidateKey, year, title }).run();
}

// ---- imported index and initiative figures ----

export type IndexImportRow = { unitId: number; year: number; score: number; band: EvaluationData["index"][number]["band"]; rank: number | null };
export type InitiativeImportRow = { unitId: number; year: number; registered: number; applied: number };
export type RecognitionImportRow = { unitId: number; year: number; title: string; scope: "co_so" | "tinh" | "toan_quoc"; council: string | null; personName: string | null };

/** One transaction: every row or none. A person named on a recognition is matched to a registered person of the unit by name. */
export function importResults(db: Db, rows: { index: IndexImportRow[]; initiatives: InitiativeImportRow[]; recognitions: RecognitionImportRow[] }, now: number) {
  db.transaction((tx) => {
    for (const r of rows.index) {
      // Imported figures go where the reform index publishes its own: one table of results per unit and year.
      const band = bandLabel(r.band ?? null, r.score);
      const values = {
        year: r.year,
        unitId: r.unitId,
        groupCode: groupOf(db, r.unitId),
        setId: null,
        indexValue: r.score,
        bandByPoints: band,
        band,
        rank: r.rank ?? 0,
        cappedReason: null,
        source: "imported" as const,
        publishedAt: now,
      };
      upsertResult(tx, values);
    }
    for (const r of rows.initiatives) {
      tx.insert(initiativeCounts)
        .values({ ...r, updatedAt: now })
        .onConflictDoUpdate({ target: [initiativeCounts.unitId, initiativeCounts.year], set: { registered: r.registered, applied: r.applied, updatedAt: now } })
        .run();
    }
    for (const r of rows.recognitions) {
      const person = r.personName
        ? (db.$client
            .prepare(
              `SELECT p.id FROM emulation_people p JOIN emulation_registrations g ON g.id = p.registration_id WHERE g.unit_id = ? AND p.full_name = ? ORDER BY p.id DESC LIMIT 1`,
            )
            .get(r.unitId, r.personName) as { id: number } | undefined)
        : undefined;
      tx.insert(initiativeRecognitions)
        .values({ ...r, personId: person?.id ?? null, updatedAt: now })
        .onConflictDoUpdate({
          target: [initiativeRecognitions.unitId, initiativeRecognitions.year, initiativeRecognitions.title],
          set: { scope: r.scope, council: r.council, personName: r.personName, personId: person?.id ?? null, updatedAt: now },
        })
        .run();
    }
  });
}

// ---- the evaluation's inputs ----

const BASE_YEARS_BACK = 10;

/**
 * Everything one evaluation of a movement reads, as plain rows: the schemes, each scheme's candidates (the
 * units and people of every sent registration that names it), and the figures their criteria need.
 */
export function movementInputs(db: Db, movementId: number, year?: number) {
  const m = getMovement(db, movementId);
  if (!m) return undefined;
  const y = year ?? m.year;
  const schemes = schemesOf(db, movementId);
  const regs = registrationsOf(db, movementId).filter((r) => r.status !== "chua_gui");
  const unitRows = regs.length
    ? db.select({ id: units.id, name: units.name, parentId: units.parentId, headcount: units.headcount, womenShare: units.womenShare }).from(units).where(inArray(units.id, regs.map((r) => r.unitId))).all()
    : [];
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  // Raw statements for the three large reads (people, declarations, titles): the same rows as the drizzle
  // queries, without the per-row mapping that dominated a read of 100,000 people.
  // Rows as arrays, made objects of one shape here: half the time of better-sqlite3's row objects at 100,000.
  const people: { id: number; registrationId: number; fullName: string; gender: "nam" | "nu" | null; userId: number | null }[] = [];
  for (const r of db.$client
    .prepare(`SELECT id, registration_id, full_name, gender, user_id FROM emulation_people WHERE registration_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .raw()
    .all(JSON.stringify(regs.map((r) => r.id))) as [number, number, string, "nam" | "nu" | null, number | null][]) {
    people.push({ id: r[0], registrationId: r[1], fullName: r[2], gender: r[3], userId: r[4] });
  }
  // Grouped once: a movement of 2,000 units and 100,000 people would otherwise scan every person per unit.
  const peopleByReg = new Map<number, typeof people>();
  for (const p of people) {
    const list = peopleByReg.get(p.registrationId);
    if (list) list.push(p);
    else peopleByReg.set(p.registrationId, [p]);
  }
  const schemeByCode = new Map<string, (typeof schemes)[number]>();
  for (const s of schemes) if (!schemeByCode.has(s.id)) schemeByCode.set(s.id, s);
  const candidates = new Map<string, Candidate[]>(schemes.map((s) => [s.id, []]));
  for (const r of regs) {
    const u = unitById.get(r.unitId)!;
    for (const code of r.schemeCodes) {
      const s = schemeByCode.get(code);
      if (!s) continue;
      const list = candidates.get(code)!;
      if (s.target === "collective") {
        list.push({ key: `unit:${u.id}`, target: "collective", name: u.name, unitId: u.id, quotaUnitId: u.parentId, headcount: u.headcount, womenShare: u.womenShare });
      } else {
        for (const p of peopleByReg.get(r.id) ?? []) {
          list.push({ key: `person:${p.id}`, target: "individual", name: p.fullName, unitId: u.id, quotaUnitId: u.id, quotaUnitName: u.name, personId: p.id, gender: p.gender, headcount: 1 });
        }
      }
    }
  }
  const unitIds = [...new Set([...unitRows.map((u) => u.id)])];
  const inUnits = JSON.stringify(unitIds);
  const from = y - BASE_YEARS_BACK;
  // The rank is among every unit with a result that year, so the index rows of the year are read for all units.
  const index = db.$client
    .prepare(`SELECT unit_id AS unitId, year, index_value AS score, band, rank FROM index_results WHERE year BETWEEN ? AND ? AND (year = ? OR unit_id IN (SELECT value FROM json_each(?)))`)
    .all(from, y, y, inUnits)
    .map((r) => {
      const row = r as { unitId: number; year: number; score: number; band: string; rank: number };
      return { ...row, band: bandKey(row.band), rank: row.rank > 0 ? row.rank : null };
    }) as EvaluationData["index"];
  const imported = db.$client
    .prepare(`SELECT unit_id AS unitId, year, registered, applied FROM initiative_counts WHERE year = ? AND unit_id IN (SELECT value FROM json_each(?))`)
    .all(y, inUnits) as EvaluationData["initiatives"];
  const importedRecognitions = db.$client
    .prepare(`SELECT unit_id AS unitId, year, scope, council, person_id AS personId, title FROM initiative_recognitions WHERE year = ? AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(y, inUnits) as EvaluationData["recognitions"];
  // Where the initiatives register holds a unit's year, its figures replace the imported ones.
  const register = initiativeFigures(db, { years: [y], unitIds });
  const fromRegister = new Set(register.units.map((u) => u.unitId));
  const initiatives = [
    ...imported.filter((i) => !fromRegister.has(i.unitId)),
    ...register.units.map((u) => ({ unitId: u.unitId, year: u.year, registered: u.registered, applied: u.applied })),
  ];
  const personOfUser = new Map(people.filter((p) => p.userId !== null).map((p) => [p.userId as number, p.id]));
  const registerScope = { co_so: "co_so", cap_huyen: "co_so", cap_tinh: "tinh" } as const;
  const recognitions: EvaluationData["recognitions"] = [
    ...importedRecognitions.filter((r) => !fromRegister.has(r.unitId)),
    ...recognisedInitiatives(db, { years: [y], unitIds }).map((r) => {
      const personIds = r.authorUserIds.map((u) => personOfUser.get(u)).filter((id): id is number => id !== undefined);
      return { unitId: r.unitId, year: r.year, scope: registerScope[r.scope], council: r.council, personId: personIds[0] ?? null, personIds, title: r.title };
    }),
  ];
  const contestSlugs = new Set<string>();
  for (const s of schemes) {
    for (const c of s.criteria) if (c.kind === "participation_rate" || c.kind === "quiz_score") contestSlugs.add(c.contest);
    if (s.rankContest) contestSlugs.add(s.rankContest);
  }
  const participation: EvaluationData["participation"] = [];
  const quiz: EvaluationData["quiz"] = [];
  for (const slug of contestSlugs) {
    const contest = db.select({ id: contests.id }).from(contests).where(eq(contests.slug, slug)).get();
    if (!contest) continue;
    for (const row of db.$client
      .prepare(`SELECT unit_id AS unitId, participants, denominator FROM participation_stats WHERE contest_id = ? AND round_id = 0 AND unit_id IN (SELECT value FROM json_each(?))`)
      .all(contest.id, inUnits) as { unitId: number; participants: number; denominator: number }[]) {
      participation.push({ contest: slug, ...row });
    }
    for (const row of db.$client
      .prepare(
        `SELECT u.unit_id AS unitId, MAX(a.score) AS score FROM attempts a JOIN rounds r ON r.id = a.round_id JOIN users u ON u.id = a.user_id
          WHERE r.contest_id = ? AND a.submitted_at IS NOT NULL AND a.score IS NOT NULL AND u.unit_id IN (SELECT value FROM json_each(?)) GROUP BY a.user_id`,
      )
      .all(contest.id, inUnits) as { unitId: number; score: number }[]) {
      quiz.push({ contest: slug, personId: null, unitId: row.unitId, score: row.score });
    }
    for (const row of db.$client
      .prepare(
        `SELECT p.id AS personId, MAX(a.score) AS score FROM emulation_people p JOIN attempts a ON a.user_id = p.user_id JOIN rounds r ON r.id = a.round_id
          WHERE r.contest_id = ? AND a.submitted_at IS NOT NULL AND a.score IS NOT NULL AND p.id IN (SELECT value FROM json_each(?)) GROUP BY p.id`,
      )
      .all(contest.id, JSON.stringify(people.map((p) => p.id))) as { personId: number; score: number }[]) {
      quiz.push({ contest: slug, personId: row.personId, unitId: null, score: row.score });
    }
  }
  // Every candidate once (a unit may stand in two schemes), in the order the schemes list them.
  const all = new Map<string, Candidate>();
  for (const list of candidates.values()) for (const c of list) if (!all.has(c.key)) all.set(c.key, c);
  // The titles of the candidates. (Filtered here: an IN over a json_each of 100,000 keys measured twice as slow.)
  const titles: EvaluationData["titles"] = [];
  for (const r of db.$client.prepare(`SELECT candidate_key, year, title FROM emulation_titles`).raw().all() as [string, number, string][]) {
    if (all.has(r[0])) titles.push({ candidateKey: r[0], year: r[1], title: r[2] });
  }
  // Awards decided on the platform are part of the history too (hồ sơ thành tích), read by "past_titles".
  const userOf = new Map<number, number | null>();
  for (const p of people) userOf.set(p.id, p.userId);
  const forAwards: Parameters<typeof awardTitlesFor>[1] = [];
  for (const c of all.values()) forAwards.push({ key: c.key, unitId: c.unitId, target: c.target, userId: c.personId === undefined ? null : (userOf.get(c.personId) ?? null) });
  for (const t of awardTitlesFor(db, forAwards)) titles.push(t);
  const declarations: EvaluationData["declarations"] = [];
  for (const r of db.$client
    // Evidence is a link or, failing that, the latest file uploaded for the same candidate and criterion.
    .prepare(
      `SELECT d.candidate_key, d.criterion_code, d.value,
              COALESCE(d.evidence, (SELECT 'tệp: ' || f.file_name FROM emulation_evidence_files f
                 WHERE f.movement_id = d.movement_id AND f.candidate_key = d.candidate_key AND f.criterion_code = d.criterion_code ORDER BY f.id DESC LIMIT 1)),
              d.status, d.return_reason
         FROM emulation_declarations d WHERE d.movement_id = ?`,
    )
    .raw()
    .all(movementId) as [string, string, string, string | null, "pending" | "accepted" | "returned", string | null][]) {
    declarations.push({ candidateKey: r[0], criterionId: r[1], value: jsonValue(r[2]), evidence: r[3], status: r[4], returnReason: r[5] });
  }
  const pending = db.select().from(emulationPendingCases).where(eq(emulationPendingCases.movementId, movementId)).all().map(({ movementId: _m, ...p }) => p);
  const data: EvaluationData = { year: y, index, initiatives, recognitions, participation, quiz, titles, declarations, pending };
  return { movement: m, year: y, schemes, candidates, data };
}

// A declared value is JSON text: nearly always true, false or a small number, parsed here without JSON.parse.
function jsonValue(text: string): number | boolean {
  if (text === "true") return true;
  if (text === "false") return false;
  const n = Number(text);
  return text !== "" && Number.isFinite(n) && String(n) === text ? n : (JSON.parse(text) as number | boolean);
}

export type MovementInputs = NonNullable<ReturnType<typeof movementInputs>>;

export function inputsHash(inputs: Pick<MovementInputs, "schemes" | "data"> & { candidates: Map<string, Candidate[]> }): string {
  return serializeInputs(inputs).hash;
}

/**
 * The inputs' hash and their stored text in one pass: the data (tens of megabytes for a large movement) and
 * the candidates, as columns, are serialised once, hashed with the schemes, and that text is what the
 * snapshot stores.
 */
export function serializeInputs(inputs: Pick<MovementInputs, "schemes" | "data"> & { candidates: Map<string, Candidate[]> }) {
  const dataJson = JSON.stringify(inputs.data);
  const storedCandidates = storeCandidates(inputs.schemes, inputs.candidates);
  const candidatesJson = storedCandidates.map((c) => JSON.stringify(c));
  const h = createHash("sha256").update(`{"v":${STORED_VERSION},"s":`).update(JSON.stringify(inputs.schemes)).update(',"c":[');
  candidatesJson.forEach((c, i) => h.update(i ? `,${c}` : c));
  const hash = h.update('],"d":').update(dataJson).update("}").digest("hex").slice(0, 32);
  return { hash, dataJson, storedCandidates, candidatesJson };
}

/** The latest snapshot's id, when its inputs had this hash: a run on unchanged inputs stores nothing. */
export function unchangedSnapshot(db: Db, movementId: number, year: number, hash: string): number | undefined {
  // Only the id and hash of the last one: its stored inputs can be tens of megabytes.
  const last = db.$client
    .prepare(`SELECT id, inputs_hash AS inputsHash FROM evaluation_snapshots WHERE movement_id = ? AND year = ? ORDER BY computed_at DESC, id DESC LIMIT 1`)
    .get(movementId, year) as { id: number; inputsHash: string } | undefined;
  return last && last.inputsHash === hash ? last.id : undefined;
}

/**
 * Stores a snapshot unless the latest one of the year had the same inputs; returns the snapshot id. The result
 * is stored compact (compactEvaluation: outcomes, not reasons), whether it was computed with reasons or not.
 */
export function saveSnapshot(
  db: Db,
  movementId: number,
  year: number,
  serialized: Pick<ReturnType<typeof serializeInputs>, "hash" | "dataJson" | "storedCandidates" | "candidatesJson">,
  schemes: readonly Scheme[],
  result: readonly SchemeEvaluation[],
  reason: string,
  now: number,
): { id: number; created: boolean } {
  const same = unchangedSnapshot(db, movementId, year, serialized.hash);
  if (same !== undefined) return { id: same, created: false };
  const compact = compactEvaluation(schemes, serialized.storedCandidates, result);
  // The candidates' columns were serialised for the hash: spliced in rather than serialised again.
  const resultJson = JSON.stringify({ ...compact, evaluations: compact.evaluations.map((e, i) => ({ ...e, candidates: i })) }).replace(
    /"candidates":(\d+)/g,
    (_m, i: string) => `"candidates":${serialized.candidatesJson[Number(i)]}`,
  );
  const id = db.$client
    .prepare(`INSERT INTO evaluation_snapshots (movement_id, year, inputs_hash, inputs, result, reason, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`)
    .pluck()
    .get(movementId, year, serialized.hash, serialized.dataJson, resultJson, reason, now) as number;
  return { id, created: true };
}

export type SnapshotRow = {
  id: number;
  movementId: number;
  year: number;
  inputsHash: string;
  inputs: EvaluationData;
  /** Every candidate against every criterion with its reason, as the council saw it when it was computed. */
  result: SchemeEvaluation[];
  /** The schemes and criteria as they were (undefined for a snapshot stored before they were kept). */
  schemes: Scheme[] | undefined;
  reason: string;
  computedAt: number;
};

type RawSnapshot = { id: number; movementId: number; year: number; inputsHash: string; inputs: string; result: string; reason: string; computedAt: number };

/**
 * A stored snapshot read back: its reasons written again from its own inputs (explainEvaluation); a snapshot
 * from before the compact form carries its reasons as they were. `keep` limits the candidates explained.
 */
function decodeSnapshot(raw: RawSnapshot, keep?: (c: { key: string; unitId: number }) => boolean): SnapshotRow {
  const inputs = JSON.parse(raw.inputs) as EvaluationData;
  const stored = JSON.parse(raw.result) as unknown;
  if (isStoredEvaluation(stored)) return { ...raw, inputs, schemes: stored.schemes, result: explainEvaluation(stored, inputs, keep) };
  const result = stored as SchemeEvaluation[];
  return { ...raw, inputs, schemes: undefined, result: keep ? result.map((s) => ({ ...s, candidates: s.candidates.filter(keep), selected: s.selected.filter((k) => s.candidates.some((c) => c.key === k && keep(c))) })) : result };
}

const SNAPSHOT_COLUMNS = `id, movement_id AS movementId, year, inputs_hash AS inputsHash, inputs, result, reason, computed_at AS computedAt`;

export function latestSnapshot(db: Db, movementId: number, year?: number, opts: { keep?: (c: { key: string; unitId: number }) => boolean } = {}): SnapshotRow | undefined {
  const raw = (
    year === undefined
      ? db.$client.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM evaluation_snapshots WHERE movement_id = ? ORDER BY computed_at DESC, id DESC LIMIT 1`).get(movementId)
      : db.$client.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM evaluation_snapshots WHERE movement_id = ? AND year = ? ORDER BY computed_at DESC, id DESC LIMIT 1`).get(movementId, year)
  ) as RawSnapshot | undefined;
  return raw ? decodeSnapshot(raw, opts.keep) : undefined;
}

/** One snapshot by its id (a council's view of an earlier day), within its movement. */
export function snapshotById(db: Db, movementId: number, id: number, opts: { keep?: (c: { key: string; unitId: number }) => boolean } = {}): SnapshotRow | undefined {
  const raw = db.$client.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM evaluation_snapshots WHERE id = ? AND movement_id = ?`).get(id, movementId) as RawSnapshot | undefined;
  return raw ? decodeSnapshot(raw, opts.keep) : undefined;
}

export function snapshotsOf(db: Db, movementId: number) {
  return db
    .select({ id: evaluationSnapshots.id, year: evaluationSnapshots.year, reason: evaluationSnapshots.reason, computedAt: evaluationSnapshots.computedAt })
    .from(evaluationSnapshots)
    .where(eq(evaluationSnapshots.movementId, movementId))
    .orderBy(desc(evaluationSnapshots.computedAt))
    .limit(20)
    .all();
}

export function unitCodeIds(db: Db, codes: string[]): Map<string, number> {
  if (codes.length === 0) return new Map();
  return new Map(db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, codes)).all().map((u) => [u.code, u.id]));
}


const BAND_LABELS = { xuat_sac: "Xuất sắc", tot: "Tốt", kha: "Khá", trung_binh: "Trung bình", yeu: "Yếu" } as const;
type BandKey = keyof typeof BAND_LABELS;

/** The reform index stores a band by its label ("Xuất sắc"); the criteria compare keys (xuat_sac). */
function bandKey(label: string): BandKey | null {
  const hit = (Object.entries(BAND_LABELS) as [BandKey, string][]).find(([, l]) => l === label);
  return hit ? hit[0] : null;
}

function bandLabel(key: BandKey | null, score: number): string {
  if (key) return BAND_LABELS[key];
  return score >= 90 ? "Xuất sắc" : score >= 80 ? "Tốt" : score >= 70 ? "Khá" : score >= 50 ? "Trung bình" : "Yếu";
}

/** Imported units are ranked among the units of the same parent, whose code names the group. */
function groupOf(db: Db, unitId: number): string {
  const parent = db.$client.prepare("SELECT p.code FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?").pluck().get(unitId) as string | null | undefined;
  return parent ?? "chung";
}
