import { and, eq, inArray, type SQL } from "drizzle-orm";
import { effectiveScope, widerScope, type Scope, type StatInput, type UnitYearFigures, unitYearFigures } from "../../app/core/initiative-register/rules";
import type { Db } from "../connection";
import { irAuthors, irCouncils, irRequests, units } from "../schema";
import { applicationsOf } from "./queries";


export type PersonInitiative = { requestId: number; title: string; year: number; share: number; scope: Scope; decisionNumber: string | null; decisionDate: string | null };
export type PersonFigures = { userId: number; fullName: string; unitId: number | null; recognised: number; widestScope: Scope | null; initiatives: PersonInitiative[] };

export type InitiativeFigures = { units: UnitYearFigures[]; people: PersonFigures[] };

/**
 * The narrow interface the emulation criteria and the reform index read: per unit and year, requests
 * registered (filed), recognised, applied (recognised and applied in at least one unit) and the share
 * applied, with the recognised ones by scope of influence (as widened by applications); per person with an
 * account, the recognised initiatives they authored with their share and scope.
 * `years` and `unitIds` narrow the result (omitted or empty: all). Units with nothing filed are absent.
 */
export function initiativeFigures(db: Db, filter: { years?: number[]; unitIds?: number[] } = {}): InitiativeFigures {
  const where: SQL[] = [];
  if (filter.years?.length) where.push(inArray(irRequests.year, filter.years));
  if (filter.unitIds?.length) where.push(inArray(irRequests.unitId, filter.unitIds));
  const rows = db
    .select({ id: irRequests.id, unitId: irRequests.unitId, districtId: units.parentId, year: irRequests.year, state: irRequests.state, decidedScope: irRequests.decidedScope, title: irRequests.title, decisionNumber: irRequests.decisionNumber, decisionDate: irRequests.decisionDate })
    .from(irRequests)
    .innerJoin(units, eq(units.id, irRequests.unitId))
    .where(where.length ? and(...where) : undefined)
    .all();
  const recognisedIds = rows.filter((r) => r.state === "recognised").map((r) => r.id);
  const apps = applicationsOf(db, recognisedIds);
  const scopeOf = new Map<number, Scope>();
  const appliedIds = new Set(apps.map((a) => a.requestId));
  for (const r of rows) {
    if (r.state !== "recognised") continue;
    const own = { unitId: r.unitId, districtId: r.districtId };
    const mine = apps.filter((a) => a.requestId === r.id).map((a) => ({ unitId: a.unitId, districtId: a.districtId }));
    scopeOf.set(r.id, effectiveScope(r.decidedScope ?? "co_so", [own, ...mine]));
  }
  const inputs: StatInput[] = rows.map((r) => ({ id: r.id, unitId: r.unitId, year: r.year, state: r.state, applied: appliedIds.has(r.id), scope: scopeOf.get(r.id) ?? null }));

  const people = new Map<number, PersonFigures>();
  if (recognisedIds.length) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of db.select().from(irAuthors).where(inArray(irAuthors.requestId, recognisedIds)).all()) {
      if (a.userId === null) continue;
      const r = byId.get(a.requestId)!;
      const p = people.get(a.userId) ?? { userId: a.userId, fullName: a.fullName, unitId: a.unitId, recognised: 0, widestScope: null, initiatives: [] };
      const scope = scopeOf.get(r.id)!;
      p.recognised++;
      p.initiatives.push({ requestId: r.id, title: r.title, year: r.year, share: a.share, scope, decisionNumber: r.decisionNumber, decisionDate: r.decisionDate });
      p.widestScope = p.widestScope === null ? scope : widerScope(p.widestScope, scope);
      people.set(a.userId, p);
    }
  }
  return { units: unitYearFigures(inputs), people: [...people.values()].sort((a, b) => a.userId - b.userId) };
}

export type RecognisedInitiative = { requestId: number; unitId: number; year: number; title: string; scope: Scope; council: string | null; authorUserIds: number[] };

/** Each recognised initiative with its widened scope, the council that recognised it and its authors' accounts. */
export function recognisedInitiatives(db: Db, filter: { years?: number[]; unitIds?: number[] } = {}): RecognisedInitiative[] {
  const where: SQL[] = [eq(irRequests.state, "recognised")];
  if (filter.years?.length) where.push(inArray(irRequests.year, filter.years));
  if (filter.unitIds?.length) where.push(inArray(irRequests.unitId, filter.unitIds));
  const rows = db
    .select({ id: irRequests.id, unitId: irRequests.unitId, districtId: units.parentId, year: irRequests.year, title: irRequests.title, decidedScope: irRequests.decidedScope, council: irCouncils.name })
    .from(irRequests)
    .innerJoin(units, eq(units.id, irRequests.unitId))
    .leftJoin(irCouncils, eq(irCouncils.id, irRequests.councilId))
    .where(and(...where))
    .all();
  if (!rows.length) return [];
  const apps = applicationsOf(db, rows.map((r) => r.id));
  const authors = db.select({ requestId: irAuthors.requestId, userId: irAuthors.userId }).from(irAuthors).where(inArray(irAuthors.requestId, rows.map((r) => r.id))).all();
  return rows.map((r) => ({
    requestId: r.id,
    unitId: r.unitId,
    year: r.year,
    title: r.title,
    scope: effectiveScope(r.decidedScope ?? "co_so", [
      { unitId: r.unitId, districtId: r.districtId },
      ...apps.filter((a) => a.requestId === r.id).map((a) => ({ unitId: a.unitId, districtId: a.districtId })),
    ]),
    council: r.council ?? null,
    authorUserIds: authors.filter((a) => a.requestId === r.id && a.userId !== null).map((a) => a.userId as number),
  }));
}

/** The scope words of the emulation side (and its báo cáo thành tích): a district's or department's scope counts as cơ sở there. */
const EMULATION_SCOPE = { co_so: "co_so", cap_huyen: "co_so", cap_tinh: "tinh" } as const;

/**
 * A unit's (or one author's) recognised initiatives for a báo cáo thành tích, per year, from the register
 * where it holds that unit's year (anything filed), as the emulation criteria read it; the years it does not
 * hold are left out of `years` in the answer, for the caller to read from its imported figures.
 */
export function registerInitiativesForReport(db: Db, unitId: number, years: number[], authorUserId: number | null) {
  const held = new Set(initiativeFigures(db, { years, unitIds: [unitId] }).units.filter((u) => u.unitId === unitId).map((u) => u.year));
  const items = recognisedInitiatives(db, { years: [...held], unitIds: [unitId] })
    .filter((r) => authorUserId === null || r.authorUserIds.includes(authorUserId))
    .sort((a, b) => a.year - b.year || a.requestId - b.requestId)
    .map((r) => ({ year: r.year, title: r.title, scope: EMULATION_SCOPE[r.scope], council: r.council }));
  return { years: [...held], items };
}
