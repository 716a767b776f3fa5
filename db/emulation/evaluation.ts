import { contextFromData } from "../../app/core/emulation/context";
import { evaluateMovement } from "../../app/core/emulation/evaluate";
import type { Db } from "../connection";
import { movementInputs, saveSnapshot, serializeInputs } from "./queries";

/**
 * Read a movement's inputs, evaluate them with the pure rules, store the snapshot. Shared by the web (on
 * demand, the CLI) and the worker (when inputs change); a second run on unchanged inputs stores nothing.
 */
export function evaluateAndSnapshot(db: Db, movementId: number, opts: { year?: number; reason: string; now: number }) {
  const inputs = movementInputs(db, movementId, opts.year);
  if (!inputs) return undefined;
  const result = evaluateMovement(inputs.schemes, inputs.candidates, contextFromData(inputs.data));
  const { hash, dataJson } = serializeInputs(inputs);
  const saved = saveSnapshot(db, movementId, inputs.year, hash, { json: dataJson }, result, opts.reason, opts.now);
  return { ...saved, inputs, result };
}
