import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/account/session.server";
import { organizerMovements } from "~/awards/dossier.server";
import { vnDate } from "~/awards/format";

export const meta: MetaFunction = () => [{ title: "Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return { movements: organizerMovements(user) };
}

export default function AwardsIndex() {
  const { movements } = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>Hồ sơ đề nghị khen thưởng</h1>
      {movements.length === 0 ? <p>Chưa có phong trào nào của đơn vị bạn.</p> : null}
      <ul className="card-list">
        {movements.map((m) => (
          <li key={m.id} className="card">
            <h2>
              <Link to={`/quan-tri/khen-thuong/${m.id}`}>{m.title}</Link>
            </h2>
            <p className="muted">
              Năm {m.year}
              {m.deadline ? ` · hạn gửi hồ sơ ${vnDate(m.deadline)}` : ""} · {m.proposals} hồ sơ, {m.waiting} chờ tiếp nhận, {m.awarded} đã khen thưởng
            </p>
          </li>
        ))}
      </ul>
    </article>
  );
}
