import { desc, eq } from "drizzle-orm";
import type { EvaluationData } from "../../app/core/emulation/context";
import { explainEvaluation, isStoredEvaluation, type StoredEvaluation } from "../../app/core/emulation/snapshot";
import type { Scheme, SchemeEvaluation } from "../../app/core/emulation/types";
import type { Db } from "../connection";
import { evaluationSnapshots } from "../schema";
import type { serializeInputs } from "./inputs";

/**
 * Evaluation snapshots (evaluation_snapshots): stored once per change of inputs, read back with every reason
 * written again from their own inputs (app/core/emulation/snapshot.ts).
 */

export function unchangedSnapshot(db: Db, movementId: number, year: number, hash: string): number | undefined {
  // Only the id and hash of the last one: its stored inputs can be tens of megabytes.
  const last = db.$client
    .prepare(`SELECT id, inputs_hash AS inputsHash FROM evaluation_snapshots WHERE movement_id = ? AND year = ? ORDER BY computed_at DESC, id DESC LIMIT 1`)
    .get(movementId, year) as { id: number; inputsHash: string } | undefined;
  return last && last.inputsHash === hash ? last.id : undefined;
}

/**
 * Stores a snapshot unless the latest one of the year had the same inputs; returns the snapshot id. The
 * evaluation is in its stored form (evaluateStored: outcomes, not reasons).
 */
export function saveSnapshot(
  db: Db,
  movementId: number,
  year: number,
  serialized: Pick<ReturnType<typeof serializeInputs>, "hash" | "dataJson" | "candidatesJson">,
  evaluation: StoredEvaluation,
  reason: string,
  now: number,
): { id: number; created: boolean } {
  const same = unchangedSnapshot(db, movementId, year, serialized.hash);
  if (same !== undefined) return { id: same, created: false };
  // The candidates' columns were serialised for the hash: spliced in rather than serialised again.
  const resultJson = JSON.stringify({ ...evaluation, evaluations: evaluation.evaluations.map((e, i) => ({ ...e, candidates: i })) }).replace(
    /"candidates":(\d+)/g,
    (_m, i: string) => `"candidates":${serialized.candidatesJson[Number(i)]}`,
  );
  // The inputs are the bytes SQLite wrote (UTF-8 JSON), stored as text as they are.
  const id = db.$client
    .prepare(`INSERT INTO evaluation_snapshots (movement_id, year, inputs_hash, inputs, result, reason, computed_at) VALUES (?, ?, ?, CAST(? AS TEXT), ?, ?, ?) RETURNING id`)
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

