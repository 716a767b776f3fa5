import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { closeDb, getDb } from "../../db/connection";
import { closeWebQueues, webQueues } from "../../workers/queues";
import { env } from "../env.server";
import { handleHot, requestOrigin, sameOrigin } from "./hot";
import { withDatabaseUnavailableAs503 } from "./unavailable";

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
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
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env().NODE_ENV,
      // The caller's address, for login throttling; behind a reverse proxy set TRUST_PROXY=1.
      getLoadContext: (req) => ({
        clientAddress:
          (process.env.TRUST_PROXY === "1" ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0].trim() : "") ||
          req.socket.remoteAddress ||
          "unknown",
      }),
    }),
  );

  const server = http.createServer((req, res) => {
    if (handleHot(req, res)) return;
    // A form posted from another site is refused, whatever the cookie (SameSite=Lax is the first line).
    if (!SAFE_METHODS.has(req.method ?? "GET") && !sameOrigin(req.headers.origin, requestOrigin(req))) {
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Yêu cầu bị từ chối: biểu mẫu không gửi từ trang của cuộc thi.");
      req.resume();
      return;
    }
    // No page takes more than an import file: a 50 MB upload is refused before anyone reads it.
    if (Number(req.headers["content-length"] ?? 0) > MAX_UPLOAD_BYTES) {
      res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
      res.end("Tệp hoặc dữ liệu gửi lên quá lớn (tối đa 20 MB).");
      req.resume();
      return;
    }
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
