import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { getDb } from "~/db.server";
import { formatDateTime, formatDuration } from "~/format";
import { PlaceFacts, RankPending } from "~/quiz/Place";
import { getResultView } from "~/quiz/quiz.server";
import { myPlace } from "~/quiz/standings.server";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Kết quả bài thi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const now = Date.now();
  const result = getResultView(getDb(), { userId: user.id, attemptId: Number(params.attemptId), now });
  if (!result.ok) throw new Response(result.message, { status: result.status });
  const { attempt, round, attemptsLeft, review } = result.result;
  return {
    attempt: {
      id: attempt.id,
      attemptNo: attempt.attemptNo,
      submittedAt: attempt.submittedAt,
      endReason: attempt.endReason,
      score: attempt.score,
      correctCount: attempt.correctCount,
      questionCount: attempt.questionCount,
      durationMs: attempt.durationMs,
      prediction: attempt.prediction,
    },
    round: {
      id: round.id,
      title: round.title,
      reviewPolicy: round.reviewPolicy,
      rankPublication: round.rankPublication,
      closesAt: round.closesAt,
      phaseOpen: now < round.closesAt,
    },
    place: attempt.score === null ? null : myPlace(round.id, user.id, now),
    attemptsLeft,
    review,
  };
}

const endText = {
  submitted: "Bạn đã nộp bài.",
  timeout: "Hết giờ: bài được hệ thống tự động nộp với các câu đã lưu.",
  round_closed: "Phần thi đã kết thúc: bài được tự động nộp với các câu đã lưu.",
} as const;

export default function ResultPage() {
  const { attempt, round, attemptsLeft, review, place } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const scoring = attempt.submittedAt === null || attempt.score === null;

  // While the worker scores the attempt, look again every two seconds.
  useEffect(() => {
    if (!scoring) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [scoring, revalidator]);

  return (
    <>
      <section className="card">
        <h1>Kết quả lượt thi {attempt.attemptNo}</h1>
        <p className="muted">{round.title}</p>
        {attempt.endReason ? <p>{endText[attempt.endReason]}</p> : null}
        {scoring ? (
          <p className="notice" role="status">
            Bài thi đang chấm… Kết quả sẽ hiện ra sau ít giây.
          </p>
        ) : (
          <>
            <p className="score" data-testid="score">
              {attempt.correctCount}/{attempt.questionCount} câu đúng
            </p>
            <dl className="facts">
              <dt>Điểm</dt>
              <dd>{attempt.score}</dd>
              <dt>Thời gian làm bài</dt>
              <dd>{formatDuration(attempt.durationMs ?? 0)}</dd>
              {attempt.prediction !== null ? (
                <>
                  <dt>Dự đoán</dt>
                  <dd>{attempt.prediction}</dd>
                </>
              ) : null}
              {round.phaseOpen ? (
                <>
                  <dt>Lượt thi còn lại</dt>
                  <dd>{attemptsLeft}</dd>
                </>
              ) : null}
            </dl>
            {place ? <PlaceFacts place={place} /> : <RankPending policy={round.rankPublication} closesAt={round.closesAt} closed={!round.phaseOpen} />}
          </>
        )}
        <p>
          <Link className="button" to={`/vong-thi/${round.id}`}>
            Về phần thi
          </Link>
        </p>
      </section>
      {review ? (
        <section className="card">
          <h2>Xem lại bài làm</h2>
          <ol className="review">
            {review.map((item) => (
              <li key={item.position}>
                <p>{item.stem}</p>
                <p>
                  Bạn chọn:{" "}
                  {item.chosen === null ? "không trả lời" : `${String.fromCharCode(65 + item.chosen)}. ${item.options[item.chosen]}`}{" "}
                  <span className={item.chosen === item.correct ? "right" : "wrong"}>
                    {item.chosen === item.correct ? "(đúng)" : "(sai)"}
                  </span>
                </p>
                <p>
                  Đáp án: {String.fromCharCode(65 + item.correct)}. {item.options[item.correct]}
                </p>
                {item.explanation ? <p className="muted">{item.explanation}</p> : null}
                <p className="muted">Căn cứ: {item.legalBasis}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : !scoring ? (
        <p className="card muted">
          {round.reviewPolicy === "never"
            ? "Phần thi này không công bố đáp án."
            : round.reviewPolicy === "after_close"
              ? `Đáp án sẽ được công bố sau khi phần thi kết thúc (${formatDateTime(round.closesAt)}).`
              : `Đáp án sẽ hiện sau lượt thi cuối cùng của bạn, hoặc khi phần thi kết thúc (${formatDateTime(round.closesAt)}).`}
        </p>
      ) : null}
    </>
  );
}
