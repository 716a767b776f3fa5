import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { getDb } from "../../db/connection";
import { quizMessages } from "../core/messages";
import {
  getAttemptView,
  type QuizFailure,
  saveAnswerGrouped,
  savePrediction,
  scheduleClose,
  startAttempt,
  submitAttempt,
} from "../quiz/quiz.server";
import { answerSaveSchema, predictionSchema, submitSchema } from "../quiz/quiz.schemas";
import { userIdFromCookie } from "../account/session.server";
import { rowSaveSchema } from "../reform-index/schemas";
import { fillerOf, saveRowAs } from "../../db/reform-index/fill";
import { groupCommit } from "../../db/quiz/group-commit";
import { requestHost, requestProtocol } from "./proxy";
import { isDatabaseUnavailable } from "./unavailable";

/**
 * The hot paths of contest day (start, save an answer, submit, the clock) and the self-assessment's row
 * autosave, answered here without Remix's request pipeline (DESIGN.md rule 7). They share the session check, the schemas and the
 * use cases with the Remix side.
 */

const MAX_BODY = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(json);
}

function sendFailure(res: ServerResponse, failure: QuizFailure): void {
  send(res, failure.status, { error: failure.message, code: failure.code });
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // The rest is read and dropped, so the client gets the 413 instead of a reset connection.
      if (tooLarge || size > MAX_BODY) {
        if (!tooLarge) reject(new HttpError(413, "Yêu cầu quá lớn."));
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) return;
      if (size === 0) return resolve({});
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(new HttpError(400, quizMessages.badRequest));
      }
    });
    req.on("error", reject);
  });
}

async function parseBody<T extends z.ZodTypeAny>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, quizMessages.badRequest);
  return parsed.data;
}

/**
 * A request that changes something must come from our own pages. Browsers send Origin on every POST; a
 * request without one (a script, curl) is not a cross-site form and still needs the session cookie.
 */
/**
 * The origin this request was addressed to: scheme and host. The scheme counts, since a page served over
 * plain http (a captive portal, a downgrade) is not the site served over https.
 */
export function requestOrigin(req: IncomingMessage): string | undefined {
  const host = requestHost(req);
  if (!host) return undefined;
  return `${requestProtocol(req)}://${host}`;
}

export function sameOrigin(origin: string | undefined, expected: string | undefined): boolean {
  if (!origin) return true;
  if (!expected) return false;
  try {
    return new URL(origin).origin === new URL(expected).origin;
  } catch {
    return false;
  }
}

/** The self-assessment's autosave (app/reform-index/useRowAutosave.ts): the Remix route's URL, answered here. */
const INDEX_SAVE = "/chi-so-cchc/luu";
const INDEX_MAX_BODY = 256 * 1024;

export const indexSaveMessages = {
  badJson: "Dữ liệu gửi lên không hợp lệ.",
  notSignedIn: "Phiên đăng nhập đã hết. Vui lòng đăng nhập lại; phần đã nhập vẫn được giữ trên máy này.",
  crossSite: "Yêu cầu bị từ chối: biểu mẫu không gửi từ trang của cuộc thi.",
  tooLarge: "Yêu cầu quá lớn.",
} as const;

function readText(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(size > max ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * One row of a self-assessment, saved without Remix: the same session, schema, access rule and save as the
 * Remix route (db/reform-index/fill.ts), its refusals in JSON with the same Vietnamese messages and codes.
 */
async function indexSave(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const refuse = (status: number, message: string) => send(res, status, { ok: false, message });
  if (!sameOrigin(req.headers.origin, requestOrigin(req))) {
    req.resume();
    return refuse(403, indexSaveMessages.crossSite);
  }
  const now = Date.now();
  const userId = userIdFromCookie(req.headers.cookie, now);
  if (userId === null) {
    req.resume();
    return refuse(401, indexSaveMessages.notSignedIn);
  }
  const text = await readText(req, INDEX_MAX_BODY);
  if (text === null) return refuse(413, indexSaveMessages.tooLarge);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(400, indexSaveMessages.badJson);
  }
  const parsed = rowSaveSchema.safeParse(body);
  if (!parsed.success) return refuse(400, parsed.error.issues[0]?.message ?? indexSaveMessages.badJson);
  const db = getDb();
  // The saves of one event-loop turn share one commit (db/quiz/group-commit.ts), each answered after it.
  const filler = fillerOf(db, userId);
  const r = await groupCommit(db, () => saveRowAs(db, filler, parsed.data, Date.now()));
  return r.ok ? send(res, 200, r) : refuse(r.status, r.message);
}

const ROUTE = /^\/api\/(?:(time)|rounds\/(\d{1,9})\/(start)|attempts\/(\d{1,12})(?:\/(answers|prediction|submit))?)$/;

/** Returns false when the request is not a hot path, for Remix to answer. */
export function handleHot(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  if (req.method === "POST" && (url === INDEX_SAVE || url.startsWith(`${INDEX_SAVE}?`))) {
    indexSave(req, res).catch((err: unknown) => failed(res, err, (message) => ({ ok: false, message })));
    return true;
  }
  if (!url.startsWith("/api/")) return false;
  const q = url.indexOf("?");
  const match = ROUTE.exec(q === -1 ? url : url.slice(0, q));
  if (!match) return false;
  route(req, res, match).catch((err: unknown) => failed(res, err, (error) => ({ error })));
  return true;
}

/** An error of a hot path as its JSON answer: the quiz API says { error }, the autosave { ok: false, message }. */
function failed(res: ServerResponse, err: unknown, body: (message: string) => unknown): void {
  if (err instanceof HttpError) return send(res, err.status, body(err.message));
  if (isDatabaseUnavailable(err)) {
    if (res.headersSent) return void res.destroy();
    return send(res, 503, body(quizMessages.busy));
  }
  console.error(err);
  send(res, 500, body("Lỗi máy chủ. Vui lòng thử lại."));
}

async function route(req: IncomingMessage, res: ServerResponse, m: RegExpExecArray): Promise<void> {
  const method = req.method ?? "GET";
  const now = Date.now();
  if (m[1] === "time") {
    if (method !== "GET") throw new HttpError(405, quizMessages.badRequest);
    return send(res, 200, { now });
  }
  if (method !== "GET" && !sameOrigin(req.headers.origin, requestOrigin(req))) throw new HttpError(403, quizMessages.badRequest);
  const userId = userIdFromCookie(req.headers.cookie, now);
  if (userId === null) throw new HttpError(401, quizMessages.notSignedIn);
  const db = getDb();

  if (m[3] === "start") {
    if (method !== "POST") throw new HttpError(405, quizMessages.badRequest);
    const result = startAttempt(db, { userId, roundId: Number(m[2]), now });
    if (!result.ok) return sendFailure(res, result);
    // The first question comes with the start: one round trip less for three thousand phones at once.
    const view = getAttemptView(db, { userId, attemptId: result.attemptId, now });
    if (result.created) void scheduleClose(result.attemptId, result.deadlineAt, now);
    return send(res, result.created ? 201 : 200, {
      attemptId: result.attemptId,
      deadlineAt: result.deadlineAt,
      serverNow: now,
      view: view.ok ? view.view : null,
    });
  }

  const attemptId = Number(m[4]);
  switch (m[5]) {
    case undefined: {
      if (method !== "GET") throw new HttpError(405, quizMessages.badRequest);
      const result = getAttemptView(db, { userId, attemptId, now });
      return result.ok ? send(res, 200, result.view) : sendFailure(res, result);
    }
    case "answers": {
      if (method !== "PUT" && method !== "POST") throw new HttpError(405, quizMessages.badRequest);
      const answer = await parseBody(req, answerSaveSchema);
      const result = await saveAnswerGrouped(db, { userId, attemptId, now: Date.now(), answer });
      return result.ok ? send(res, 200, { savedAt: result.savedAt, serverNow: result.savedAt }) : sendFailure(res, result);
    }
    case "prediction": {
      if (method !== "PUT" && method !== "POST") throw new HttpError(405, quizMessages.badRequest);
      const body = await parseBody(req, predictionSchema);
      const result = savePrediction(db, { userId, attemptId, now: Date.now(), prediction: body.prediction });
      return result.ok ? send(res, 200, { ok: true }) : sendFailure(res, result);
    }
    case "submit": {
      if (method !== "POST") throw new HttpError(405, quizMessages.badRequest);
      const body = await parseBody(req, submitSchema);
      const result = await submitAttempt(db, { userId, attemptId, now: Date.now(), body });
      return result.ok ? send(res, 200, { submitted: true, alreadySubmitted: result.alreadySubmitted }) : sendFailure(res, result);
    }
  }
}
