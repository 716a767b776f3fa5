/**
 * Who on the appraisal council appraises what. A member's assignment is a list of (unit, part) pairs, null meaning
 * every unit or every part; the member appraises the union of them. A member with one (null, null) pair appraises the
 * whole set, as every member did before assignments existed. The chair decides every row whatever the assignment.
 * No I/O.
 */

export type CouncilScope = { unitId: number | null; partCode: string | null };

/** The part (lĩnh vực) a row belongs to: the first segment of its code ("II" of "II.3.2"). */
export const partOf = (code: string) => code.split(".")[0];

/** Whether the assignment reaches the unit at all. */
export const coversUnit = (scopes: readonly CouncilScope[], unitId: number) => scopes.some((s) => s.unitId === null || s.unitId === unitId);

/** The parts of a unit the assignment reaches: null for every part, an empty list for none. */
export function partsFor(scopes: readonly CouncilScope[], unitId: number): string[] | null {
  const here = scopes.filter((s) => s.unitId === null || s.unitId === unitId);
  if (here.some((s) => s.partCode === null)) return null;
  return [...new Set(here.map((s) => s.partCode as string))];
}

export const coversRow = (scopes: readonly CouncilScope[], unitId: number, rowCode: string) => {
  const parts = partsFor(scopes, unitId);
  return parts === null ? coversUnit(scopes, unitId) : parts.includes(partOf(rowCode));
};

/** The pairs one form stands for: the chosen units by the chosen parts, an empty choice meaning all. */
export function scopesFromChoice(unitIds: readonly number[], partCodes: readonly string[]): CouncilScope[] {
  const us: (number | null)[] = unitIds.length ? [...new Set(unitIds)] : [null];
  const ps: (string | null)[] = partCodes.length ? [...new Set(partCodes)] : [null];
  return us.flatMap((unitId) => ps.map((partCode) => ({ unitId, partCode })));
}

export type ProgressInput = {
  /** The scored rows (leaves) of the set. */
  leaves: readonly { id: number; code: string }[];
  /** The assessments the council has to appraise (sent, or already appraised). */
  assessments: readonly { id: number; unitId: number }[];
  /** The members other than the chair, with their assignment. */
  members: readonly { userId: number; scopes: readonly CouncilScope[] }[];
  /** Which member gave an opinion on which row of which assessment. */
  marks: readonly { assessmentId: number; rowId: number; memberUserId: number }[];
  /** Which rows the chair has decided. */
  finals: readonly { assessmentId: number; rowId: number }[];
};

export type MemberProgress = { userId: number; toAppraise: number; appraised: number };
export type UnitProgress = { unitId: number; rows: number; appraised: number; finalized: number; unassigned: number };

/**
 * Rows appraised out of rows to appraise, per member (over the rows of their units and parts) and per unit (a row
 * counts once some member has given an opinion on it), with the rows no member is assigned to.
 */
export function councilProgress(input: ProgressInput): { members: MemberProgress[]; units: UnitProgress[] } {
  const marked = new Set(input.marks.map((m) => `${m.assessmentId}:${m.rowId}:${m.memberUserId}`));
  const anyMark = new Set(input.marks.map((m) => `${m.assessmentId}:${m.rowId}`));
  const decided = new Set(input.finals.map((f) => `${f.assessmentId}:${f.rowId}`));
  const members = input.members.map((m) => {
    let toAppraise = 0;
    let appraised = 0;
    for (const a of input.assessments) {
      for (const r of input.leaves) {
        if (!coversRow(m.scopes, a.unitId, r.code)) continue;
        toAppraise++;
        if (marked.has(`${a.id}:${r.id}:${m.userId}`)) appraised++;
      }
    }
    return { userId: m.userId, toAppraise, appraised };
  });
  const units = input.assessments.map((a) => {
    let appraised = 0;
    let finalized = 0;
    let unassigned = 0;
    for (const r of input.leaves) {
      if (anyMark.has(`${a.id}:${r.id}`)) appraised++;
      if (decided.has(`${a.id}:${r.id}`)) finalized++;
      if (!input.members.some((m) => coversRow(m.scopes, a.unitId, r.code))) unassigned++;
    }
    return { unitId: a.unitId, rows: input.leaves.length, appraised, finalized, unassigned };
  });
  return { members, units };
}
