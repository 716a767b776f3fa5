import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/account/session.server";
import { organizerDossiers } from "~/awards/dossier.server";
import { vnDate } from "~/awards/format";
import { ProposalHistory } from "~/awards/ProposalHistory";
import { idParam } from "~/awards/http.server";
import { organizerPageAction } from "~/awards/organizer.server";
import { latestReportBatch, startReportBatch } from "~/awards/report-batches.server";
import { TaskDownload } from "~/components/TaskDownload";
import { DATE_PATTERN } from "~/core/vn-date";
import { SHARE_LABEL } from "~/core/awards/ballot";
import { formatDateTime } from "~/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Khen thưởng: ${data.movement.title}` : "Khen thưởng" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const id = idParam(params.movementId, "Không tìm thấy phong trào này.");
  const d = organizerDossiers(user, id);
  return { ...d, batch: await latestReportBatch(user, id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const id = idParam(params.movementId);
  const form = await request.formData();
  const r = form.get("intent") === "reports" ? await startReportBatch(user, id, form, "organizer") : organizerPageAction(user, id, form);
  return data(r, { status: r.ok ? 200 : 400 });
}

const ROLE = { chu_tich: "Chủ tịch", pho_chu_tich: "Phó Chủ tịch", thu_ky: "Thư ký", thanh_vien: "Thành viên" } as const;

export default function OrganizerAwards() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const m = d.movement;
  const s = d.settings;
  const closed = d.sessions.filter((x) => x.state === "closed");
  return (
    <article className="awards-admin">
      <h1>Khen thưởng: {m.title}</h1>
      <p className="muted">
        Cơ quan thường trực: {m.organizerName}
        {d.levelName !== m.organizerName ? ` · Cấp xử lý của bạn: ${d.levelName}` : ""} · <Link to={`/quan-tri/khen-thuong/${m.id}/bao-cao`}>Báo cáo, thống kê</Link>
      </p>
      {s.deadline ? (
        <p className={d.daysLeft !== null && d.daysLeft < 0 ? "notice error" : "notice"}>
          Hạn gửi hồ sơ {vnDate(s.deadline)}: {d.daysLeft !== null && d.daysLeft >= 0 ? `còn ${d.daysLeft} ngày` : "đã quá hạn"}. Chưa gửi: {d.notSent.length} đơn vị.
        </p>
      ) : null}
      {d.nextDeadlines.map((x) => (
        <p key={x.date} className="notice">
          {x.label}: hạn {vnDate(x.date)} — {x.daysLeft >= 0 ? `còn ${x.daysLeft} ngày` : "đã quá hạn"}.
        </p>
      ))}
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "notice error"}>
          {result.message}
        </p>
      ) : null}

      {d.ownLevel ? (
        <section className="card" aria-labelledby="chua-gui">
          <h2 id="chua-gui">Đơn vị chưa gửi hồ sơ</h2>
          {d.notSent.length === 0 ? <p>Mọi đơn vị đã gửi.</p> : (
            <ul>
              {d.notSent.map((u) => (
                <li key={u.unitId}>
                  {u.name}
                  {u.reopenedUntil ? ` — mở lại đến ${vnDate(u.reopenedUntil)}` : ""}
                </li>
              ))}
            </ul>
          )}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="reopen" />
            <label htmlFor="reopen-unit">Mở lại hạn gửi cho đơn vị</label>
            <select id="reopen-unit" name="unitId" defaultValue={d.notSent[0]?.unitId}>
              {d.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            <label htmlFor="reopen-until">Đến hết ngày (ngày/tháng/năm)</label>
            <input id="reopen-until" name="until" inputMode="numeric" pattern={DATE_PATTERN} placeholder="ngày/tháng/năm" />
            <label htmlFor="reopen-reason">Lý do</label>
            <input id="reopen-reason" name="reason" />
            <button type="submit" className="secondary" disabled={busy}>
              Mở lại hạn gửi
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="ho-so">
        <h2 id="ho-so">Hồ sơ đã gửi ({d.proposals.length})</h2>
        {d.proposals.map((p) => (
          <div key={p.id} className="card" aria-labelledby={`p-${p.id}`}>
            <h3 id={`p-${p.id}`}>
              {p.name} — {p.schemeTitle}
            </h3>
            <p>
              {p.unitName} · Trạng thái: <strong>{p.stateLabel}</strong>
              {p.reason ? ` — ${p.reason}` : ""} · Cấp: {p.levelName}
            </p>
            {p.unmet.length ? (
              <>
                <p className={p.qualified ? "" : "notice error"}>{p.qualified ? "Ghi chú của kết quả xét:" : "Chưa đạt tiêu chí:"}</p>
                <ul>
                  {p.unmet.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Đạt mọi tiêu chí của kết quả xét.</p>
            )}
            <p>Thành tích: {p.achievement}</p>
            <p>
              Tài liệu:{" "}
              {p.documents.filter((x) => !x.superseded).map((doc, i) => (
                <span key={doc.id}>
                  {i ? " · " : ""}
                  <a href={`/thi-dua/${m.id}/de-nghi/tai-lieu?tep=${doc.id}`}>{doc.kindLabel}</a>
                </span>
              ))}
              {" · "}
              <a href={`/thi-dua/${m.id}/de-nghi/tai-lieu?loai=bao-cao&ho-so=${p.id}`}>Báo cáo thành tích (bản sinh tự động)</a>
            </p>
            <div className="actions">
              {p.actions
                .filter((a) => a.action !== "forward" || p.canForward)
                .map((a) => (
                  <Form method="post" key={a.action} className={a.reason ? "stack" : undefined}>
                    <input type="hidden" name="intent" value={a.action} />
                    <input type="hidden" name="proposalId" value={p.id} />
                    {a.reason ? (
                      <>
                        <label htmlFor={`r-${p.id}-${a.action}`}>Lý do ({a.label.toLowerCase()})</label>
                        <input id={`r-${p.id}-${a.action}`} name="reason" />
                      </>
                    ) : null}
                    <button type="submit" className={a.reason ? "secondary" : "primary"} disabled={busy}>
                      {a.action === "forward" && p.forwardTo ? `${a.label}: ${p.forwardTo}` : a.label}
                    </button>
                  </Form>
                ))}
            </div>
            <ProposalHistory events={p.events} />
          </div>
        ))}
      </section>

      {d.forwarded.length ? (
        <section aria-labelledby="da-chuyen">
          <h2 id="da-chuyen">Đã chuyển lên cấp trên ({d.forwarded.length})</h2>
          {d.forwarded.map((p) => (
            <div key={p.id} className="card" aria-labelledby={`f-${p.id}`}>
              <h3 id={`f-${p.id}`}>
                {p.name} — {p.schemeTitle}
              </h3>
              <p>
                {p.unitName} · Đang ở: <strong>{p.levelName}</strong> · Trạng thái: <strong>{p.stateLabel}</strong>
                {p.reason ? ` — ${p.reason}` : ""}
              </p>
              <ProposalHistory events={p.events} />
            </div>
          ))}
        </section>
      ) : null}

      <ReportBatch d={d} busy={busy} />

      <section className="card" aria-labelledby="hoi-dong">
        <h2 id="hoi-dong">Hội đồng Thi đua – Khen thưởng</h2>
        <ul>
          {d.council.map((c) => (
            <li key={c.id}>
              {c.fullName} — {ROLE[c.role]}
              {c.title ? `, ${c.title}` : ""}
            </li>
          ))}
        </ul>
        <details>
          <summary>Thêm thành viên</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="member" />
            <label htmlFor="m-phone">Số điện thoại tài khoản</label>
            <input id="m-phone" name="phone" inputMode="tel" />
            <label htmlFor="m-role">Vai trò</label>
            <select id="m-role" name="role" defaultValue="thanh_vien">
              {Object.entries(ROLE).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary" disabled={busy}>
              Thêm vào Hội đồng
            </button>
          </Form>
        </details>
        <h3>Phiên họp</h3>
        <ul>
          {d.sessions.map((x) => (
            <li key={x.id}>
              {x.title} — {x.state === "open" ? "đang họp" : `đã kết thúc ${x.closedAt ? formatDateTime(x.closedAt) : ""}`} · {x.mode === "secret" ? "bỏ phiếu kín" : "biểu quyết công khai"}, thông qua khi được {SHARE_LABEL[x.passMark]} đồng ý
              {x.state === "closed" ? (
                <>
                  {" · "}
                  <a href={`/quan-tri/khen-thuong/${m.id}/tai-lieu?bien-ban=${x.id}`}>Biên bản họp xét (Word)</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
        {d.readyForSession > 0 ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="session" />
            <label htmlFor="s-title">Tên phiên họp</label>
            <input id="s-title" name="title" defaultValue={`Họp xét khen thưởng năm ${m.year}`} />
            <p className="muted">
              {d.readyForSession} hồ sơ trình Hội đồng; {d.ballot.mode === "secret" ? "bỏ phiếu kín" : "biểu quyết công khai"}, thông qua khi được {SHARE_LABEL[d.ballot.passMark]} đồng ý, cần {SHARE_LABEL[d.ballot.quorum]} tham gia biểu quyết{d.ownLevel || d.ballot.own ? "" : " (theo cài đặt của phong trào)"}.
            </p>
            <button type="submit" className="primary" disabled={busy}>
              Mở phiên họp
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="quyet-dinh">
        <h2 id="quyet-dinh">Quyết định khen thưởng</h2>
        <ul>
          {d.decisions.map((x) => (
            <li key={x.id}>
              <Link to={`/quan-tri/khen-thuong/${m.id}/quyet-dinh/${x.id}`}>Quyết định số {x.number}</Link> ngày {vnDate(x.date)} — {x.state === "registered" ? "đã đăng ký" : "dự thảo"}
            </li>
          ))}
        </ul>
        {closed.length ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="decision" />
            <label htmlFor="d-session">Theo kết quả phiên họp</label>
            <select id="d-session" name="sessionId">
              {closed.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </select>
            <label htmlFor="d-form">Hình thức khen thưởng</label>
            <select id="d-form" name="form">
              {d.forms.map((f) => (
                <option key={f.code} value={f.code}>
                  {f.name}
                </option>
              ))}
            </select>
            <p className="muted">Cơ quan ban hành: {d.issuer.issuingBody} · số quyết định theo sổ đăng ký của cấp này, đánh số lại mỗi năm.</p>
            <label htmlFor="d-number">Số quyết định (để trống: số tiếp theo, dạng 12/QĐ-{d.issuer.symbol})</label>
            <input id="d-number" name="number" />
            <label htmlFor="d-date">Ngày ký (ngày/tháng/năm)</label>
            <input id="d-date" name="date" inputMode="numeric" pattern={DATE_PATTERN} placeholder="ngày/tháng/năm" />
            <label htmlFor="d-signer">Người ký</label>
            <input id="d-signer" name="signerName" defaultValue={d.issuer.signerName} />
            <label htmlFor="d-title">Chức vụ người ký</label>
            <input id="d-title" name="signerTitle" defaultValue={d.issuer.signerTitle} />
            <button type="submit" className="primary" disabled={busy}>
              Lập dự thảo quyết định
            </button>
          </Form>
        ) : (
          <p>Lập quyết định sau khi Hội đồng kết thúc phiên họp.</p>
        )}
      </section>

      {d.ownLevel ? null : <IssuerSettings d={d} busy={busy} />}

      {d.ownLevel ? (
        <details className="card">
          <summary>Cài đặt khen thưởng của phong trào</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="settings" />
            <label htmlFor="st-deadline">Hạn gửi hồ sơ (ngày/tháng/năm)</label>
            <input id="st-deadline" name="deadline" inputMode="numeric" pattern={DATE_PATTERN} defaultValue={vnDate(s.deadline)} />
            <label htmlFor="st-mode">Hình thức biểu quyết</label>
            <select id="st-mode" name="ballotMode" defaultValue={s.ballotMode}>
              <option value="open">Biểu quyết công khai</option>
              <option value="secret">Bỏ phiếu kín</option>
            </select>
            <label htmlFor="st-pass">Tiêu chuẩn thông qua</label>
            <select id="st-pass" name="passMark" defaultValue={s.passMark}>
              <option value="more_than_half">Quá nửa tổng số thành viên đồng ý</option>
              <option value="two_thirds">Từ hai phần ba tổng số thành viên đồng ý</option>
            </select>
            <label htmlFor="st-quorum">Số thành viên tối thiểu tham gia biểu quyết</label>
            <select id="st-quorum" name="quorum" defaultValue={s.quorum}>
              <option value="more_than_half">Quá nửa tổng số thành viên</option>
              <option value="two_thirds">Từ hai phần ba tổng số thành viên</option>
            </select>
            <label htmlFor="st-parent">Cơ quan chủ quản (nếu có)</label>
            <input id="st-parent" name="issuingParent" defaultValue={s.issuingParent ?? ""} />
            <label htmlFor="st-body">Cơ quan ban hành quyết định</label>
            <input id="st-body" name="issuingBody" defaultValue={s.issuingBody} />
            <label htmlFor="st-symbol">Ký hiệu quyết định (QĐ-…)</label>
            <input id="st-symbol" name="symbol" defaultValue={s.symbol} />
            <label htmlFor="st-place">Địa danh</label>
            <input id="st-place" name="place" defaultValue={s.place} />
            <label htmlFor="st-stitle">Chức vụ người ký</label>
            <input id="st-stitle" name="signerTitle" defaultValue={s.signerTitle} />
            <label htmlFor="st-sname">Họ tên người ký</label>
            <input id="st-sname" name="signerName" defaultValue={s.signerName} />
            <label htmlFor="st-x">Giấy khen: dịch ngang (mm)</label>
            <input id="st-x" name="certOffsetX" type="number" min={-50} max={50} defaultValue={s.certOffsetX} />
            <label htmlFor="st-y">Giấy khen: dịch dọc (mm)</label>
            <input id="st-y" name="certOffsetY" type="number" min={-50} max={50} defaultValue={s.certOffsetY} />
            <label className="check">
              <input type="checkbox" name="certBlank" defaultChecked={s.certBlank} /> In trên phôi in sẵn (chỉ in phần chữ điền)
            </label>
            <button type="submit" className="primary" disabled={busy}>
              Lưu cài đặt
            </button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}

/** A level above the movement's decides under its own name and number register, and prints on its own blank. */
function IssuerSettings({ d, busy }: { d: ReturnType<typeof useLoaderData<typeof loader>>; busy: boolean }) {
  const i = d.issuer;
  return (
    <details className="card">
      <summary>Cài đặt quyết định của {d.levelName}</summary>
      <p className="muted">
        Quyết định của cấp này mang tên cơ quan ban hành, số và ký hiệu của cấp này (sổ đăng ký đánh số lại mỗi năm); bằng khen, giấy khen in với tiêu đề của cấp này.
        {i.saved ? "" : " Đang dùng giá trị mặc định theo tên đơn vị."}
      </p>
      <Form method="post" className="stack level-settings">
        <input type="hidden" name="intent" value="issuer" />
        <input type="hidden" name="levelUnitId" value={d.levelUnitId} />
        <fieldset className="stack">
          <legend>Biểu quyết của Hội đồng Thi đua – Khen thưởng cấp này</legend>
          <p className="muted">
            Áp dụng cho phiên họp mở sau khi lưu; phiên họp đã mở giữ nguyên cách biểu quyết lúc mở.
            {d.ballot.own ? "" : " Đang dùng cài đặt của phong trào."}
          </p>
          <label htmlFor="is-mode">Hình thức biểu quyết</label>
          <select id="is-mode" name="ballotMode" defaultValue={d.ballot.mode}>
            <option value="open">Biểu quyết công khai</option>
            <option value="secret">Bỏ phiếu kín</option>
          </select>
          <label htmlFor="is-pass">Tiêu chuẩn thông qua (số thành viên đồng ý)</label>
          <select id="is-pass" name="passMark" defaultValue={d.ballot.passMark}>
            <option value="more_than_half">Quá nửa tổng số thành viên</option>
            <option value="two_thirds">Từ 2/3 tổng số thành viên</option>
          </select>
          <label htmlFor="is-quorum">Số thành viên tối thiểu tham gia biểu quyết</label>
          <select id="is-quorum" name="quorum" defaultValue={d.ballot.quorum}>
            <option value="more_than_half">Quá nửa tổng số thành viên</option>
            <option value="two_thirds">Từ 2/3 tổng số thành viên</option>
          </select>
        </fieldset>
        <label htmlFor="is-body">Cơ quan ban hành quyết định</label>
        <input id="is-body" name="issuingBody" defaultValue={i.issuingBody} />
        <label htmlFor="is-parent">Cơ quan chủ quản (nếu có)</label>
        <input id="is-parent" name="issuingParent" defaultValue={i.issuingParent ?? ""} />
        <label htmlFor="is-symbol">Ký hiệu quyết định (QĐ-…)</label>
        <input id="is-symbol" name="symbol" defaultValue={i.symbol} />
        <label htmlFor="is-place">Địa danh</label>
        <input id="is-place" name="place" defaultValue={i.place} />
        <label htmlFor="is-stitle">Chức vụ người ký</label>
        <input id="is-stitle" name="signerTitle" defaultValue={i.signerTitle} />
        <label htmlFor="is-sname">Họ tên người ký</label>
        <input id="is-sname" name="signerName" defaultValue={i.signerName} />
        <label htmlFor="is-x">Bằng khen, giấy khen: dịch ngang (mm)</label>
        <input id="is-x" name="certOffsetX" type="number" min={-50} max={50} defaultValue={i.certOffsetX} />
        <label htmlFor="is-y">Bằng khen, giấy khen: dịch dọc (mm)</label>
        <input id="is-y" name="certOffsetY" type="number" min={-50} max={50} defaultValue={i.certOffsetY} />
        <label className="check">
          <input type="checkbox" name="certBlank" defaultChecked={i.certBlank} /> In trên phôi in sẵn (chỉ in phần chữ điền)
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Lưu cài đặt quyết định
        </button>
      </Form>
    </details>
  );
}

const zipLabel = (count: number | null) => `Tải gói Báo cáo thành tích${count !== null ? ` (${count} báo cáo)` : ""}`;

/** All the Báo cáo thành tích of the dossiers at once, built by the worker: the bar while it runs, then the zip. */
function ReportBatch({ d, busy }: { d: ReturnType<typeof useLoaderData<typeof loader>>; busy: boolean }) {
  const schemes = [...new Map(d.proposals.map((p) => [p.schemeCode, p.schemeTitle])).entries()];
  const b = d.batch;
  return (
    <section className="card" aria-labelledby="bao-cao-tt">
      <h2 id="bao-cao-tt">Báo cáo thành tích của các hồ sơ</h2>
      <p className="muted">Hệ thống điền sẵn mỗi Báo cáo thành tích từ dữ liệu (biên chế, tỷ lệ nữ, cuộc thi, Chỉ số CCHC, sáng kiến, khen thưởng đã nhận) và gói thành một tệp .zip.</p>
      {d.proposals.length === 0 ? (
        <p>Chưa có hồ sơ đã gửi.</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="reports" />
          <div className="field">
            <label htmlFor="rb-scope">Phạm vi</label>
            <select id="rb-scope" name="scope" defaultValue="all">
              <option value="all">Tất cả hồ sơ đã gửi ({d.proposals.length})</option>
              {schemes.map(([code, title]) => (
                <option key={code} value={`scheme:${code}`}>
                  {title}
                </option>
              ))}
              {d.units.map((u) => (
                <option key={u.id} value={`unit:${u.id}`}>
                  Đơn vị: {u.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary" disabled={busy}>
            Tạo gói Báo cáo thành tích (.zip)
          </button>
        </Form>
      )}
      {b ? (
        <div aria-live="polite">
          <p>
            Gói gần nhất{b.label ? ` (${b.label})` : ""}, yêu cầu lúc {formatDateTime(b.createdAt)}:
          </p>
          <TaskDownload key={b.id} taskId={b.id} label={zipLabel(b.count)} labelOf={(r) => zipLabel(typeof r?.count === "number" ? r.count : b.count)} href={`/thi-dua/${d.movement.id}/de-nghi/tai-lieu?goi=${b.id}`} />
        </div>
      ) : null}
    </section>
  );
}
