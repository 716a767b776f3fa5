import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContestNotice, RulesCard } from "~/quiz/RulesCard";
import { contestRules } from "~/quiz/contest-info.server";
import { formatDateTime } from "~/format";
import { homeData, type RoundCard } from "~/quiz/home.server";
import { liveCountsFor } from "~/participation/participation.server";
import { getCurrentUser } from "~/account/session.server";
import { ShareLinks } from "~/components/ShareLinks";
import { publicOrigin } from "~/public-url.server";
import { previewText, shareMeta } from "~/share";
import { ownRosterStatus } from "~/participation/roster-link.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: "Cuộc thi trực tuyến tìm hiểu cải cách hành chính" }, ...shareMeta(data?.share)];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getCurrentUser(request);
  const contests = homeData(user?.id ?? null).map((c) => ({ ...c, rules: contestRules(c.id) }));
  const roster = user ? ownRosterStatus(user) : null;
  const params = new URL(request.url).searchParams;
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
    // Whether the person's account is linked to their unit's staff list: said on the home page, where they land.
    roster: roster ? { verified: roster.verified, pending: roster.pending !== null, unitHasRoster: roster.unitHasRoster } : null,
    welcome: user && params.get("da-dang-ky") ? user.fullName : null,
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
            {round.phase === "closed" ? (
              round.attemptsUsed ? (
                <>
                  <dt>Số lượt đã thi</dt>
                  <dd>{round.attemptsUsed} lượt</dd>
                </>
              ) : null
            ) : (
              <>
                <dt>Số lượt thi</dt>
                <dd>{left === null ? `${round.attemptsAllowed} lượt` : `Còn ${left}/${round.attemptsAllowed} lượt`}</dd>
              </>
            )}
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

function Welcome({ name }: { name: string }) {
  return (
    <section className="card welcome" role="status" aria-labelledby="chao-mung" data-testid="welcome">
      <h2 id="chao-mung">Chào mừng {name}, bạn đã đăng ký thành công</h2>
      <p>Việc tiếp theo:</p>
      <ol>
        <li>Đọc thể lệ cuộc thi ở cuối trang này (bấm “Xem thể lệ”).</li>
        <li>Bấm “Vào thi” ở phần thi đang mở; mỗi lượt có giờ làm bài riêng, hết giờ bài được tự nộp.</li>
        <li>
          Kiểm tra họ tên, đơn vị của bạn ở trang <Link to="/tai-khoan">Tài khoản</Link>: kết quả được tính cho đơn vị đó.
        </li>
      </ol>
    </section>
  );
}

function RosterNotice({ roster, welcome }: { roster: { verified: boolean; pending: boolean; unitHasRoster: boolean } | null; welcome: string | null }) {
  if (!roster) return null;
  return (
    <>
      {roster.verified ? (
        welcome ? (
          <p className="card rate-ok" data-testid="roster-status">
            Tài khoản đã khớp danh sách cán bộ của đơn vị (đã xác minh).
          </p>
        ) : null
      ) : (
        <p className="card notice" data-testid="roster-status">
          {roster.pending
            ? "Tài khoản chưa xác minh: yêu cầu ghép với danh sách cán bộ đang chờ thủ trưởng đơn vị hoặc Ban Tổ chức xác nhận."
            : roster.unitHasRoster
              ? "Tài khoản chưa khớp danh sách cán bộ của đơn vị. Bạn vẫn được tính cho đơn vị đã đăng ký; hãy chọn tên mình trong danh sách để được xác minh."
              : "Tài khoản chưa xác minh: đơn vị của bạn chưa nộp danh sách cán bộ."}{" "}
          <Link to="/tai-khoan#danh-sach">Xem và ghép tài khoản</Link>
        </p>
      )}
    </>
  );
}

export default function Home() {
  const { contests, signedIn, live, origin, roster, welcome } = useLoaderData<typeof loader>();
  if (contests.length === 0) {
    return (
      <section className="card">
        <h1>Chưa có cuộc thi nào đang diễn ra</h1>
      </section>
    );
  }
  return (
    <>
      {welcome ? <Welcome name={welcome} /> : null}
      <RosterNotice roster={roster} welcome={welcome} />
      {contests.map((contest) => (
        <article key={contest.id}>
          <h1>{contest.title}</h1>
          <ContestNotice text={contest.rules?.notice ?? ""} />
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
          <p>
            <Link to={`/ket-qua-cuoc-thi/${contest.id}`}>Kết quả và danh sách đạt giải</Link>
          </p>
          <h2>Các phần thi</h2>
          <ul className="plain">
            {contest.rounds.map((round) => (
              <RoundItem key={round.id} round={round} signedIn={signedIn} origin={origin} />
            ))}
          </ul>
          {contest.rules ? <RulesCard rules={contest.rules} /> : null}
        </article>
      ))}
    </>
  );
}
