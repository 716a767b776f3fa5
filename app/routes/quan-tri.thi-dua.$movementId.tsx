import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatRate } from "~/core/participation/participation";
import { NEXT_STEP_TEXT } from "~/emulation/editor-schemas";
import { OUTCOME_TEXT } from "~/emulation/format";
import { NEXT_ACTION, organizerAction, organizerMovement } from "~/emulation/movements.server";
import { STANDING_LABEL } from "~/core/emulation";
import { formatDateTime } from "~/format";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Xét thi đua: ${data.movement.title}` : "Phong trào thi đua" }];

const idParam = (p: string | undefined) => {
  const r = z.coerce.number().int().positive().safeParse(p);
  if (!r.success) throw new Response("Không tìm thấy phong trào này.", { status: 404 });
  return r.data;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const d = organizerMovement(user, idParam(params.movementId));
  return { ...d, nextAction: NEXT_ACTION[d.movement.state] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const id = idParam(params.movementId);
  const r = organizerAction(user, id, await request.formData());
  return data(r, { status: r.ok ? 200 : 400 });
}

export default function OrganizerMovement() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const m = d.movement;
  const reg = d.registration;
  return (
    <article className="movement-admin">
      <h1>{m.title}</h1>
      <p className="muted">
        {m.kindLabel} · năm xét {m.year} · <strong>{m.stateLabel}</strong> · <Link to={`/thi-dua/${m.id}`}>Trang của phong trào</Link> · <Link to={`/quan-tri/thi-dua/${m.id}/sua`}>{m.state === "draft" ? "Soạn phong trào" : "Hình thức, tiêu chí, văn bản"}</Link>
      </p>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "error"}>
          {result.message}
        </p>
      ) : null}
      <div className="actions">
        {d.nextAction ? (
          <Form method="post">
            <button type="submit" name="intent" value="advance" className="primary" aria-describedby="buoc-tiep">
              {d.nextAction}
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <button type="submit" name="intent" value="evaluate" className="secondary">
            Xét lại ngay
          </button>
        </Form>
        {d.report ? (
          <a href={`/quan-tri/thi-dua/${m.id}/xuat`} className="button" download>
            Xuất Excel
          </a>
        ) : null}
      </div>

      {NEXT_STEP_TEXT[m.state] ? (
        <p className="muted" id="buoc-tiep">
          {d.nextAction}: {NEXT_STEP_TEXT[m.state]}
        </p>
      ) : null}

      <section aria-labelledby="dang-ky">
        <h2 id="dang-ky">Đăng ký thi đua</h2>
        <p>
          Đã gửi {reg.sent}/{reg.total} đơn vị ({formatRate(reg.rate)}), đã duyệt {reg.approved}.
        </p>
        {reg.rows.some((r) => r.reviewerName) ? (
          <p className="muted">
            Đơn vị có đơn vị cấp trên cùng tham gia phong trào gửi đăng ký qua đơn vị cấp trên duyệt trước; Ban Tổ chức duyệt lần cuối (có thể duyệt ngay cả khi
            đơn vị cấp trên chưa duyệt).
          </p>
        ) : null}
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Bảng đăng ký của các đơn vị">
          <table className="data reg-table">
            <caption className="sr-only">Đăng ký của từng đơn vị</caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Duyệt</th>
              </tr>
            </thead>
            <tbody>
              {reg.rows.map((r) => (
                <tr key={r.unitId}>
                  <td>
                    {r.name}
                    {r.registrationId && (r.schemeTitles.length || r.people.length || r.targets || r.initiatives) ? (
                      <details className="reg-content">
                        <summary>Nội dung đăng ký</summary>
                        {r.schemeTitles.length ? <p>Hình thức: {r.schemeTitles.join("; ")}</p> : null}
                        {r.people.length ? <p>Cá nhân: {r.people.join("; ")}</p> : null}
                        {r.targets ? <p>Chỉ tiêu: {r.targets}</p> : null}
                        {r.initiatives ? <p>Sáng kiến, mô hình: {r.initiatives}</p> : null}
                      </details>
                    ) : null}
                  </td>
                  <td>
                    {r.statusLabel}
                    {r.stageText ? <div className="muted">{r.stageText}</div> : null}
                    {r.returnReason ? <div className="muted">{r.returnReason}</div> : null}
                  </td>
                  <td>
                    {r.status === "cho_duyet" && r.registrationId ? (
                      <div className="stack">
                        <Form method="post">
                          <input type="hidden" name="registrationId" value={r.registrationId} />
                          <button type="submit" name="intent" value="approve" className="primary">
                            Duyệt
                          </button>
                        </Form>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="registrationId" value={r.registrationId} />
                          <label htmlFor={`ly-do-${r.registrationId}`} className="sr-only">
                            Lý do trả lại bản đăng ký của {r.name}
                          </label>
                          <input id={`ly-do-${r.registrationId}`} name="reason" placeholder="Lý do trả lại" />
                          <button type="submit" name="intent" value="return" className="secondary">
                            Trả lại
                          </button>
                        </Form>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {d.toAppraise.length ? (
        <section aria-labelledby="tham-dinh">
          <h2 id="tham-dinh">Minh chứng chờ thẩm định</h2>
          <ul className="card-list">
            {d.toAppraise.map((x) => (
              <li key={x.id} className="card">
                <p>
                  <strong>{x.unitName}</strong> — {x.criterion}: {typeof x.value === "boolean" ? (x.value ? "Có" : "Không") : String(x.value)}
                </p>
                {x.evidence ? <a href={x.evidence}>Xem đường dẫn minh chứng</a> : null}
                {x.files.length ? (
                  <ul className="files">
                    {x.files.map((f) => (
                      <li key={f.id}>
                        <a href={f.href} download>
                          Tải tệp {f.name}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="declarationId" value={x.id} />
                  <button type="submit" name="intent" value="accept" className="primary">
                    Chấp nhận
                  </button>
                  <label htmlFor={`tl-${x.id}`} className="sr-only">
                    Lý do trả lại minh chứng
                  </label>
                  <input id={`tl-${x.id}`} name="reason" placeholder="Lý do trả lại" />
                  <button type="submit" name="intent" value="reject" className="secondary">
                    Trả lại
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="ket-qua-xet">
        <h2 id="ket-qua-xet">Kết quả xét</h2>
        {d.report ? (
          <>
            <p className="muted">
              Xét lúc {formatDateTime(d.evaluatedAt!)} ({d.snapshotReason}).
            </p>
            {d.report.schemes.map((s) => (
              <div key={s.id} className="scheme-eval">
                <h3>
                  {s.title} <span className="muted">({s.quotaText})</span>
                </h3>
                <p>
                  <strong>Đủ điều kiện trong chỉ tiêu:</strong> {s.qualified.map((x) => x.name).join("; ") || "chưa có"}
                </p>
                <div className="table-wrap" tabIndex={0} role="region" aria-label={`Bảng xét ${s.title}`}>
                  <table className="data eval-table">
                    <caption className="sr-only">Ứng viên và tiêu chí của {s.title}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Ứng viên</th>
                        <th scope="col">Kết quả</th>
                        {s.criteria.map((c) => (
                          <th scope="col" key={c.id}>
                            {c.label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {s.candidates.map((c) => (
                        <tr key={c.key} className={`standing-${c.standing}`}>
                          <th scope="row">{c.name}</th>
                          <td>
                            {STANDING_LABEL[c.standing]}
                            {c.place ? ` (thứ ${c.place})` : ""}
                            {c.note ? <div className="muted">{c.note}</div> : null}
                          </td>
                          {c.criteria.map((r) => (
                            <td key={r.id} title={r.reason} className={`outcome-${r.outcome}`}>
                              <strong>{OUTCOME_TEXT[r.outcome]}</strong>
                              <div className="reason">{r.reason}</div>
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            ))}
          </>
        ) : (
          <p>Chưa xét. Bấm “Xét lại ngay” để xét theo dữ liệu hiện có.</p>
        )}
      </section>
    </article>
  );
}
