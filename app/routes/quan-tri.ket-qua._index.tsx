import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/format";
import { resultRounds } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Kết quả và giải thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return { contests: resultRounds(user) };
}

export default function Results() {
  const { contests } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Kết quả và giải thưởng</h1>
      {contests.map((c) => (
        <section className="card" key={c.id}>
          <h2>{c.title}</h2>
          <ul className="plain stack">
            {c.rounds.map((r) => (
              <li key={r.id}>
                <Link to={`/quan-tri/ket-qua/${r.id}`}>{r.title}</Link>
                <span className="muted">
                  {" "}
                  — đóng {formatDateTime(r.closesAt)}, {r.attemptCount} lượt thi{r.status === "draft" ? ", bản nháp" : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
