import type Database from "better-sqlite3";
import { type Filler, type FillRefusal, fillClosed, fillMessages, mayFill } from "../../app/core/reform-index/fill";
import { isLeaf } from "../../app/core/reform-index/index-set";
import { logAudit } from "../audit";
import type { Db } from "../connection";
import { type EntrySave, type LoadedSet, saveEntry, setRows } from "./index";

/**
 * The self-assessment's write path, shared by the Remix use cases (app/reform-index/index.server.ts) and the
 * autosave served by the lean HTTP entry (app/server/hot.ts): the access check and the row save, each a few
 * prepared statements.
 */

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
function prepare(c: Database.Database) {
  return {
    set: c.prepare("SELECT id, state, self_deadline_at AS selfDeadlineAt, version, created_at AS createdAt FROM index_sets WHERE id = ?"),
    setUnit: c.prepare("SELECT 1 FROM index_set_units WHERE set_id = ? AND unit_id = ?").pluck(),
    roles: c.prepare("SELECT role, unit_id AS unitId FROM role_grants WHERE user_id = ?"),
    assessment: c.prepare("SELECT id, state, officer_user_id AS officerUserId FROM index_assessments WHERE set_id = ? AND unit_id = ?"),
    newAssessment: c.prepare(
      "INSERT INTO index_assessments (set_id, unit_id, state, updated_at) VALUES (?, ?, 'draft', ?) ON CONFLICT (set_id, unit_id) DO NOTHING",
    ),
    selfScore: c.prepare("SELECT self_score FROM index_entries WHERE assessment_id = ? AND row_id = ?").pluck(),
  };
}
function statements(db: Db) {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = prepare(db.$client)));
  return s;
}

type SetHead = { id: number; state: string; selfDeadlineAt: number | null; version: number; createdAt: number };
type AssessmentHead = { id: number; state: string; officerUserId: number | null };

/** A person's grants, read by one prepared statement (the hot entry knows only the session's user id). */
export function fillerOf(db: Db, userId: number): Filler {
  return { id: userId, roles: statements(db).roles.all(userId) as Filler["roles"] };
}

/**
 * The assessment a person may write now, or why not: 404 for a set or unit outside it, 403 for someone who is
 * neither the unit's head nor its index officer, 409 when the set is not open, the assessment was sent or the
 * deadline passed. A refused request changes nothing (the assessment is created only for one who may fill).
 */
export function fillableAssessment(
  db: Db,
  user: Filler,
  setId: number,
  unitId: number,
  now = Date.now(),
): { ok: true; set: SetHead & { rows: LoadedSet["rows"] }; assessmentId: number } | FillRefusal {
  const s = statements(db);
  const set = s.set.get(setId) as SetHead | undefined;
  if (!set || s.setUnit.get(setId, unitId) === undefined) return { ok: false, status: 404, message: fillMessages.notFound };
  let a = s.assessment.get(setId, unitId) as AssessmentHead | undefined;
  if (!mayFill(user, unitId, a?.officerUserId ?? null)) return { ok: false, status: 403, message: fillMessages.forbidden };
  const closed = fillClosed(set, a, now);
  if (closed) return closed;
  if (!a) {
    s.newAssessment.run(setId, unitId, now);
    a = s.assessment.get(setId, unitId) as AssessmentHead;
  }
  return { ok: true, set: { ...set, rows: setRows(db, set.id, set.version, set.createdAt) }, assessmentId: a.id };
}

export type RowSave = EntrySave & { setId: number; unitId: number; rowId: number };

/**
 * One row saved as the person types, in one transaction: the access check, the entry (a replayed older seq
 * changes nothing), and an audit line when the self-score changed. The answer says what is stored.
 */
export function saveRowAs(db: Db, user: Filler, input: RowSave, now = Date.now()): { ok: true; selfScore: number | null; seq: number } | FillRefusal {
  return db.$client
    .transaction((): { ok: true; selfScore: number | null; seq: number } | FillRefusal => {
      const ctx = fillableAssessment(db, user, input.setId, input.unitId, now);
      if (!ctx.ok) return ctx;
      const row = ctx.set.rows.find((r) => r.id === input.rowId);
      if (!row || !isLeaf(ctx.set.rows, row.code)) return { ok: false, status: 409, message: fillMessages.noRow };
      const before = (statements(db).selfScore.get(ctx.assessmentId, row.id) as number | null | undefined) ?? null;
      const r = saveEntry(db, { assessmentId: ctx.assessmentId, row, userId: user.id, save: input }, now);
      if (!r.ok) return { ok: false, status: 409, message: r.message };
      if (!r.stale && before !== r.selfScore) {
        logAudit(
          db,
          {
            userId: user.id,
            action: "reform_index.self_score",
            entity: "index_entry",
            entityId: `${ctx.assessmentId}:${row.id}`,
            detail: { row: row.stt, title: row.title, from: before, to: r.selfScore },
          },
          now,
        );
      }
      return { ok: true, selfScore: r.selfScore, seq: input.seq };
    })
    .immediate();
}
