import { getDb } from "../db/connection";
import { getOwnTask, getTask } from "../db/tasks";
import type { CurrentUser } from "./account/session.server";

/** A background task's progress for the page that started it; other people's tasks are not found. */
export function taskForUser(user: CurrentUser, taskId: number) {
  const db = getDb();
  const isAdmin = user.roles.some((r) => r.role === "admin");
  const task = isAdmin ? getTask(db, taskId) : getOwnTask(db, taskId, user.id);
  if (!task) return null;
  return {
    id: task.id,
    kind: task.kind,
    status: task.status,
    progress: task.progress,
    total: task.total,
    result: task.result,
    error: task.error,
  };
}
