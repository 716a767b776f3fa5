import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/account/session.server";
import { mySessions } from "~/awards/council.server";
import { formatDateTime } from "~/format";

export const meta: MetaFunction = () => [{ title: "Hội đồng Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { sessions: mySessions(user) };
}

export default function CouncilIndex() {
  const { sessions } = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>Hội đồng Thi đua – Khen thưởng</h1>
      {sessions.length === 0 ? <p>Bạn chưa có phiên họp nào.</p> : null}
      <ul className="card-list">
        {sessions.map((s) => (
          <li key={s.id} className="card">
            <h2>
              <Link to={`/hoi-dong/${s.id}`}>{s.title}</Link>
            </h2>
            <p className="muted">
              {s.movementTitle} · {s.mode} · mở lúc {formatDateTime(s.openedAt)} · {s.state === "open" ? "đang họp" : "đã kết thúc"}
            </p>
          </li>
        ))}
      </ul>
    </article>
  );
}
