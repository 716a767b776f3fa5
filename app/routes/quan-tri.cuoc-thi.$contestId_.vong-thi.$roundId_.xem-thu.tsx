import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/format";
import { roundPreview } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Xem thử đề" }];

/**
 * A draw as a participant would see it (the round's rules, shuffled the same way, the quiz's phone layout),
 * with the key and explanation for proofreading. roundPreview lets in only the contest's organizers.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const seed = Number(new URL(request.url).searchParams.get("lan") ?? "1");
  const preview = roundPreview(user, Number(params.roundId), Number.isInteger(seed) ? seed : 1);
  return {
    round: {
      id: preview.round.id,
      title: preview.round.title,
      opensAt: preview.round.opensAt,
      closesAt: preview.round.closesAt,
      questionCount: preview.round.questionCount,
      timeLimitS: preview.round.timeLimitS,
      predictionPrompt: preview.round.predictionPrompt,
    },
    contest: { id: preview.contest.id, title: preview.contest.title },
    items: preview.items,
    seed: Number.isInteger(seed) ? seed : 1,
  };
}

export default function RoundPreview() {
  const { round, contest, items, seed } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/quan-tri/cuoc-thi/${contest.id}/vong-thi/${round.id}`}>← Cài đặt vòng thi</Link>
      </p>
      <h1>Xem thử: {round.title}</h1>
      <p className="muted">
        {contest.title}. Mở {formatDateTime(round.opensAt)} – {formatDateTime(round.closesAt)}; {round.questionCount} câu,{" "}
        {Math.round(round.timeLimitS / 60)} phút.
      </p>
      <p className="notice">Trang này có đáp án để Ban Tổ chức soát đề; người dự thi không thấy phần đáp án và giải thích.</p>
      <p>
        <Link to={`?lan=${seed + 1}`}>Rút một đề khác</Link>
      </p>
      {items === null ? (
        <p className="notice error" role="alert">
          Ngân hàng không đủ câu hỏi cho cách rút đề này.
        </p>
      ) : (
        <ol className="stack preview-list">
          {items.map((item, i) => (
            <li key={i} className="card question">
              <h2 className="preview-stem">
                Câu {i + 1}/{items.length}: {item.stem}
              </h2>
              <ul className="preview-options" aria-label={`Phương án câu ${i + 1}`}>
                {item.options.map((o, k) => (
                  <li key={k} className={`option${k === item.answer ? " correct" : ""}`}>
                    <span>
                      <strong>{String.fromCharCode(65 + k)}.</strong> {o}
                      {k === item.answer ? <strong className="key-mark"> (đáp án đúng)</strong> : null}
                    </span>
                  </li>
                ))}
              </ul>
              <p>
                <strong>Đáp án:</strong> {String.fromCharCode(65 + item.answer)}
              </p>
              {item.explanation ? (
                <p className="muted">
                  <strong>Giải thích:</strong> {item.explanation}
                </p>
              ) : null}
              {item.legalBasis ? <p className="muted">Căn cứ: {item.legalBasis}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {round.predictionPrompt ? <p className="card">Câu hỏi dự đoán: {round.predictionPrompt}</p> : null}
    </>
  );
}
