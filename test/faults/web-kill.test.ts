import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { prepareBenchDatabase } from "../bench/setup";
import { keepAliveAgent, send } from "../bench/http-load";
import { freePort, type Proc, sleep, startRedis, startWeb, workspace } from "./harness";

const ws = workspace("webkill");
const procs: Proc[] = [];
afterAll(async () => {
  for (const p of procs.reverse()) await p.stop();
  ws.cleanup();
});

const CLIENTS = 400;
const QUESTIONS = 30;

describe("kill -9 of the web process during a load of answer saves", () => {
  it("keeps every save that the server acknowledged with 200", async () => {
    const { people, roundIds } = await prepareBenchDatabase({ people: CLIENTS, extraUnits: 0, rounds: ["faults"] });
    const redisPort = await freePort();
    procs.push(await startRedis(redisPort, ws.dir));
    const port = await freePort();
    const web = await startWeb({ dbPath: ws.dbPath, prefix: ws.prefix, redisPort, port });
    procs.push(web);

    const agent = keepAliveAgent(CLIENTS);
    const attempts: number[] = [];
    for (let i = 0; i < people.length; i += 50) {
      const batch = await Promise.all(
        people.slice(i, i + 50).map((p) => send(agent, port, "POST", `/api/rounds/${roundIds.faults}/start`, p.cookie)),
      );
      for (const r of batch) {
        expect(r.status).toBe(201);
        attempts.push(JSON.parse(r.body).attemptId);
      }
    }

    // The latest acknowledged save per (attempt, position): the one with the highest seq.
    const acked = new Map<string, { seq: number; choice: number }>();
    let sent = 0;
    let ok = 0;
    let cut = 0;
    let refused = 0;
    let stop = false;
    // seq is the phone's clock in ms, as the browser sends it (the server refuses one more than 60 s ahead); one
    // attempt's saves still rise by at least 1 each.
    const lastSeq = new Map<number, number>();
    const nextSeq = (attemptId: number) => {
      const seq = Math.max((lastSeq.get(attemptId) ?? 0) + 1, Date.now());
      lastSeq.set(attemptId, seq);
      return seq;
    };
    const client = async (i: number) => {
      const attemptId = attempts[i];
      while (!stop) {
        const position = Math.floor(Math.random() * QUESTIONS);
        const choice = Math.floor(Math.random() * 4);
        const seq = nextSeq(attemptId);
        sent++;
        const r = await send(agent, port, "PUT", `/api/attempts/${attemptId}/answers`, people[i].cookie, { position, choice, seq });
        if (r.status === 200) {
          ok++;
          const key = `${attemptId}:${position}`;
          const prev = acked.get(key);
          if (!prev || prev.seq < seq) acked.set(key, { seq, choice });
        } else {
          if (r.status === 0) {
            cut++;
            await sleep(50);
          } else refused++;
        }
      }
    };
    const load = Promise.all(attempts.map((_, i) => client(i)));
    await sleep(4_000);
    const okBeforeKill = ok;
    await web.kill9();
    const killedAt = Date.now();
    await sleep(1_000);
    stop = true;
    await load;
    agent.destroy();

    const db = new Database(ws.dbPath);
    const rows = db.prepare(`SELECT attempt_id, position, choice, seq FROM answers`).all() as {
      attempt_id: number;
      position: number;
      choice: number;
      seq: number;
    }[];
    const inDb = new Map(rows.map((r) => [`${r.attempt_id}:${r.position}`, r]));
    let found = 0;
    const missing: string[] = [];
    for (const [key, a] of acked) {
      const row = inDb.get(key);
      // A later save that reached the database without its answer reaching the client may have replaced it.
      if (row && (row.seq > a.seq || (row.seq === a.seq && row.choice === a.choice))) found++;
      else missing.push(`${key} acked seq ${a.seq} choice ${a.choice}, db ${row ? `${row.seq}/${row.choice}` : "none"}`);
    }
    const integrity = db.pragma("integrity_check", { simple: true });
    db.close();
    console.log(
      `[web kill -9] ${CLIENTS} clients, ${sent} saves sent, ${ok} acknowledged (${okBeforeKill} before the kill signal), ` +
        `${refused} refused, ${cut} cut by the kill; ${acked.size} latest acknowledged (attempt, position) pairs, ${found} found in the database; ` +
        `${rows.length} answer rows; integrity ${integrity}; killed at ${new Date(killedAt).toISOString()}`,
    );
    expect(ok).toBeGreaterThan(1_000);
    expect(cut).toBeGreaterThan(0);
    expect(refused).toBe(0);
    expect(missing.slice(0, 5)).toEqual([]);
    expect(found).toBe(acked.size);
    expect(integrity).toBe("ok");
  });
});
