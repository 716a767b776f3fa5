import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { redisServerBin } from "../../app/server/machine";

/**
 * Real processes for the fault tests: the web entry and the worker entry as production runs them, and a
 * Redis of the test's own (the shared one on 6379 is never touched). Each test file gets its own temp
 * directory, database file, queue prefix and ports.
 */

export const SECRET = "faults-session-secret-0123456789abcdef";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A temp directory with a database path; sets the env this (test) process needs to seed and sign cookies. */
export function workspace(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cuocthi-faults-${name}-`));
  const dbPath = path.join(dir, "db.sqlite");
  const prefix = `f-${name}-${randomUUID().slice(0, 8)}`;
  process.env.DATABASE_PATH = dbPath;
  process.env.SESSION_SECRET = SECRET;
  process.env.QUEUE_PREFIX = prefix;
  return {
    dir,
    dbPath,
    prefix,
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Proc = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
};

function launch(args: string[], env: Record<string, string>, cmd = process.execPath): Proc {
  const child = spawn(cmd, args, {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (chunk: Buffer) => {
    out += chunk.toString("utf8");
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    await exited;
  };
  return {
    child,
    output: () => out,
    exited,
    kill9: () => signal("SIGKILL"),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(8_000).then(() => false)]);
      if (!done) await signal("SIGKILL");
    },
  };
}

export type ProcEnv = { dbPath: string; prefix: string; redisPort: number; extra?: Record<string, string> };

function baseEnv(e: ProcEnv): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_PATH: e.dbPath,
    QUEUE_PREFIX: e.prefix,
    REDIS_URL: `redis://127.0.0.1:${e.redisPort}`,
    SESSION_SECRET: SECRET,
    LOG_LEVEL: "info",
    ...e.extra,
  };
}

/** `node --import tsx app/server/index.ts` (needs `npm run build`), ready once /api/time answers. */
export async function startWeb(e: ProcEnv & { port: number }): Promise<Proc> {
  if (!fs.existsSync(path.resolve(__dirname, "../../build/index.js"))) throw new Error("run `npm run build` first");
  const proc = launch(["--import", "tsx", "app/server/index.ts"], { ...baseEnv(e), PORT: String(e.port), HOST: "127.0.0.1" });
  try {
    await waitFor("the web process", async () => {
      if (proc.child.exitCode !== null) throw new Error(`web exited: ${proc.output()}`);
      return (await fetch(`http://127.0.0.1:${e.port}/api/time`)).ok;
    }, 30_000);
  } catch (err) {
    await proc.kill9();
    throw new Error(`${(err as Error).message}\n${proc.output()}`);
  }
  return proc;
}

/** `node --import tsx workers/main.ts`, not waited for: its workers take jobs before it logs that it started. */
export function launchWorker(e: ProcEnv): Proc {
  return launch(["--import", "tsx", "workers/main.ts"], baseEnv(e));
}

/** `node --import tsx workers/main.ts`, ready once it logs "workers started". */
export async function startWorker(e: ProcEnv): Promise<Proc> {
  const proc = launchWorker(e);
  await waitFor("the worker process", () => {
    if (proc.child.exitCode !== null) throw new Error(`worker exited: ${proc.output()}`);
    return proc.output().includes("workers started");
  }, 30_000);
  return proc;
}

/** A Redis of the test's own on `port`, in memory only. */
export async function startRedis(port: number, dir: string): Promise<Proc> {
  const proc = launch(
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    {},
    // The same redis-server npm test's first step checked for (test/setup/ensure-machine.ts).
    redisServerBin() ?? "redis-server",
  );
  await waitFor("redis", () => new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  }), 10_000, 50);
  return proc;
}
