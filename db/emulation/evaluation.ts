import { contextFromData } from "../../app/core/emulation/context";
import { evaluateStored } from "../../app/core/emulation/snapshot";
import type { SchemeEvaluation } from "../../app/core/emulation/types";
import type { Db } from "../connection";
import { evaluationSize, LARGE_EVALUATION, movementInputs, serializeInputs } from "./inputs";
import { saveSnapshot, snapshotById, unchangedSnapshot } from "./snapshots";

/**
 * Read a movement's inputs, evaluate them with the pure rules, store the snapshot. Shared by the web (on
 * demand, the CLI) and the worker (when inputs change); a second run on unchanged inputs stores nothing.
 *
 * The rules run without writing reasons (the snapshot keeps outcomes and inputs, see
 * app/core/emulation/snapshot.ts); `result`, with every reason, is written from the stored snapshot when a
 * caller first asks for it, so what is returned is what the snapshot will show.
 */
export function evaluateAndSnapshot(db: Db, movementId: number, opts: { year?: number; reason: string; now: number }) {
  const inputs = movementInputs(db, movementId, opts.year);
  if (!inputs) return undefined;
  const serialized = serializeInputs(inputs);
  // Unchanged inputs: the last snapshot stands, and the rules need not run again.
  const same = unchangedSnapshot(db, movementId, inputs.year, serialized.hash);
  const saved =
    same !== undefined
      ? { id: same, created: false }
      : saveSnapshot(db, movementId, inputs.year, serialized, evaluateStored(inputs.schemes, inputs.candidates, serialized.storedCandidates, contextFromData(inputs.data)), opts.reason, opts.now);
  let result: SchemeEvaluation[] | undefined;
  return {
    ...saved,
    inputs,
    get result(): SchemeEvaluation[] {
      result ??= snapshotById(db, movementId, saved.id)!.result;
      return result;
    },
  };
}

/** Whether the movement's evaluation is large (LARGE_EVALUATION people and units or more). */
export function isLargeEvaluation(db: Db, movementId: number): boolean {
  return evaluationSize(db, movementId) >= LARGE_EVALUATION;
}
