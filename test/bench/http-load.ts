import http from "node:http";

/** Small HTTP client pieces for workloads that autocannon cannot shape (schedules, per-user state). */

export type Reply = { status: number; body: string; ms: number };

export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function send(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: {
          Cookie: cookie,
          ...(payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
        );
      },
    );
    req.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - started }));
    if (payload) req.write(payload);
    req.end();
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i], i);
      }
    }),
  );
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request with headers and a body of the caller's choosing (a form post, a forwarded address). */
export function sendRaw(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path, agent, headers: { ...headers, "Content-Length": Buffer.byteLength(body) } },
      (res) => {
        // Only the status matters here; the page is read and dropped.
        res.on("data", () => {});
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: "", ms: performance.now() - started }));
      },
    );
    req.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - started }));
    req.end(body);
  });
}
