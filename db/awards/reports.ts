import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { ReportSubject } from "../../app/core/awards/docx/documents";
import type { Db } from "../connection";
import { backgroundTasks } from "../schema";
import * as em from "../emulation/queries";
import { listUnits } from "../participation/units";
import { figuresFor, type Figures } from "./figures";
import { proposalsOf, settingsOf, type ProposalRow } from "./queries";
import { formName } from "./templates";

/**
 * What a Báo cáo thành tích is built from, read from the database: the subject (who, which form, which
 * movement, the proposing unit) and the figures. Shared by the web (one report) and the awards worker (all
 * the reports of a movement, a scheme or a unit), which reads the movement's context once for the batch.
 */

export type ReportContext = {
  movement: em.MovementRow;
  units: Map<number, { id: number; name: string; parentId: number | null }>;
  schemes: Map<string, { form: string; formName?: string }>;
  place: string;
};

export function reportContext(db: Db, movementId: number): ReportContext | null {
  const movement = em.getMovement(db, movementId);
  if (!movement) return null;
  return {
    movement,
    units: new Map(listUnits(db).map((u) => [u.id, { id: u.id, name: u.name, parentId: u.parentId }])),
    schemes: new Map(em.schemesOf(db, movementId).map((s) => [s.id, { form: s.form, formName: s.formName }])),
    place: settingsOf(db, movementId).place,
  };
}

export function reportInputs(db: Db, p: ProposalRow, ctx: ReportContext | null = reportContext(db, p.movementId)): { subject: ReportSubject; figures: Figures } {
  if (!ctx) throw new Error(`movement ${p.movementId} not found`);
  const m = ctx.movement;
  const proposer = ctx.units.get(p.proposerUnitId)!;
  const subject: ReportSubject = {
    target: p.target,
    name: p.name,
    position: p.position,
    gender: p.gender,
    form: formName(ctx.schemes.get(p.schemeCode)?.form ?? p.schemeCode, ctx.schemes.get(p.schemeCode)?.formName),
    movement: m.title.replace(/^Phong trào/, "phong trào"),
    year: m.year,
    proposerParent: proposer.parentId ? ctx.units.get(proposer.parentId)?.name ?? null : null,
    proposer: proposer.name,
    place: ctx.place,
    achievement: p.achievement,
  };
  const figures = figuresFor(db, { unitId: p.unitId, year: m.year, candidateKey: p.candidateKey, personUserId: p.personUserId, emulationPersonId: p.emulationPersonId, target: p.target });
  return { subject, figures };
}

/** The scope of a batch of reports: a movement's proposals, narrowed to one scheme or one proposing unit. */
export type ReportScope = { movementId: number; schemeCode: string | null; proposerUnitId: number | null; levelUnitIds: number[] | null };

/** The proposals a batch covers, in a stable order (so a resumed batch finds the same list). */
export function proposalsForReports(db: Db, s: ReportScope): ProposalRow[] {
  return proposalsOf(db, s.movementId, s.proposerUnitId !== null ? { proposerUnitIds: [s.proposerUnitId] } : {})
    .filter((p) => (s.schemeCode === null || p.schemeCode === s.schemeCode) && (s.levelUnitIds === null || s.levelUnitIds.includes(p.levelUnitId)))
    .sort((a, b) => a.id - b.id);
}

/** Batches of reports not yet done (queued, or running when a worker died), newest last. */
export function unfinishedReportTasks(db: Db, since: number) {
  return db
    .select({ id: backgroundTasks.id, input: backgroundTasks.input, status: backgroundTasks.status })
    .from(backgroundTasks)
    .where(and(eq(backgroundTasks.kind, "award-reports"), inArray(backgroundTasks.status, ["queued", "running"]), gte(backgroundTasks.createdAt, since)))
    .orderBy(asc(backgroundTasks.id))
    .all();
}

/** The latest batch a person asked for in a movement (the page shows its bar, or its download). */
export function latestReportTask(db: Db, userId: number, movementId: number) {
  return db
    .select()
    .from(backgroundTasks)
    .where(and(eq(backgroundTasks.kind, "award-reports"), eq(backgroundTasks.createdBy, userId), sql`json_extract(${backgroundTasks.input}, '$.movementId') = ${movementId}`))
    .orderBy(desc(backgroundTasks.id))
    .limit(1)
    .get();
}
