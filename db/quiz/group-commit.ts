import type { Db } from "../connection";

/**
 * Group commit: writes that arrive within one turn of the event loop share one transaction. Each caller's
 * promise settles only after that transaction has committed, so an acknowledged answer is on disk as before;
 * a hundred phones saving at once cost one commit instead of a hundred.
 */
type Task = { run: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
const pending = new WeakMap<Db, Task[]>();

export function groupCommit<T>(db: Db, run: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let batch = pending.get(db);
    if (!batch) {
      batch = [];
      pending.set(db, batch);
      setImmediate(() => flush(db));
    }
    batch.push({ run, resolve: resolve as (v: unknown) => void, reject });
  });
}

function flush(db: Db): void {
  const batch = pending.get(db) ?? [];
  pending.delete(db);
  let results: unknown[];
  try {
    results = db.transaction(() => batch.map((t) => t.run()), { behavior: "immediate" });
  } catch (err) {
    for (const t of batch) t.reject(err);
    return;
  }
  batch.forEach((t, i) => t.resolve(results[i]));
}
