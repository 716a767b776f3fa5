import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../../app/account/password.server";
import { createWebServer, shutdownWeb } from "../../app/server/index";
import { createSession, SESSION_COOKIE, SESSION_IDLE_MS, SESSION_TOUCH_MS, userIdFromCookie } from "../../app/account/session.server";
import { LIMITS, loginSucceeded, reserveLoginAttempt } from "../../app/account/throttle.server";
import { sessions } from "../../db/schema";
import { insertUser } from "../../db/account/users";
import { eq } from "drizzle-orm";
import { useFreshDatabase } from "../helpers/db";

// Each wrong password costs one scrypt hash (about 100 ms on a quiet core, several times that on a busy one),
// and these tests send up to 31 of them: give them room beyond the suite's 30 s.
vi.setConfig({ testTimeout: 180_000 });

// The web process as production runs it, probed the way an attacker did (issue 11).
const env = useFreshDatabase("trust-http");
const PASSWORD = "dung-mat-khau";
let server: http.Server;
let base = "";
let port = 0;
let passwordHash = "";
let phoneSeq = 0;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  server = await createWebServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  delete process.env.TRUST_PROXY;
  await shutdownWeb(server);
  env.cleanup();
});

// Each test counts in keys of its own: a fresh prefix, and addresses handed to us by a "proxy".
beforeEach(() => {
  process.env.QUEUE_PREFIX = `t-trust-${randomUUID().slice(0, 8)}`;
  process.env.TRUST_PROXY = "1";
});

function newPerson() {
  const phone = `098${String(process.pid % 1000).padStart(3, "0")}${String(++phoneSeq).padStart(4, "0")}`;
  const user = insertUser(env.db, { fullName: "Người thử", phone, passwordHash, createdAt: Date.now() });
  return { phone, id: user.id };
}

const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

function login(phone: string, password: string, opts: { forwardedFor?: string; proto?: string; redirectTo?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (opts.forwardedFor) headers["X-Forwarded-For"] = opts.forwardedFor;
  if (opts.proto) headers["X-Forwarded-Proto"] = opts.proto;
  const body = new URLSearchParams({ phone, password, ...(opts.redirectTo ? { redirectTo: opts.redirectTo } : {}) });
  return fetch(`${base}/dang-nhap`, { method: "POST", redirect: "manual", headers, body });
}

describe("login throttle (item 1)", () => {
  it("holds a burst of 40 parallel guesses for one phone to five password checks, the right one last", async () => {
    const { phone } = newPerson();
    const from = address();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(phone, i === 39 ? PASSWORD : `sai-${i}`, { forwardedFor: from })),
    );
    const statuses = results.map((r) => r.status);
    const checked = statuses.filter((s) => s !== 429).length;
    expect(checked).toBeLessThanOrEqual(LIMITS.account);
    expect(statuses.filter((s) => s === 302)).toHaveLength(0);
    const refusal = await results[statuses.indexOf(429)].text();
    expect(refusal).toMatch(/Vui lòng thử lại sau \d+ giây/);
  });

  it("lets the right password in after a short wait, not 15 minutes, when someone sent five wrong ones", async () => {
    const { phone } = newPerson();
    const attacker = address();
    for (let i = 0; i < 5; i++) expect((await login(phone, "sai-mat-khau", { forwardedFor: attacker })).status).toBe(401);
    const owner = address();
    const waitNow = await login(phone, PASSWORD, { forwardedFor: owner });
    expect(waitNow.status).toBe(429);
    const retryS = Number(waitNow.headers.get("Retry-After"));
    expect(retryS).toBeGreaterThan(0);
    expect(retryS).toBeLessThanOrEqual(15);
    expect(await waitNow.text()).toContain(`Vui lòng thử lại sau ${retryS} giây`);
    await new Promise((r) => setTimeout(r, retryS * 1000 + 200));
    const inside = await login(phone, PASSWORD, { forwardedFor: owner });
    expect(inside.status).toBe(302);
    expect(inside.headers.get("set-cookie")).toContain(`${SESSION_COOKIE}=`);
    // The success cleared the phone: the next mistake is an ordinary one, not a wait.
    expect((await login(phone, "sai-lan-nua", { forwardedFor: owner })).status).toBe(401);
  }, 30_000);

  it("counts 30 failures per address and gives a success its point back", async () => {
    const from = address();
    const people = Array.from({ length: 31 }, newPerson);
    const ok = await login(people[30].phone, PASSWORD, { forwardedFor: from });
    expect(ok.status).toBe(302);
    for (let i = 0; i < LIMITS.address; i++) expect((await login(people[i].phone, "sai", { forwardedFor: from })).status).toBe(401);
    const refused = await login(people[30].phone, PASSWORD, { forwardedFor: from });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("từ địa chỉ mạng này");
  });

  it("doubles the wait for each slowed attempt and clears on success (real Redis, own prefix)", async () => {
    const prefix = `t-slow-${randomUUID().slice(0, 8)}`;
    const o = { prefix, firstWaitS: 1 };
    for (let i = 0; i < 5; i++) expect((await reserveLoginAttempt("0900", `a${i}`, o)).allowed).toBe(true);
    const first = await reserveLoginAttempt("0900", "b", o);
    expect(first).toMatchObject({ allowed: false, reason: "account" });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await reserveLoginAttempt("0900", "b", o)).allowed).toBe(true);
    const second = await reserveLoginAttempt("0900", "b", o);
    expect(second).toMatchObject({ allowed: false, retryInS: 2 });
    await loginSucceeded("0900", "b", o);
    expect((await reserveLoginAttempt("0900", "b", o)).allowed).toBe(true);
  });

  it("lets people in when Redis is away", async () => {
    const away = new Redis("redis://127.0.0.1:1", { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    away.on("error", () => {});
    const o = { redis: away, prefix: `t-away-${randomUUID().slice(0, 8)}` };
    for (let i = 0; i < 10; i++) expect((await reserveLoginAttempt("0900", "c", o)).allowed).toBe(true);
    away.disconnect();
  });
});

describe("redirect after login (item 2)", () => {
  it("sends a signed-in person home, not to another site, for a tab or newline target, and never answers 500", async () => {
    const { id } = newPerson();
    const cookie = createSession(id).split(";")[0];
    for (const target of ["/%09/127.0.0.1:3399/x", "/%0a/x", "/%0d/x", "%2F%2Fevil.example", "/%5Cevil.example"]) {
      const res = await fetch(`${base}/dang-nhap?redirectTo=${target}`, { redirect: "manual", headers: { Cookie: cookie } });
      expect(res.status, target).toBe(302);
      expect(res.headers.get("location"), target).toBe("/");
    }
    const dataUrl = await fetch(`${base}/dang-nhap.data?redirectTo=/%0a/x`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(dataUrl.status).toBeLessThan(500);
    const ok = await fetch(`${base}/dang-nhap?redirectTo=${encodeURIComponent("/ok/path?x=1")}`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(ok.headers.get("location")).toBe("/ok/path?x=1");
  });

  it("does the same for the target posted with the login form", async () => {
    const { phone } = newPerson();
    const res = await login(phone, PASSWORD, { forwardedFor: address(), redirectTo: "/\t/127.0.0.1:3399/x" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });
});

/** Sends `total` bytes chunked (no Content-Length); resolves with the status and how much was accepted. */
function sendChunked(path: string, total: number, contentType = "application/x-www-form-urlencoded") {
  return new Promise<{ status: number; body: string; sent: number; finished: boolean }>((resolve) => {
    let sent = 0;
    let finished = false;
    let status = 0;
    let body = "";
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers: { "Content-Type": contentType, "Transfer-Encoding": "chunked" } });
    const done = () => resolve({ status, body, sent, finished });
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", done);
      res.on("error", done);
    });
    req.on("error", () => (status ? undefined : done()));
    const chunk = Buffer.alloc(64 * 1024, "a");
    chunk.write("phone=0900000000&password=x&pad=");
    const pump = () => {
      while (sent < total) {
        if (req.destroyed || status) return;
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      finished = true;
      req.end();
    };
    pump();
  });
}

describe("body cap while streaming (item 7)", () => {
  it("refuses a 25 MB chunked form with a 413 in Vietnamese", async () => {
    const res = await sendChunked("/dang-nhap", 25 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.body).toContain("quá lớn (tối đa 20 MB)");
  });

  it("cuts a never-ending chunked upload soon after the cap instead of reading it all", async () => {
    const before = process.memoryUsage().rss;
    const res = await sendChunked("/dang-nhap", 400 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.finished).toBe(false);
    expect(res.sent).toBeLessThan(60 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it("still reads a chunked form under the cap", async () => {
    const res = await sendChunked("/dang-nhap", 2 * 1024 * 1024);
    // The form was read and its fields checked: a wrong password, not "too large".
    expect([400, 401]).toContain(res.status);
  });
});

describe("X-Forwarded-* with TRUST_PROXY (item 8)", () => {
  it("counts the address the proxy appended, not the one the client wrote on the left", async () => {
    const real = address();
    const people = Array.from({ length: LIMITS.address + 1 }, newPerson);
    for (let i = 0; i < LIMITS.address; i++) {
      const spoofed = `192.0.2.${i}`;
      expect((await login(people[i].phone, "sai", { forwardedFor: `${spoofed}, ${real}` })).status).toBe(401);
    }
    expect((await login(people[LIMITS.address].phone, "sai", { forwardedFor: `192.0.2.250, ${real}` })).status).toBe(429);
  });

  it("with TRUST_PROXY=2 takes the second entry from the right", async () => {
    process.env.TRUST_PROXY = "2";
    const real = address();
    const people = Array.from({ length: LIMITS.address + 1 }, newPerson);
    for (let i = 0; i < LIMITS.address; i++) {
      expect((await login(people[i].phone, "sai", { forwardedFor: `192.0.2.${i}, ${real}, 10.255.0.${i}` })).status).toBe(401);
    }
    expect((await login(people[LIMITS.address].phone, "sai", { forwardedFor: `1.1.1.1, ${real}, 10.255.0.99` })).status).toBe(429);
  });

  it("judges Origin against the host the proxy wrote, the right-most one", async () => {
    const res = await fetch(`${base}/dang-nhap`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://evil.example",
        "X-Forwarded-Host": "evil.example, cuocthi.example",
      },
      body: new URLSearchParams({ phone: "0900000010", password: "x" }),
    });
    expect(res.status).toBe(403);
  });
});

describe("session cookie (item 10)", () => {
  it("is Secure when the proxy says the request came over HTTPS, and not over plain HTTP", async () => {
    const a = newPerson();
    const overTls = await login(a.phone, PASSWORD, { forwardedFor: address(), proto: "https" });
    expect(overTls.status).toBe(302);
    expect(overTls.headers.get("set-cookie")).toMatch(/; Secure/);
    const b = newPerson();
    const plain = await login(b.phone, PASSWORD, { forwardedFor: address() });
    expect(plain.headers.get("set-cookie")).not.toMatch(/Secure/);
  });

  it("ignores X-Forwarded-Proto when no proxy is trusted", async () => {
    delete process.env.TRUST_PROXY;
    const a = newPerson();
    const res = await login(a.phone, PASSWORD, { proto: "https" });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).not.toMatch(/Secure/);
  });

  it("ends a session left unused for 7 days, and writes its last use at most once per interval", () => {
    const { id } = newPerson();
    const now = Date.now();
    const old = createSession(id, now - 8 * 86_400_000).split(";")[0];
    expect(userIdFromCookie(old, now)).toBeNull();

    const cookie = createSession(id, now - 6 * 86_400_000).split(";")[0];
    expect(userIdFromCookie(cookie, now)).toBe(id);
    const sessionId = cookie.slice(cookie.indexOf("=") + 1, cookie.lastIndexOf("."));
    const lastUsed = () => env.db.select().from(sessions).where(eq(sessions.id, sessionId)).get()!.lastUsedAt;
    expect(lastUsed()).toBe(now);
    // Used again a minute later: nothing written.
    expect(userIdFromCookie(cookie, now + 60_000)).toBe(id);
    expect(lastUsed()).toBe(now);
    expect(userIdFromCookie(cookie, now + SESSION_TOUCH_MS + 1)).toBe(id);
    expect(lastUsed()).toBe(now + SESSION_TOUCH_MS + 1);
    // Still alive 6 days after its last use, over 7 days after it: gone.
    expect(userIdFromCookie(cookie, now + SESSION_TOUCH_MS + 6 * 86_400_000)).toBe(id);
    expect(userIdFromCookie(cookie, now + SESSION_TOUCH_MS + 6 * 86_400_000 + SESSION_IDLE_MS)).toBeNull();
  });
});
