import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/account/session.server";
import { idParam, readForm, tooLarge } from "~/awards/http.server";
import { DocumentForm } from "~/emulation/DocumentForm";
import { DeadlineForm, MoveDeadlineForm } from "~/emulation/DeadlineForms";
import { addDocument, deleteDraft, moveDeadline, movementChoices, movementEditor, removeDeadline, removeDocument, removeScheme, saveDeadline, updateMovement } from "~/emulation/editor.server";
import { deadlineSchema, documentSchema, LOCKED_MESSAGE, moveDeadlineSchema, movementSchema } from "~/emulation/editor-schemas";
import { showDate } from "~/emulation/format";
import { EditorCrumbs, EditorNotice } from "~/emulation/EditorChrome";
import { MovementForm } from "~/emulation/MovementForm";
import { STATE_LABEL } from "~/emulation/movements.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Soạn phong trào: ${data.movement.title}` : "Soạn phong trào thi đua" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const d = movementEditor(user, idParam(params.movementId, "Không tìm thấy phong trào này."));
  return { ...d, stateLabel: STATE_LABEL[d.movement.state], choices: d.draft ? movementChoices(user) : null };
}

const reply = (r: { ok: boolean; message: string; status?: number }) => data({ kind: "message" as const, ok: r.ok, message: r.message }, { status: r.ok ? 200 : (r.status ?? 400) });
const fieldErrorsOf = (e: Record<string, string> | undefined) => Object.fromEntries(Object.entries(e ?? {}).map(([k, v]) => [k, [v]]));

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const id = idParam(params.movementId, "Không tìm thấy phong trào này.");
  const form = await readForm(request);
  if ("tooLarge" in form) return data({ kind: "message" as const, ok: false, message: (await tooLarge().data).message }, { status: 413 });
  const intent = form.get("intent");
  if (intent === "movement") {
    const submission = parseWithZod(form, { schema: movementSchema });
    if (submission.status !== "success") return data({ kind: "movement" as const, result: submission.reply() }, { status: 400 });
    const r = updateMovement(user, id, submission.value);
    if (!r.ok) return data({ kind: "movement" as const, result: submission.reply({ formErrors: [r.message], fieldErrors: fieldErrorsOf(r.fieldErrors) }) }, { status: r.status });
    return data({ kind: "movement" as const, result: submission.reply(), saved: r.message });
  }
  if (intent === "add-document") {
    const submission = parseWithZod(form, { schema: documentSchema });
    if (submission.status !== "success") return data({ kind: "document" as const, result: submission.reply() }, { status: 400 });
    const r = await addDocument(user, id, submission.value);
    if (!r.ok) return data({ kind: "document" as const, result: submission.reply({ formErrors: [r.message], fieldErrors: fieldErrorsOf(r.fieldErrors) }) }, { status: r.status });
    return data({ kind: "document" as const, result: submission.reply({ resetForm: true }), saved: r.message });
  }
  const target = z.coerce.number().int().positive().safeParse(form.get("targetId"));
  if (intent === "save-deadline" || intent === "move-deadline") {
    const formId = String(form.get("formId") ?? "deadline-new").slice(0, 40);
    const submission = parseWithZod(form, { schema: intent === "save-deadline" ? deadlineSchema : moveDeadlineSchema });
    if (submission.status !== "success") return data({ kind: "deadline" as const, formId, result: submission.reply() }, { status: 400 });
    if (intent === "move-deadline" && !target.success) return reply({ ok: false, message: "Yêu cầu không hợp lệ.", status: 400 });
    const r =
      intent === "save-deadline"
        ? saveDeadline(user, id, target.success ? target.data : null, submission.value as z.output<typeof deadlineSchema>)
        : moveDeadline(user, id, target.data!, submission.value as z.output<typeof moveDeadlineSchema>);
    // A refusal tied to a field is said beside it, once; one that is not (a locked movement) above the form.
    if (!r.ok) return data({ kind: "deadline" as const, formId, result: submission.reply({ formErrors: r.fieldErrors ? [] : [r.message], fieldErrors: fieldErrorsOf(r.fieldErrors) }) }, { status: r.status });
    return data({ kind: "deadline" as const, formId, result: submission.reply({ resetForm: true }), saved: r.message });
  }
  if (intent === "remove-deadline" && target.success) return reply(removeDeadline(user, id, target.data));
  if (intent === "remove-document" && target.success) return reply(removeDocument(user, id, target.data));
  if (intent === "remove-scheme" && target.success) return reply(removeScheme(user, id, target.data));
  if (intent === "delete-movement") {
    const r = deleteDraft(user, id);
    if (r.ok) throw redirect("/quan-tri/thi-dua?da-xoa=1");
    return reply(r);
  }
  // Still a check of the movement and its scope before saying the request is malformed.
  movementEditor(user, id);
  return reply({ ok: false, message: "Yêu cầu không hợp lệ.", status: 400 });
}

export default function EditMovement() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [search] = useSearchParams();
  const m = d.movement;
  const saved = result && "saved" in result ? String(result.saved) : null;
  return (
    <article className="movement-editor">
      <EditorCrumbs between={[{ to: `/quan-tri/thi-dua/${m.id}`, label: m.title }]} current="Soạn phong trào" />
      <h1>Soạn phong trào</h1>
      <p>
        <strong>{m.title}</strong> · <span className="badge">{d.stateLabel}</span>
      </p>
      {search.has("moi") && !result ? (
        <p className="notice ok-notice" role="status">
          Đã lưu bản nháp. Tiếp theo: thêm văn bản phát động, hình thức khen thưởng và tiêu chí, rồi phát động.
        </p>
      ) : null}
      <EditorNotice result={result} saved={saved} />
      {d.draft ? (
        <p className="muted">
          Bản nháp: chỉ Ban Tổ chức thấy và sửa tự do. Khi phát động, hình thức khen thưởng, tiêu chí và đơn vị tham gia được công bố cho các đơn vị và không sửa được nữa; văn bản điều chỉnh vẫn thêm được.
        </p>
      ) : (
        <p className="notice">{LOCKED_MESSAGE} Văn bản (ví dụ kế hoạch điều chỉnh, bổ sung) vẫn thêm được; mọi thay đổi được ghi vào nhật ký.</p>
      )}

      <section aria-labelledby="thong-tin" className="card">
        <h2 id="thong-tin">Thông tin phong trào</h2>
        {d.draft && d.choices ? (
          <MovementForm lastResult={result?.kind === "movement" ? result.result : undefined} choices={d.choices} defaults={d.defaults} busy={busy} submitLabel="Lưu thay đổi" withDeadlines={false} />
        ) : (
          <dl className="facts">
            <dt>Thời gian</dt>
            <dd>
              {showDate(d.defaults.periodStart)} – {showDate(d.defaults.periodEnd)} (năm xét {m.year})
            </dd>
            <dt>Kế hoạch</dt>
            <dd>{d.defaults.planNumber ? `Kế hoạch số ${d.defaults.planNumber} ngày ${showDate(d.defaults.planDate)}` : "Chưa ghi"}</dd>
            <dt>Đơn vị tham gia</dt>
            <dd>{d.participantsText}</dd>
          </dl>
        )}
      </section>

      <section aria-labelledby="thoi-han" className="card deadline-card">
        <h2 id="thoi-han">Thời hạn</h2>
        <p className="muted">
          {d.draft
            ? `Thêm, sửa, xóa từng mốc. Hạn đăng ký và kê khai minh chứng nằm trong thời gian phong trào (${showDate(d.period.start)} – ${showDate(d.period.end)}); hạn nộp hồ sơ, gửi lên cấp trên, thẩm định chậm nhất một năm sau khi phong trào kết thúc.`
            : d.movable
              ? "Các mốc đã công bố cho các đơn vị. Chỉ dời được hạn về sau, kèm lý do; thủ trưởng các đơn vị tham gia nhận thông báo, việc dời hạn được ghi vào nhật ký."
              : "Phong trào đã kết thúc; các mốc giữ nguyên như đã công bố."}
        </p>
        {d.deadlines.length ? (
          <ol className="deadline-list">
            {d.deadlines.map((x) => {
              const formId = `deadline-${x.id}`;
              const mine = result?.kind === "deadline" && result.formId === formId;
              return (
                <li key={x.id}>
                  <div>
                    <strong>
                      {showDate(x.date)}
                      {x.time ? ` lúc ${x.time}` : ""}
                    </strong>
                    : {x.label} <span className="badge">{x.kindText}</span>
                  </div>
                  {d.draft || d.movable ? (
                    <details open={mine && !("saved" in result) ? true : undefined}>
                      <summary>
                        {d.draft ? "Sửa mốc" : "Dời hạn"}
                        <span className="sr-only">: {x.label}</span>
                      </summary>
                      {d.draft ? (
                        <DeadlineForm formId={formId} deadline={x} lastResult={mine ? result.result : undefined} busy={busy} />
                      ) : (
                        <MoveDeadlineForm formId={formId} deadline={x} lastResult={mine ? result.result : undefined} busy={busy} />
                      )}
                    </details>
                  ) : null}
                  {d.draft ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="targetId" value={x.id} />
                      <button type="submit" name="intent" value="remove-deadline" className="link-button" disabled={busy}>
                        Xóa mốc<span className="sr-only"> {x.label}</span>
                      </button>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="muted">Chưa có mốc thời hạn nào.</p>
        )}
        {d.draft ? (
          <details open={result?.kind === "deadline" && result.formId === "deadline-new" && !("saved" in result) ? true : undefined}>
            <summary>Thêm mốc thời hạn</summary>
            <DeadlineForm formId="deadline-new" lastResult={result?.kind === "deadline" && result.formId === "deadline-new" ? result.result : undefined} busy={busy} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="van-ban" className="card">
        <h2 id="van-ban">Văn bản phát động</h2>
        {d.documents.length ? (
          <ul className="plain-list">
            {d.documents.map((doc) => (
              <li key={doc.id}>
                {doc.url ? <a href={doc.url}>{doc.title}</a> : doc.title}
                {doc.fileName ? <span className="muted"> ({doc.fileName}, {Math.ceil((doc.size ?? 0) / 1024)} KB)</span> : null}
                {d.draft ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="targetId" value={doc.id} />
                    <button type="submit" name="intent" value="remove-document" className="link-button" disabled={busy}>
                      Gỡ<span className="sr-only"> văn bản {doc.title}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Chưa có văn bản nào.</p>
        )}
        {m.state !== "closed" ? <DocumentForm lastResult={result?.kind === "document" ? result.result : undefined} busy={busy} /> : null}
      </section>

      <section aria-labelledby="hinh-thuc" className="card">
        <h2 id="hinh-thuc">Hình thức khen thưởng và tiêu chí</h2>
        {d.schemes.length === 0 ? <p className="muted">Chưa có hình thức khen thưởng nào.</p> : null}
        {d.schemes.map((s) => (
          <div key={s.dbId} className="scheme-card">
            <h3>{s.title}</h3>
            <p className="muted">
              {s.formName} · {s.target === "collective" ? "tập thể" : "cá nhân"} · cấp {s.level} · {s.quotaText}
            </p>
            {s.criteria.length ? (
              <ol className="criteria-list">
                {s.criteria.map((c) => (
                  <li key={c.id}>
                    <strong>{c.label}</strong> <span className="badge">{c.kindTitle}</span>
                    <div className="muted small">Nền tảng kiểm tra: {c.summary}</div>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="error">Chưa có tiêu chí.</p>
            )}
            <div className="actions">
              <Link to={`/quan-tri/thi-dua/${m.id}/hinh-thuc/${s.dbId}`}>
                {d.draft ? "Sửa hình thức và tiêu chí" : "Xem hình thức và tiêu chí"}
                <span className="sr-only">: {s.title}</span>
              </Link>
              {d.draft ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="targetId" value={s.dbId} />
                  <button type="submit" name="intent" value="remove-scheme" className="link-button" disabled={busy}>
                    Xóa hình thức<span className="sr-only"> {s.title}</span>
                  </button>
                </Form>
              ) : null}
            </div>
          </div>
        ))}
        {d.draft ? (
          <p>
            <Link to={`/quan-tri/thi-dua/${m.id}/hinh-thuc/moi`} className="button">
              Thêm hình thức khen thưởng
            </Link>
          </p>
        ) : null}
      </section>

      {d.draft ? (
        <section aria-labelledby="phat-dong" className="card">
          <h2 id="phat-dong">Phát động</h2>
          {d.launchProblems.length ? (
            <>
              <p>Chưa phát động được:</p>
              <ul>
                {d.launchProblems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <p>Khi phát động, thủ trưởng các đơn vị tham gia nhận thông báo trên nền tảng và bắt đầu đăng ký thi đua.</p>
              <Form method="post" action={`/quan-tri/thi-dua/${m.id}`}>
                <button type="submit" name="intent" value="advance" className="primary" disabled={busy}>
                  Phát động
                </button>
              </Form>
            </>
          )}
          <details className="danger-zone">
            <summary>Xóa bản nháp</summary>
            <p>Bản nháp chưa ai ngoài Ban Tổ chức thấy. Xóa bản nháp sẽ xóa cả văn bản, hình thức khen thưởng và tiêu chí của nó; việc xóa được ghi vào nhật ký.</p>
            <Form method="post">
              <button type="submit" name="intent" value="delete-movement" className="secondary" disabled={busy}>
                Xóa bản nháp này
              </button>
            </Form>
          </details>
        </section>
      ) : null}
    </article>
  );
}
