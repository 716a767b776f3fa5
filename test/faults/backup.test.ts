import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { checkDatabaseFile, listBackups, restoreDatabase } from "../../db/backup";
import { runBackupCommand } from "../../db/backup-cli";
import { closeDb } from "../../db/connection";
import { prepareBenchDatabase } from "../bench/setup";
import { keepAliveAgent, send } from "../bench/http-load";
import { freePort, type Proc, sleep, startRedis, startWeb, startWorker, waitFor, workspace } from "./harness";

const ws = workspace("backup");
const procs: Proc[] = [];
afterAll(async () => {
  for (const p of procs.reverse()) await p.stop();
  closeDb();
  ws.cleanup();
});

const CLIENTS = 100;

describe("online backup and restore", () => {
  it("backs up the live database while saves go on (by hand and on schedule), and a restore brings back every save acknowledged before the backup", async () => {
    const { people, roundIds } = await prepareBenchDatabase({ people: CLIENTS, extraUnits: 0, rounds: ["faults"] });
    const redisPort = await freePort();
    procs.push(await startRedis(redisPort, ws.dir));
    const backupDir = path.join(ws.dir, "scheduled");
    const env = { dbPath: ws.dbPath, prefix: ws.prefix, redisPort };
    const port = await freePort();
    const web = await startWeb({ ...env, port });
    // Every second instead of every day, keeping two files.
    const worker = await startWorker({ ...env, extra: { BACKUP_DIR: backupDir, BACKUP_PATTERN: "* * * * * *", BACKUP_KEEP: "2" } });
    procs.push(web, worker);

    const agent = keepAliveAgent(CLIENTS);
    const attempts = await Promise.all(
      people.map(async (p) => {
        const r = await send(agent, port, "POST", `/api/rounds/${roundIds.faults}/start`, p.cookie);
        expect(r.status).toBe(201);
        return { attemptId: JSON.parse(r.body).attemptId as number, cookie: p.cookie };
      }),
    );
    // Acknowledged saves, each with the time its 200 arrived.
    const acked: { key: string; seq: number; choice: number; at: number }[] = [];
    let stop = false;
    // seq is the phone's clock in ms, as the browser sends it (the server refuses one more than 60 s ahead); one
    // attempt's saves still rise by at least 1 each.
    const lastSeq = new Map<number, number>();
    const nextSeq = (attemptId: number) => {
      const seq = Math.max((lastSeq.get(attemptId) ?? 0) + 1, Date.now());
      lastSeq.set(attemptId, seq);
      return seq;
    };
    const load = Promise.all(
      attempts.map(async (a) => {
        while (!stop) {
          const position = Math.floor(Math.random() * 30);
          const choice = Math.floor(Math.random() * 4);
          const seq = nextSeq(a.attemptId);
          const r = await send(agent, port, "PUT", `/api/attempts/${a.attemptId}/answers`, a.cookie, { position, choice, seq });
          if (r.status === 200) acked.push({ key: `${a.attemptId}:${position}`, seq, choice, at: Date.now() });
        }
      }),
    );
    await sleep(1_500);
    const manual = path.join(ws.dir, "manual", "cuocthi.sqlite");
    fs.mkdirSync(path.dirname(manual), { recursive: true });
    const backupStarted = Date.now();
    const code = await runBackupCommand([manual]);
    const backupMs = Date.now() - backupStarted;
    const savesDuringBackup = acked.filter((s) => s.at >= backupStarted).length;
    await waitFor("a scheduled backup", () => fs.existsSync(backupDir) && fs.readdirSync(backupDir).length > 0 && acked.length > 0, 20_000);
    await sleep(3_500);
    stop = true;
    await load;
    agent.destroy();
    const scheduled = listBackups(backupDir);
    expect(code).toBe(0);
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    expect(scheduled.length).toBeLessThanOrEqual(2);
    expect(checkDatabaseFile(scheduled[scheduled.length - 1])).toBe("ok");

    // Everything acknowledged before the backup began is in it (a later save may have replaced it: higher seq).
    const latestBefore = new Map<string, { seq: number; choice: number }>();
    for (const s of acked) if (s.at < backupStarted && (latestBefore.get(s.key)?.seq ?? -1) < s.seq) latestBefore.set(s.key, s);
    const copy = new Database(manual, { readonly: true });
    const copied = new Map(
      (copy.prepare(`SELECT attempt_id, position, choice, seq FROM answers`).all() as { attempt_id: number; position: number; choice: number; seq: number }[]).map(
        (r) => [`${r.attempt_id}:${r.position}`, r],
      ),
    );
    const copiedAttempts = copy.prepare(`SELECT count(*) FROM attempts`).pluck().get();
    copy.close();
    const missingInBackup = [...latestBefore].filter(([key, s]) => {
      const row = copied.get(key);
      return !row || row.seq < s.seq || (row.seq === s.seq && row.choice !== s.choice);
    });
    expect(missingInBackup).toEqual([]);
    expect(copiedAttempts).toBe(CLIENTS);

    // Restore, as the README says: stop the processes, put the backup over DATABASE_PATH (without -wal/-shm), start.
    await worker.stop();
    await web.stop();
    const restoredTo = path.join(ws.dir, "restored.sqlite");
    restoreDatabase(manual, restoredTo);
    expect(checkDatabaseFile(restoredTo)).toBe("ok");
    restoreDatabase(manual, ws.dbPath);
    expect(fs.existsSync(`${ws.dbPath}-wal`)).toBe(false);
    expect(fs.existsSync(`${ws.dbPath}.before-restore`)).toBe(true);
    const port2 = await freePort();
    const web2 = await startWeb({ ...env, port: port2 });
    procs.push(web2);
    const agent2 = keepAliveAgent(4);
    const view = await send(agent2, port2, "GET", `/api/attempts/${attempts[0].attemptId}`, attempts[0].cookie);
    agent2.destroy();
    expect(view.status).toBe(200);
    const answers = JSON.parse(view.body).answers as Record<string, number>;
    const expected = Object.fromEntries(
      [...copied.values()].filter((r) => r.attempt_id === attempts[0].attemptId).map((r) => [String(r.position), r.choice]),
    );
    expect(answers).toEqual(expected);
    await web2.stop();
    expect(checkDatabaseFile(ws.dbPath)).toBe("ok");
    console.log(
      `[backup] CLI backup under load in ${backupMs} ms (${savesDuringBackup} saves acknowledged meanwhile), ${acked.length} saves in all; ` +
        `${latestBefore.size} (attempt, position) pairs acknowledged before it, all in the backup; ` +
        `${scheduled.length} scheduled backups kept (BACKUP_KEEP=2): ${scheduled.map((f) => path.basename(f)).join(", ")}; ` +
        `restored to a new path and over DATABASE_PATH, integrity ok, the restored web serves the saved answers`,
    );
  });
});
