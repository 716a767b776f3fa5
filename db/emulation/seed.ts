import fs from "node:fs";
import path from "node:path";
import { foldVietnamese } from "../../app/core/text";
import { parseMovementFile } from "../../app/emulation/content";
import type { MovementFile } from "../../app/emulation/schemas";
import type { Db } from "../connection";
import { contests, movementDeadlines, movementDocuments, units } from "../schema";
import { eq } from "drizzle-orm";
import { findUserByPhone, grantRole, insertUser } from "../account/users";
import { evaluateAndSnapshot } from "./evaluation";
import {
  importResults,
  insertMovement,
  insertPerson,
  insertScheme,
  insertTitle,
  participatingUnitIds,
  setPendingCases,
  setReviewStage,
  unitCodeIds,
  upsertDeclaration,
  upsertRegistration,
} from "./queries";

/** The shipped movements of content/emulation, each with its demo registrations, figures and a first evaluation. */
export function loadMovementFiles(contentDir: string): MovementFile[] {
  const dir = path.join(contentDir, "emulation");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "catalogue.yaml")
    .sort()
    .map((f) => parseMovementFile(fs.readFileSync(path.join(dir, f), "utf8"), f));
}

/** `passwordHash`: the demo password's hash, for the accounts a movement file brings; without it none are made. */
export function seedMovements(db: Db, contentDir: string, now: number, passwordHash?: string): { movements: number } {
  const files = loadMovementFiles(contentDir);
  db.transaction(() => {
    for (const m of files) seedOne(db, m, now, passwordHash);
  });
  for (const m of files) {
    const id = db.$client.prepare("SELECT id FROM movements WHERE slug = ?").get(m.slug) as { id: number };
    evaluateAndSnapshot(db, id.id, { reason: "Dữ liệu mẫu", now });
  }
  return { movements: files.length };
}

function seedOne(db: Db, m: MovementFile, now: number, passwordHash?: string) {
  let order = 10_000;
  for (const u of m.units) {
    const parentId = u.parent ? unitCodeIds(db, [u.parent]).get(u.parent) ?? null : null;
    db.insert(units)
      .values({ code: u.code, name: u.name, nameFolded: foldVietnamese(u.name), kind: u.kind, parentId, headcount: u.headcount, womenShare: u.womenShare ?? null, sortOrder: order++ })
      .onConflictDoNothing()
      .run();
  }
  const codes = new Set<string>([m.organizer, m.participants.root, ...m.participants.exclude, ...m.demo.registrations.map((r) => r.unit), ...m.demo.index.map((r) => r.unit), ...m.demo.initiatives.map((r) => r.unit), ...m.demo.recognitions.map((r) => r.unit), ...m.demo.accounts.map((a) => a.unit)]);
  const ids = unitCodeIds(db, [...codes]);
  const id = (code: string) => {
    const v = ids.get(code);
    if (v === undefined) throw new Error(`${m.slug}: không có đơn vị mã ${code}.`);
    return v;
  };
  const contest = m.linkedContest ? db.select({ id: contests.id }).from(contests).where(eq(contests.slug, m.linkedContest)).get() : undefined;
  const movementId = insertMovement(db, {
    slug: m.slug,
    title: m.title,
    organizerUnitId: id(m.organizer),
    kind: m.kind,
    periodStart: m.periodStart,
    periodEnd: m.periodEnd,
    planNumber: m.planNumber,
    planDate: m.planDate,
    contentsMd: m.contentsMd,
    rootUnitId: id(m.participants.root),
    excludedUnitIds: m.participants.exclude.map(id),
    linkedContestId: contest?.id ?? null,
    state: m.demo.state,
    year: m.demo.year,
    createdAt: now,
    launchedAt: m.demo.state === "draft" ? null : now,
  });
  for (const d of m.documents) db.insert(movementDocuments).values({ movementId, title: d.title, url: d.url }).run();
  for (const d of m.deadlines) db.insert(movementDeadlines).values({ movementId, label: d.label, date: d.date, kind: d.kind ?? null }).run();
  m.schemes.forEach((s, i) => insertScheme(db, movementId, s, i));
  const personIds = new Map<string, number>();
  const part = new Set(participatingUnitIds(db, { rootUnitId: id(m.participants.root), excludedUnitIds: m.participants.exclude.map(id) }));
  const parentOf = db.$client.prepare("SELECT parent_id FROM units WHERE id = ?").pluck();
  for (const r of m.demo.registrations) {
    const unitId = id(r.unit);
    const regId = upsertRegistration(db, { movementId, unitId, status: r.status, schemeCodes: r.schemes, targets: r.targets, returnReason: r.returnReason ?? null, now });
    if (r.status === "cho_duyet" || r.status === "tra_lai") {
      // As a sent registration: to the parent unit first when it takes part in the movement.
      let p = parentOf.get(unitId) as number | null;
      while (p !== null && !part.has(p)) p = parentOf.get(p) as number | null;
      setReviewStage(db, regId, r.stage ?? (p !== null ? "parent" : "organizer"));
    }
    for (const p of r.people) personIds.set(p.key, insertPerson(db, regId, { fullName: p.name, gender: p.gender, position: p.position ?? null }));
  }
  if (passwordHash) {
    for (const a of m.demo.accounts) {
      const user = findUserByPhone(db, a.phone) ?? insertUser(db, { fullName: a.fullName, phone: a.phone, unitId: id(a.unit), position: a.position, passwordHash, consentAt: now, createdAt: now });
      if (a.role) grantRole(db, user.id, a.role, id(a.unit));
    }
  }
  const keyOf = (ref: { unit?: string; person?: string }) => (ref.unit ? `unit:${id(ref.unit)}` : `person:${personIds.get(ref.person!)}`);
  const personName = new Map(m.demo.registrations.flatMap((r) => r.people.map((p) => [p.key, p.name] as const)));
  // Index and initiative figures go through the same path as an import.
  importResults(
    db,
    {
      index: m.demo.index.map((x) => ({ unitId: id(x.unit), year: x.year, score: x.score, band: x.band ?? null, rank: x.rank ?? null })),
      initiatives: m.demo.initiatives.map((x) => ({ unitId: id(x.unit), year: x.year, registered: x.registered, applied: x.applied })),
      recognitions: m.demo.recognitions.map((x) => ({ unitId: id(x.unit), year: x.year, title: x.title, scope: x.scope, council: x.council, personName: x.person ? personName.get(x.person) ?? null : null })),
    },
    now,
  );
  for (const d of m.demo.declarations) upsertDeclaration(db, { movementId, candidateKey: keyOf(d), criterionCode: d.criterion, value: d.value, evidence: d.evidence, status: d.status, returnReason: d.returnReason ?? null, now });
  for (const p of m.demo.pending) setPendingCases(db, movementId, keyOf(p), { discipline: p.discipline, inspection: p.inspection, complaint: p.complaint });
  for (const t of m.demo.titles) insertTitle(db, keyOf(t), t.year, t.title);
}
