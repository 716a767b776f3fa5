import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Markdown } from "~/components/Markdown";
import { formatDateTime } from "~/format";
import { homeData, type RoundCard } from "~/home.server";
import { liveCountsFor } from "~/participation.server";
import { getCurrentUser } from "~/session.server";
import { ShareLinks } from "~/components/ShareLinks";
import { publicOrigin } from "~/public-url.server";
import { previewText, shareMeta } from "~/share";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: "Cuộc thi trực tuyến tìm hiểu cải cách hành chính" }, ...shareMeta(data?.share)];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getCurrentUser(request);
  const contests = homeData(user?.id ?? null);
  const origin = publicOrigin(request);
  const first = contests[0];
  return {
    signedIn: user !== null,
    contests,
    live: liveCountsFor(contests.map((c) => c.id)),
    origin,
    share: {
      url: `${origin}/`,
      title: first?.title ?? "Cuộc thi trực tuyến tìm hiểu cải cách hành chính",
      description: first ? previewText(first.rulesMd) : "Thi trắc nghiệm trực tuyến về cải cách hành chính.",
      image: `${origin}/og-image.png`,
    },
  };
}

const phaseText = { upcoming: "Sắp mở", open: "Đang mở", closed: "Đã kết thúc" } as const;

function RoundItem({ round, signedIn, origin }: { round: RoundCard; signedIn: boolean; origin: string }) {
  const left = round.attemptsUsed === null ? null : Math.max(0, round.attemptsAllowed - round.attemptsUsed);
  return (
    <li className="card">
      <h3>{round.title}</h3>
      <dl className="facts">
        <dt>Trạng thái</dt>
        <dd>{phaseText[round.phase]}</dd>
        <dt>Bắt đầu</dt>
        <dd>{formatDateTime(round.opensAt)}</dd>
        <dt>Kết thúc</dt>
        <dd>{formatDateTime(round.closesAt)}</dd>
        {round.kind === "quiz" ? (
          <>
            <dt>Đề thi</dt>
            <dd>
              {round.questionCount} câu, {Math.round(round.timeLimitS / 60)} phút
            </dd>
            <dt>Số lượt thi</dt>
            <dd>{left === null ? `${round.attemptsAllowed} lượt` : `Còn ${left}/${round.attemptsAllowed} lượt`}</dd>
          </>
        ) : null}
      </dl>
      {round.kind === "quiz" && round.phase === "open" ? (
        signedIn ? (
          <Link className="button" to={`/vong-thi/${round.id}`}>
            Vào thi
          </Link>
        ) : (
          <Link className="button" to={`/dang-nhap?redirectTo=/vong-thi/${round.id}`}>
            Đăng nhập để dự thi
          </Link>
        )
      ) : null}
      {round.kind === "initiative" ? (
        <p className="areas">
          {round.phase === "open" ? (
            <Link className="button" to="/sang-kien">
              Gửi sáng kiến dự thi
            </Link>
          ) : null}
          <Link to="/thu-vien-sang-kien">Thư viện sáng kiến</Link>
        </p>
      ) : null}
      <ShareLinks
        url={round.kind === "quiz" ? `${origin}/vong-thi/${round.id}` : `${origin}/thu-vien-sang-kien`}
        title={round.title}
        label="Chia sẻ phần thi"
        idPrefix={`round-${round.id}`}
      />
    </li>
  );
}

export default function Home() {
  const { contests, signedIn, live, origin } = useLoaderData<typeof loader>();
  if (contests.length === 0) {
    return (
      <section className="card">
        <h1>Chưa có cuộc thi nào đang diễn ra</h1>
      </section>
    );
  }
  return (
    <>
      {contests.map((contest) => (
        <article key={contest.id}>
          <h1>{contest.title}</h1>
          <ShareLinks url={`${origin}/`} title={contest.title} label="Chia sẻ cuộc thi" idPrefix={`contest-${contest.id}`} />
          {live[contest.id] ? (
            <p className="card live-count" data-testid="live-count">
              <span className="big-number">{live[contest.id].participants.toLocaleString("vi-VN")}</span> người đã tham gia,{" "}
              <span className="big-number">{live[contest.id].attempts.toLocaleString("vi-VN")}</span> lượt thi đã nộp.
              {live[contest.id].publicRates ? (
                <>
                  {" "}
                  <Link to={`/ty-le-tham-gia/${contest.id}`}>Xem tỷ lệ tham gia của các đơn vị</Link>
                </>
              ) : null}
            </p>
          ) : null}
          {!signedIn ? (
            <p className="card">
              Lần đầu dự thi? <Link to="/dang-ky">Đăng ký tài khoản</Link> bằng số điện thoại của bạn.
            </p>
          ) : null}
          <h2>Các phần thi</h2>
          <ul className="plain">
            {contest.rounds.map((round) => (
              <RoundItem key={round.id} round={round} signedIn={signedIn} origin={origin} />
            ))}
          </ul>
          <details className="card">
            <summary>Thể lệ cuộc thi</summary>
            <Markdown>{contest.rulesMd}</Markdown>
          </details>
        </article>
      ))}
    </>
  );
}
