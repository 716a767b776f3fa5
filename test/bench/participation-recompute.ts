/**
 * Benchmark of the participation worker's full recompute: 100,000 people in 2,000 units (a tree six levels
 * deep), half of the units with rosters, about 70% of people with a submitted attempt in one of two rounds.
 * Seeds a temporary SQLite file, runs the recompute a few times and prints the measured seconds.
 *
 *   node --import tsx test/bench/participation-recompute.ts [people] [units]
 *
 * Not part of `npm test`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase } from "../../db/connection";
import { recomputeContest, updateUnitChain } from "../../workers/participation";

const PEOPLE = Number(process.argv[2] ?? 100_000);
const UNITS = Number(process.argv[3] ?? 2_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cuocthi-bench-"));
const file = path.join(dir, "bench.sqlite");
const db = openDatabase(file);
migrateDatabase(db);
const c = db.$client;
const now = Date.now();

const seedStart = performance.now();
c.transaction(() => {
  // Units: a root, then each new unit under a random earlier one, biased to keep depth around 6.
  const insUnit = c.prepare("INSERT INTO units (id, code, name, name_folded, kind, parent_id, headcount, sort_order) VALUES (?, ?, ?, ?, 'khac', ?, ?, ?)");
  const depth = [0];
  insUnit.run(1, "U1", "Đơn vị 1", "don vi 1", null, 0, 1);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let id = 2; id <= UNITS; id++) {
    let parent = 1 + Math.floor(rand() * (id - 1));
    while (depth[parent - 1] >= 5) parent = 1 + Math.floor(rand() * (id - 1));
    depth.push(depth[parent - 1] + 1);
    insUnit.run(id, `U${id}`, `Đơn vị ${id}`, `don vi ${id}`, parent, Math.round(PEOPLE / UNITS), id);
  }
  c.prepare("INSERT INTO contests (id, slug, title, created_at) VALUES (1, 'bench', 'Bench', ?)").run(now);
  c.prepare(
    "INSERT INTO rounds (id, contest_id, kind, title, opens_at, closes_at, status, created_at) VALUES (1, 1, 'quiz', 'Tuần 1', ?, ?, 'published', ?), (2, 1, 'quiz', 'Tuần 2', ?, ?, 'published', ?)",
  ).run(now - 86_400_000, now + 86_400_000, now, now - 86_400_000, now + 86_400_000, now);
  const insUser = c.prepare("INSERT INTO users (id, full_name, phone, unit_id, password_hash, created_at) VALUES (?, ?, ?, ?, 'x', ?)");
  const insRoster = c.prepare("INSERT INTO roster_entries (unit_id, full_name, name_folded, phone, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const insAttempt = c.prepare(
    "INSERT INTO attempts (round_id, user_id, attempt_no, started_at, deadline_at, question_count, submitted_at, end_reason, score, scored_at) VALUES (?, ?, 1, ?, ?, 20, ?, 'submitted', ?, ?)",
  );
  for (let id = 1; id <= PEOPLE; id++) {
    const unit = 1 + (id % UNITS);
    const phone = `09${String(id).padStart(8, "0")}`;
    insUser.run(id, `Người ${id}`, phone, unit, now);
    if (unit % 2 === 0) insRoster.run(unit, `Người ${id}`, `nguoi ${id}`, phone, id, now);
    const r = rand();
    if (r < 0.7) insAttempt.run(r < 0.35 ? 1 : 2, id, now, now + 900_000, now, Math.floor(r * 28), now);
    if (r < 0.2) insAttempt.run(2, id, now, now + 900_000, now, 12, now);
  }
})();
const seedS = (performance.now() - seedStart) / 1000;

const runs: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  recomputeContest(db, 1, Date.now());
  runs.push((performance.now() - t) / 1000);
}
const chainRuns: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  updateUnitChain(db, 1 + (i % 2), 1 + ((i * 97) % UNITS), Date.now());
  chainRuns.push((performance.now() - t) / 1000);
}
const root = c.prepare("SELECT participants, denominator FROM participation_stats WHERE contest_id = 1 AND round_id = 0 AND unit_id = 1").get() as {
  participants: number;
  denominator: number;
};
db.$client.close();
fs.rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  JSON.stringify({
    people: PEOPLE,
    units: UNITS,
    seedSeconds: Number(seedS.toFixed(2)),
    fullRecomputeSeconds: runs.map((r) => Number(r.toFixed(3))),
    fullRecomputeMedianSeconds: Number(median(runs).toFixed(3)),
    unitChainMedianSeconds: Number(median(chainRuns).toFixed(4)),
    root,
  }),
);
