import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { type EntryStatus, statusText, themeName } from "~/core/initiatives/initiatives";
import { getDb } from "~/db.server";
import { formatDateTime } from "~/format";
import { myEntries, openRounds } from "~/initiatives/initiatives.server";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Sáng kiến của tôi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const db = getDb();
  return {
    rounds: openRounds(db, Date.now()).map(({ round, contest }) => ({ id: round.id, title: round.title, contestTitle: contest.title, closesAt: round.closesAt })),
    entries: myEntries(db, user.id).map(({ entry, unitName }) => ({
      id: entry.id,
      title: entry.title,
      theme: entry.theme,
      status: entry.status as EntryStatus,
      statusReason: entry.statusReason,
      published: entry.publishedAt !== null,
      unitName,
      updatedAt: entry.updatedAt,
    })),
  };
}

export default function MyInitiatives() {
  const { rounds, entries } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Sáng kiến, giải pháp cải cách hành chính</h1>
      <section className="card">
        <p>
          Gửi đường link video clip (không quá 5 phút) giới thiệu sáng kiến, giải pháp của tập thể hoặc cá nhân. Sáng kiến cần có
          tính mới, không trùng ý tưởng với các sáng kiến đã áp dụng trước đây.
        </p>
        {rounds.length === 0 ? (
          <p className="notice">Hiện chưa có vòng thi sáng kiến nào đang mở.</p>
        ) : (
          <ul className="plain">
            {rounds.map((r) => (
              <li key={r.id}>
                <strong>{r.title}</strong> — hạn nộp {formatDateTime(r.closesAt)}.{" "}
                <Link className="button" to={`/sang-kien/moi?vong=${r.id}`}>
                  Gửi sáng kiến mới
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/thu-vien-sang-kien">Xem thư viện sáng kiến</Link>
        </p>
      </section>
      <h2>Bài dự thi của tôi</h2>
      {entries.length === 0 ? <p className="muted">Bạn chưa có bài dự thi nào.</p> : null}
      <ul className="plain">
        {entries.map((e) => (
          <li key={e.id} className="card">
            <h3>
              <Link to={`/sang-kien/${e.id}`}>{e.title}</Link>
            </h3>
            <dl className="facts">
              <dt>Trạng thái</dt>
              <dd>
                {statusText[e.status]}
                {e.published ? " · đã đăng thư viện" : ""}
              </dd>
              <dt>Chủ đề</dt>
              <dd>{themeName(e.theme)}</dd>
              <dt>Đơn vị</dt>
              <dd>{e.unitName}</dd>
              <dt>Cập nhật</dt>
              <dd>{formatDateTime(e.updatedAt)}</dd>
            </dl>
            {e.statusReason ? <p className="notice">Ban Tổ chức: {e.statusReason}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
