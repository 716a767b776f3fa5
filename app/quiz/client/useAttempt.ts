import { useCallback, useEffect, useRef, useState } from "react";
import { clockOffset, remainingMs } from "~/core/quiz/timing";
import type { AttemptView } from "~/quiz/quiz.schemas";
import { clearOutbox, loadOutbox, mergeAnswers, type Outbox, storeOutbox, unsyncedAnswers } from "./outbox";

export type SaveState = "saved" | "saving" | "offline" | "error";

const RETRY_MS = 3000;

class NetworkError extends Error {}

async function call(url: string, method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError();
  }
  // A proxy's error page is not JSON: treat it like a dropped network and try again.
  const json = await res.json().catch(() => null);
  if (json === null) throw new NetworkError();
  return { status: res.status, body: json as Record<string, unknown> };
}

/**
 * Everything the quiz page does with the server: one save per tap, an outbox for what could not be sent,
 * the countdown to the server's deadline corrected for the phone's clock, and the submission.
 */
export function useAttempt(view: AttemptView, onSubmitted: () => void) {
  const id = view.id;
  const outbox = useRef<Outbox | null>(null);
  const [answers, setAnswers] = useState<Record<number, number>>(view.answers);
  const [prediction, setPrediction] = useState<number | null>(view.prediction);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // offset: server time minus performance.now(); monotonic, so a phone's clock change mid-attempt does not matter.
  const offset = useRef(view.serverNow - (typeof performance === "undefined" ? 0 : performance.now()));
  const [remaining, setRemaining] = useState(Math.max(0, view.deadlineAt - view.serverNow));
  const flushing = useRef(false);
  const again = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const closed = useRef(false);

  const serverNow = () => Math.round(performance.now() + offset.current);

  const persist = () => outbox.current && storeOutbox(id, outbox.current);

  const refreshState = useCallback(() => {
    const box = outbox.current;
    if (!box) return;
    const pending = unsyncedAnswers(box).length > 0 || (box.prediction !== null && !box.prediction.synced);
    setSaveState((s) => (pending ? (s === "offline" || s === "error" ? s : "saving") : "saved"));
  }, []);

  const scheduleRetry = useCallback(() => {
    if (retryTimer.current) return;
    retryTimer.current = setTimeout(() => {
      retryTimer.current = null;
      void flushRef.current();
    }, RETRY_MS);
  }, []);

  const submitNow = useCallback(async (reason: "manual" | "timeout" = "manual") => {
    const box = outbox.current;
    if (!box || closed.current) return;
    box.submitRequested = true;
    if (reason === "timeout") box.timedOut = true;
    persist();
    setSubmitting(true);
    try {
      const res = await call(`/api/attempts/${id}/submit`, "POST", {
        answers: unsyncedAnswers(box),
        reason: box.timedOut ? "timeout" : "manual",
        ...(box.prediction && !box.prediction.synced ? { prediction: box.prediction.value } : {}),
      });
      if (res.status === 200) {
        closed.current = true;
        clearOutbox(id);
        onSubmitted();
        return;
      }
      setSaveState("error");
      setMessage(String(res.body.error ?? "Không nộp được bài."));
      setSubmitting(false);
    } catch {
      setSaveState("offline");
      setMessage("Mất kết nối mạng: bài sẽ được nộp ngay khi có mạng trở lại. Đừng đóng trang này.");
      scheduleRetry();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, onSubmitted, scheduleRetry]);

  const flush = useCallback(async () => {
    const box = outbox.current;
    if (!box || closed.current) return;
    if (flushing.current) {
      again.current = true;
      return;
    }
    flushing.current = true;
    try {
      do {
        again.current = false;
        if (box.submitRequested) {
          await submitNow();
          return;
        }
        for (const entry of unsyncedAnswers(box)) {
          const res = await call(`/api/attempts/${id}/answers`, "PUT", entry);
          if (res.status === 200) {
            const current = box.answers[entry.position];
            if (current && current.seq === entry.seq) current.synced = true;
          } else if (res.body.code === "alreadySubmitted") {
            closed.current = true;
            clearOutbox(id);
            onSubmitted();
            return;
          } else {
            // Too late, or refused as invalid: resending cannot help, so it is dropped and the person told.
            delete box.answers[entry.position];
            setMessage(String(res.body.error ?? "Câu trả lời không được ghi nhận."));
            setSaveState("error");
          }
          persist();
        }
        if (box.prediction && !box.prediction.synced) {
          const sent = box.prediction.value;
          const res = await call(`/api/attempts/${id}/prediction`, "PUT", { prediction: sent });
          if (res.status === 200 && box.prediction.value === sent) box.prediction.synced = true;
          persist();
        }
      } while (again.current);
      setMessage((m) => (saveStateRef.current === "offline" ? null : m));
      setSaveState((s) => (s === "error" ? s : "saved"));
      refreshState();
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      setSaveState("offline");
      scheduleRetry();
    } finally {
      flushing.current = false;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, onSubmitted, refreshState, scheduleRetry, submitNow]);

  const flushRef = useRef(flush);
  flushRef.current = flush;
  const saveStateRef = useRef(saveState);
  saveStateRef.current = saveState;

  // On mount: restore what this browser had not sent, measure the clock, and resend.
  useEffect(() => {
    const box = loadOutbox(id);
    outbox.current = box;
    setAnswers(mergeAnswers(view.answers, box));
    if (box.prediction && !box.prediction.synced) setPrediction(box.prediction.value);
    refreshState();
    const sentAt = performance.now();
    call("/api/time", "GET")
      .then((res) => {
        const receivedAt = performance.now();
        if (typeof res.body.now === "number") offset.current = clockOffset(sentAt, res.body.now, receivedAt);
      })
      .catch(() => {});
    void flushRef.current();
    const online = () => void flushRef.current();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [id, view.answers, refreshState]);

  // The countdown: recomputed from the deadline on every tick, so a throttled background tab is still right.
  useEffect(() => {
    const tick = () => {
      const left = remainingMs(view.deadlineAt, performance.now(), offset.current);
      setRemaining(left);
      if (left <= 0 && !closed.current && outbox.current && !outbox.current.submitRequested) void submitNow("timeout");
    };
    tick();
    const timer = setInterval(tick, 250);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [view.deadlineAt, submitNow]);

  const choose = useCallback(
    (position: number, choice: number) => {
      const box = outbox.current;
      if (!box || closed.current || box.submitRequested) return;
      box.answers[position] = { choice, seq: serverNow(), synced: false };
      persist();
      setAnswers((a) => ({ ...a, [position]: choice }));
      setMessage(null);
      setSaveState((s) => (s === "offline" ? s : "saving"));
      void flushRef.current();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const predict = useCallback((value: number | null) => {
    const box = outbox.current;
    if (!box || closed.current) return;
    box.prediction = { value, synced: false };
    persist();
    setPrediction(value);
    void flushRef.current();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = useCallback(() => submitNow("manual"), [submitNow]);
  return { answers, prediction, saveState, message, remaining, submitting, choose, predict, submit };
}
