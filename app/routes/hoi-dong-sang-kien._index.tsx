import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { councilQueue } from "~/initiative-register/register.server";
import { StateBadge } from "~/initiative-register/StateBadge";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Hội đồng sáng kiến — đơn chờ xét" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return councilQueue(getDb(), user);
}

export default function CouncilQueue() {
  const { councils, items } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Hội đồng sáng kiến</h1>
      {councils.length === 0 ? (
        <p className="notice">Bạn chưa là thành viên hay thư ký của hội đồng sáng kiến nào.</p>
      ) : (
        <p className="muted">{councils.map((c) => c.name).join("; ")}</p>
      )}
      {councils.length && items.length === 0 ? <p className="muted">Không có đơn nào chờ xét.</p> : null}
      <ul className="plain">
        {items.map((r) => (
          <li key={r.id} className="card">
            <Link to={`/hoi-dong-sang-kien/${r.id}`}>
              <strong>{r.title}</strong>
            </Link>
            <p>
              <StateBadge state={r.state} /> <span className="muted">{r.unitName} · {r.field}</span>
            </p>
            <p>
              {r.conflict ? <span className="muted">{r.conflict}</span> : r.mine ? "Bạn đã chấm." : r.isSecretary && !r.conflict && !("mine" in r && r.mine) ? null : "Bạn chưa chấm."}{" "}
              {r.isSecretary ? `Tiến độ: ${r.progress.scored}/${r.progress.eligible} thành viên đã chấm.` : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
