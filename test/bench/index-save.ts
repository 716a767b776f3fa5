/**
 * The reform index's row autosave alone (issue 14, "Scale"), for a look without the whole `npm run bench`:
 * the built app as production runs it, 500 units of an open set of 120 rows, then the two models of
 * test/bench/reform-index-setup.ts (20 clients without pause over `units` units; 20 people typing for
 * `seconds`), each p99 beside a plain node:http baseline measured in the same run. Needs `npm run build`.
 *
 *   node --import tsx test/bench/index-save.ts [units] [seconds] [--remix]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const UNITS = Number(process.argv[2] ?? 100);
const SECONDS = Number(process.argv[3] ?? 20);
// --remix: also the stress through the Remix route, for comparison.
const REMIX = process.argv.includes("--remix");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cuocthi-bench-index-"));
process.env.DATABASE_PATH = path.join(tmp, "bench.sqlite");
process.env.SESSION_SECRET = randomBytes(32).toString("hex");
process.env.QUEUE_PREFIX = `bench-index${process.pid}`;
process.env.NODE_ENV = "production";

const { prepareBenchDatabase } = await import("./setup");
const { indexSavesTyping, indexSavesWithoutPause, prepareReformIndex } = await import("./reform-index-setup");
const { keepAliveAgent, percentile, sleep } = await import("./http-load");
const { getDb, closeDb } = await import("../../db/connection");

const children: ChildProcess[] = [];
const start = (entry: string, env: Record<string, string>) => {
  // INDEX_BENCH_PROF=<dir>: the web process writes a CPU profile there when it stops.
  const prof = process.env.INDEX_BENCH_PROF && entry.includes("server") ? ["--cpu-prof", `--cpu-prof-dir=${process.env.INDEX_BENCH_PROF}`] : [];
  const c = spawn(process.execPath, [...prof, "--import", "tsx", entry], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  children.push(c);
};
process.on("exit", () => children.forEach((c) => c.kill("SIGTERM")));

await prepareBenchDatabase({ people: 10, extraUnits: 600, rounds: [] });
const unitIds = getDb().$client.prepare("SELECT id FROM units WHERE code GLOB 'B[0-9]*' ORDER BY id LIMIT 500").pluck().all() as number[];
const reformIndex = prepareReformIndex({ unitIds, now: Date.now() });
closeDb();
const basePort = 4600 + (process.pid % 300);
start("test/bench/baseline-server.ts", { PORT: String(basePort) });
start("app/server/index.ts", { PORT: String(basePort + 1), HOST: "127.0.0.1" });
for (const port of [basePort, basePort + 1]) {
  for (let i = 0; ; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/time`);
      break;
    } catch {
      if (i > 300) throw new Error(`port ${port} did not answer`);
      await sleep(100);
    }
  }
}
const baseline = await new Promise<autocannon.Result>((resolve, reject) =>
  autocannon({ url: `http://127.0.0.1:${basePort}/`, connections: 100, duration: 5 }, (err, r) => (err ? reject(err) : resolve(r))),
);
const w = { agent: keepAliveAgent(100), port: basePort + 1, setId: reformIndex.setId, leafRows: reformIndex.leafRows };
const stress = await indexSavesWithoutPause({ ...w, heads: reformIndex.heads.slice(0, UNITS) });
const typing = await indexSavesTyping({ ...w, heads: reformIndex.heads }, { seconds: SECONDS, firstUnit: 0 });
// The same stress through Remix, for comparison in the same run: with a trailing slash the URL is not the hot
// entry's and Remix answers it with the route app/routes/chi-so-cchc.luu.tsx (the same access check and save).
const viaRemix = REMIX ? await indexSavesWithoutPause({ ...w, heads: reformIndex.heads.slice(UNITS, 2 * UNITS) }, 20, "/chi-so-cchc/luu/") : null;
const baselineRps = baseline.requests.average;
// p99 seconds × baseline requests/s: the figure the bench judges (≤ 2,946, i.e. 100 ms at 29,463/s).
const fig = (l: number[]) => ({
  saves: l.length,
  p50: Number(percentile(l, 50).toFixed(1)),
  p99: Number(percentile(l, 99).toFixed(1)),
  p99xBaseline: Math.round((percentile(l, 99) / 1000) * baselineRps),
});
console.log(
  JSON.stringify({
    baselineRps: Math.round(baseline.requests.average),
    withoutPause: { units: UNITS, ...fig(stress.latencies), perS: Math.round(stress.latencies.length / stress.seconds), errors: stress.errors },
    typing: { people: typing.people, seconds: SECONDS, ...fig(typing.latencies), errors: typing.errors },
    ...(viaRemix ? { remixWithoutPause: { units: UNITS, ...fig(viaRemix.latencies), perS: Math.round(viaRemix.latencies.length / viaRemix.seconds), errors: viaRemix.errors } } : {}),
  }),
);
children.forEach((c) => c.kill("SIGTERM"));
await sleep(process.env.INDEX_BENCH_PROF ? 3000 : 0);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);
