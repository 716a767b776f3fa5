import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { formatDateTime, formatDuration } from "~/format";
import { integritySignals } from "~/account/integrity.server";
import { signalParamsSchema } from "~/account/privacy.schemas";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Tín hiệu bất thường — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const params = signalParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return integritySignals(user, params);
}

export default function SignalsPage() {
  const d = useLoaderData<typeof loader>();
  const p = d.params;
  return (
    <article>
      <h1>Tín hiệu bất thường</h1>
      <p className="notice">
        Đây chỉ là gợi ý để Ban Tổ chức xem xét. Hệ thống không tự động hủy kết quả hay khóa tài khoản nào; mọi quyết định do
        Ban Tổ chức đưa ra sau khi kiểm tra.
      </p>
      <Form method="get" className="card signal-form">
        <fieldset>
          <legend>Ngưỡng</legend>
          <div className="field">
            <label htmlFor="sig-n">Số tài khoản tối thiểu từ một địa chỉ</label>
            <input id="sig-n" name="n" type="number" min={2} max={1000} defaultValue={p.n} />
          </div>
          <div className="field">
            <label htmlFor="sig-h">Trong khoảng (giờ)</label>
            <input id="sig-h" name="h" type="number" min={1} max={720} defaultValue={p.h} />
          </div>
          <div className="field">
            <label htmlFor="sig-d">Xét các đăng ký trong (ngày gần nhất)</label>
            <input id="sig-d" name="d" type="number" min={1} max={365} defaultValue={p.d} />
          </div>
          <div className="field">
            <label htmlFor="sig-s">Điểm tuyệt đối nhanh hơn (giây mỗi câu)</label>
            <input id="sig-s" name="s" type="number" min={1} max={60} defaultValue={p.s} />
          </div>
          <div className="field">
            <label htmlFor="sig-m">Bài trùng khớp: số câu đã trả lời tối thiểu</label>
            <input id="sig-m" name="m" type="number" min={1} max={200} defaultValue={p.m} />
          </div>
        </fieldset>
        <button type="submit" className="secondary">
          Áp dụng
        </button>
      </Form>

      <section className="card" aria-labelledby="bursts-h">
        <h2 id="bursts-h">Nhiều tài khoản đăng ký từ một địa chỉ ({d.bursts.length})</h2>
        {d.bursts.length ? (
          <ul className="plain-list" data-testid="bursts">
            {d.bursts.map((b) => (
              <li key={`${b.address}-${b.from}`}>
                <strong>{b.address}</strong>: {b.people.length} tài khoản từ {formatDateTime(b.from)} đến {formatDateTime(b.to)} —{" "}
                {b.people.map((x) => x.fullName).join(", ")}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Không có.</p>
        )}
      </section>

      <section className="card" aria-labelledby="fast-h">
        <h2 id="fast-h">Điểm tuyệt đối trong thời gian quá ngắn ({d.fast.length})</h2>
        {d.fast.length ? (
          <div className="table-wrap">
            <table className="data" data-testid="fast">
              <thead>
                <tr>
                  <th scope="col">Người thi</th>
                  <th scope="col">Vòng thi</th>
                  <th scope="col">Số câu</th>
                  <th scope="col">Thời gian</th>
                </tr>
              </thead>
              <tbody>
                {d.fast.map((a) => (
                  <tr key={a.attemptId}>
                    <td>{a.fullName}</td>
                    <td>{a.round}</td>
                    <td>{a.questionCount}</td>
                    <td>{formatDuration(a.durationMs ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Không có.</p>
        )}
      </section>

      <section className="card" aria-labelledby="same-h">
        <h2 id="same-h">Bài làm giống hệt nhau ({d.identical.length} nhóm)</h2>
        <p className="muted">Cùng vòng thi, cùng các câu hỏi theo cùng thứ tự và cùng phương án chọn (so theo phương án gốc, không theo thứ tự hiển thị).</p>
        {d.identical.length ? (
          <ul className="plain-list" data-testid="identical">
            {d.identical.map((g) => (
              <li key={`${g.roundId}-${g.attempts[0].attemptId}`}>
                {g.round}: {g.attempts.length} bài ({g.answered} câu đã trả lời) — {g.attempts.map((a) => a.fullName).join(", ")}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Không có.</p>
        )}
      </section>
    </article>
  );
}
