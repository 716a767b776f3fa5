import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDateTime } from "~/format";
import { publicResults } from "~/quiz/standings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kết quả: ${data.contest.title}` : "Kết quả cuộc thi" },
  { name: "description", content: data ? `Danh sách đạt giải các vòng, tuần thi của ${data.contest.title}.` : "Kết quả cuộc thi" },
];

/** Public: the winners of each round and week whose results the round's setting lets us publish. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = z.coerce.number().int().positive().safeParse(params.contestId);
  const results = id.success ? publicResults(id.data) : null;
  if (!results) throw new Response("Không tìm thấy cuộc thi.", { status: 404 });
  return results;
}

export default function PublicResults() {
  const { contest, rounds, at } = useLoaderData<typeof loader>();
  const shown = rounds.filter((r) => r.visible);
  const waiting = rounds.filter((r) => !r.visible);
  return (
    <article className="public-results">
      <header className="card">
        <h1>Kết quả cuộc thi</h1>
        <p>
          <strong>{contest.title}</strong>
        </p>
        <p className="muted">
          Số điện thoại được che bớt để bảo vệ thông tin cá nhân. Cập nhật lúc {formatDateTime(at)}.
        </p>
        <p className="no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            In danh sách
          </button>
        </p>
      </header>
      {shown.length === 0 ? <p className="card">Chưa có vòng thi nào công bố kết quả.</p> : null}
      {shown.map((r) => (
        <section className="card results-round" key={r.id} aria-labelledby={`round-${r.id}`}>
          <h2 id={`round-${r.id}`}>{r.title}</h2>
          <p className="muted">
            {r.weekNo ? `Tuần thi số ${r.weekNo}, ` : ""}
            {r.provisional ? `đang diễn ra (đến ${formatDateTime(r.closesAt)}): kết quả tạm thời` : `kết thúc ${formatDateTime(r.closesAt)}`}
          </p>
          {r.winners.length === 0 ? (
            <p>Vòng thi chưa có người đạt giải.</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={`Danh sách đạt giải: ${r.title}`}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Giải</th>
                    <th scope="col">Hạng</th>
                    <th scope="col">Người đạt giải</th>
                    <th scope="col">Số câu đúng</th>
                  </tr>
                </thead>
                <tbody>
                  {r.winners.map((w, i) => (
                    <tr key={i}>
                      <td>
                        {w.prize}
                        {w.prizeTied ? " *" : ""}
                      </td>
                      <td>{w.tied ? `Đồng hạng ${w.rank}` : w.rank}</td>
                      <td>
                        <strong>{w.fullName}</strong>
                        <div>{w.unitName ?? "—"}</div>
                        <div className="muted nowrap">{w.phone}</div>
                      </td>
                      <td>
                        {w.score}/{w.questionCount}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {r.winners.some((w) => w.prizeTied) ? (
            <p className="muted">* Có người đồng hạng ở ngưỡng giải: Ban Tổ chức xét và công bố kết quả cuối cùng.</p>
          ) : null}
        </section>
      ))}
      {waiting.length ? (
        <section className="card no-print">
          <h2>Chưa công bố</h2>
          <ul>
            {waiting.map((r) => (
              <li key={r.id}>
                {r.title}: {r.phase === "closed" || r.policy === "withheld" ? "Ban Tổ chức sẽ công bố kết quả." : `kết quả công bố sau khi vòng thi đóng (${formatDateTime(r.closesAt)}).`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
