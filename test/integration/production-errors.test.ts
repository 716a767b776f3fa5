import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm start` as a visitor meets it: the launcher with NODE_ENV unset, so whatever it decides is what runs.
let launcher: ChildProcess;
let base = "";
let output = "";
const dir = path.resolve(`test/.tmp/production-errors-${process.pid}`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  const port = await freePort();
  // NODE_ENV removed (vitest sets it to "test"), as in a shell where nobody set it.
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_PATH: path.join(dir, "db.sqlite"),
    QUEUE_PREFIX: `t-prod-errors-${process.pid}`,
  };
  for (const name of ["NODE_ENV", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete childEnv[name];
  launcher = spawn(process.execPath, ["--import", "tsx", "app/server/launch.ts"], {
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  launcher.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  launcher.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/time`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the launcher did not answer:\n${output}`);
}, 60_000);

afterAll(async () => {
  if (launcher && launcher.exitCode === null) {
    const exited = new Promise((r) => launcher.once("exit", r));
    launcher.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
}, 20_000);

/** What a stack trace or a build path looks like in a body. */
function expectNoInternals(body: string) {
  expect(body).not.toMatch(/build\/index\.js|node_modules|\/work\/|\bat [\w.<>]+ \(|"stack":|SqliteError|URIError/);
}

describe("the production server started by `npm start`", () => {
  it("answers a malformed address with a Vietnamese page and no stack trace", async () => {
    const res = await fetch(`${base}/%E0%A4%A`);
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(body).toContain("Yêu cầu không hợp lệ");
    expectNoInternals(body);
  });

  it("answers the login data request with a hostile redirect target without internals", async () => {
    for (const url of ["/dang-nhap.data?redirectTo=/%0a/x", "/dang-nhap?redirectTo=/%0a/x"]) {
      const res = await fetch(`${base}${url}`, { redirect: "manual" });
      expect(res.status).toBeLessThan(500);
      expectNoInternals(await res.text());
    }
    const post = await fetch(`${base}/dang-nhap.data?redirectTo=/%0a/x`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: "phone=0900000010&password=demo12345&redirectTo=%2F%0a%2Fx",
    });
    expectNoInternals(await post.text());
  });

  it("answers an unknown page in Vietnamese and an unknown data request without a stack", async () => {
    const page = await fetch(`${base}/khong-co-trang-nay`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain("Không tìm thấy trang");
    expectNoInternals(html);
    const data = await fetch(`${base}/khong-co-trang-nay.data`);
    expect(data.status).toBe(404);
    expectNoInternals(await data.text());
    const wrongRoute = await fetch(`${base}/?_data=routes%2Fkhong-co`);
    expectNoInternals(await wrongRoute.text());
  });

  it("runs the web and worker processes with NODE_ENV=production (React's production build)", () => {
    // react-dom and Remix choose their build from NODE_ENV when each process loads them.
    const children = fs.readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, "utf8").trim().split(/\s+/);
    expect(children.length).toBe(2);
    for (const pid of children) {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      expect(environ).toContain("NODE_ENV=production");
    }
  });
});
