import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import { SESSION_COOKIE } from "../account/session.server";
import { clientAddress, requestHost, requestProtocol } from "./proxy";

/**
 * Remix behind our own small adapter instead of @remix-run/express's: the request's URL is built from the
 * proxy headers we trust (TRUST_PROXY hops, never the client's own), the body is counted as it streams,
 * and every response for a signed-in person or a personal page is kept out of caches.
 */

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const tooLargeMessage = "Tệp hoặc dữ liệu gửi lên quá lớn (tối đa 20 MB).";
// After the 413 the client may still be sending; this much more is read and dropped so it can see the
// answer, then the connection is cut rather than read to the end.
const DRAIN_AFTER_413_BYTES = 1024 * 1024;
const DRAIN_AFTER_413_MS = 2_000;

class BodyTooLarge extends Error {}

/** 413 in Vietnamese, then the connection is closed once the client had a moment to read it. */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) {
    res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close", "Cache-Control": "no-store" });
    res.end(tooLargeMessage);
  }
  let dropped = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, DRAIN_AFTER_413_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_AFTER_413_BYTES) {
      clearTimeout(timer);
      cut();
    }
  });
  req.once("end", () => clearTimeout(timer));
  req.resume();
}

/** The body as Remix reads it: counted chunk by chunk, never more than the cap, whatever Content-Length says. */
function cappedBody(req: IncomingMessage, res: ServerResponse, limit: number): Transform {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) return done(new BodyTooLarge(tooLargeMessage));
      done(null, chunk);
    },
  });
  counter.on("error", (err) => {
    if (!(err instanceof BodyTooLarge)) return;
    req.unpipe(counter);
    refuseTooLarge(req, res);
  });
  req.on("error", (err) => counter.destroy(err));
  req.pipe(counter);
  return counter;
}

// Pages whose content is about one person (their attempt, their unit, their account) or holds a secret in
// the address (a reset link). The `.data` form of each (/tai-khoan.data) matches too.
const PERSONAL_PREFIXES = [
  "/tai-khoan",
  "/hoi-dong",
  "/bai-thi",
  "/ket-qua",
  "/vong-thi",
  "/don-vi",
  "/quan-tri",
  "/giam-khao",
  "/sang-kien",
  "/sang-kien-cong-nhan",
  "/hoi-dong-sang-kien",
  "/tac-vu",
  "/dat-lai-mat-khau",
  "/dang-nhap",
  "/dang-ky",
  "/dang-xuat",
  "/thi-dua",
  "/thong-bao",
  "/chi-so-cchc",
];

export function isPersonalPath(pathname: string): boolean {
  return PERSONAL_PREFIXES.some(
    (p) => pathname === p || pathname.startsWith(`${p}/`) || pathname.startsWith(`${p}.`),
  );
}

function hasSessionCookie(cookie: string | undefined): boolean {
  return !!cookie && cookie.includes(`${SESSION_COOKIE}=`);
}

/**
 * No shared cache, browser history cache or proxy keeps a copy of what one person saw: every personal page
 * and every response to a signed-in request is no-store. Public pages for visitors keep their own policy.
 */
export function needsNoStore(pathname: string, cookie: string | undefined): boolean {
  return isPersonalPath(pathname) || hasSessionCookie(cookie);
}

export function createRemixHandler(build: ServerBuild, mode: string) {
  const handle = createRequestHandler(build, mode);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", `${requestProtocol(req)}://${requestHost(req) ?? "localhost"}`);
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Yêu cầu không hợp lệ.");
      return;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(key, v);
      else if (value !== undefined) headers.set(key, value);
    }
    let controller: AbortController | null = new AbortController();
    res.on("finish", () => (controller = null));
    res.on("close", () => controller?.abort());
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url.href, {
      method: req.method,
      headers,
      signal: controller.signal,
      ...(hasBody ? { body: createReadableStreamFromReadable(cappedBody(req, res, MAX_UPLOAD_BYTES)), duplex: "half" } : {}),
    } as RequestInit);
    const response = await handle(request, { clientAddress: clientAddress(req) });
    // The body was cut at the cap and the 413 already went out; what Remix made of the broken form is dropped.
    if (res.headersSent) return;
    res.statusCode = response.status;
    if (response.statusText) res.statusMessage = response.statusText;
    for (const [key, value] of response.headers.entries()) res.appendHeader(key, value);
    if (needsNoStore(url.pathname, req.headers.cookie)) res.setHeader("Cache-Control", "no-store");
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  };
}
