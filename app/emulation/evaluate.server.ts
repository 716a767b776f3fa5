import { getDb } from "../../db/connection";
import { evaluateAndSnapshot, isLargeEvaluation } from "../../db/emulation/evaluation";
import { enqueueEvaluation } from "../../workers/queues";

/**
 * A movement's inputs changed (a registration decided, evidence declared or appraised, the evaluation
 * opened): its snapshot is computed again. A small movement is evaluated at once, in milliseconds, so the
 * page the person returns to shows it. A large one (100,000 people take about a second) goes to the worker,
 * which stores the snapshot a moment later, and the web goes on answering; should Redis not take the job,
 * it is evaluated here after all, once the answer has gone.
 */
export function refreshEvaluation(movementId: number, reason: string, now = Date.now()): "done" | "queued" {
  const db = getDb();
  if (!isLargeEvaluation(db, movementId)) {
    evaluateAndSnapshot(db, movementId, { reason, now });
    return "done";
  }
  const here = () => {
    evaluateAndSnapshot(getDb(), movementId, { reason, now });
  };
  enqueueEvaluation(movementId, undefined, now, reason).then(
    (taken) => {
      if (!taken) setImmediate(here);
    },
    () => setImmediate(here),
  );
  return "queued";
}
