import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { prepareBenchDatabase } from "../bench/setup";
import { keepAliveAgent, percentile, send } from "../bench/http-load";
import { freePort, type Proc, sleep, startRedis, startWeb, startWorker, waitFor, workspace } from "./harness";

const ws = workspace("redisdown");
const procs: Proc[] = [];
afterAll(async () => {
  for (const p of procs.reverse()) await p.stop();
  ws.cleanup();
});

const BEFORE = 50;
const DURING = 200;
const DOWN_MS = 30_000;

describe("Redis stopped for 30 s during submissions", () => {
  it("keeps accepting answers and submissions at once, loses nothing, and scores all within 30 s of Redis coming back", async () => {
    const { people, roundIds } = await prepareBenchDatabase({ people: BEFORE + DURING, extraUnits: 0, rounds: ["faults"] });
    const redisPort = await freePort();
    let redis = await startRedis(redisPort, ws.dir);
    const env = { dbPath: ws.dbPath, prefix: ws.prefix, redisPort };
    const port = await freePort();
    const web = await startWeb({ ...env, port });
    const worker = await startWorker(env);
    procs.push(web, worker);

    const agent = keepAliveAgent(64);
    const acked = new Map<string, { seq: number; choice: number }>();
    const submitted = new Set<number>();
    const latencies: number[] = [];
    const failures: string[] = [];
    // seq is the phone's clock in ms, as the browser sends it (the server refuses one more than 60 s ahead); one
    // attempt's saves still rise by at least 1 each.
    const lastSeq = new Map<number, number>();
    const nextSeq = (attemptId: number) => {
      const seq = Math.max((lastSeq.get(attemptId) ?? 0) + 1, Date.now());
      lastSeq.set(attemptId, seq);
      return seq;
    };
    const call = async (method: string, path: string, cookie: string, body?: unknown) => {
      const r = await send(agent, port, method, path, cookie, body);
      latencies.push(r.ms);
      if (r.status !== 200 && r.status !== 201) failures.push(`${method} ${path}: ${r.status} ${r.body}`);
      return r;
    };
    const takePart = async (p: { cookie: string }) => {
      const start = await call("POST", `/api/rounds/${roundIds.faults}/start`, p.cookie);
      if (start.status !== 201) return;
      const attemptId = JSON.parse(start.body).attemptId as number;
      for (let position = 0; position < 10; position++) {
        const choice = (attemptId + position) % 4;
        const seq = nextSeq(attemptId);
        const r = await call("PUT", `/api/attempts/${attemptId}/answers`, p.cookie, { position, choice, seq });
        if (r.status === 200) acked.set(`${attemptId}:${position}`, { seq, choice });
      }
      const r = await call("POST", `/api/attempts/${attemptId}/submit`, p.cookie, {});
      if (r.status === 200) submitted.add(attemptId);
    };

    // Redis up: the usual path.
    await Promise.all(people.slice(0, BEFORE).map(takePart));
    const reader = new Database(ws.dbPath, { readonly: true });
    const unscored = reader.prepare(`SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL AND scored_at IS NULL`).pluck();
    await waitFor("the first submissions scored", () => unscored.get() === 0, 30_000);

    // Redis down for 30 s, people taking part all along.
    await redis.kill9();
    const downAt = Date.now();
    const latenciesBefore = latencies.length;
    const during = people.slice(BEFORE);
    await Promise.all(
      during.map(async (p, i) => {
        await sleep((i * (DOWN_MS - 5_000)) / during.length);
        await takePart(p);
      }),
    );
    const downLatencies = latencies.slice(latenciesBefore);
    const waitedDown = DOWN_MS - (Date.now() - downAt);
    if (waitedDown > 0) await sleep(waitedDown);
    const pendingWhileDown = unscored.get() as number;

    // Redis back, empty: the sweeper (scheduled again by the worker) queues what was missed.
    redis = await startRedis(redisPort, ws.dir);
    procs.push(redis);
    const backAt = Date.now();
    await waitFor("every submission scored", () => unscored.get() === 0, 45_000, 100);
    const scoredAfterMs = Date.now() - backAt;
    agent.destroy();

    const answers = reader.prepare(`SELECT attempt_id, position, choice, seq FROM answers`).all() as { attempt_id: number; position: number; choice: number; seq: number }[];
    const inDb = new Map(answers.map((a) => [`${a.attempt_id}:${a.position}`, a]));
    const lost = [...acked].filter(([key, a]) => inDb.get(key)?.seq !== a.seq || inDb.get(key)?.choice !== a.choice);
    const submittedInDb = new Set(
      (reader.prepare(`SELECT id FROM attempts WHERE submitted_at IS NOT NULL AND scored_at IS NOT NULL`).pluck().all() as number[]),
    );
    reader.close();
    console.log(
      `[redis down] ${downLatencies.length} requests while Redis was down: all 2xx: ${failures.length === 0}, ` +
        `p50 ${percentile(downLatencies, 50).toFixed(1)} ms, p99 ${percentile(downLatencies, 99).toFixed(1)} ms, max ${Math.max(...downLatencies).toFixed(1)} ms; ` +
        `${submitted.size} submissions acknowledged (${DURING} while down, ${pendingWhileDown} unscored when Redis came back); ` +
        `${acked.size} saves acknowledged, ${acked.size - lost.length} found; all scored ${scoredAfterMs} ms after Redis came back`,
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(Math.max(...downLatencies)).toBeLessThan(1_000);
    expect(submitted.size).toBe(BEFORE + DURING);
    // A scoring job that was draining when Redis stopped goes on scoring what arrives until it finds nothing
    // waiting; everything later waits for Redis, and the sweeper.
    expect(pendingWhileDown).toBeLessThanOrEqual(DURING);
    expect(pendingWhileDown).toBeGreaterThan(DURING / 2);
    expect(lost).toEqual([]);
    expect([...submitted].every((id) => submittedInDb.has(id))).toBe(true);
    expect(scoredAfterMs).toBeLessThanOrEqual(30_000);
  });
});
