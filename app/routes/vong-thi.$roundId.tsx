import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useState } from "react";
import { Markdown } from "~/components/Markdown";
import { wholeMinutes } from "~/core/quiz/timing";
import { formatDateTime, formatDuration, formatTime } from "~/format";
import { PlaceFacts } from "~/quiz/Place";
import { ContestNotice, RulesCard } from "~/quiz/RulesCard";
import { contestRules } from "~/quiz/contest-info.server";
import { roundPageData } from "~/quiz/home.server";
import { myPlace } from "~/quiz/standings.server";
import { getCurrentUser } from "~/account/session.server";
import { ShareLinks } from "~/components/ShareLinks";
import { vnDateTimeText } from "~/core/notices";
import { publicOrigin } from "~/public-url.server";
import { previewText, shareMeta } from "~/share";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.round.title : "Vòng thi" }, ...shareMeta(data?.share)];

/** Open to visitors too (a shared link shows the round and its rules, with a login button); attempts need a login. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getCurrentUser(request);
  const data = roundPageData(Number(params.roundId), user?.id ?? null);
  if (!data) throw new Response("Không tìm thấy vòng thi.", { status: 404 });
  const origin = publicOrigin(request);
  const share = {
    url: `${origin}/vong-thi/${data.round.id}`,
    title: `${data.round.title} — ${data.contest.title}`,
    description: `Mở từ ${vnDateTimeText(data.round.opensAt)} đến ${vnDateTimeText(data.round.closesAt)}. ${previewText(data.contest.rulesMd, 120)}`,
    image: `${origin}/og-image.png`,
  };
  return { ...data, signedIn: user !== null, share, place: user ? myPlace(data.round.id, user.id) : null, rules: contestRules(data.contest.id) };
}

export default function RoundPage() {
  const { round, contest, attempts, openAttemptId, best, startNow, place, rules, signedIn, share } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = Math.max(0, round.attemptsAllowed - attempts.length);

  async function start() {
    setStarting(true);
    setError(null);
    try {
      const res = await fetch(`/api/rounds/${round.id}/start`, { method: "POST", credentials: "same-origin" });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? "Không bắt đầu được bài thi.");
      navigate(`/bai-thi/${body.attemptId}`);
    } catch (err) {
      setError(err instanceof TypeError ? "Không có kết nối mạng. Vui lòng thử lại khi có mạng." : (err as Error).message);
      setStarting(false);
    }
  }

  return (
    <>
      <p>
        <Link to="/">← Danh sách phần thi</Link>
      </p>
      <section className="card">
        <h1>{round.title}</h1>
        <p className="muted">{contest.title}</p>
        <ContestNotice text={rules?.notice ?? ""} />
        <dl className="facts">
          <dt>Thời gian mở</dt>
          <dd>
            {formatDateTime(round.opensAt)} – {formatDateTime(round.closesAt)}
          </dd>
          <dt>Đề thi</dt>
          <dd>
            {round.questionCount} câu trắc nghiệm, làm trong {Math.round(round.timeLimitS / 60)} phút
          </dd>
          {!signedIn ? (
            <>
              <dt>Số lượt thi</dt>
              <dd>{round.attemptsAllowed} lượt</dd>
            </>
          ) : round.phase === "closed" ? (
            <>
              <dt>Số lượt đã thi</dt>
              <dd>{attempts.length}</dd>
            </>
          ) : (
            <>
              <dt>Lượt thi còn lại</dt>
              <dd>
                {left}/{round.attemptsAllowed}
              </dd>
            </>
          )}
          {best ? (
            <>
              <dt>Kết quả tốt nhất</dt>
              <dd>
                {best.score}/{round.questionCount} câu đúng, {formatDuration(best.durationMs)}
              </dd>
            </>
          ) : null}
        </dl>
        {place ? <PlaceFacts place={place} /> : null}
        {round.predictionPrompt ? <p>Có câu hỏi dự đoán: {round.predictionPrompt}</p> : null}
        {error ? (
          <p className="notice error" role="alert">
            {error}
          </p>
        ) : null}
        {!signedIn ? (
          round.phase === "open" ? (
            <p className="actions">
              <Link className="button" to={`/dang-nhap?redirectTo=/vong-thi/${round.id}`}>
                Đăng nhập để dự thi
              </Link>
              <Link to="/dang-ky">Đăng ký tài khoản</Link>
            </p>
          ) : (
            <p className="notice">Phần thi này hiện không mở.</p>
          )
        ) : openAttemptId ? (
          <Link className="button" to={`/bai-thi/${openAttemptId}`}>
            Tiếp tục làm bài
          </Link>
        ) : round.phase !== "open" ? (
          <p className="notice">Phần thi này hiện không mở.</p>
        ) : left > 0 ? (
          <>
            {startNow.cutByClose ? (
              <p className="notice" role="note">
                Vòng thi đóng lúc {formatTime(round.closesAt)}, bạn chỉ còn{" "}
                {wholeMinutes(startNow.availableMs) > 0 ? `khoảng ${wholeMinutes(startNow.availableMs)} phút` : "chưa đến 1 phút"} để làm
                bài (không phải {Math.round(round.timeLimitS / 60)} phút). Bài sẽ tự nộp khi vòng thi đóng.
              </p>
            ) : null}
          <button type="button" className="primary" onClick={start} disabled={starting}>
            {starting ? "Đang tạo đề…" : attempts.length ? `Bắt đầu lượt thi thứ ${attempts.length + 1}` : "Bắt đầu làm bài"}
          </button>
          </>
        ) : (
          <p className="notice">Bạn đã dùng hết số lượt thi của phần thi này.</p>
        )}
      </section>
      <section className="card">
        <ShareLinks url={share.url} title={share.title} label="Chia sẻ phần thi" idPrefix="round" />
      </section>
      {attempts.length ? (
        <section className="card">
          <h2>Các lượt đã thi</h2>
          <ul>
            {attempts.map((a) => (
              <li key={a.id}>
                Lượt {a.attemptNo}, bắt đầu {formatDateTime(a.startedAt)}:{" "}
                {a.submittedAt === null ? (
                  <Link to={`/bai-thi/${a.id}`}>đang làm</Link>
                ) : (
                  <Link to={`/ket-qua/${a.id}`}>{a.score === null ? "đang chấm" : `${a.score}/${a.questionCount} câu đúng`}</Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rules ? <RulesCard rules={rules} /> : null}
    </>
  );
}
