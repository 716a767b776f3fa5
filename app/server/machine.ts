import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { isLocalRedis, planMachine, type Requirement } from "../core/machine";

/**
 * The machine side of the two README commands, shared by the launcher (`npm start`) and the first step of
 * `npm test` (test/setup/ensure-machine.ts): find redis-server and Chromium, install them from Debian's
 * packages when root, or stop at once with the command to run; then make sure Redis answers.
 * Every lookup can be pointed elsewhere (REDIS_SERVER_BIN, CHROMIUM_PATH, APT_GET, PATH), which is how the
 * tests take the programs away without removing them from the machine.
 */

export type Program = "redis-server" | "chromium";

const DEBIAN_PACKAGE: Record<Program, string> = { "redis-server": "redis-server", chromium: "chromium" };

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

export function redisServerBin(): string | null {
  const configured = process.env.REDIS_SERVER_BIN;
  if (configured) return isExecutable(configured) ? configured : null;
  return findOnPath("redis-server");
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

function aptGetBin(): string | null {
  const configured = process.env.APT_GET;
  if (configured) return isExecutable(configured) ? configured : null;
  return findOnPath("apt-get");
}

function locate(program: Program): string | null {
  if (program === "redis-server") return redisServerBin();
  return isExecutable(chromiumPath()) ? chromiumPath() : null;
}

function requirements(programs: readonly Program[]): Requirement[] {
  return programs.map((program) => ({ program, debianPackage: DEBIAN_PACKAGE[program], present: locate(program) !== null }));
}

/** One line on stderr and a non-zero exit: the person reads it and runs the command it gives. */
export function stopWith(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Every program in `programs` is there when this returns; otherwise the process has stopped with the command. */
export function ensurePrograms(programs: readonly Program[]): void {
  const apt = aptGetBin();
  const plan = planMachine({
    requirements: requirements(programs),
    isRoot: process.getuid?.() === 0,
    hasAptGet: apt !== null,
  });
  if (plan.kind === "ready") return;
  if (plan.kind === "stop") stopWith(plan.message);
  console.error(`Đang cài / installing from Debian's packages: ${plan.packages.join(" ")}`);
  for (const args of plan.commands) {
    const run = spawnSync(apt!, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (run.status !== 0) {
      stopWith(`apt-get ${args.join(" ")} thất bại (mã ${run.status ?? run.signal}) / failed; chạy lại / run again: apt-get update && apt-get install -y ${plan.packages.join(" ")}`);
    }
  }
  const still = requirements(programs).filter((r) => !r.present);
  if (still.length > 0) {
    const where = still.map((r) => (r.program === "chromium" ? `chromium (CHROMIUM_PATH=${chromiumPath()})` : r.program)).join(", ");
    stopWith(`Đã cài nhưng vẫn không tìm thấy / installed but still not found: ${where}; kiểm tra PATH, REDIS_SERVER_BIN, CHROMIUM_PATH / check them.`);
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1500 });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitForRedis(url: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await redisAnswers(url)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Redis answers at `url` when this returns. "own": the launcher's Redis, a child process keeping its data
 * under `dir` (append-only file), stopped with the launcher. "daemon": the tests' Redis, in memory only,
 * left running for the next test command, as .ci/run always did.
 */
export async function ensureRedis(url: string, mode: { kind: "own"; dir: string } | { kind: "daemon" }): Promise<ChildProcess | null> {
  if (await redisAnswers(url)) return null;
  if (!isLocalRedis(url)) {
    stopWith(`Không kết nối được Redis tại ${url}; kiểm tra REDIS_URL / cannot reach Redis at ${url}; check REDIS_URL.`);
  }
  ensurePrograms(["redis-server"]);
  // Debian's package may have started its own service on 6379.
  if (await redisAnswers(url)) return null;
  const bin = redisServerBin()!;
  const port = new URL(url).port || "6379";
  let child: ChildProcess | null = null;
  if (mode.kind === "own") {
    fs.mkdirSync(mode.dir, { recursive: true });
    console.log(`Redis chưa chạy: khởi động redis-server riêng trên cổng ${port}, dữ liệu trong ${mode.dir}`);
    child = spawn(bin, ["--bind", "127.0.0.1", "--port", port, "--dir", mode.dir, "--appendonly", "yes"], { stdio: "ignore" });
  } else {
    console.error(`Redis chưa chạy: khởi động redis-server trên 127.0.0.1:${port} / starting redis-server on 127.0.0.1:${port}`);
    spawnSync(bin, ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"], {
      stdio: "inherit",
    });
  }
  if (await waitForRedis(url, 5000)) return child;
  child?.kill();
  stopWith(`redis-server không khởi động được trên cổng ${port} / redis-server did not start on port ${port}.`);
}
