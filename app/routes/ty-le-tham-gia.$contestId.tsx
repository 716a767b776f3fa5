import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatRate } from "~/core/participation/participation";
import { publicRates } from "~/participation/participation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Tỷ lệ tham gia: ${data.contest.title}` : "Tỷ lệ tham gia" }];

/** The public table of unit rates, shown only when the organizer has turned it on. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = z.coerce.number().int().positive().safeParse(params.contestId);
  if (!id.success) throw new Response("Không tìm thấy cuộc thi.", { status: 404 });
  return publicRates(id.data);
}

export default function PublicRates() {
  const d = useLoaderData<typeof loader>();
  return (
    <section className="card">
      <h1>Tỷ lệ tham gia các đơn vị</h1>
      <p className="muted">
        {d.contest.title} — {d.period.label}
      </p>
      <p>
        <span className="big-number">{d.live.participants.toLocaleString("vi-VN")}</span> người đã tham gia,{" "}
        <span className="big-number">{d.live.attempts.toLocaleString("vi-VN")}</span> lượt thi.
      </p>
      <div className="table-wrap">
        <table className="data">
          <caption className="sr-only">Tỷ lệ tham gia của từng đơn vị, cao trước</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Đã tham gia</th>
              <th scope="col">Tỷ lệ</th>
            </tr>
          </thead>
          <tbody>
            {d.units.map((u) => (
              <tr key={u.unitId}>
                <td>{u.name}</td>
                <td>
                  {u.participants}/{u.denominator}
                </td>
                <td className={u.full ? "rate-ok" : "rate-short"}>{formatRate(u.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
