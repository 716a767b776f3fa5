import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Db } from "../connection";

/**
 * A second connection to the database, in a worker thread, for an evaluation's heavy lifting off this one.
 *
 * Reads: large SELECTs whose answer is one BLOB (the JSON SQLite writes of a table), run on a second connection in a
 * worker thread while this thread goes on with the rest of an evaluation's reading: on two cores, SQLite
 * writes the JSON of the titles and declarations of 100,000 people while the candidates are being built.
 *
 * Synchronous to its caller: `take(name)` blocks (Atomics.wait) until that answer has arrived, so the
 * evaluation stays one synchronous function for the web, the worker and the CLI. The worker's queries run in
 * one read transaction, so its answers are of one moment; the caller's own reads are of a moment a few
 * milliseconds apart, and a snapshot stores what it evaluated either way. Falls back to this thread (the
 * same statements, the caller's connection) for an in-memory database, inside a write transaction (the
 * other connection would not see it), and whenever the worker fails or is slow to answer.
 *
 * Checkpoints: a snapshot writes tens of megabytes to the write-ahead log, and the connection that commits
 * them would copy them into the database file at once (SQLite's automatic checkpoint). `writeThenCheckpoint`
 * commits without it and has the worker's connection run that checkpoint right after, on the other core.
 */
export type JsonQuery = { name: string; sql: string; params: unknown[] };
/** An answer: the BLOB, and its sha256 (hex), which the worker computes while this thread works. */
export type JsonAnswer = { bytes: Buffer; sha256: string };

export const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const Database = require(workerData.sqlite);
let db = null;
let dbPath = null;
const open = (path) => {
  if (path !== dbPath) {
    if (db) db.close();
    db = new Database(path, { fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    dbPath = path;
  }
  return db;
};
parentPort.on("message", ({ path, queries, port, counter, checkpoint }) => {
  if (checkpoint) {
    try {
      open(path).pragma("wal_checkpoint(PASSIVE)");
    } catch {
      // The next commit of any connection checkpoints instead.
    }
    return;
  }
  const done = new Int32Array(counter);
  const tell = (message, transfer) => {
    port.postMessage(message, transfer);
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
  };
  try {
    open(path);
    db.exec("BEGIN");
    try {
      queries.forEach((q, i) => {
        const bytes = db.prepare(q.sql).pluck().get(...q.params);
        const sha256 = createHash("sha256").update(bytes).digest("hex");
        // Handed over without a copy when the buffer owns its memory.
        const own = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength;
        tell({ i, bytes, sha256 }, own ? [bytes.buffer] : []);
      });
    } finally {
      db.exec("COMMIT");
    }
  } catch (e) {
    tell({ error: String((e && e.message) || e) });
  } finally {
    port.close();
  }
});
`;

let worker: Worker | undefined;

/** How many answers came from the worker thread, and how many were read on the caller's connection. */
export const readStats = { worker: 0, here: 0 };

function readerWorker(): Worker {
  if (worker) return worker;
  const sqlite = createRequire(import.meta.url).resolve("better-sqlite3");
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite } });
  w.unref();
  const forget = () => {
    if (worker === w) worker = undefined;
  };
  w.on("error", forget);
  w.on("exit", forget);
  worker = w;
  return w;
}

/** How long this thread waits for the worker's next answer before reading the rest itself. */
const ANSWER_TIMEOUT_MS = 30_000;

export function readJsonParts(db: Db, queries: readonly JsonQuery[], opts: { parallel?: boolean } = {}): (name: string) => JsonAnswer {
  const c = db.$client;
  const index = new Map(queries.map((q, i) => [q.name, i]));
  const got = new Map<number, JsonAnswer>();
  const here = (i: number): JsonAnswer => {
    readStats.here++;
    const bytes = c.prepare(queries[i].sql).pluck().get(...queries[i].params) as Buffer;
    return { bytes, sha256: sha256(bytes) };
  };
  const parallel = (opts.parallel ?? process.env.EMULATION_PARALLEL_READ !== "0") && !c.memory && !c.inTransaction;
  if (!parallel) {
    return (name) => {
      const i = index.get(name)!;
      if (!got.has(i)) got.set(i, here(i));
      return got.get(i)!;
    };
  }
  const { port1, port2 } = new MessageChannel();
  const counter = new SharedArrayBuffer(4);
  const done = new Int32Array(counter);
  let seen = 0;
  let failed = false;
  try {
    readerWorker().postMessage({ path: c.name, queries: queries.map((q) => ({ sql: q.sql, params: q.params })), port: port2, counter }, [port2]);
  } catch {
    failed = true;
  }
  return (name) => {
    const i = index.get(name)!;
    while (!got.has(i) && !failed) {
      const m = receiveMessageOnPort(port1)?.message as { i: number; bytes: Uint8Array; sha256: string } | { error: string } | undefined;
      if (m) {
        seen++;
        if ("error" in m) failed = true;
        else {
          got.set(m.i, { bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), sha256: m.sha256 });
          readStats.worker++;
        }
        if (got.size === queries.length) port1.close();
        continue;
      }
      if (Atomics.wait(done, 0, seen, ANSWER_TIMEOUT_MS) === "timed-out") failed = true;
    }
    if (failed) port1.close();
    if (!got.has(i)) got.set(i, here(i));
    return got.get(i)!;
  };
}

/**
 * Runs `write` (one transaction of many megabytes) without this connection's automatic checkpoint, then has
 * the worker's connection checkpoint. Where there is no worker to ask (in memory, inside a transaction),
 * `write` runs as it is.
 */
export function writeThenCheckpoint<T>(db: Db, write: () => T): T {
  const c = db.$client;
  if (c.memory || c.inTransaction || process.env.EMULATION_PARALLEL_READ === "0") return write();
  const every = c.pragma("wal_autocheckpoint", { simple: true }) as number;
  c.pragma("wal_autocheckpoint = 0");
  try {
    return write();
  } finally {
    c.pragma(`wal_autocheckpoint = ${every}`);
    try {
      readerWorker().postMessage({ path: c.name, checkpoint: true });
    } catch {
      // The next commit of any connection checkpoints instead.
    }
  }
}
