import { UnrecoverableError, type Job } from "bullmq";
import type { Db } from "../db/connection";
import { evaluateAndSnapshot } from "../db/emulation/evaluation";
import { sweepNotices } from "../db/emulation/notices";
import { listMovements } from "../db/emulation/queries";
import { evaluationJob } from "./queues";

/**
 * The emulation worker: a movement's evaluation recomputed from the database. Idempotent: unchanged inputs
 * store nothing. The scheduled run covers inputs that change elsewhere (contest participation, imports).
 */
export function runEvaluationJob(db: Db, job: Job, now = Date.now()) {
  if (job.name === "evaluate") {
    const parsed = evaluationJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError("bad evaluation job");
    const r = evaluateAndSnapshot(db, parsed.data.movementId, { reason: parsed.data.reason ?? "Dữ liệu đầu vào thay đổi", now });
    return { created: r?.created ?? false };
  }
  if (job.name === "evaluate-open") {
    let created = 0;
    for (const m of listMovements(db).filter((x) => x.state === "launched" || x.state === "registration_closed" || x.state === "evaluating")) {
      if (evaluateAndSnapshot(db, m.id, { reason: "Xét lại định kỳ", now })?.created) created++;
    }
    return { created };
  }
  // The movements' reminders (a deadline in 3 days, returned registrations, missing evidence): idempotent by
  // the inbox's key per person, so a rerun or an overlapping run sends nothing twice.
  if (job.name === "notices") return sweepNotices(db, now);
  throw new UnrecoverableError(`unknown emulation job ${job.name}`);
}
