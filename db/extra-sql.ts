import type { Db } from "./connection";
import { registerFtsStatements } from "./initiative-register/fts";

/**
 * SQL that drizzle's schema cannot express (FTS5 virtual tables, triggers). Each statement is idempotent
 * (IF NOT EXISTS) and runs after the migrations, at every start.
 */
const statements: string[] = [
  // initiatives: one FTS5 index over entries (rowid = 2 × id) and the archive (rowid = 2 × id + 1), fed by
  // triggers from the folded search text, so "similar ideas" ignore diacritics and are ranked by bm25.
  `CREATE VIRTUAL TABLE IF NOT EXISTS initiative_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER IF NOT EXISTS initiative_entries_fts_ai AFTER INSERT ON initiative_entries BEGIN
     INSERT INTO initiative_fts(rowid, body) VALUES (new.id * 2, new.search_folded); END`,
  `CREATE TRIGGER IF NOT EXISTS initiative_entries_fts_au AFTER UPDATE OF search_folded ON initiative_entries BEGIN
     DELETE FROM initiative_fts WHERE rowid = old.id * 2;
     INSERT INTO initiative_fts(rowid, body) VALUES (new.id * 2, new.search_folded); END`,
  `CREATE TRIGGER IF NOT EXISTS initiative_entries_fts_ad AFTER DELETE ON initiative_entries BEGIN
     DELETE FROM initiative_fts WHERE rowid = old.id * 2; END`,
  `CREATE TRIGGER IF NOT EXISTS initiative_archive_fts_ai AFTER INSERT ON initiative_archive BEGIN
     INSERT INTO initiative_fts(rowid, body) VALUES (new.id * 2 + 1, new.search_folded); END`,
  `CREATE TRIGGER IF NOT EXISTS initiative_archive_fts_au AFTER UPDATE OF search_folded ON initiative_archive BEGIN
     DELETE FROM initiative_fts WHERE rowid = old.id * 2 + 1;
     INSERT INTO initiative_fts(rowid, body) VALUES (new.id * 2 + 1, new.search_folded); END`,
  `CREATE TRIGGER IF NOT EXISTS initiative_archive_fts_ad AFTER DELETE ON initiative_archive BEGIN
     DELETE FROM initiative_fts WHERE rowid = old.id * 2 + 1; END`,
  // Rows written before the index existed (an older database) are indexed once.
  `INSERT INTO initiative_fts(rowid, body) SELECT id * 2, search_folded FROM initiative_entries
     WHERE id * 2 NOT IN (SELECT rowid FROM initiative_fts)`,
  `INSERT INTO initiative_fts(rowid, body) SELECT id * 2 + 1, search_folded FROM initiative_archive
     WHERE id * 2 + 1 NOT IN (SELECT rowid FROM initiative_fts)`,
  ...registerFtsStatements,
];

export function ensureExtraSql(db: Db, extra: readonly string[] = statements): void {
  for (const statement of extra) db.$client.exec(statement);
}
