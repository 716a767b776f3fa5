import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatClock } from "~/format";
import { getAttemptView } from "~/quiz/quiz.server";
import { useAttempt, type SaveState } from "~/quiz/client/useAttempt";
import { getDb } from "~/db.server";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Làm bài: ${data.roundTitle}` : "Làm bài" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const result = getAttemptView(getDb(), { userId: user.id, attemptId: Number(params.attemptId), now: Date.now() });
  if (!result.ok) throw new Response(result.message, { status: result.status });
  if (result.view.submittedAt !== null) throw redirect(`/ket-qua/${result.view.id}`);
  return result.view;
}

const saveText: Record<SaveState, string> = {
  saved: "Đã lưu",
  saving: "Đang lưu…",
  offline: "Mất kết nối – câu trả lời được giữ trên máy và sẽ gửi khi có mạng",
  error: "Có câu trả lời chưa được ghi nhận",
};

export default function AttemptPage() {
  const view = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const onSubmitted = useCallback(() => navigate(`/ket-qua/${view.id}`, { replace: true }), [navigate, view.id]);
  const quiz = useAttempt(view, onSubmitted);
  const [current, setCurrent] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const total = view.questions.length;
  const question = view.questions[current];
  const answeredCount = Object.keys(quiz.answers).length;
  const unanswered = total - answeredCount;
  const low = quiz.remaining < 60_000;

  useEffect(() => {
    heading.current?.focus();
  }, [current]);

  return (
    <>
      <div className="quiz-bar">
        <div>
          <span className="sr-only">Thời gian còn lại: </span>
          <span className={`timer${low ? " low" : ""}`} role="timer" aria-live="off" data-testid="timer">
            {formatClock(quiz.remaining)}
          </span>
        </div>
        <span className={`save-state ${quiz.saveState}`} role="status" data-testid="save-state">
          {saveText[quiz.saveState]}
        </span>
      </div>
      <h1 className="sr-only">{view.roundTitle}</h1>
      {quiz.message ? (
        <p className="notice error" role="alert">
          {quiz.message}
        </p>
      ) : null}

      <section className="card question" aria-labelledby="question-heading">
        <h2 id="question-heading" ref={heading} tabIndex={-1}>
          Câu {current + 1}/{total}
        </h2>
        <fieldset>
          <legend>{question.stem}</legend>
          {question.options.map((option, i) => {
            const chosen = quiz.answers[question.position] === i;
            return (
              <label key={i} className={`option${chosen ? " chosen" : ""}`}>
                <input
                  type="radio"
                  name={`q-${question.position}`}
                  value={i}
                  checked={chosen}
                  onChange={() => quiz.choose(question.position, i)}
                  disabled={quiz.submitting}
                />
                <span>
                  <strong>{String.fromCharCode(65 + i)}.</strong> {option}
                </span>
              </label>
            );
          })}
        </fieldset>
        <div className="nav-row">
          <button type="button" className="secondary" onClick={() => setCurrent((c) => c - 1)} disabled={current === 0}>
            ← Câu trước
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => setCurrent((c) => c + 1)}
            disabled={current === total - 1}
          >
            Câu sau →
          </button>
        </div>
      </section>

      <nav className="card" aria-label="Danh sách câu hỏi">
        <h2>
          Đã trả lời {answeredCount}/{total} câu
        </h2>
        <ol className="palette">
          {view.questions.map((q, i) => {
            const answered = quiz.answers[q.position] !== undefined;
            return (
              <li key={q.position}>
                <button
                  type="button"
                  className={`${answered ? "answered" : ""}${i === current ? " current" : ""}`}
                  aria-current={i === current ? "step" : undefined}
                  aria-label={`Câu ${i + 1}, ${answered ? "đã trả lời" : "chưa trả lời"}`}
                  onClick={() => setCurrent(i)}
                >
                  {i + 1}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      {view.predictionPrompt ? (
        <section className="card">
          <h2>Câu hỏi dự đoán</h2>
          <div className="field">
            <label htmlFor="prediction">{view.predictionPrompt}</label>
            <input
              id="prediction"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              key={String(quiz.prediction)}
              defaultValue={quiz.prediction ?? ""}
              onBlur={(e) => {
                const v = e.currentTarget.value.trim();
                const n = v === "" ? null : Math.max(0, Math.floor(Number(v)));
                if (n === null || Number.isFinite(n)) quiz.predict(n);
              }}
            />
            <span className="hint">Nhập một số nguyên; dùng để xếp hạng khi bằng điểm.</span>
          </div>
        </section>
      ) : null}

      <p>
        <button type="button" className="primary" onClick={() => dialog.current?.showModal()} disabled={quiz.submitting}>
          {quiz.submitting ? "Đang nộp bài…" : "Nộp bài"}
        </button>
      </p>

      <dialog ref={dialog} aria-labelledby="confirm-title">
        <h2 id="confirm-title">Nộp bài?</h2>
        <p>
          {unanswered > 0
            ? `Bạn còn ${unanswered} câu chưa trả lời. Sau khi nộp, bạn không sửa được bài.`
            : "Bạn đã trả lời tất cả các câu. Sau khi nộp, bạn không sửa được bài."}
        </p>
        <div className="nav-row">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Làm tiếp
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              dialog.current?.close();
              void quiz.submit();
            }}
          >
            Nộp bài
          </button>
        </div>
      </dialog>
    </>
  );
}
