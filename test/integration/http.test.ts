import type { AddressInfo } from "node:net";
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebServer, shutdownWeb } from "../../app/server/index";
import { createSession } from "../../app/account/session.server";
import { hashPassword } from "../../app/account/password.server";
import { insertUser } from "../../db/account/users";
import { contestParticipationSettings } from "../../db/schema";
import { eq } from "drizzle-orm";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

// The web process as production runs it: the lean HTTP entry in front of the built Remix app.
const env = useFreshDatabase("http");
const fx = seedQuizFixture(env.db, { people: 2 });
let server: http.Server;
let base = "";
const cookieOf = (userId: number) => createSession(userId).split(";")[0];

beforeAll(async () => {
  server = await createWebServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await shutdownWeb(server);
  env.cleanup();
});

describe("the hot paths over HTTP", () => {
  it("tells the time without a session", async () => {
    const res = await fetch(`${base}/api/time`);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(Math.abs(body.now - Date.now())).toBeLessThan(5_000);
  });

  it("asks for a login, in Vietnamese, when there is no session or a forged one", async () => {
    const res = await fetch(`${base}/api/rounds/${fx.round.id}/start`, { method: "POST" });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe("Bạn cần đăng nhập để làm bài.");
    const forged = cookieOf(fx.people[0].id).replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const res2 = await fetch(`${base}/api/rounds/${fx.round.id}/start`, { method: "POST", headers: { Cookie: forged } });
    expect(res2.status).toBe(401);
  });

  it("refuses the start of an unverified account, in Vietnamese, when the contest admits verified people only", async () => {
    const contestId = fx.round.contestId;
    env.db.insert(contestParticipationSettings).values({ contestId, unverifiedMayTakePart: false, updatedAt: Date.now() }).run();
    try {
      const res = await fetch(`${base}/api/rounds/${fx.round.id}/start`, { method: "POST", headers: { Cookie: cookieOf(fx.people[0].id) } });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatch(/đã khớp danh sách cán bộ/);
    } finally {
      env.db.delete(contestParticipationSettings).where(eq(contestParticipationSettings.contestId, contestId)).run();
    }
  });

  it("refuses a change that comes from another site", async () => {
    const res = await fetch(`${base}/api/rounds/${fx.round.id}/start`, {
      method: "POST",
      headers: { Cookie: cookieOf(fx.people[0].id), Origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
  });

  it("starts once, saves, refuses bad input without change, and submits once", async () => {
    const cookie = cookieOf(fx.people[1].id);
    const headers = { Cookie: cookie, "Content-Type": "application/json" };
    const start = await fetch(`${base}/api/rounds/${fx.round.id}/start`, { method: "POST", headers });
    expect(start.status).toBe(201);
    const { attemptId } = await start.json();
    const again = await fetch(`${base}/api/rounds/${fx.round.id}/start`, { method: "POST", headers });
    expect(again.status).toBe(200);
    expect((await again.json()).attemptId).toBe(attemptId);

    const bad = await fetch(`${base}/api/attempts/${attemptId}/answers`, { method: "PUT", headers, body: "{not json" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("Yêu cầu không hợp lệ.");
    const wrongShape = await fetch(`${base}/api/attempts/${attemptId}/answers`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ position: "0", choice: -1 }),
    });
    expect(wrongShape.status).toBe(400);

    const save = await fetch(`${base}/api/attempts/${attemptId}/answers`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ position: 0, choice: 2, seq: Date.now() }),
    });
    expect(save.status).toBe(200);

    const state = await fetch(`${base}/api/attempts/${attemptId}`, { headers });
    const text = await state.text();
    expect(text).not.toMatch(/answerIndex|explanation|legalBasis/);
    const view = JSON.parse(text);
    expect(view.answers).toEqual({ 0: 2 });
    expect(view.deadlineAt - view.startedAt).toBe(600_000);

    const other = await fetch(`${base}/api/attempts/${attemptId}`, { headers: { Cookie: cookieOf(fx.people[0].id) } });
    expect(other.status).toBe(404);

    const submit = await fetch(`${base}/api/attempts/${attemptId}/submit`, { method: "POST", headers, body: "{}" });
    expect(await submit.json()).toEqual({ submitted: true, alreadySubmitted: false });
    const submit2 = await fetch(`${base}/api/attempts/${attemptId}/submit`, { method: "POST", headers, body: "{}" });
    expect(await submit2.json()).toEqual({ submitted: true, alreadySubmitted: true });
    const late = await fetch(`${base}/api/attempts/${attemptId}/answers`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ position: 1, choice: 0, seq: Date.now() }),
    });
    expect(late.status).toBe(409);
    expect((await late.json()).error).toBe("Bài thi đã được nộp, không thể sửa câu trả lời.");
  });

  it("refuses a body larger than 64 KB", async () => {
    const res = await fetch(`${base}/api/attempts/1/submit`, {
      method: "POST",
      headers: { Cookie: cookieOf(fx.people[0].id), "Content-Type": "application/json" },
      body: JSON.stringify({ answers: [], pad: "x".repeat(70_000) }),
    });
    expect(res.status).toBe(413);
  });

  it("hands pages to Remix, with a Content-Security-Policy whose nonce is on every script and new each time", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Cuộc thi thử");
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await fetch(`${base}/`);
    expect(again.headers.get("content-security-policy")).not.toBe(csp);
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("throttles logins to an account after five failures, with a Vietnamese message, even for the right password", async () => {
    const phone = `097${Date.now() % 10_000_000}`.padEnd(10, "0").slice(0, 10);
    insertUser(env.db, { fullName: "Người thử đăng nhập", phone, passwordHash: await hashPassword("dung-mat-khau"), createdAt: Date.now() });
    const login = (password: string) =>
      fetch(`${base}/dang-nhap`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ phone, password }),
      });
    for (let i = 0; i < 5; i++) expect((await login("sai-mat-khau")).status).toBe(401);
    const blocked = await login("dung-mat-khau");
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Bạn đã nhập sai quá nhiều lần");
  });

  it("refuses a 25 MB upload to a page with a 413 in Vietnamese, before reading it", async () => {
    const res = await fetch(`${base}/quan-tri/don-vi`, {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: new Uint8Array(25 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("quá lớn");
  });

  it("refuses a form posted to a page from another site", async () => {
    const res = await fetch(`${base}/dang-nhap`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ phone: "0900000010", password: "x" }),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("không gửi từ trang của cuộc thi");
  });
});
