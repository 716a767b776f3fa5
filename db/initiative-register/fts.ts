/**
 * The register's own FTS5 index (the contest's initiative_fts keys its rowids by entries and the archive),
 * fed from the folded text by triggers, so the duplicate check reads both with the same MATCH expression.
 */
export const registerFtsStatements: string[] = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS ir_requests_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER IF NOT EXISTS ir_requests_fts_ai AFTER INSERT ON ir_requests BEGIN
     INSERT INTO ir_requests_fts(rowid, body) VALUES (new.id, new.search_folded); END`,
  `CREATE TRIGGER IF NOT EXISTS ir_requests_fts_au AFTER UPDATE OF search_folded ON ir_requests BEGIN
     DELETE FROM ir_requests_fts WHERE rowid = old.id;
     INSERT INTO ir_requests_fts(rowid, body) VALUES (new.id, new.search_folded); END`,
  `CREATE TRIGGER IF NOT EXISTS ir_requests_fts_ad AFTER DELETE ON ir_requests BEGIN
     DELETE FROM ir_requests_fts WHERE rowid = old.id; END`,
  `INSERT INTO ir_requests_fts(rowid, body) SELECT id, search_folded FROM ir_requests
     WHERE id NOT IN (SELECT rowid FROM ir_requests_fts)`,
];
