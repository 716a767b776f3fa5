import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOnPath } from "../../app/server/machine";

/**
 * The two README commands on a machine without redis-server and Chromium. The programs are not removed
 * (others use this machine): PATH holds only `node`, CHROMIUM_PATH points at nothing, REDIS_URL at a port
 * where no Redis answers. That is what the set-up code sees on a bare machine.
 */

const isRoot = process.getuid?.() === 0;
const setpriv = findOnPath("setpriv");
// As root the check runs as nobody, who must be able to read this checkout: a clone inside a private
// directory (mktemp -d is 0700) is out of its reach, and then only the root case can be checked here.
const nobodyCanRead =
  !isRoot ||
  (!!setpriv &&
    spawnSync(setpriv, ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "test", "-r", path.resolve("node_modules/tsx/package.json")]).status === 0);
let dir = "";
let binDir = "";
let nobodyDir = "";
let freeRedisPort = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cuocthi-machine-"));
  fs.chmodSync(dir, 0o755);
  binDir = path.join(dir, "bin");
  fs.mkdirSync(binDir, { mode: 0o755 });
  fs.symlinkSync(process.execPath, path.join(binDir, "node"));
  nobodyDir = path.join(dir, "data");
  fs.mkdirSync(nobodyDir, { mode: 0o777 });
  fs.chmodSync(nobodyDir, 0o777);
  freeRedisPort = await freePort();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "production",
    HOME: dir,
    PATH: binDir,
    REDIS_URL: `redis://127.0.0.1:${freeRedisPort}`,
    CHROMIUM_PATH: path.join(dir, "no-chromium"),
    DATABASE_PATH: path.join(nobodyDir, "db.sqlite"),
    SESSION_SECRET: "a".repeat(40),
    ...extra,
  };
}

/** Runs `script` as a user who is not root: nobody when we are root, else ourselves. */
function runAsNonRoot(script: string, env: NodeJS.ProcessEnv) {
  const command = isRoot
    ? [setpriv!, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "env", "-i", ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath]
    : [process.execPath];
  const started = Date.now();
  const run = spawnSync(command[0], [...command.slice(1), "--import", "tsx", script], {
    env: isRoot ? { NODE_ENV: "production" } : env,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { ...run, ms: Date.now() - started };
}

describe("a bare machine, as a user who is not root", () => {
  it.skipIf(!nobodyCanRead)("npm test's first step stops at once with the one command to run", () => {
    const run = runAsNonRoot("test/setup/ensure-machine.ts", bareEnv({ APT_GET: "/usr/bin/apt-get" }));
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toEqual([
      "Thiếu redis-server, chromium; hãy chạy / missing redis-server, chromium; run: sudo apt-get update && sudo apt-get install -y redis-server chromium",
    ]);
    expect(run.ms).toBeLessThan(10_000);
  });

  it.skipIf(!nobodyCanRead)("npm start stops at once with the command, before it touches the database", () => {
    const run = runAsNonRoot("app/server/launch.ts", bareEnv({ APT_GET: "/usr/bin/apt-get" }));
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "Thiếu redis-server; hãy chạy / missing redis-server; run: sudo apt-get update && sudo apt-get install -y redis-server",
    );
    expect(fs.existsSync(path.join(nobodyDir, "db.sqlite"))).toBe(false);
  });
});

describe("a bare machine, as root", () => {
  it.skipIf(!isRoot)("npm test's first step installs both packages with apt-get, without prompts", () => {
    // apt-get here records what it is asked and installs nothing, so the check after it still fails.
    const log = path.join(dir, "apt.log");
    const apt = path.join(dir, "apt-get");
    fs.writeFileSync(apt, `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> ${log}\n`, { mode: 0o755 });
    const run = spawnSync(process.execPath, ["--import", "tsx", "test/setup/ensure-machine.ts"], {
      env: bareEnv({ APT_GET: apt }),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(fs.readFileSync(log, "utf8").trim().split("\n")).toEqual([
      "noninteractive update -qq",
      "noninteractive install -y -qq redis-server chromium",
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("vẫn không tìm thấy / installed but still not found: redis-server, chromium");
  });
});

describe("a machine with redis-server but no Redis running", () => {
  it.skipIf(!findOnPath("redis-server") || !fs.existsSync("/usr/bin/chromium"))(
    "npm test's first step starts a Redis in memory that answers",
    async () => {
      const port = await freePort();
      const run = spawnSync(process.execPath, ["--import", "tsx", "test/setup/ensure-machine.ts"], {
        env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}`, CHROMIUM_PATH: "/usr/bin/chromium" },
        encoding: "utf8",
        timeout: 30_000,
      });
      try {
        expect(run.status).toBe(0);
        const { Redis } = await import("ioredis");
        const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true });
        await client.connect();
        expect(await client.ping()).toBe("PONG");
        expect(await client.config("GET", "appendonly")).toEqual(["appendonly", "no"]);
        expect(await client.config("GET", "save")).toEqual(["save", ""]);
        await client.quit();
      } finally {
        spawnSync("redis-cli", ["-p", String(port), "shutdown", "nosave"]);
      }
    },
  );
});
