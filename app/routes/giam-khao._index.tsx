import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { themeName } from "~/core/initiatives/initiatives";
import { getDb } from "~/db.server";
import { judgeWorklist } from "~/initiatives/initiatives.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Chấm sáng kiến — Ban Giám khảo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "judge");
  return { rounds: judgeWorklist(getDb(), user) };
}

const stateText = { todo: "Chưa chấm", partial: "Chấm dở", done: "Đã chấm", excluded: "Không chấm" } as const;

export default function JudgeHome() {
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Bài dự thi được phân công chấm</h1>
      {rounds.length === 0 ? <p className="muted">Bạn chưa được phân công chấm vòng thi nào.</p> : null}
      {rounds.map((r) => {
        const scorable = r.items.filter((i) => i.state !== "excluded");
        const done = scorable.filter((i) => i.state === "done").length;
        return (
          <section key={r.round.id} className="card" aria-labelledby={`round-${r.round.id}`}>
            <h2 id={`round-${r.round.id}`}>{r.round.title}</h2>
            <p>
              Đã chấm {done}/{scorable.length} bài.
            </p>
            <progress max={Math.max(1, scorable.length)} value={done} aria-label={`Tiến độ chấm ${r.round.title}`} />
            {r.frozen ? <p className="notice">Kết quả đã công bố: điểm đã khóa, không sửa được nữa.</p> : null}
            {r.criteriaCount === 0 ? <p className="notice">Ban Tổ chức chưa đặt tiêu chí chấm.</p> : null}
            {r.items.length === 0 ? <p className="muted">Chưa có bài nào được chấp nhận để chấm.</p> : null}
            <ul className="plain">
              {r.items.map((i) => (
                <li key={i.id} className="judge-item">
                  <Link to={`/giam-khao/${i.id}`}>{i.title}</Link>
                  <span className="muted">
                    {" "}
                    · {themeName(i.theme)}
                    {i.unitName ? ` · ${i.unitName}` : ""}
                  </span>
                  <span className={`badge ${i.state}`}>{stateText[i.state]}</span>
                  {i.conflict ? <p className="hint">{i.conflict}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
