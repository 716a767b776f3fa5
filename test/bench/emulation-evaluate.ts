/**
 * Benchmark of an emulation movement's evaluation (issue 13, "Scale"): 2,000 units and 100,000 registered
 * people against 10 criteria of every kind the platform reads (participation rate, index score, rank, band
 * and years, initiatives, declared with evidence, both disqualifiers, past titles). Seeds a temporary SQLite
 * file and prints, as one JSON line, the median seconds of
 *   - pure: the rules alone on inputs already read (contextFromData + evaluateMovement),
 *   - full: evaluateAndSnapshot, which reads the inputs, evaluates, hashes and stores the snapshot.
 *
 *   node --import tsx test/bench/emulation-evaluate.ts [units] [peoplePerUnit] [runs]
 *
 * Not part of `npm test`.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { contextFromData } from "../../app/core/emulation/context";
import { evaluateMovement } from "../../app/core/emulation/evaluate";
import { evaluateStored } from "../../app/core/emulation/snapshot";
import type { Criterion } from "../../app/core/emulation/types";
import { migrateDatabase, openDatabase } from "../../db/connection";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { movementInputs, serializeInputs } from "../../db/emulation/inputs";
import { insertScheme } from "../../db/emulation/queries";
import { saveSnapshot, snapshotById } from "../../db/emulation/snapshots";

const UNITS = Number(process.argv[2] ?? 2_000);
const PER_UNIT = Number(process.argv[3] ?? 50);
const RUNS = Number(process.argv[4] ?? 3);
const YEAR = 2025;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cuocthi-bench-emu-"));
const db = openDatabase(path.join(dir, "bench.sqlite"));
if (process.env.NOCKPT) db.$client.pragma("wal_autocheckpoint = 0");
migrateDatabase(db);
const c = db.$client;
const now = Date.now();
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const collective: Criterion[] = [
  { id: "tham_gia", label: "Tỷ lệ tham gia cuộc thi", kind: "participation_rate", contest: "bench", minRate: 1 },
  { id: "diem_cs", label: "Chỉ số CCHC từ 90%", kind: "index_score", minScore: 90 },
  { id: "hang_cs", label: "Trong 3 vị trí cao nhất", kind: "index_rank", maxRank: 300 },
  { id: "nam_cs", label: "3 năm đạt từ 90%", kind: "index_years", minScore: 80, minYears: 3, fromOffset: -4, toOffset: 0 },
  { id: "di_muon", label: "Đi muộn quá 10% biên chế", kind: "disqualify_share", maxShare: 0.1 },
];
const individual: Criterion[] = [
  { id: "xep_loai", label: "Đơn vị xếp loại từ Khá", kind: "index_band", minBand: "kha" },
  { id: "sang_kien", label: "Có sáng kiến được công nhận", kind: "initiatives", measure: "recognised", min: 1 },
  { id: "hoan_thanh", label: "Hoàn thành xuất sắc nhiệm vụ", kind: "declared_boolean", expected: true },
  { id: "vu_viec", label: "Không có vụ việc đang xem xét", kind: "disqualify_pending" },
  { id: "danh_hieu", label: "2 năm Lao động tiên tiến", kind: "past_titles", title: "Lao động tiên tiến", years: 2 },
];

const seedStart = performance.now();
let movementId = 0;
db.transaction((tx) => {
  const insUnit = c.prepare(
    "INSERT INTO units (id, code, name, name_folded, kind, parent_id, headcount, sort_order, women_share) VALUES (?, ?, ?, ?, 'khac', ?, ?, ?, ?)",
  );
  insUnit.run(1, "ROOT", "Tỉnh thử tải", "tinh thu tai", null, 0, 0, null);
  // Twenty departments, each with its units: per-unit quotas count against the department.
  const DEPTS = 20;
  for (let d = 0; d < DEPTS; d++) insUnit.run(2 + d, `D${d}`, `Sở thử tải ${d + 1}`, `so thu tai ${d + 1}`, 1, 0, d + 1, null);
  const unitIds: number[] = [];
  for (let i = 0; i < UNITS; i++) {
    const id = 100 + i;
    insUnit.run(id, `U${i}`, `Đơn vị thử tải ${i + 1}`, `don vi thu tai ${i + 1}`, 2 + (i % DEPTS), PER_UNIT, i, Math.round(rand() * 100) / 100);
    unitIds.push(id);
  }
  c.prepare("INSERT INTO contests (id, slug, title, created_at) VALUES (1, 'bench', 'Cuộc thi thử tải', ?)").run(now);
  const insStat = c.prepare(
    "INSERT INTO participation_stats (contest_id, round_id, unit_id, basis, own_participants, own_denominator, participants, denominator, updated_at) VALUES (1, 0, ?, 'headcount', ?, ?, ?, ?, ?)",
  );
  const insIndex = c.prepare(
    "INSERT INTO index_results (year, unit_id, group_code, index_value, band_by_points, band, rank, source, published_at) VALUES (?, ?, 'chung', ?, ?, ?, ?, 'imported', ?)",
  );
  const bandOf = (s: number) => (s >= 90 ? "Xuất sắc" : s >= 80 ? "Tốt" : s >= 70 ? "Khá" : s >= 50 ? "Trung bình" : "Yếu");
  for (const id of unitIds) {
    const part = rand() < 0.6 ? PER_UNIT : Math.floor(PER_UNIT * rand());
    insStat.run(id, part, PER_UNIT, part, PER_UNIT, now);
    for (let y = YEAR - 4; y <= YEAR; y++) {
      const s = Math.round((60 + rand() * 40) * 100) / 100;
      // Half the years carry an imported rank; the rest are ranked by the engine.
      insIndex.run(y, id, s, bandOf(s), bandOf(s), y % 2 ? 1 + Math.floor(rand() * UNITS) : 0, now);
    }
  }
  movementId = Number(
    c
      .prepare(
        "INSERT INTO movements (slug, title, organizer_unit_id, kind, period_start, period_end, root_unit_id, state, year, created_at) VALUES ('thu-tai', 'Phong trào thử tải', 1, 'hang_nam', '2025-01-01', '2025-12-31', 1, 'evaluating', ?, ?)",
      )
      .run(YEAR, now).lastInsertRowid,
  );
  insertScheme(tx as never, movementId, { id: "tap_the", title: "Tập thể lao động xuất sắc", form: "Tập thể lao động xuất sắc", target: "collective", level: "tinh", quota: { type: "per_unit", n: 3 }, rankBy: "index_score", criteria: collective }, 0);
  insertScheme(tx as never, movementId, { id: "ca_nhan", title: "Chiến sĩ thi đua cơ sở", form: "Chiến sĩ thi đua cơ sở", target: "individual", level: "co_so", quota: { type: "per_unit", n: 5 }, rankBy: "none", criteria: individual }, 1);
  const insReg = c.prepare(
    "INSERT INTO emulation_registrations (movement_id, unit_id, status, scheme_codes, targets, submitted_at, updated_at) VALUES (?, ?, 'da_duyet', '[\"tap_the\",\"ca_nhan\"]', '', ?, ?)",
  );
  const insPerson = c.prepare("INSERT INTO emulation_people (registration_id, full_name, gender, position) VALUES (?, ?, ?, 'Chuyên viên')");
  const insDecl = c.prepare(
    "INSERT INTO emulation_declarations (movement_id, candidate_key, criterion_code, value, evidence, status, return_reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insPending = c.prepare("INSERT INTO emulation_pending_cases (movement_id, candidate_key, discipline, inspection, complaint) VALUES (?, ?, ?, ?, ?)");
  const insTitle = c.prepare("INSERT INTO emulation_titles (candidate_key, year, title) VALUES (?, ?, ?)");
  const insRec = c.prepare(
    "INSERT INTO initiative_recognitions (unit_id, year, title, scope, council, person_id, person_name, updated_at) VALUES (?, ?, ?, 'co_so', 'Hội đồng sáng kiến', ?, ?, ?)",
  );
  const status = () => {
    const r = rand();
    return r < 0.8 ? "accepted" : r < 0.9 ? "pending" : "returned";
  };
  for (const unitId of unitIds) {
    const regId = Number(insReg.run(movementId, unitId, now, now).lastInsertRowid);
    insDecl.run(movementId, `unit:${unitId}`, "di_muon", JSON.stringify(Math.floor(rand() * 8)), rand() < 0.95 ? "https://vb.example/di-muon.pdf" : null, status(), null, now);
    if (rand() < 0.05) insPending.run(movementId, `unit:${unitId}`, 0, 1, 0);
    for (let k = 0; k < PER_UNIT; k++) {
      const name = `Người thử tải ${unitId}-${k + 1}`;
      const personId = Number(insPerson.run(regId, name, rand() < 0.5 ? "nu" : "nam").lastInsertRowid);
      const key = `person:${personId}`;
      if (rand() < 0.97) insDecl.run(movementId, key, "hoan_thanh", rand() < 0.9 ? "true" : "false", "https://vb.example/nhan-xet.pdf", status(), null, now);
      if (rand() < 0.02) insPending.run(movementId, key, 1, 0, rand() < 0.5 ? 1 : 0);
      if (rand() < 0.8) insTitle.run(key, YEAR - 1, "Lao động tiên tiến");
      if (rand() < 0.8) insTitle.run(key, YEAR - 2, "Lao động tiên tiến");
      if (rand() < 0.3) insRec.run(unitId, YEAR, `Sáng kiến ${personId}`, personId, name, now);
    }
  }
});
const seedS = (performance.now() - seedStart) / 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The rules alone, on inputs read once. In a function of its own, so that those inputs are garbage by the time
// the full runs start, as they would be in the worker.
const pure: number[] = [];
let checksum = "";
let candidates = 0;
let criteria = 0;
(() => {
  const inputs = movementInputs(db, movementId)!;
  candidates = [...inputs.candidates.values()].reduce((n, l) => n + l.length, 0);
  criteria = inputs.schemes.reduce((n, s) => n + s.criteria.length, 0);
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const result = evaluateMovement(inputs.schemes, inputs.candidates, contextFromData(inputs.data));
    pure.push((performance.now() - t) / 1000);
    checksum = `${result.map((s) => `${s.schemeId}:${s.selected.length}`).join(" ")} ${createHash("sha256").update(JSON.stringify(result)).digest("hex").slice(0, 12)}`;
  }
})();
const full: number[] = [];
const fullCpu: number[] = [];
let snapshotMb = 0;
let snapshotWrittenMb = 0;
let snapshotSha = "";
for (let i = 0; i < RUNS; i++) {
  // A snapshot on unchanged inputs is skipped by design: one declaration changes before each run, as it
  // would when a unit sends evidence, so every run compares with the last snapshot and stores its own.
  c.prepare("UPDATE emulation_declarations SET value = ? WHERE id = 1").run(JSON.stringify(i));
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = evaluateAndSnapshot(db, movementId, { reason: "Thử tải", now: Date.now() });
  full.push((performance.now() - t) / 1000);
  const cpu = process.cpuUsage(cpu0);
  // CPU seconds of this process (user + system): steadier than the wall clock on a machine shared with others.
  fullCpu.push((cpu.user + cpu.system) / 1e6);
  if (!r?.created) throw new Error("the snapshot was not stored");
  const row = c.prepare("SELECT inputs_hash AS h, input_parts AS parts, result, computed_at AS at FROM evaluation_snapshots WHERE id = ?").get(r.id) as { h: string; parts: string; result: string; at: number };
  // What the snapshot refers to (its parts and its result), and what it wrote: the parts new with it.
  const sizes = c
    .prepare("SELECT SUM(length(CAST(body AS BLOB))) AS refers, SUM(CASE WHEN created_at = ? THEN length(CAST(body AS BLOB)) ELSE 0 END) AS wrote FROM evaluation_input_parts WHERE hash IN (SELECT value FROM json_each(json_extract(?, '$.parts')))")
    .get(row.at, row.parts) as { refers: number; wrote: number };
  snapshotMb = (sizes.refers + row.result.length) / 1e6;
  snapshotWrittenMb = (sizes.wrote + row.result.length) / 1e6;
  snapshotSha = createHash("sha256").update(row.h).update(row.parts).update(row.result).digest("hex").slice(0, 12);
}
// Where the full run's time goes, phase by phase, as evaluateAndSnapshot runs them.
c.prepare("UPDATE emulation_declarations SET value = ? WHERE id = 1").run(JSON.stringify(RUNS));
const phase: Record<string, number> = {};
let t = performance.now();
const lap = (name: string) => {
  const t1 = performance.now();
  phase[name] = Number(((t1 - t) / 1000).toFixed(3));
  t = t1;
};
const again = movementInputs(db, movementId)!;
lap("read");
const serialized = serializeInputs(again);
lap("hash");
const evaluated = evaluateStored(again.schemes, again.candidates, serialized.storedCandidates, contextFromData(again.data));
lap("evaluate");
const stored = saveSnapshot(db, movementId, again.year, serialized, evaluated, "Thử tải", Date.now());
lap("store");
// Showing it again: the snapshot read back and every reason written from its stored inputs (the page, the export).
const shown = snapshotById(db, movementId, stored.id)!;
lap("show");
const shownCandidates = shown.result.reduce((n, s) => n + s.candidates.length, 0);
db.$client.close();
// EMU_BENCH_KEEP=1 keeps the seeded file for a look with sqlite3 (its path on stderr).
if (process.env.EMU_BENCH_KEEP) console.error(path.join(dir, "bench.sqlite"));
else fs.rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    units: UNITS,
    people: UNITS * PER_UNIT,
    candidates,
    criteria,
    seedSeconds: Number(seedS.toFixed(2)),
    pureSeconds: pure.map((x) => Number(x.toFixed(3))),
    fullSeconds: full.map((x) => Number(x.toFixed(3))),
    pureMedianSeconds: Number(median(pure).toFixed(3)),
    fullMedianSeconds: Number(median(full).toFixed(3)),
    fullCpuMedianSeconds: Number(median(fullCpu).toFixed(3)),
    phases: phase,
    shownCandidates,
    snapshotMb: Number(snapshotMb.toFixed(1)),
    snapshotWrittenMb: Number(snapshotWrittenMb.toFixed(1)),
    selected: checksum,
    snapshotSha,
  }),
);
