import type { ServerBuild } from "@remix-run/node";
import { quizMessages } from "../core/messages";

/**
 * SQLite errors that mean "not now" rather than "wrong": another writer held the lock past the busy
 * timeout, the disk is full, or the disk failed a read or write. The request changed nothing (its
 * transaction rolled back), so the person gets a 503 in Vietnamese and may try again.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return (
    code.startsWith("SQLITE_BUSY") ||
    code.startsWith("SQLITE_LOCKED") ||
    code === "SQLITE_FULL" ||
    code.startsWith("SQLITE_IOERR")
  );
}

export const unavailableMessage = quizMessages.busy;

type Handler = (args: never) => unknown;

function guard<T extends Handler | undefined>(fn: T): T {
  if (!fn) return fn;
  const wrapped = async (args: never) => {
    try {
      return await fn(args);
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        console.error(`database unavailable: ${(err as { code: string }).code}`);
        // A thrown Response reaches the ErrorBoundary as a route error: a 503 and the sentence, no stack trace.
        throw new Response(unavailableMessage, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" } });
      }
      throw err;
    }
  };
  return wrapped as unknown as T;
}

/** The same build with every loader and action answering 503 (in Vietnamese) when the database is unavailable. */
export function withDatabaseUnavailableAs503(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = route.module;
    routes[id] = {
      ...route,
      module: { ...module, loader: guard(module.loader as Handler | undefined), action: guard(module.action as Handler | undefined) } as typeof module,
    };
  }
  return { ...build, routes };
}
