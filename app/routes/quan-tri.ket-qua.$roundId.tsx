import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TaskDownload } from "~/components/TaskDownload";
import { ITEM_FLAG_TEXT } from "~/core/organizer/item-stats";
import { formatDateTime, formatDuration } from "~/format";
import { exclusionSchema, TARGET_TEXT } from "~/organizer/organizer.schemas";
import { excludePerson, includePerson, resultsPage, settleFigure, startRankingExport } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Kết quả: ${data.round.title}` : "Kết quả" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return resultsPage(user, Number(params.roundId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const roundId = Number(params.roundId);
  resultsPage(user, roundId);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "export") {
    const started = await startRankingExport(user, roundId);
    return { intent, taskId: started.taskId };
  }
  if (intent === "figure") {
    const raw = String(form.get("actual") ?? "").trim();
    const manual = /^\d{1,12}$/.test(raw) ? Number(raw) : null;
    const result = settleFigure(user, roundId, manual);
    return data({ intent, error: result.ok ? null : result.error }, { status: result.ok ? 200 : 422 });
  }
  if (intent === "exclude") {
    const submission = parseWithZod(form, { schema: exclusionSchema });
    if (submission.status !== "success")
      return data(
        {
          intent,
          error: Object.values(submission.error ?? {})
            .flat()
            .join(" "),
        },
        { status: 400 }
      );
    const result = excludePerson(user, roundId, submission.value.phone, submission.value.reason);
    return data({ intent, error: result.ok ? null : result.error }, { status: result.ok ? 200 : 404 });
  }
  if (intent === "include") {
    includePerson(user, roundId, Number(form.get("userId")));
    return { intent, error: null };
  }
  throw new Response("Yêu cầu không hợp lệ.", { status: 400 });
}

const num = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

export default function RoundResults() {
  const { round, contest, rows, weekAwards, exclusions, items } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result && "error" in result ? result.error : null;
  const exportTaskId = result && "taskId" in result ? result.taskId : null;
  return (
    <div className="print-results">
      <p className="no-print">
        <Link to="/quan-tri/ket-qua">← Kết quả</Link>
      </p>
      <h1>Kết quả: {round.title}</h1>
      <p className="muted">
        {contest.title}. {round.phase === "closed" ? "Đã đóng" : "Chưa đóng"} lúc {formatDateTime(round.closesAt)}.
      </p>
      <p className="actions no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          In kết quả
        </button>
        <Link to={`/quan-tri/ket-qua/${round.id}/giay-chung-nhan`}>Giấy chứng nhận người đoạt giải</Link>
      </p>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {round.predictionPrompt ? (
        <section className="card">
          <h2>Câu hỏi dự đoán</h2>
          <p>{round.predictionPrompt}</p>
          <p>
            Con số thật ({TARGET_TEXT[round.predictionTarget]}): <strong>{round.predictionActual ?? "chưa chốt"}</strong>
          </p>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="figure" />
            {round.predictionTarget === "manual" ? (
              <div className="field">
                <label htmlFor="actual">Con số thật</label>
                <input id="actual" name="actual" inputMode="numeric" />
              </div>
            ) : null}
            <button type="submit" className="secondary">
              {round.predictionTarget === "manual" ? "Lưu con số thật" : "Tính con số thật"}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card">
        <h2>Xếp hạng</h2>
        <p className="muted">
          Theo điểm, rồi độ gần của dự đoán, rồi thời gian làm bài, rồi thời điểm nộp. Ban Tổ chức và người bị loại không xếp
          hạng.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="export" />
          <button type="submit" className="primary">
            Xuất Excel xếp hạng và giải thưởng
          </button>
        </Form>
        {exportTaskId ? <TaskDownload key={exportTaskId} taskId={exportTaskId} label="Tải tệp Excel" /> : null}
        {rows.length === 0 ? (
          <p>Chưa có bài thi nào được chấm.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Bảng xếp hạng">
            <table className="data">
              <caption className="sr-only">Bảng xếp hạng</caption>
              <thead>
                <tr>
                  <th scope="col">Hạng</th>
                  <th scope="col">Họ tên</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Điểm</th>
                  <th scope="col">Thời gian làm bài</th>
                  <th scope="col">Dự đoán</th>
                  <th scope="col">Giải</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.userId}>
                    <td>
                      {r.rank}
                      {r.tied ? " (đồng hạng)" : ""}
                    </td>
                    <td>
                      {r.fullName}
                      {r.verified ? null : <span className="muted"> (chưa xác minh)</span>}
                    </td>
                    <td>{r.unitName}</td>
                    <td>{r.score}</td>
                    <td>{formatDuration(r.durationMs)}</td>
                    <td>
                      {r.prediction ?? "—"}
                      {r.predictionGap !== null ? ` (lệch ${r.predictionGap})` : ""}
                    </td>
                    <td>
                      {r.prize ?? ""}
                      {r.prizeTied ? " (đồng hạng ở ranh giới giải, cần xét)" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {weekAwards ? (
        <section className="card">
          <h2>Giải của tuần {round.weekNo}</h2>
          <p className="muted">
            Mỗi người nhận nhiều nhất một giải trong tuần: người đã đoạt giải ở vòng trước được nhường cho người kế tiếp.
          </p>
          {weekAwards.map((w) => (
            <div key={w.roundId}>
              <h3>{w.title}</h3>
              {w.awards.length ? (
                <ul>
                  {w.awards.map((a) => (
                    <li key={a.userId}>
                      {a.prize}: {a.fullName}
                      {a.unitName ? ` (${a.unitName})` : ""}, hạng {a.rank}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>Chưa có giải.</p>
              )}
            </div>
          ))}
        </section>
      ) : null}
      <section className="card">
        <h2>Người không xếp hạng</h2>
        {exclusions.length ? (
          <ul>
            {exclusions.map((e) => (
              <li key={e.userId}>
                {e.fullName}
                {e.reason ? `: ${e.reason}` : ""}{" "}
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="include" />
                  <input type="hidden" name="userId" value={e.userId} />
                  <button type="submit" className="link">
                    Xếp hạng lại
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="exclude" />
          <div className="field">
            <label htmlFor="ex-phone">Số điện thoại người cần loại khỏi xếp hạng</label>
            <input id="ex-phone" name="phone" inputMode="tel" />
          </div>
          <div className="field">
            <label htmlFor="ex-reason">Lý do</label>
            <input id="ex-reason" name="reason" />
          </div>
          <button type="submit" className="secondary">
            Loại khỏi xếp hạng
          </button>
        </Form>
      </section>
      <section className="card">
        <h2>Thống kê câu hỏi</h2>
        <p className="muted">
          Độ dễ (tỷ lệ làm đúng), độ lệch chuẩn, chỉ số phân biệt và hiệu quả phân biệt (%) tính như Moodle, trên các bài được
          tính điểm.
        </p>
        {items.length === 0 ? (
          <p>Chưa có dữ liệu.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Thống kê câu hỏi">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Câu hỏi</th>
                  <th scope="col">Số bài</th>
                  <th scope="col">Độ dễ</th>
                  <th scope="col">Độ lệch chuẩn</th>
                  <th scope="col">Chỉ số phân biệt</th>
                  <th scope="col">Hiệu quả phân biệt</th>
                  <th scope="col">Cần xem lại</th>
                </tr>
              </thead>
              <tbody>
                {items.map((it) => (
                  <tr key={it.questionId}>
                    <td className="stem-cell">
                      <Link to={`/quan-tri/cau-hoi/${it.questionId}`}>{it.stem.slice(0, 120)}</Link>
                    </td>
                    <td>{it.stats.n}</td>
                    <td>{num.format(it.stats.facility * 100)}%</td>
                    <td>{num.format(it.stats.sd * 100)}%</td>
                    <td>{it.stats.discriminationIndex === null ? "—" : num.format(it.stats.discriminationIndex)}</td>
                    <td>{it.stats.discriminativeEfficiency === null ? "—" : num.format(it.stats.discriminativeEfficiency)}</td>
                    <td>{it.flags.map((f) => ITEM_FLAG_TEXT[f]).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
