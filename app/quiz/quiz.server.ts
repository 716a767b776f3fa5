import { randomInt } from "node:crypto";
import type { Db } from "../../db/connection";
import * as store from "../../db/quiz/attempts";
import { groupCommit } from "../../db/quiz/group-commit";
import { verificationForRound } from "../../db/participation/participation";
import { mayAct } from "../core/participation/roster";
import { enqueueClose, enqueueScoring } from "../../workers/queues";
import { drawQuestions } from "../core/quiz/draw";
import { type QuizErrorCode, quizMessages } from "../core/messages";
import { seededRng } from "../core/random";
import { reviewAllowed } from "../core/quiz/scoring";
import { acceptsAnswers, computeDeadline, GRACE_MS, roundPhase } from "../core/quiz/timing";
import type { AnswerSave, AttemptView, SubmitBody } from "./quiz.schemas";

export type QuizFailure = { ok: false; status: number; code: QuizErrorCode; message: string };
const fail = (status: number, code: QuizErrorCode): QuizFailure => ({
  ok: false,
  status,
  code,
  message: quizMessages[code],
});

/** The attempt a person may still answer: started, not submitted, and within its deadline's grace. */
function openAttemptOf(attempts: store.AttemptRow[], now: number) {
  return attempts.find((a) => a.submittedAt === null && acceptsAnswers(now, a.deadlineAt));
}

/**
 * Starts an attempt, or returns the one already open: a double tap or a second tab gets the same attempt.
 * The draw and option order are frozen on the attempt inside one IMMEDIATE transaction, so two processes
 * starting at once cannot both insert.
 */
export function startAttempt(
  db: Db,
  input: { userId: number; roundId: number; now: number; seed?: number },
): { ok: true; attemptId: number; created: boolean; deadlineAt: number } | QuizFailure {
  const result = db.transaction(
    () => {
      const round = store.getRound(db, input.roundId);
      if (!round || round.status !== "published" || round.kind !== "quiz") return fail(404, "roundNotFound");
      if (roundPhase(round, input.now) !== "open") return fail(409, "roundNotOpen");
      const mine = store.listUserAttempts(db, round.id, input.userId);
      const open = openAttemptOf(mine, input.now);
      if (open) return { ok: true as const, attemptId: open.id, created: false, deadlineAt: open.deadlineAt };
      if (mine.length >= round.attemptsAllowed) return fail(409, "noAttemptsLeft");
      // Checked only before a new attempt: one already open is never taken away by a changed setting.
      const trust = verificationForRound(db, round.id, input.userId);
      if (!mayAct(trust.policy, "takePart", trust.verified)) return fail(403, "notVerified");

      const drawn = drawQuestions(store.loadBankOf(db, store.roundOwnerUnit(db, round.id)), round, seededRng(input.seed ?? randomInt(2 ** 31)));
      if (!drawn.ok) return fail(503, "bankTooSmall");
      const deadlineAt = computeDeadline(input.now, round.timeLimitS, round.closesAt);
      const attempt = store.insertAttempt(
        db,
        {
          roundId: round.id,
          userId: input.userId,
          attemptNo: mine.length + 1,
          startedAt: input.now,
          deadlineAt,
          questionCount: drawn.items.length,
        },
        drawn.items,
      );
      return { ok: true as const, attemptId: attempt.id, created: true, deadlineAt };
    },
    { behavior: "immediate" },
  );
  return result;
}

/** After the start has committed: a delayed job closes the attempt at its deadline (the sweeper is the backstop). */
export async function scheduleClose(attemptId: number, deadlineAt: number, now: number): Promise<void> {
  await enqueueClose(attemptId, deadlineAt + GRACE_MS - now);
}

type SaveInput = { userId: number; attemptId: number; now: number; answer: AnswerSave };
type SaveResult = { ok: true; savedAt: number } | QuizFailure;

const conditionalUpsert = (db: Db, input: SaveInput) =>
  store.upsertAnswerIfOpen(db, { attemptId: input.attemptId, userId: input.userId, ...input.answer, now: input.now, graceMs: GRACE_MS });

/**
 * How far ahead of the server's clock a seq may be. A seq is the browser's estimate of server time; one far
 * ahead would make every later save of that question look older and never be stored.
 */
export const SEQ_AHEAD_MS = 60_000;
const seqTooFar = (input: SaveInput) => input.answer.seq > input.now + SEQ_AHEAD_MS;

/**
 * When the conditional write changed nothing: say why. A save is acknowledged only when the stored answer is
 * the one sent (an older replay of the same choice); a newer different answer already stored is reported.
 */
function explainUnsaved(db: Db, input: SaveInput): SaveResult {
  const { answer } = input;
  const row = store.getAttemptForSave(db, input.attemptId, answer.position);
  if (!row || row.userId !== input.userId) return fail(404, "attemptNotFound");
  if (row.submittedAt !== null) return fail(409, "alreadySubmitted");
  if (!acceptsAnswers(input.now, row.deadlineAt)) return fail(409, "tooLate");
  if (row.optionCount === null) return fail(400, "badPosition");
  if (answer.choice >= row.optionCount) return fail(400, "badChoice");
  const stored = store.getAnswers(db, input.attemptId).find((a) => a.position === answer.position);
  if (stored && stored.choice === answer.choice) return { ok: true, savedAt: input.now };
  return fail(409, "superseded");
}

export function saveAnswer(db: Db, input: SaveInput): SaveResult {
  if (seqTooFar(input)) return fail(400, "badSeq");
  return conditionalUpsert(db, input) ? { ok: true, savedAt: input.now } : explainUnsaved(db, input);
}

/** The hot path's save: the same write, committed together with the other saves of this event-loop turn. */
export async function saveAnswerGrouped(db: Db, input: SaveInput): Promise<SaveResult> {
  if (seqTooFar(input)) return fail(400, "badSeq");
  const changed = await groupCommit(db, () => conditionalUpsert(db, input));
  return changed ? { ok: true, savedAt: input.now } : explainUnsaved(db, input);
}

export function savePrediction(
  db: Db,
  input: { userId: number; attemptId: number; now: number; prediction: number | null },
): { ok: true } | QuizFailure {
  const attempt = store.getAttempt(db, input.attemptId);
  if (!attempt || attempt.userId !== input.userId) return fail(404, "attemptNotFound");
  if (attempt.submittedAt !== null) return fail(409, "alreadySubmitted");
  if (!acceptsAnswers(input.now, attempt.deadlineAt)) return fail(409, "tooLate");
  store.setPrediction(db, input.attemptId, input.prediction);
  return { ok: true };
}

/** How early a browser's countdown may reach zero, from its estimate of the server's clock. */
const CLOCK_TOLERANCE_MS = 5_000;

function timeoutReason(db: Db, attempt: store.AttemptRow): "timeout" | "round_closed" {
  const round = store.getRound(db, attempt.roundId);
  return round && attempt.deadlineAt >= round.closesAt ? "round_closed" : "timeout";
}

/**
 * Commits the submission (with any answers the browser still held) and only then queues its scoring.
 * A second submit is harmless: it changes nothing and reports the attempt as submitted.
 */
export async function submitAttempt(
  db: Db,
  input: { userId: number; attemptId: number; now: number; body: SubmitBody },
): Promise<{ ok: true; alreadySubmitted: boolean } | QuizFailure> {
  const committed = db.transaction(
    () => {
      const attempt = store.getAttempt(db, input.attemptId);
      if (!attempt || attempt.userId !== input.userId) return fail(404, "attemptNotFound");
      if (attempt.submittedAt !== null) return { ok: true as const, alreadySubmitted: true };
      const inTime = acceptsAnswers(input.now, attempt.deadlineAt);
      if (inTime) {
        const optionCounts = new Map(store.getAttemptItems(db, attempt.id).map((i) => [i.position, i.options.length]));
        for (const answer of input.body.answers ?? []) {
          const count = optionCounts.get(answer.position);
          if (count === undefined || answer.choice >= count || answer.seq > input.now + SEQ_AHEAD_MS) continue;
          store.upsertAnswer(db, { attemptId: attempt.id, ...answer, savedAt: input.now });
        }
        if (input.body.prediction !== undefined) store.setPrediction(db, attempt.id, input.body.prediction);
        const timedOut = input.now >= attempt.deadlineAt || (input.body.reason === "timeout" && input.now >= attempt.deadlineAt - CLOCK_TOLERANCE_MS);
        store.markSubmitted(db, attempt.id, Math.min(input.now, attempt.deadlineAt), timedOut ? timeoutReason(db, attempt) : "submitted");
      } else {
        // Too late for new answers: the attempt closes with what was saved before its deadline.
        store.markSubmitted(db, attempt.id, attempt.deadlineAt, timeoutReason(db, attempt));
      }
      return { ok: true as const, alreadySubmitted: false };
    },
    { behavior: "immediate" },
  );
  if (committed.ok) await enqueueScoring();
  return committed;
}

export function getAttemptView(
  db: Db,
  input: { userId: number; attemptId: number; now: number },
): { ok: true; view: AttemptView } | QuizFailure {
  const attempt = store.getAttempt(db, input.attemptId);
  if (!attempt || attempt.userId !== input.userId) return fail(404, "attemptNotFound");
  const round = store.getRound(db, attempt.roundId);
  if (!round) return fail(404, "roundNotFound");
  const items = store.getAttemptItems(db, attempt.id);
  const answers: Record<number, number> = {};
  for (const a of store.getAnswers(db, attempt.id)) answers[a.position] = a.choice;
  return {
    ok: true,
    view: {
      id: attempt.id,
      roundId: round.id,
      roundTitle: round.title,
      attemptNo: attempt.attemptNo,
      startedAt: attempt.startedAt,
      deadlineAt: attempt.deadlineAt,
      submittedAt: attempt.submittedAt,
      serverNow: input.now,
      predictionPrompt: round.predictionPrompt,
      prediction: attempt.prediction,
      // Options in the order this attempt shows them; the key stays on the server.
      questions: items.map((item) => ({
        position: item.position,
        stem: item.stem,
        options: item.optionOrder.map((original) => item.options[original]),
      })),
      answers,
    },
  };
}

export type ReviewItem = {
  position: number;
  stem: string;
  options: string[];
  chosen: number | null;
  correct: number;
  explanation: string;
  legalBasis: string;
};

export type ResultView = {
  attempt: store.AttemptRow;
  round: store.RoundRow;
  attemptsLeft: number;
  review: ReviewItem[] | null;
};

export function getResultView(
  db: Db,
  input: { userId: number; attemptId: number; now: number },
): { ok: true; result: ResultView } | QuizFailure {
  const attempt = store.getAttempt(db, input.attemptId);
  if (!attempt || attempt.userId !== input.userId) return fail(404, "attemptNotFound");
  const round = store.getRound(db, attempt.roundId);
  if (!round) return fail(404, "roundNotFound");
  const mine = store.listUserAttempts(db, round.id, input.userId);
  const used = mine.length;
  const closed = roundPhase(round, input.now) === "closed";
  const canReview =
    attempt.scoredAt !== null &&
    reviewAllowed(round.reviewPolicy, {
      submitted: attempt.submittedAt !== null,
      roundClosed: closed,
      attemptsUsed: used,
      attemptsAllowed: round.attemptsAllowed,
      anyOpen: mine.some((a) => a.submittedAt === null),
    });
  let review: ReviewItem[] | null = null;
  if (canReview) {
    const chosen = new Map(store.getAnswers(db, attempt.id).map((a) => [a.position, a.choice]));
    review = store.getAttemptItems(db, attempt.id).map((item) => ({
      position: item.position,
      stem: item.stem,
      options: item.optionOrder.map((original) => item.options[original]),
      chosen: chosen.get(item.position) ?? null,
      correct: item.optionOrder.indexOf(item.answerIndex),
      explanation: item.explanation,
      legalBasis: item.legalBasis,
    }));
  }
  return {
    ok: true,
    result: { attempt, round, attemptsLeft: Math.max(0, round.attemptsAllowed - used), review },
  };
}
