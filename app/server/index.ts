import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { closeDb, getDb } from "../../db/connection";
import { closeWebQueues, webQueues } from "../../workers/queues";
import { env } from "../env.server";
import { handleHot, requestOrigin, sameOrigin } from "./hot";
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

  // Express's own last handler prints the stack outside production (a malformed `%` in a path reaches it):
  // answer every such error with a short Vietnamese page and keep the detail in the log.
  app.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status = httpStatusOf(err);
    if (status >= 500) console.error(err);
    res
      .status(status)
      .type("html")
      .setHeader("Cache-Control", "no-store")
      .send(errorPage(status));
  });

  const server = http.createServer((req, res) => {
    if (handleHot(req, res)) return;
    // A form posted from another site is refused, whatever the cookie (SameSite=Lax is the first line).
    if (!SAFE_METHODS.has(req.method ?? "GET") && !sameOrigin(req.headers.origin, requestOrigin(req))) {
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

function httpStatusOf(err: unknown): number {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 600 ? status : 500;
}

function errorPage(status: number): string {
  const [title, detail] =
    status < 500
      ? ["Yêu cầu không hợp lệ", "Địa chỉ hoặc dữ liệu gửi lên không đúng. Vui lòng kiểm tra lại đường dẫn."]
      : ["Đã có lỗi xảy ra", "Vui lòng tải lại trang hoặc thử lại sau ít phút."];
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${detail}</p><p><a href="/">Về trang chủ</a></p></main></body></html>`;
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
