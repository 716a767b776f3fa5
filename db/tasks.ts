import { and, eq } from "drizzle-orm";
import type { Db } from "./connection";
import { backgroundTasks } from "./schema";

export type TaskRow = typeof backgroundTasks.$inferSelect;

export function createTask(db: Db, row: { kind: string; input: Record<string, unknown>; createdBy: number | null }, now = Date.now()): TaskRow {
  return db
    .insert(backgroundTasks)
    .values({ ...row, status: "queued", createdAt: now, updatedAt: now })
    .returning()
    .get();
}

export function getTask(db: Db, id: number): TaskRow | undefined {
  return db.select().from(backgroundTasks).where(eq(backgroundTasks.id, id)).get();
}

/** A task is visible to the person who started it (admins check separately). */
export function getOwnTask(db: Db, id: number, userId: number): TaskRow | undefined {
  return db
    .select()
    .from(backgroundTasks)
    .where(and(eq(backgroundTasks.id, id), eq(backgroundTasks.createdBy, userId)))
    .get();
}

export function updateTask(
  db: Db,
  id: number,
  patch: Partial<Pick<TaskRow, "status" | "progress" | "total" | "result" | "error">>,
  now = Date.now(),
): void {
  db.update(backgroundTasks).set({ ...patch, updatedAt: now }).where(eq(backgroundTasks.id, id)).run();
}
