import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAttempt } from "../../app/quiz/quiz.server";
import { createWebServer, shutdownWeb } from "../../app/server/index";
import { createSession } from "../../app/account/session.server";
import { seedDemo } from "../../db/seed";
import { findUserByPhone } from "../../db/account/users";
import { useFreshDatabase } from "../helpers/db";

/**
 * Walks the built app's route list (as the authorization matrix does) and asks each page over HTTP, as
 * its document and as its `.data`: whatever shows a person's data or attempt must never be kept by a
 * cache. A new route is personal unless it is added to `publicRoutes`.
 */

const publicRoutes = new Set([
  "root",
  "routes/_index",
  "routes/thu-vien-sang-kien",
  "routes/ty-le-tham-gia.$contestId",
  "routes/ket-qua-cuoc-thi.$contestId",
  "routes/the-le.$contestId",
  "routes/chi-so-cchc.xep-hang.$year",
  "routes/chi-so-cchc.xep-hang.$year.xuat",
  "routes/chi-so-cchc.don-vi.$unitId",
]);

const env = useFreshDatabase("no-store");
let server: http.Server;
let base = "";
let build: ServerBuild;
let attemptId = 0;
let participant = "";
let admin = "";

beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
  const cookieOf = (phone: string) => createSession(findUserByPhone(env.db, phone)!.id).split(";")[0];
  admin = cookieOf("0900000001");
  participant = cookieOf("0900000010");
  const started = startAttempt(env.db, { userId: findUserByPhone(env.db, "0900000010")!.id, roundId: 1, now: Date.now() });
  if (!started.ok) throw new Error(started.message);
  attemptId = started.attemptId;
  build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = await createWebServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await shutdownWeb(server);
  env.cleanup();
});

function fullPath(routeId: string): string {
  const parts: string[] = [];
  for (let r = build.routes[routeId]; r; r = r.parentId ? build.routes[r.parentId] : (undefined as never)) {
    if (r.path) parts.unshift(r.path);
  }
  const params: Record<string, string> = { attemptId: String(attemptId), token: "khong-co-that", taskId: "999999", entryId: "999999" };
  return `/${parts.join("/")}`.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? "1");
}

function personalPages(): { routeId: string; url: string; isPage: boolean }[] {
  return Object.keys(build.routes)
    .filter((id) => !publicRoutes.has(id) && id !== "routes/dang-xuat")
    .map((routeId) => ({ routeId, url: fullPath(routeId), isPage: typeof build.routes[routeId].module.default === "function" }));
}

const get = (url: string, cookie?: string) => fetch(`${base}${url}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });

describe("personal pages are never cached", () => {
  it("finds the pages to check in the route list", () => {
    const urls = personalPages().map((p) => p.url);
    for (const expected of ["/tai-khoan", `/bai-thi/${attemptId}`, "/don-vi", "/quan-tri/don-vi", "/dat-lai-mat-khau/khong-co-that"]) {
      expect(urls).toContain(expected);
    }
  });

  it("answers every personal route no-store, document and .data, for its owner, an admin and a visitor", async () => {
    const missing: string[] = [];
    for (const { url, isPage, routeId } of personalPages()) {
      const owner = routeId.includes("bai-thi") || routeId.includes("ket-qua") || routeId.includes("tai-khoan") ? participant : admin;
      const probes: [string, string | undefined][] = [
        [url, owner],
        [url, undefined],
      ];
      if (isPage) probes.push([`${url}.data`, owner], [`${url}.data`, undefined]);
      for (const [target, cookie] of probes) {
        const res = await get(target, cookie);
        await res.arrayBuffer();
        if (res.status >= 500) missing.push(`${target} ${cookie ? "signed in" : "visitor"}: ${res.status}`);
        if (res.headers.get("cache-control") !== "no-store") {
          missing.push(`${target} ${cookie ? "signed in" : "visitor"}: ${res.status} Cache-Control=${res.headers.get("cache-control")}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("keeps even a public page out of caches when it is rendered for a signed-in person", async () => {
    for (const url of ["/", "/_root.data", "/thu-vien-sang-kien"]) {
      const res = await get(url, participant);
      expect(res.headers.get("cache-control"), url).toBe("no-store");
    }
    // A visitor's home page stays an ordinary page.
    expect((await get("/")).headers.get("cache-control")).not.toBe("no-store");
  });

  it("gives the reset page no-referrer, so the token in its address reaches no other site", async () => {
    const page = await get("/dat-lai-mat-khau/khong-co-that");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const other = await get("/dang-nhap");
    expect(other.headers.get("referrer-policy")).toBe("same-origin");
  });
});
