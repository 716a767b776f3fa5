import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { z } from "zod";

/**
 * What a request says about where it came from, given how many reverse proxies stand in front of us.
 * TRUST_PROXY=N (N proxies; unset or 0: none). Each proxy appends what it saw to X-Forwarded-For, so only
 * the right-most N entries were written by proxies we trust; whatever is left of them the client wrote
 * itself and may be anything. The client is the entry the outermost trusted proxy appended: the N-th from
 * the right. The same rule picks X-Forwarded-Host and X-Forwarded-Proto.
 */

export const trustProxySchema = z.coerce
  .number({ invalid_type_error: "TRUST_PROXY phải là số proxy đứng trước máy chủ (0, 1, 2…)" })
  .int("TRUST_PROXY phải là số nguyên")
  .min(0, "TRUST_PROXY không được âm")
  .max(10, "TRUST_PROXY tối đa 10")
  .default(0);

let cachedRaw: string | undefined;
let cachedHops = 0;

/** Read at each request (cheaply, from a one-entry cache) so a test or a restart-free change is seen. */
export function trustedHops(): number {
  const raw = process.env.TRUST_PROXY;
  if (raw !== cachedRaw) {
    const parsed = trustProxySchema.safeParse(raw === "" ? undefined : raw);
    cachedHops = parsed.success ? parsed.data : 0;
    cachedRaw = raw;
  }
  return cachedHops;
}

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The value the outermost trusted proxy wrote, or undefined when no proxy is trusted or none wrote one. */
export function forwardedValue(value: string | string[] | undefined, hops = trustedHops()): string | undefined {
  if (hops <= 0) return undefined;
  const list = headerList(value);
  if (!list.length) return undefined;
  // Fewer entries than proxies: the left-most one is still a proxy's (the client sent nothing).
  return list[Math.max(0, list.length - hops)];
}

export function clientAddress(req: IncomingMessage): string {
  return forwardedValue(req.headers["x-forwarded-for"]) || req.socket.remoteAddress || "unknown";
}

export function requestHost(req: IncomingMessage): string | undefined {
  return forwardedValue(req.headers["x-forwarded-host"]) ?? req.headers.host;
}

/** "https" when TLS ended here or at a trusted proxy that says so. */
export function requestProtocol(req: IncomingMessage): "http" | "https" {
  if ((req.socket as TLSSocket).encrypted) return "https";
  return forwardedValue(req.headers["x-forwarded-proto"])?.toLowerCase() === "https" ? "https" : "http";
}
