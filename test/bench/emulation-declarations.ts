/**
 * Targeted bench of this branch's two reads (not part of npm test): the evaluation's declarations with the
 * evidence-file fallback against the plain read, and the reminders sweep, on 100,000 declarations (half of
 * them backed by a file). Prints one JSON line of medians in milliseconds.
 *
 *   node --import tsx test/bench/emulation-declarations.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase } from "../../db/connection";
import { sweepNotices } from "../../db/emulation/notices";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rf-bench-"));
const db = openDatabase(path.join(dir, "b.sqlite"));
migrateDatabase(db);
const c = db.$client;
c.prepare("INSERT INTO units (id, code, name, name_folded, kind, parent_id, headcount, sort_order) VALUES (1,'R','Gốc','goc','khac',NULL,0,0)").run();
c.prepare("INSERT INTO movements (id, slug, title, organizer_unit_id, kind, period_start, period_end, root_unit_id, excluded_unit_ids, state, year, created_at) VALUES (1,'b','B',1,'hang_nam','2026-01-01','2026-12-31',1,'[]','launched',2026,0)").run();
const N = 100_000;
db.transaction(() => {
  const d = c.prepare("INSERT INTO emulation_declarations (movement_id, candidate_key, criterion_code, value, evidence, status, updated_at) VALUES (1, ?, ?, '1', ?, 'pending', 0)");
  const f = c.prepare("INSERT INTO emulation_evidence_files (movement_id, candidate_key, criterion_code, file_name, stored_name, mime, size, sha256, uploaded_at) VALUES (1, ?, ?, 'a.pdf', 'x', 'application/pdf', 1, 'h', 0)");
  for (let i = 0; i < N; i++) {
    const key = `unit:${i}`;
    d.run(key, "c", i % 2 ? "https://x" : null);
    if (i % 2 === 0) f.run(key, "c");
  }
});
const plain = c.prepare(`SELECT candidate_key, criterion_code, value, evidence, status, return_reason FROM emulation_declarations WHERE movement_id = ?`);
const withFiles = c.prepare(`SELECT d.candidate_key, d.criterion_code, d.value,
  COALESCE(d.evidence, (SELECT 'tệp: ' || f.file_name FROM emulation_evidence_files f WHERE f.movement_id = d.movement_id AND f.candidate_key = d.candidate_key AND f.criterion_code = d.criterion_code ORDER BY f.id DESC LIMIT 1)) AS evidence,
  d.status, d.return_reason FROM emulation_declarations d WHERE d.movement_id = ?`);
const time = (s: typeof plain) => {
  const t: number[] = [];
  for (let r = 0; r < 5; r++) {
    const a = performance.now();
    s.all(1);
    t.push(performance.now() - a);
  }
  return t.sort((x, y) => x - y)[2];
};
sweepNotices(db, Date.parse("2026-12-12T00:00:00Z"));
const t0 = performance.now();
const sweep = sweepNotices(db, Date.parse("2026-12-12T00:00:00Z"));
const sweepMs = performance.now() - t0;
console.log(JSON.stringify({ declarations: N, plain_ms: +time(plain).toFixed(1), with_files_ms: +time(withFiles).toFixed(1), sweep_ms: +sweepMs.toFixed(1), sweep }));
fs.rmSync(dir, { recursive: true, force: true });
