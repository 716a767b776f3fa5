import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRng } from "../../app/core/random";
import { startAttempt } from "../../app/quiz/quiz.server";
import { createWebServer, shutdownWeb } from "../../app/server/index";
import { createSession } from "../../app/account/session.server";
import { seedDemo } from "../../db/seed";
import { findUserByPhone } from "../../db/account/users";
import { useFreshDatabase } from "../helpers/db";

/**
 * Thousands of malformed requests, deterministic from a seed: every action of the app as an admin (who
 * passes every gate) and as a participant, and the JSON hot paths over HTTP. None may answer 5xx or throw,
 * and none may write a row.
 */

const env = useFreshDatabase("fuzz");
let build: ServerBuild;
let server: http.Server;
let base = "";
const cookies: Record<string, string> = {};
let attemptId = 0;
const rng = seededRng(20231001);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

const fieldNames = [
  "intent", "id", "title", "name", "code", "parentCode", "unitId", "roundId", "contestId", "entryId", "userId",
  "phone", "password", "fullName", "birthDate", "cccd", "email", "position", "consent", "headcount", "kind",
  "theme", "summary", "novelty", "appliedWhere", "videoUrl", "duration", "reason", "comment", "score", "weight",
  "maxScore", "criterionId", "assignmentId", "voteWeight", "voteCap", "blind", "zScore", "status", "file",
  "text", "redirectTo", "value", "prediction", "position", "choice", "entrantKind", "authors", "publicRates",
];
const nasty = [
  "", " ", "0", "-1", "1e309", "NaN", "null", "undefined", "true", "[]", "{}", '{"a":', "' OR 1=1 --",
  "<script>alert(1)</script>", "<html class=\"cool\"> &", "=HYPERLINK(\"http://x\")", "../../etc/passwd",
  "\u0000", "\uFFFF", "🙂".repeat(50), "a\u0301".repeat(200), "9".repeat(40), "x".repeat(100_000),
  "https://www.youtube.com/watch?v=", "javascript:alert(1)", "2023-02-30", "99:99", "Cả A, B và C", "%00",
];

function randomForm(): URLSearchParams | FormData {
  const multipart = rng() < 0.25;
  const form = multipart ? new FormData() : new URLSearchParams();
  const n = 1 + Math.floor(rng() * 8);
  for (let i = 0; i < n; i++) {
    const name = rng() < 0.9 ? pick(fieldNames) : pick(nasty).slice(0, 30);
    if (multipart && rng() < 0.3) {
      const bytes = new Uint8Array(Math.floor(rng() * 4096));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rng() * 256);
      // A truncated zip header now and then, as a broken .xlsx would start.
      if (rng() < 0.5 && bytes.length > 4) bytes.set([0x50, 0x4b, 0x03, 0x04]);
      (form as FormData).append(name, new Blob([bytes]), pick(["a.xlsx", "b.csv", "c.txt", "d.gift", "e.yaml"]));
    } else {
      form.append(name, pick(nasty));
    }
  }
  return form;
}

// Contests are left out: a contest needs only a title, and "<script>" is a fine title (it shows as text).
const businessTables = [
  "units", "users", "role_grants", "rounds", "questions", "question_versions", "attempts", "answers",
  "round_results", "roster_entries", "initiative_entries", "initiative_criteria", "initiative_scores", "initiative_votes",
];

function counts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of businessTables) {
    try {
      out[t] = (env.db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    } catch {
      // a table another branch has not added yet
    }
  }
  return out;
}

beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
  for (const [who, phone] of [["admin", "0900000001"], ["participant", "0900000010"]] as const) {
    cookies[who] = createSession(findUserByPhone(env.db, phone)!.id).split(";")[0];
  }
  const s = startAttempt(env.db, { userId: findUserByPhone(env.db, "0900000010")!.id, roundId: 1, now: Date.now() });
  if (!s.ok) throw new Error(s.message);
  attemptId = s.attemptId;
  build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = await createWebServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await shutdownWeb(server);
  env.cleanup();
});

describe("malformed input", () => {
  it("never makes an action answer 5xx or write anything", async () => {
    const before = counts();
    const failures: string[] = [];
    let sent = 0;
    for (const [routeId, route] of Object.entries(build.routes)) {
      const action = route.module.action;
      if (!action || routeId === "routes/dang-xuat") continue;
      const params = { roundId: "1", attemptId: String(attemptId), entryId: "1", contestId: "1", taskId: "1", unitId: "1", questionId: "1" };
      for (let i = 0; i < 60; i++) {
        for (const who of ["admin", "participant"]) {
          const request = new Request(`http://localhost/${route.path ?? ""}`, {
            method: "POST",
            headers: { Cookie: cookies[who], Origin: "http://localhost" },
            body: randomForm(),
          });
          sent++;
          try {
            const result = await action({ request, params, context: { clientAddress: "10.0.0.1" } } as never);
            const status = result instanceof Response ? result.status : ((result as { init?: { status?: number } })?.init?.status ?? 200);
            if (status >= 500) failures.push(`${routeId} as ${who}: ${status}`);
          } catch (thrown) {
            if (!(thrown instanceof Response)) failures.push(`${routeId} as ${who} threw ${(thrown as Error).message}`);
            else if (thrown.status >= 500) failures.push(`${routeId} as ${who}: thrown ${thrown.status}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(counts()).toEqual(before);
    expect(env.db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(env.db.$client.pragma("foreign_key_check")).toEqual([]);
  }, 180_000); // every action of every route, twice per role: grows with the routes

  it("never makes a hot path answer 5xx, and saves nothing that was not a valid answer", async () => {
    const before = counts();
    const paths = [
      `/api/rounds/1/start`, `/api/rounds/999/start`, `/api/attempts/${attemptId}/answers`, `/api/attempts/${attemptId}/prediction`,
      `/api/attempts/${attemptId}`, `/api/attempts/99999999/answers`, `/api/time`, `/api/attempts/abc/answers`,
    ];
    const bodies = [
      "", "{", "null", "[]", '{"position":-1,"choice":0,"seq":1}', '{"position":0,"choice":99,"seq":1}',
      '{"position":"0","choice":"1","seq":"x"}', '{"position":1e10,"choice":0,"seq":1}', '{"prediction":-5}',
      '{"prediction":1.5}', '{"__proto__":{"admin":true}}', '{"answers":"x"}', JSON.stringify({ answers: Array(600).fill({}) }),
      "x".repeat(70_000),
    ];
    let statuses5xx = 0;
    const cookie = cookies.participant;
    for (let i = 0; i < 1500; i++) {
      const method = pick(["GET", "PUT", "POST", "DELETE", "PATCH"]);
      const res = await fetch(`${base}${pick(paths)}`, {
        method,
        headers: { Cookie: rng() < 0.8 ? cookie : "cuocthi_session=forged.sig", "Content-Type": "application/json" },
        body: method === "GET" ? undefined : pick(bodies),
      });
      await res.arrayBuffer();
      if (res.status >= 500) statuses5xx++;
    }
    expect(statuses5xx).toBe(0);
    const after = counts();
    // The first start may have created nothing new (the attempt was already open); answers must not grow from garbage.
    expect(after.answers).toBe(before.answers);
    expect(after.attempts).toBe(before.attempts);
  });
});
