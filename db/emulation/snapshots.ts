import { desc, eq } from "drizzle-orm";
import type { EvaluationData } from "../../app/core/emulation/context";
import { explainEvaluation, isStoredEvaluation, type StoredEvaluation } from "../../app/core/emulation/snapshot";
import type { Scheme, SchemeEvaluation } from "../../app/core/emulation/types";
import type { Db } from "../connection";
import { evaluationSnapshots } from "../schema";
import type { serializeInputs } from "./inputs";
import { writeThenCheckpoint } from "./worker-connection";

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
 * evaluation is in its stored form (evaluateStored: outcomes, not reasons). Each part of the inputs is
 * stored once by its sha256 (evaluation_input_parts): a new declaration writes the declarations again, not
 * the titles, the index results or the recognitions.
 */
export function saveSnapshot(
  db: Db,
  movementId: number,
  year: number,
  serialized: Pick<ReturnType<typeof serializeInputs>, "hash" | "year" | "parts" | "candidatesJson">,
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
  const c = db.$client;
  const known = c.prepare("SELECT 1 FROM evaluation_input_parts WHERE hash = ?").pluck();
  const fresh = serialized.parts.filter((part) => !known.get(part.sha256));
  // A part is the bytes SQLite wrote (UTF-8 JSON), stored as text as they are.
  const addPart = c.prepare("INSERT OR IGNORE INTO evaluation_input_parts (hash, body, created_at) VALUES (?, CAST(? AS TEXT), ?)");
  const manifest: InputManifest = { year: serialized.year, parts: Object.fromEntries(serialized.parts.map((part) => [part.name, part.sha256])) };
  const write = () =>
    db.transaction(() => {
      for (const part of fresh) addPart.run(part.sha256, part.bytes, now);
      return c
        .prepare(`INSERT INTO evaluation_snapshots (movement_id, year, inputs_hash, inputs, input_parts, result, reason, computed_at) VALUES (?, ?, ?, '', ?, ?, ?, ?) RETURNING id`)
        .pluck()
        .get(movementId, year, serialized.hash, JSON.stringify(manifest), resultJson, reason, now) as number;
    });
  // Megabytes (a large movement's new parts) are checkpointed by the worker's connection, not this one.
  const bytes = fresh.reduce((n, part) => n + part.bytes.length, resultJson.length);
  const id = bytes >= LARGE_WRITE_BYTES ? writeThenCheckpoint(db, write) : write();
  return { id, created: true };
}

const LARGE_WRITE_BYTES = 8_000_000;

/** What evaluation_snapshots.input_parts holds: the year, and each part of the data by its hash, in order. */
type InputManifest = { year: number; parts: Record<string, string> };

/** A snapshot's inputs as one JSON text: whole in older rows, assembled from its parts in newer ones. */
function inputsText(db: Db, raw: RawSnapshot): string {
  if (raw.inputParts === null) return raw.inputs;
  const manifest = JSON.parse(raw.inputParts) as InputManifest;
  const hashes = Object.values(manifest.parts);
  const bodies = new Map(
    (db.$client.prepare("SELECT hash, body FROM evaluation_input_parts WHERE hash IN (SELECT value FROM json_each(?))").raw().all(JSON.stringify(hashes)) as [string, string][]),
  );
  let text = `{"year":${manifest.year}`;
  for (const [name, hash] of Object.entries(manifest.parts)) {
    const body = bodies.get(hash);
    if (body === undefined) throw new Error(`evaluation snapshot ${raw.id}: input part ${name} (${hash}) is missing`);
    text += `,${JSON.stringify(name)}:${body}`;
  }
  return `${text}}`;
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

type RawSnapshot = { id: number; movementId: number; year: number; inputsHash: string; inputs: string; inputParts: string | null; result: string; reason: string; computedAt: number };

/**
 * A stored snapshot read back: its reasons written again from its own inputs (explainEvaluation); a snapshot
 * from before the compact form carries its reasons as they were. `keep` limits the candidates explained.
 */
function decodeSnapshot(db: Db, { inputParts, ...raw }: RawSnapshot, keep?: (c: { key: string; unitId: number }) => boolean): SnapshotRow {
  const inputs = JSON.parse(inputsText(db, { ...raw, inputParts })) as EvaluationData;
  const stored = JSON.parse(raw.result) as unknown;
  if (isStoredEvaluation(stored)) return { ...raw, inputs, schemes: stored.schemes, result: explainEvaluation(stored, inputs, keep) };
  const result = stored as SchemeEvaluation[];
  return { ...raw, inputs, schemes: undefined, result: keep ? result.map((s) => ({ ...s, candidates: s.candidates.filter(keep), selected: s.selected.filter((k) => s.candidates.some((c) => c.key === k && keep(c))) })) : result };
}

const SNAPSHOT_COLUMNS = `id, movement_id AS movementId, year, inputs_hash AS inputsHash, inputs, input_parts AS inputParts, result, reason, computed_at AS computedAt`;

export function latestSnapshot(db: Db, movementId: number, year?: number, opts: { keep?: (c: { key: string; unitId: number }) => boolean } = {}): SnapshotRow | undefined {
  const raw = (
    year === undefined
      ? db.$client.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM evaluation_snapshots WHERE movement_id = ? ORDER BY computed_at DESC, id DESC LIMIT 1`).get(movementId)
      : db.$client.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM evaluation_snapshots WHERE movement_id = ? AND year = ? ORDER BY computed_at DESC, id DESC LIMIT 1`).get(movementId, year)
  ) as RawSnapshot | undefined;
  return raw ? decodeSnapshot(db, raw, opts.keep) : undefined;
}

/** One snapshot by its id (a council's view of an earlier day), within its movement. */
export function snapshotById(db: Db, movementId: number, id: number, opts: { keep?: (c: { key: string; unitId: number }) => boolean } = {}): SnapshotRow | undefined {
  const raw = db.$client.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM evaluation_snapshots WHERE id = ? AND movement_id = ?`).get(id, movementId) as RawSnapshot | undefined;
  return raw ? decodeSnapshot(db, raw, opts.keep) : undefined;
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

