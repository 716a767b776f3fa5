import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { closeDb, getDb } from "../../db/connection";
import { closeWebQueues, webQueues } from "../../workers/queues";
import { env } from "../env.server";
import { handleHot, sameOrigin } from "./hot";
import { requestHost } from "./proxy";
import { createRemixHandler, MAX_UPLOAD_BYTES, refuseTooLarge } from "./remix";
import { withDatabaseUnavailableAs503 } from "./unavailable";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The web process: hot paths first, then static assets, then Remix for every page. */
export async function createWebServer(buildPath = path.resolve("build/index.js")): Promise<http.Server> {
  env();
  getDb();
  webQueues();
  // A page whose database is busy or full answers 503 in Vietnamese, like the hot paths.
  const build = withDatabaseUnavailableAs503((await import(pathToFileURL(buildPath).href)) as ServerBuild);
  const app = express();
  app.disable("x-powered-by");
  const nosniff = (res: express.Response) => res.setHeader("X-Content-Type-Options", "nosniff");
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", setHeaders: nosniff }));
  app.use(express.static("public", { maxAge: "1h", setHeaders: nosniff }));
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  // Pages get their security headers (CSP with a nonce, frame-ancestors, referrer policy) in app/entry.server.tsx.
  const remix = createRemixHandler(build, env().NODE_ENV);
  app.all("*", (req, res, next) => {
    remix(req, res).catch(next);
  });

  const server = http.createServer((req, res) => {
    if (handleHot(req, res)) return;
    // A form posted from another site is refused, whatever the cookie (SameSite=Lax is the first line).
    if (!SAFE_METHODS.has(req.method ?? "GET") && !sameOrigin(req.headers.origin, requestHost(req))) {
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Yêu cầu bị từ chối: biểu mẫu không gửi từ trang của cuộc thi.");
      req.resume();
      return;
    }
    // No page takes more than an import file: a 50 MB upload that says so is refused before anyone reads
    // it; one that does not say (chunked) is counted as it streams and cut at the same cap (./remix.ts).
    if (Number(req.headers["content-length"] ?? 0) > MAX_UPLOAD_BYTES) return refuseTooLarge(req, res);
    app(req, res);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

export async function shutdownWeb(server: http.Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections?.();
  await closeWebQueues();
  closeDb();
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"));
if (isEntry) {
  const { PORT, HOST } = env();
  const server = await createWebServer();
  server.listen(PORT, HOST, () => console.log(`web listening on http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${PORT}`));
  const stop = () => {
    server.closeIdleConnections?.();
    void shutdownWeb(server).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
