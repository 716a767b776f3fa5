import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { movementsForMember } from "~/emulation/movements.server";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Phong trào thi đua" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { movements: movementsForMember(user) };
}

export default function MovementsPage() {
  const { movements } = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>Phong trào thi đua</h1>
      {movements.length === 0 ? (
        <p>Đơn vị của bạn chưa tham gia phong trào thi đua nào.</p>
      ) : (
        <ul className="card-list">
          {movements.map((m) => (
            <li key={m.id} className="card">
              <h2>
                <Link to={`/thi-dua/${m.id}`}>{m.title}</Link>
              </h2>
              <p className="muted">
                {m.kindLabel} · năm {m.year} · {m.stateLabel} · {m.organizerName}
              </p>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
