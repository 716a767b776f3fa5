import type { Db } from "./connection";

/**
 * SQL that drizzle's schema cannot express (FTS5 virtual tables, triggers). Each statement is idempotent
 * (IF NOT EXISTS) and runs after the migrations, at every start.
 */
const statements: string[] = [];

export function ensureExtraSql(db: Db, extra: readonly string[] = statements): void {
  for (const statement of extra) db.$client.exec(statement);
}
