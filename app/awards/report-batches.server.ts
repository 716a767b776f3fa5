import fs from "node:fs";
import path from "node:path";
import { logAudit } from "../../db/audit";
import * as q from "../../db/awards/queries";
import { latestReportTask } from "../../db/awards/reports";
import { getDb } from "../../db/connection";
import * as em from "../../db/emulation/queries";
import { getUnit } from "../../db/participation/units";
import { createTask, getTask } from "../../db/tasks";
import { AWARD_REPORTS_TASK, enqueueAwardReports } from "../../workers/queues";
import type { CurrentUser } from "../account/session.server";
import { filesDir } from "../organizer/organizer.server";
import { canOrganizeLevel, headUnitsIn, notFound, requireMovement } from "./access.server";
import { requireOrganizer } from "./dossier.server";
import { reportBatchForm } from "./schemas";

/**
 * The Báo cáo thành tích of many candidates at once: the page asks, the awards worker builds them into one
 * zip and writes its progress to the task row, the page shows the bar and then the download. A batch that
 * Redis lost is added again when its page is visited (and by the worker's sweeper).
 */

type Result = { ok: true; message: string; taskId: number } | { ok: false; message: string };

type Scope = { movementId: number; schemeCode: string | null; proposerUnitId: number | null; levelUnitIds: number[] | null; includeDrafts: boolean; label: string };

function scopeFor(user: CurrentUser, movementId: number, raw: string, as: "organizer" | "unit"): Scope | string {
  const db = getDb();
  const m = requireMovement(movementId);
  if (as === "organizer") {
    const { levels } = requireOrganizer(user, movementId);
    const base = { movementId, levelUnitIds: levels, includeDrafts: false };
    if (raw === "all") return { ...base, schemeCode: null, proposerUnitId: null, label: "" };
    if (raw.startsWith("scheme:")) {
      const code = raw.slice(7);
      if (!em.schemesOf(db, movementId).some((s) => s.id === code)) return "Không có hình thức này trong phong trào.";
      return { ...base, schemeCode: code, proposerUnitId: null, label: code };
    }
    const unitId = Number(raw.slice(5));
    if (!em.participatingUnitIds(db, m).includes(unitId)) return "Đơn vị không tham gia phong trào.";
    return { ...base, schemeCode: null, proposerUnitId: unitId, label: getUnit(db, unitId)?.name ?? "" };
  }
  const unitId = Number(raw.slice(5));
  if (!raw.startsWith("unit:") || !headUnitsIn(user, m).includes(unitId)) throw notFound("Không tìm thấy đơn vị.");
  return { movementId, schemeCode: null, proposerUnitId: unitId, levelUnitIds: null, includeDrafts: true, label: getUnit(db, unitId)?.name ?? "" };
}

export async function startReportBatch(user: CurrentUser, movementId: number, form: FormData, as: "organizer" | "unit", now = Date.now()): Promise<Result> {
  const db = getDb();
  const parsed = reportBatchForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  const scope = scopeFor(user, movementId, parsed.data.scope, as);
  if (typeof scope === "string") return { ok: false, message: scope };
  const count = q
    .proposalsOf(db, movementId, scope.proposerUnitId !== null ? { proposerUnitIds: [scope.proposerUnitId] } : {})
    .filter((p) => (scope.schemeCode === null || p.schemeCode === scope.schemeCode) && (scope.levelUnitIds === null || scope.levelUnitIds.includes(p.levelUnitId)) && (scope.includeDrafts || p.state !== "nhap")).length;
  if (count === 0) return { ok: false, message: "Chưa có hồ sơ nào trong phạm vi này." };
  // The same batch asked twice while the first still runs is the first one.
  const last = latestReportTask(db, user.id, movementId);
  if (last && (last.status === "queued" || last.status === "running") && JSON.stringify(last.input) === JSON.stringify(scope)) {
    await enqueueAwardReports(movementId, last.id);
    return { ok: true, message: "Gói báo cáo này đang được tạo.", taskId: last.id };
  }
  const task = createTask(db, { kind: AWARD_REPORTS_TASK, input: scope, createdBy: user.id }, now);
  const queued = await enqueueAwardReports(movementId, task.id);
  logAudit(db, { userId: user.id, action: "awards.reports.start", entity: "movement", entityId: movementId, detail: { taskId: task.id, count, scheme: scope.schemeCode, unitId: scope.proposerUnitId } }, now);
  return {
    ok: true,
    message: queued ? `Đang tạo ${count} Báo cáo thành tích ở tiến trình nền.` : `Đã ghi yêu cầu tạo ${count} Báo cáo thành tích; tiến trình nền sẽ xử lý khi hàng đợi hoạt động trở lại.`,
    taskId: task.id,
  };
}

/** The person's latest batch in the movement, for its bar or its link; an unfinished one is queued again (Redis may have lost it). */
export async function latestReportBatch(user: CurrentUser, movementId: number) {
  const t = latestReportTask(getDb(), user.id, movementId);
  if (!t) return null;
  if (t.status === "queued" || t.status === "running") await enqueueAwardReports(movementId, t.id);
  const input = t.input as Partial<Scope> | null;
  const result = t.result as { count?: number } | null;
  return { id: t.id, status: t.status, label: input?.label ?? "", count: result?.count ?? null, createdAt: t.createdAt };
}

/** A finished batch's zip, for the person who asked for it while they still hold the scope. */
export function reportBatchFile(user: CurrentUser, movementId: number, taskId: number) {
  const db = getDb();
  const t = getTask(db, taskId);
  const input = t?.input as Partial<Scope> | null | undefined;
  if (!t || t.kind !== AWARD_REPORTS_TASK || t.createdBy !== user.id || input?.movementId !== movementId) throw notFound("Không tìm thấy gói báo cáo.");
  const m = requireMovement(movementId);
  const allowed = input.levelUnitIds ? input.levelUnitIds.some((l) => canOrganizeLevel(user, l)) : input.proposerUnitId != null && headUnitsIn(user, m).includes(input.proposerUnitId);
  if (!allowed) throw notFound("Không tìm thấy gói báo cáo.");
  const result = t.result as { file?: string; downloadName?: string; count?: number } | null;
  if (t.status !== "done" || !result?.file || !result.downloadName) throw new Response("Gói báo cáo chưa tạo xong.", { status: 409 });
  const file = path.resolve(result.file);
  if (path.dirname(file) !== path.resolve(filesDir()) || !fs.existsSync(file)) throw notFound("Không tìm thấy gói báo cáo.");
  logAudit(db, { userId: user.id, action: "awards.reports.download", entity: "movement", entityId: movementId, detail: { taskId, count: result.count ?? null } });
  return { fileName: result.downloadName, body: fs.readFileSync(file), mime: "application/zip" };
}
