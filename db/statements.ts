import type Database from "better-sqlite3";
import type { Db } from "./connection";

/**
 * Prepared statements, prepared once per connection and kept: SQL written by hand for the set-based and hot
 * queries. `rawStmt` returns rows as arrays (for statements that return data).
 */
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const rawCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function cached(store: typeof cache, db: Db, source: string, raw: boolean): Database.Statement {
  let m = store.get(db.$client);
  if (!m) store.set(db.$client, (m = new Map()));
  let s = m.get(source);
  if (!s) {
    s = db.$client.prepare(source);
    if (raw) s.raw();
    m.set(source, s);
  }
  return s;
}

export function stmt(db: Db, source: string): Database.Statement {
  return cached(cache, db, source, false);
}

export function rawStmt(db: Db, source: string): Database.Statement {
  return cached(rawCache, db, source, true);
}
