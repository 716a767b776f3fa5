import { PeriodSelect } from "~/components/PeriodSelect";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatRate } from "~/core/participation/participation";
import { formatDateTime } from "~/format";
import { organizerOverview, requestRecompute, saveParticipationSettings } from "~/participation/participation.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Tỷ lệ tham gia các đơn vị" }];

const query = z.object({ c: z.coerce.number().int().positive().optional().catch(undefined), v: z.coerce.number().int().positive().optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return organizerOverview(user, { contestId: q.c ?? null, roundId: q.v ?? null });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "recompute") {
    const id = z.coerce.number().int().positive().safeParse(form.get("contestId"));
    if (!id.success) return data({ ok: false, message: "Thiếu cuộc thi." }, { status: 400 });
    const r = await requestRecompute(user, id.data);
    return data(r, { status: r.ok ? 200 : 503 });
  }
  if (intent === "settings") {
    const r = saveParticipationSettings(user, form);
    return data(r, { status: r.ok ? 200 : 400 });
  }
  return data({ ok: false, message: "Thao tác không hợp lệ." }, { status: 400 });
}

export default function ParticipationOverview() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const qs = new URLSearchParams({ c: String(d.contest.id) });
  if (d.period.roundId) qs.set("v", String(d.period.roundId));
  const steps = [...d.settings.thresholds, ...Array.from({ length: Math.max(1, 4 - d.settings.thresholds.length) }, () => null)];
  return (
    <>
      <h1>Tỷ lệ tham gia các đơn vị</h1>
      <p className="muted">
        {d.contest.title} — {d.period.label}
        {d.period.closesAt ? ` — còn ${d.period.daysLeft} ngày (đến ${formatDateTime(d.period.closesAt)})` : ""}
      </p>
      {result ? (
        <p className={result.ok ? "notice" : "notice error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      {d.contests.length > 1 || d.rounds.length > 1 ? (
        <Form method="get" className="period-form">
          <div className="field">
            <label htmlFor="c">Cuộc thi</label>
            <select id="c" name="c" defaultValue={d.contest.id}>
              {d.contests.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <PeriodSelect scope={d.contest.scope} rounds={d.rounds} roundId={d.period.roundId} />
          <button type="submit" className="secondary">
            Xem
          </button>
        </Form>
      ) : null}
      {/* A div, not a p: a form inside a p is closed early by the HTML parser, and hydration then fails. */}
      <div className="actions">
        <a className="button" href={`/quan-tri/tham-gia/xuat?${qs}`} download>
          Xuất Excel
        </a>
        <Form method="post" className="inline">
          <input type="hidden" name="intent" value="recompute" />
          <input type="hidden" name="contestId" value={d.contest.id} />
          <button type="submit" className="secondary">
            Tính lại ngay
          </button>
        </Form>
        {d.settings.publicRates ? <Link to={`/ty-le-tham-gia/${d.contest.id}`}>Bảng công khai</Link> : null}
      </div>
      {!d.hasStats ? <p className="notice">Số liệu đang được tổng hợp lần đầu.</p> : null}

      <section className="card" aria-labelledby="below-h">
        <h2 id="below-h">Chưa đạt 100% ({d.belowFull.length} đơn vị)</h2>
        <p className="muted">Nếu số liệu giữ nguyên đến khi kết thúc, các đơn vị này không được xếp loại “Tốt” về cải cách hành chính.</p>
        <RateTable rows={d.belowFull} caption="Đơn vị chưa đạt 100%" />
      </section>

      <section className="card" aria-labelledby="rank-h">
        <h2 id="rank-h">Xếp hạng tập thể</h2>
        <p className="muted">Theo tỷ lệ tham gia, rồi điểm trung bình; chỉ các đơn vị đạt tỷ lệ tối thiểu theo quy mô.</p>
        {d.ranking.length ? (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Hạng</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Tỷ lệ</th>
                  <th scope="col">Điểm trung bình</th>
                  <th scope="col">Tối thiểu</th>
                </tr>
              </thead>
              <tbody>
                {d.ranking.map((r) => (
                  <tr key={r.unitId}>
                    <td>{r.rank}</td>
                    <td>{r.name}</td>
                    <td>{formatRate(r.rate)}</td>
                    <td>{r.avgScore === null ? "—" : new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }).format(r.avgScore)}</td>
                    <td>{formatRate(r.required)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Chưa có đơn vị nào đủ điều kiện.</p>
        )}
      </section>

      <section className="card" aria-labelledby="settings-h">
        <h2 id="settings-h">Cài đặt</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="settings" />
          <input type="hidden" name="contestId" value={d.contest.id} />
          <div className="check">
            <input id="publicRates" name="publicRates" type="checkbox" defaultChecked={d.settings.publicRates} />
            <label htmlFor="publicRates">Công khai bảng tỷ lệ tham gia các đơn vị</label>
          </div>
          <fieldset className="stack">
            <legend>Tài khoản chưa xác minh</legend>
            <p className="hint muted">
              Người đã xác minh là người có tài khoản khớp với một dòng danh sách cán bộ của đơn vị (theo hai thông tin, hoặc được thủ trưởng đơn vị / Ban
              Tổ chức xác nhận). Tài khoản chưa xác minh ai cũng tạo được, nên có thể dùng để dồn phiếu.
            </p>
            <div className="check">
              <input id="unverifiedMayVote" name="unverifiedMayVote" type="checkbox" defaultChecked={d.settings.unverifiedMayVote} />
              <label htmlFor="unverifiedMayVote">Tính phiếu bình chọn sáng kiến của tài khoản chưa xác minh (mặc định: không tính)</label>
            </div>
            <div className="check">
              <input id="unverifiedRanked" name="unverifiedRanked" type="checkbox" defaultChecked={d.settings.unverifiedRanked} />
              <label htmlFor="unverifiedRanked">Xếp hạng và xét giải cho tài khoản chưa xác minh</label>
            </div>
            <div className="check">
              <input id="unverifiedMayTakePart" name="unverifiedMayTakePart" type="checkbox" defaultChecked={d.settings.unverifiedMayTakePart} />
              <label htmlFor="unverifiedMayTakePart">Cho tài khoản chưa xác minh làm bài thi</label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Tỷ lệ tối thiểu để xét giải tập thể, theo quy mô đơn vị</legend>
            {steps.map((t, i) => (
              <div className="grid-form" key={i}>
                <div className="field">
                  <label htmlFor={`size-${i}`}>Từ quy mô (người)</label>
                  <input id={`size-${i}`} name="size" type="number" min={0} defaultValue={t?.minDenominator ?? ""} />
                </div>
                <div className="field">
                  <label htmlFor={`rate-${i}`}>Tỷ lệ tối thiểu (%)</label>
                  <input id={`rate-${i}`} name="rate" type="number" min={0} max={100} step="0.1" defaultValue={t ? Math.round(t.minRate * 1000) / 10 : ""} />
                </div>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="primary">
            Lưu cài đặt
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="all-h">
        <h2 id="all-h">Tất cả đơn vị (tỷ lệ thấp trước)</h2>
        <RateTable rows={d.units} caption="Tỷ lệ tham gia của tất cả đơn vị" />
      </section>
    </>
  );
}

function RateTable({ rows, caption }: { rows: { unitId: number; name: string; participants: number; denominator: number; rate: number | null; full: boolean; basis: "roster" | "headcount" }[]; caption: string }) {
  if (rows.length === 0) return <p>Không có đơn vị nào.</p>;
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col">Đã tham gia</th>
            <th scope="col">Tỷ lệ</th>
            <th scope="col">Tính trên</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.unitId}>
              <td>{u.name}</td>
              <td>
                {u.participants}/{u.denominator}
              </td>
              <td className={u.full ? "rate-ok" : "rate-short"}>{formatRate(u.rate)}</td>
              <td>{u.basis === "roster" ? "Danh sách" : "Biên chế"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
