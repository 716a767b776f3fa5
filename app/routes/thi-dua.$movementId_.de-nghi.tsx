import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/account/session.server";
import { unitAction, unitDossier, uploadDocument } from "~/awards/dossier.server";
import { vnDate } from "~/awards/format";
import { ProposalHistory } from "~/awards/ProposalHistory";
import { idParam, readForm, tooLarge } from "~/awards/http.server";
import { latestReportBatch, startReportBatch } from "~/awards/report-batches.server";
import { TaskDownload } from "~/components/TaskDownload";
import { DOC_KINDS, DOC_LABEL } from "~/awards/schemas";
import { formatDateTime } from "~/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Hồ sơ đề nghị khen thưởng: ${data.movement.title}` : "Hồ sơ đề nghị khen thưởng" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.movementId, "Không tìm thấy phong trào này.");
  const d = unitDossier(user, id);
  return { ...d, batch: await latestReportBatch(user, id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.movementId, "Không tìm thấy phong trào này.");
  const form = await readForm(request);
  if ("tooLarge" in form) return tooLarge();
  const intent = form.get("intent");
  const r = intent === "upload" ? await uploadDocument(user, id, form) : intent === "reports" ? await startReportBatch(user, id, form, "unit") : unitAction(user, id, form);
  return data(r, { status: r.ok ? 200 : 400 });
}

export default function UnitDossier() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <article className="awards">
      <p>
        <Link to={`/thi-dua/${d.movement.id}`}>← Phong trào</Link>
      </p>
      <h1>Hồ sơ đề nghị khen thưởng</h1>
      <p className="muted">{d.movement.title}</p>
      {d.deadline ? (
        <p className={d.daysLeft !== null && d.daysLeft < 0 ? "notice error" : "notice"}>
          Hạn gửi hồ sơ: <strong>{vnDate(d.deadline)}</strong>
          {d.daysLeft !== null ? (d.daysLeft >= 0 ? ` — còn ${d.daysLeft} ngày.` : " — đã quá hạn.") : ""}
        </p>
      ) : null}
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "notice error"}>
          {result.message}
        </p>
      ) : null}
      {d.units.map((u) => (
        <section key={u.unitId} className="card" aria-labelledby={`dv-${u.unitId}`}>
          <h2 id={`dv-${u.unitId}`}>{u.name}</h2>
          {!u.open ? <p className="notice error">Đã hết hạn gửi hồ sơ. Liên hệ cơ quan thường trực để được mở lại cho đơn vị.</p> : null}
          {u.reopenedUntil ? <p className="notice">Được mở lại hạn gửi đến hết ngày {vnDate(u.reopenedUntil)}.</p> : null}
          <h3>Ứng viên từ kết quả xét</h3>
          {u.candidates.length === 0 ? <p>Chưa có kết quả xét của đơn vị.</p> : null}
          <ul className="card-list">
            {u.candidates.map((c) => (
              <li key={`${c.schemeId}-${c.key}`} className="stack">
                <p>
                  <strong>{c.name}</strong> — {c.schemeTitle}
                  <br />
                  <span className={c.standing === "selected" ? "badge done" : "badge"}>{c.standingLabel}</span>
                </p>
                {c.unmet.length ? (
                  <ul>
                    {c.unmet.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : null}
                {c.proposed ? (
                  <p className="muted">Đã lập hồ sơ.</p>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="propose" />
                    <input type="hidden" name="schemeId" value={c.schemeId} />
                    <input type="hidden" name="candidateKey" value={c.key} />
                    <button type="submit" className={c.standing === "selected" ? "primary" : "secondary"} disabled={busy}>
                      Lập hồ sơ đề nghị: {c.name}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>

          <h3>Hồ sơ của đơn vị</h3>
          {u.proposals.length === 0 ? <p>Chưa có hồ sơ.</p> : null}
          {u.proposals.length > 1 ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="reports" />
              <input type="hidden" name="scope" value={`unit:${u.unitId}`} />
              <button type="submit" className="secondary" disabled={busy}>
                Tải tất cả Báo cáo thành tích của đơn vị (.zip)
              </button>
            </Form>
          ) : null}
          {d.batch && (d.batch.label === u.name || d.units.length === 1) ? (
            <div aria-live="polite">
              <TaskDownload key={d.batch.id} taskId={d.batch.id} label={`Tải gói Báo cáo thành tích${d.batch.count !== null ? ` (${d.batch.count} báo cáo)` : ""}`} labelOf={(r) => `Tải gói Báo cáo thành tích${typeof r?.count === "number" ? ` (${r.count} báo cáo)` : ""}`} href={`/thi-dua/${d.movement.id}/de-nghi/tai-lieu?goi=${d.batch.id}`} />
            </div>
          ) : null}
          {u.proposals.map((p) => (
            <div key={p.id} className="card proposal" aria-labelledby={`hs-${p.id}`}>
              <h4 id={`hs-${p.id}`}>
                {p.name} — {p.schemeTitle}
              </h4>
              <p>
                Trạng thái: <strong>{p.stateLabel}</strong>
                {p.reason ? ` — ${p.reason}` : ""}
                {p.state !== "nhap" ? (
                  <>
                    <br />
                    Đang ở: {p.levelName}
                  </>
                ) : null}
              </p>
              {!p.qualified ? <p className="notice">Đề nghị ngoài danh sách đạt tiêu chí; lý do chưa đạt hiển thị cho người thẩm định.</p> : null}
              <p>
                Tải mẫu Word:{" "}
                <a href={`/thi-dua/${d.movement.id}/de-nghi/tai-lieu?loai=to-trinh&don-vi=${u.unitId}&hinh-thuc=${p.schemeCode}`}>Tờ trình</a>
                {" · "}
                <a href={`/thi-dua/${d.movement.id}/de-nghi/tai-lieu?loai=bao-cao&ho-so=${p.id}`}>Báo cáo thành tích</a>
              </p>
              {p.state === "nhap" || p.state === "tra_lai" ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="achievement" />
                  <input type="hidden" name="proposalId" value={p.id} />
                  <label htmlFor={`tt-${p.id}`}>Thành tích (một câu, in trên giấy khen)</label>
                  <textarea id={`tt-${p.id}`} name="achievement" rows={2} defaultValue={p.achievement} maxLength={300} />
                  <button type="submit" className="secondary" disabled={busy}>
                    Lưu thành tích
                  </button>
                </Form>
              ) : (
                <p>Thành tích: {p.achievement}</p>
              )}
              <h5>Tài liệu đã tải lên</h5>
              {p.documents.length === 0 ? <p>Chưa có.</p> : null}
              <ul>
                {p.documents.map((doc) => (
                  <li key={doc.id}>
                    {doc.kindLabel}: <a href={`/thi-dua/${d.movement.id}/de-nghi/tai-lieu?tep=${doc.id}`}>{doc.fileName}</a> ({Math.ceil(doc.size / 1024)} KB, {formatDateTime(doc.uploadedAt)})
                    {doc.registered ? " — đã đăng ký với quyết định" : ""}
                    {doc.superseded ? ` — đã được thay thế: ${doc.supersedeReason ?? ""}` : ""}
                  </li>
                ))}
              </ul>
              {/* Files are added while the unit holds the dossier; once registered with a decision, only superseded. */}
              {p.state === "nhap" || p.state === "tra_lai" || p.documents.some((x) => x.registered && !x.superseded) ? (
              <Form method="post" encType="multipart/form-data" className="stack">
                <input type="hidden" name="intent" value="upload" />
                <input type="hidden" name="proposalId" value={p.id} />
                <label htmlFor={`loai-${p.id}`}>Loại tài liệu</label>
                <select id={`loai-${p.id}`} name="kind" defaultValue="bao_cao">
                  {DOC_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {DOC_LABEL[k]}
                    </option>
                  ))}
                </select>
                <label htmlFor={`tep-${p.id}`}>Tệp đã ký (PDF hoặc Word, tối đa 10 MB)</label>
                <input id={`tep-${p.id}`} name="file" type="file" accept=".pdf,.doc,.docx,application/pdf" />
                {p.documents.some((x) => x.registered && !x.superseded) ? (
                  <>
                    <label htmlFor={`ly-do-${p.id}`}>Lý do thay thế tài liệu đã đăng ký</label>
                    <input id={`ly-do-${p.id}`} name="reason" />
                  </>
                ) : null}
                <button type="submit" className="secondary" disabled={busy}>
                  Tải lên
                </button>
              </Form>
              ) : null}
              <div className="actions">
                {p.actions.map((a) => (
                  <Form method="post" key={a.action}>
                    <input type="hidden" name="intent" value={a.action} />
                    <input type="hidden" name="proposalId" value={p.id} />
                    <button type="submit" className={a.action === "send" ? "primary" : "secondary"} disabled={busy}>
                      {a.label}
                    </button>
                  </Form>
                ))}
                {p.state === "nhap" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="proposalId" value={p.id} />
                    <button type="submit" className="secondary" disabled={busy}>
                      Xóa hồ sơ nháp
                    </button>
                  </Form>
                ) : null}
              </div>
              <ProposalHistory events={p.events} />
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}
