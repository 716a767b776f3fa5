import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { quizMessages } from "../../app/core/messages";
import { prepareBenchDatabase } from "../bench/setup";
import { keepAliveAgent, send } from "../bench/http-load";
import { freePort, type Proc, startRedis, startWeb, workspace } from "./harness";

const ws = workspace("sqlitefault");
const procs: Proc[] = [];
afterAll(async () => {
  for (const p of procs.reverse()) await p.stop();
  ws.cleanup();
});

const BUSY_TIMEOUT_MS = 200;
let setup: Awaited<ReturnType<typeof prepare>>;

async function prepare() {
  const bench = await prepareBenchDatabase({ people: 30, extraUnits: 0, rounds: ["faults"] });
  const redisPort = await freePort();
  procs.push(await startRedis(redisPort, ws.dir));
  return { ...bench, env: { dbPath: ws.dbPath, prefix: ws.prefix, redisPort } };
}

function integrity(): string {
  const db = new Database(ws.dbPath);
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe("SQLite busy or the disk full", () => {
  it("answers a save, a submit and a page with a 503 in Vietnamese while another writer holds the lock, and recovers", async () => {
    setup = await prepare();
    const { people, roundIds } = setup;
    const port = await freePort();
    const web = await startWeb({ ...setup.env, port, extra: { SQLITE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS) } });
    procs.push(web);
    const agent = keepAliveAgent(8);
    const [a, b] = people;
    const start = await send(agent, port, "POST", `/api/rounds/${roundIds.faults}/start`, a.cookie);
    expect(start.status).toBe(201);
    const attemptId = JSON.parse(start.body).attemptId as number;
    const before = await send(agent, port, "PUT", `/api/attempts/${attemptId}/answers`, a.cookie, { position: 0, choice: 1, seq: 1 });
    expect(before.status).toBe(200);

    // Another connection takes the write lock and keeps it far longer than the server's busy timeout.
    const locker = new Database(ws.dbPath);
    locker.exec(`BEGIN IMMEDIATE; UPDATE rounds SET title = title WHERE id = ${roundIds.faults}`);
    const save = await send(agent, port, "PUT", `/api/attempts/${attemptId}/answers`, a.cookie, { position: 1, choice: 2, seq: 2 });
    const submit = await send(agent, port, "POST", `/api/attempts/${attemptId}/submit`, a.cookie, {});
    const page = await fetch(`http://127.0.0.1:${port}/dang-xuat`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: b.cookie, Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
    });
    const pageText = await page.text();
    locker.exec("ROLLBACK");
    locker.close();

    console.log(
      `[sqlite busy] save ${save.status} in ${save.ms.toFixed(0)} ms, submit ${submit.status} in ${submit.ms.toFixed(0)} ms, ` +
        `page POST /dang-xuat ${page.status}; busy timeout ${BUSY_TIMEOUT_MS} ms`,
    );
    expect(save.status).toBe(503);
    expect(JSON.parse(save.body).error).toBe(quizMessages.busy);
    expect(save.ms).toBeLessThan(BUSY_TIMEOUT_MS + 1_000);
    expect(submit.status).toBe(503);
    expect(JSON.parse(submit.body).error).toBe(quizMessages.busy);
    expect(page.status).toBe(503);
    expect(pageText).toContain("Hệ thống đang bận");
    expect(pageText).not.toMatch(/SQLITE_|at .*\.js:\d+/);

    // The lock gone, the same requests go through, and nothing written before is lost.
    const saveAgain = await send(agent, port, "PUT", `/api/attempts/${attemptId}/answers`, a.cookie, { position: 1, choice: 2, seq: 2 });
    expect(saveAgain.status).toBe(200);
    const submitAgain = await send(agent, port, "POST", `/api/attempts/${attemptId}/submit`, a.cookie, {});
    expect(submitAgain.status).toBe(200);
    expect(JSON.parse(submitAgain.body).alreadySubmitted).toBe(false);
    agent.destroy();
    await web.stop();

    expect(integrity()).toBe("ok");
    const db = new Database(ws.dbPath, { readonly: true });
    const rows = db.prepare(`SELECT position, choice FROM answers WHERE attempt_id = ? ORDER BY position`).all(attemptId);
    const attempt = db.prepare(`SELECT submitted_at FROM attempts WHERE id = ?`).get(attemptId) as { submitted_at: number | null };
    db.close();
    expect(rows).toEqual([
      { position: 0, choice: 1 },
      { position: 1, choice: 2 },
    ]);
    expect(attempt.submitted_at).not.toBeNull();
  });

  it("answers saves and a page with a 503 in Vietnamese when the disk is full, keeps what was acknowledged, and the file stays sound", async () => {
    const { people, roundIds } = setup;
    let port = await freePort();
    // Attempts started with room to spare.
    let web = await startWeb({ ...setup.env, port });
    const agent = keepAliveAgent(8);
    const attempts: { attemptId: number; cookie: string }[] = [];
    for (const p of people.slice(2)) {
      const r = await send(agent, port, "POST", `/api/rounds/${roundIds.faults}/start`, p.cookie);
      expect(r.status).toBe(201);
      attempts.push({ attemptId: JSON.parse(r.body).attemptId, cookie: p.cookie });
    }
    await web.stop();

    // The "disk" now holds exactly the pages the file has: the next page it needs is refused (SQLITE_FULL).
    const sizer = new Database(ws.dbPath);
    sizer.pragma("wal_checkpoint(TRUNCATE)");
    const pages = sizer.pragma("page_count", { simple: true }) as number;
    const answersBefore = sizer.prepare(`SELECT count(*) FROM answers`).pluck().get() as number;
    sizer.close();
    port = await freePort();
    web = await startWeb({ ...setup.env, port, extra: { SQLITE_MAX_PAGE_COUNT: String(pages) } });
    procs.push(web);

    const acked = new Map<string, number>();
    let full: { status: number; body: string } | undefined;
    let ok = 0;
    let seq = 10;
    outer: for (let position = 0; position < 30; position++) {
      for (const a of attempts) {
        const choice = (a.attemptId + position) % 4;
        const r = await send(agent, port, "PUT", `/api/attempts/${a.attemptId}/answers`, a.cookie, { position, choice, seq: ++seq });
        if (r.status === 200) {
          ok++;
          acked.set(`${a.attemptId}:${position}`, choice);
        } else {
          full = r;
          break outer;
        }
      }
    }
    // Once full, every save that needs room is refused the same way.
    const again = await send(agent, port, "PUT", `/api/attempts/${attempts[0].attemptId}/answers`, attempts[0].cookie, { position: 29, choice: 3, seq: ++seq });
    // A page that must write new rows (each login creates a session) answers the same once their pages are full.
    let logins = 0;
    let login: Response | undefined;
    for (let i = 0; i < 100; i++) {
      login = await fetch(`http://127.0.0.1:${port}/dang-nhap`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ phone: "0800000000", password: "bench-password", redirectTo: "/" }).toString(),
      });
      if (login.status !== 302) break;
      await login.text();
      logins++;
    }
    const loginText = (await login?.text()) ?? "";
    agent.destroy();
    await web.stop();

    console.log(
      `[disk full] max_page_count ${pages}: ${ok} saves acknowledged before the first refusal, then ${full?.status} ${full?.body}; ` +
        `next save ${again.status}; page POST /dang-nhap ${login?.status} after ${logins} logins that still fitted`,
    );
    expect(full?.status).toBe(503);
    expect(JSON.parse(full?.body ?? "{}").error).toBe(quizMessages.busy);
    expect(again.status).toBe(503);
    expect(login?.status).toBe(503);
    expect(loginText).toContain("Hệ thống đang bận");

    expect(integrity()).toBe("ok");
    const db = new Database(ws.dbPath, { readonly: true });
    const rows = db.prepare(`SELECT attempt_id, position, choice FROM answers`).all() as { attempt_id: number; position: number; choice: number }[];
    db.close();
    const inDb = new Map(rows.map((r) => [`${r.attempt_id}:${r.position}`, r.choice]));
    expect(rows.length).toBe(answersBefore + acked.size);
    expect([...acked].filter(([key, choice]) => inDb.get(key) !== choice)).toEqual([]);
  });
});
