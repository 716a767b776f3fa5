/**
 * Benchmark of the Báo cáo thành tích: 500 candidates' reports generated one after another from the
 * database (figures read, .docx packed), with progress, as a batch job would; and the time of one report.
 * Targets: one document at most 200 ms; 500 at most 30 s.
 *
 *   node --import tsx test/bench/awards-reports.ts [count]
 *
 * Not part of `npm test`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const COUNT = Number(process.argv[2] ?? 500);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cuocthi-bench-awards-"));
process.env.DATABASE_PATH = path.join(dir, "bench.sqlite");

const { getDb, migrateDatabase, closeDb } = await import("../../db/connection");
const { seedDemo } = await import("../../db/seed");
const { insertProposal, getProposal } = await import("../../db/awards/queries");
const { reportInputs } = await import("../../app/awards/documents.server");
const { baoCaoThanhTich } = await import("../../app/awards/docx/documents");
const { loadTemplate } = await import("../../app/awards/templates.server");

const db = getDb();
migrateDatabase(db);
await seedDemo(db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
const mv = db.$client.prepare("SELECT id, organizer_unit_id AS org FROM movements WHERE slug = 'tuy-phuoc-2021-2025'").get() as { id: number; org: number };
const unitIds = db.$client.prepare("SELECT id FROM units WHERE code LIKE 'TPH-P%' OR code = 'TPH-TT'").pluck().all() as number[];
const now = Date.now();
const ids: number[] = [];
db.transaction(() => {
  for (let i = 0; i < COUNT; i++) {
    const unitId = unitIds[i % unitIds.length];
    const person = i % 2 === 1;
    ids.push(
      insertProposal(
        db,
        {
          movementId: mv.id,
          schemeCode: person ? "gk-ca-nhan-hang-nam" : "gk-tap-the-hang-nam",
          candidateKey: person ? `bench-person:${i}` : `bench-unit:${i}`,
          target: person ? "individual" : "collective",
          unitId,
          proposerUnitId: unitId,
          levelUnitId: mv.org,
          name: person ? `Cán bộ thử ${i}` : `Đơn vị thử ${i}`,
          position: person ? "Công chức" : null,
          gender: person ? (i % 4 === 1 ? "nu" : "nam") : null,
          achievement: "Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh cải cách hành chính năm 2025.",
          qualified: true,
          state: "nhap",
          createdAt: now,
          updatedAt: now,
        },
        null,
      ),
    );
  }
});

const template = loadTemplate("bao-cao-thanh-tich");
// One warm-up, so the first figure is not the module's first run.
await baoCaoThanhTich(template, ...(Object.values(reportInputs(getProposal(db, ids[0])!)) as [never, never]));

const times: number[] = [];
const start = performance.now();
let bytes = 0;
for (let i = 0; i < ids.length; i++) {
  const t0 = performance.now();
  const { subject, figures } = reportInputs(getProposal(db, ids[i])!);
  const buf = await baoCaoThanhTich(template, subject, figures);
  bytes += buf.length;
  times.push(performance.now() - t0);
  if ((i + 1) % 50 === 0) console.error(`[bench] ${i + 1}/${ids.length} (${Math.round(((i + 1) / ids.length) * 100)}%)`);
}
const total = (performance.now() - start) / 1000;
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const result = {
  reports: ids.length,
  totalSeconds: Number(total.toFixed(2)),
  oneReportMs: { p50: Number(p(0.5).toFixed(1)), p95: Number(p(0.95).toFixed(1)), max: Number(times[times.length - 1].toFixed(1)) },
  averageKB: Math.round(bytes / ids.length / 1024),
  pass: total <= 30 && p(0.95) <= 200,
};
console.log(JSON.stringify(result));
closeDb();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(result.pass ? 0 : 1);
