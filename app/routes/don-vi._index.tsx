import { PeriodSelect } from "~/components/PeriodSelect";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { AwardsList } from "~/awards/AwardsList";
import { unitAwards } from "~/awards/history.server";
import { z } from "zod";
import { ImportResult } from "~/components/ImportResult";
import { confirmRosterImport, previewRosterImport } from "~/participation/units-admin.server";
import { useEffect } from "react";
import { RateMeter } from "~/participation/RateMeter";
import { TrendChart } from "~/participation/TrendChart";
import { formatRate } from "~/core/participation/participation";
import { formatDateTime } from "~/format";
import { parseHeadQuery } from "~/participation/participation.schemas";
import { unitHeadDashboard } from "~/participation/participation.server";
import { requireRole } from "~/account/session.server";
import { CopyButton } from "~/components/CopyButton";
import { publicOrigin } from "~/public-url.server";
import { RosterReview } from "~/participation/RosterReview";
import { reviewAction } from "~/participation/roster-link.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Tỷ lệ tham gia: ${data.unit.name}` : "Đơn vị" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "unit_head");
  const url = new URL(request.url);
  return { ...unitHeadDashboard(user, parseHeadQuery(url), Date.now(), { origin: publicOrigin(request) }), awards: unitAwards(user) };
}

/** A unit head imports the staff list of a unit of their subtree (the use case checks the scope). */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "unit_head");
  const form = await request.formData();
  const id = (name: string) => z.coerce.number().int().positive().safeParse(form.get(name));
  const intent = form.get("intent");
  const unitId = id("unitId");
  const taskId = id("taskId");
  if (intent === "preview-roster" && unitId.success) {
    const r = await previewRosterImport(user, unitId.data, form);
    return data(r, { status: r.ok ? 200 : 400 });
  }
  if (intent === "confirm-roster" && taskId.success) {
    const r = await confirmRosterImport(user, taskId.data);
    return data(r, { status: r.ok ? 200 : 400 });
  }
  if (typeof intent === "string" && ["link", "confirm-claim", "refuse-claim", "release-row", "approve-unit-change", "refuse-unit-change"].includes(intent)) {
    const r = await reviewAction(user, form);
    return data({ ...r, review: true }, { status: r.ok ? 200 : 400 });
  }
  return data({ ok: false as const, message: "Thao tác không hợp lệ." }, { status: 400 });
}

const basisText = { roster: "danh sách cán bộ đã nhập", headcount: "biên chế được giao" } as const;

export default function UnitHeadPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reviewResult = actionData && "review" in actionData ? actionData : undefined;
  const importResult = reviewResult ? undefined : actionData;
  const busy = useNavigation().state !== "idle";
  const revalidator = useRevalidator();
  // The numbers move while people take the quiz: refresh every 10 seconds while the page is in view.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 10_000);
    return () => clearInterval(timer);
  }, [revalidator]);
  const q = (unitId: number) => {
    const p = new URLSearchParams({ u: String(unitId), c: String(d.contest.id) });
    if (d.period.roundId) p.set("v", String(d.period.roundId));
    return `/don-vi?${p}`;
  };
  const exportHref = q(d.unit.unitId).replace("/don-vi?", "/don-vi/xuat?");
  const printHref = q(d.unit.unitId).replace("/don-vi?", "/don-vi/in?");
  return (
    <article className="summary-sheet">
      {d.crumbs.length > 1 ? (
        <nav aria-label="Đường dẫn đơn vị" className="crumbs no-print">
          <ol>
            {d.crumbs.map((c, i) => (
              <li key={c.id}>{i === d.crumbs.length - 1 ? <span aria-current="page">{c.name}</span> : <Link to={q(c.id)}>{c.name}</Link>}</li>
            ))}
          </ol>
        </nav>
      ) : null}
      <h1>{d.unit.name}</h1>
      <p className="muted">
        {d.contest.title} — {d.period.label}
      </p>
      {d.contests.length > 1 || d.rounds.length > 1 ? (
        <Form method="get" className="period-form no-print">
          <input type="hidden" name="u" value={d.unit.unitId} />
          {d.contests.length > 1 ? (
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
          ) : (
            <input type="hidden" name="c" value={d.contest.id} />
          )}
          {d.rounds.length > 1 ? (
            <PeriodSelect scope={d.contest.scope} rounds={d.rounds} roundId={d.period.roundId} />
          ) : null}
          <button type="submit" className="secondary">
            Xem
          </button>
        </Form>
      ) : null}

      <section className="card" aria-labelledby="rate-heading">
        <h2 id="rate-heading">Tỷ lệ tham gia so với yêu cầu 100%</h2>
        {d.pending ? <p className="notice">Số liệu đang được tổng hợp, vui lòng chờ ít giây.</p> : null}
        <RateMeter participants={d.unit.participants} denominator={d.unit.denominator} label={`Tỷ lệ tham gia của ${d.unit.name}`} />
        <dl className="facts">
          <dt>Cách tính</dt>
          <dd>
            Số người đã nộp bài / {basisText[d.unit.basis]}
            {d.children.length ? " (cộng dồn các đơn vị trực thuộc)" : ""}
          </dd>
          {d.unmatchedParticipants > 0 ? (
            <>
              <dt>Đã tính</dt>
              <dd data-testid="unmatched-participants">
                gồm {d.unmatchedParticipants} người chưa khớp danh sách (đã đăng ký vào đơn vị và đã nộp bài; xem mục “Đã đăng ký nhưng chưa khớp danh sách” bên dưới)
              </dd>
            </>
          ) : null}
          <dt>Thời hạn</dt>
          <dd>
            {d.period.closesAt ? `Còn ${d.period.daysLeft} ngày (đến ${formatDateTime(d.period.closesAt)})` : "Chưa có vòng thi"}
          </dd>
          {d.updatedAt ? (
            <>
              <dt>Cập nhật</dt>
              <dd>{formatDateTime(d.updatedAt)}</dd>
            </>
          ) : null}
        </dl>
        <p className="actions no-print">
          <a className="button" href={exportHref} download>
            Tải danh sách (Excel)
          </a>{" "}
          <button type="button" className="secondary" onClick={() => window.print()}>
            In bản tóm tắt
          </button>{" "}
          <Link to="/don-vi/dat-lai-mat-khau">Đặt lại mật khẩu cho cán bộ</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="trend-heading">
        <h2 id="trend-heading">Diễn biến theo ngày</h2>
        <TrendChart points={d.trend} svg={d.trendSvg} title={`Tỷ lệ tham gia theo ngày của ${d.unit.name}`} />
      </section>

      {d.children.length ? (
        <section className="card" aria-labelledby="children-heading">
          <h2 id="children-heading">Đơn vị trực thuộc (tỷ lệ thấp trước)</h2>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Đã tham gia</th>
                  <th scope="col">Tỷ lệ</th>
                </tr>
              </thead>
              <tbody>
                {d.children.map((c) => (
                  <tr key={c.unitId}>
                    <td>
                      <Link to={q(c.unitId)}>{c.name}</Link>
                    </td>
                    <td>
                      {c.participants}/{c.denominator}
                    </td>
                    <td className={c.full ? "rate-ok" : "rate-short"}>{formatRate(c.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="notyet-heading">
        <h2 id="notyet-heading">
          Chưa tham gia: <span data-testid="not-yet-count">{d.notYetTotal}</span> người
        </h2>
        {d.unit.basis === "headcount" && d.notYetTotal === 0 && d.unit.participants < d.unit.denominator ? (
          <p className="muted">Đơn vị chưa nhập danh sách cán bộ nên chưa biết tên người chưa tham gia; Ban Tổ chức nhập danh sách tại trang Đơn vị.</p>
        ) : null}
        {d.notYet.length ? (
          <div className="reminder no-print">
            <p className="actions">
              <CopyButton text={d.reminder} label="Sao chép lời nhắc" className="button" testId="copy-reminder" />{" "}
              <Link to={printHref} className="button secondary">
                In danh sách chưa tham gia
              </Link>
            </p>
            <details>
              <summary>Xem lời nhắc sẽ sao chép</summary>
              <pre className="reminder-text" data-testid="reminder-text">{d.reminder}</pre>
            </details>
            <p className="muted">Số điện thoại là dữ liệu cá nhân của cán bộ đơn vị mình; mỗi lần xem được ghi vào nhật ký.</p>
          </div>
        ) : null}
        {d.notYet.length ? (
          <>
            <ul className="people-list" data-testid="not-yet">
              {d.notYet.map((p) => (
                <li key={p.entryId}>
                  <strong>{p.fullName}</strong>
                  {p.position ? <span>{p.position}</span> : null}
                  {d.children.length ? <span className="muted">{p.unitName}</span> : null}
                  <span>
                    {p.phone ? (
                      <a href={`tel:${p.phone}`} aria-label={`Gọi ${p.fullName}: ${p.phone}`}>
                        {p.phone}
                      </a>
                    ) : (
                      <span className="muted">Chưa có số điện thoại</span>
                    )}
                    {" · "}
                    {p.registered ? "Đã đăng ký tài khoản" : "Chưa đăng ký tài khoản"}
                  </span>
                </li>
              ))}
            </ul>
            {d.notYetTotal > d.notYet.length ? <p className="muted">Hiển thị {d.notYet.length} người đầu; tải Excel để xem đủ.</p> : null}
          </>
        ) : d.unit.basis === "roster" ? (
          <p className="rate-ok">Mọi người trong danh sách đều đã tham gia.</p>
        ) : null}
      </section>

      <div className="no-print">
        {reviewResult ? (
          <p className={reviewResult.ok ? "notice" : "notice error"} role={reviewResult.ok ? "status" : "alert"}>
            {reviewResult.message}
          </p>
        ) : null}
        <RosterReview review={d.review} busy={busy} showUnmatched />
      </div>

      <section className="card no-print" aria-labelledby="roster-heading">
        <h2 id="roster-heading">Nhập danh sách cán bộ của {d.unit.name}</h2>
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="preview-roster" />
          <input type="hidden" name="unitId" value={d.unit.unitId} />
          <div className="field">
            <label htmlFor="roster-file">Tệp Excel danh sách cán bộ</label>
            <span className="hint" id="roster-file-hint">
              Cột A–E: Họ tên, Ngày sinh (dd/mm/yyyy), Số điện thoại, CCCD, Chức vụ; dòng 1 là tiêu đề. Danh sách mới thay danh sách cũ.
            </span>
            <input id="roster-file" name="file" type="file" accept=".xlsx" aria-describedby="roster-file-hint" required />
          </div>
          <button type="submit" className="secondary">
            Xem trước danh sách
          </button>
        </Form>
        <ImportResult result={importResult} confirmIntent="confirm-roster" />
      </section>
      <section className="card" aria-labelledby="khen-thuong-dv">
        <h2 id="khen-thuong-dv">Khen thưởng của đơn vị</h2>
        {d.awards.length === 0 ? <p>Chưa có khen thưởng nào được ghi nhận trên hệ thống.</p> : null}
        {d.awards.map((u) => (
          <div key={u.unitName}>
            <h3>{u.unitName}</h3>
            <AwardsList awards={u.awards} showName />
          </div>
        ))}
      </section>
    </article>
  );
}
