import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Markdown } from "~/components/Markdown";
import { OUTCOME_TEXT, showDate } from "~/emulation/format";
import { parseWithZod } from "@conform-to/zod";
import { readForm, tooLarge } from "~/awards/http.server";
import { DeclarationForm, EvidenceFiles, type FormReply, ParentReturnForm } from "~/emulation/forms";
import { declarationSchema, parentReturnSchema, registrationSchema } from "~/emulation/schemas";
import { RegistrationForm } from "~/emulation/RegistrationForm";
import { memberMovement, parentAction, saveDeclaration, saveRegistration } from "~/emulation/movements.server";
import { formatDateTime } from "~/format";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.movement.title : "Phong trào thi đua" }];

const idParam = (p: string | undefined) => {
  const r = z.coerce.number().int().positive().safeParse(p);
  if (!r.success) throw new Response("Không tìm thấy phong trào này.", { status: 404 });
  return r.data;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return memberMovement(user, idParam(params.movementId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.movementId);
  const form = await readForm(request);
  if ("tooLarge" in form) return tooLarge();
  const intent = String(form.get("intent") ?? "");
  // Which form the answer belongs to, so its message sits beside the fields it is about.
  const target =
    intent === "declare" ? `decl-${form.get("unitId")}-${form.get("criterionId")}` : intent.startsWith("parent-") ? `review-${form.get("registrationId")}` : `reg-${form.get("unitId")}`;
  const r = intent === "declare" ? await saveDeclaration(user, id, form) : intent.startsWith("parent-") ? parentAction(user, id, form) : saveRegistration(user, id, form);
  const field: string | null = "field" in r && typeof r.field === "string" && r.field ? r.field : null;
  // The conform reply of the page's forms: the server's refusal as the field's error (the form's, else).
  const submission = parseWithZod(form, { schema: intent === "declare" ? declarationSchema : intent.startsWith("parent-") ? parentReturnSchema : registrationSchema });
  const reply = r.ok
    ? submission.reply()
    : submission.status === "error" && field
      ? submission.reply()
      : field
        ? submission.reply({ fieldErrors: { [field]: [r.message] } })
        : submission.reply({ formErrors: [r.message] });
  return data({ target, ok: r.ok, message: r.message, field, reply }, { status: r.ok ? 200 : 400 });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Result = (FormReply & { field: string | null }) | undefined;

/** A registration's or a review's answer; a refusal about one field is shown by that field instead. */
function FormMessage({ id, result }: { id: string; result: Result }) {
  if (!result || result.target !== id || (!result.ok && result.field)) return null;
  return (
    <p id={`${id}-msg`} role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "error"}>
      {result.message}
    </p>
  );
}

function declStatus(x: Data["units"][number]["declared"][number]) {
  if (!x.status) return "chưa kê khai";
  return x.status === "accepted" ? "đã chấp nhận" : x.status === "returned" ? `bị trả lại: ${x.returnReason ?? ""}` : "chờ thẩm định";
}

/** What a registration names besides its schemes: its people, targets, initiatives or models. */
function RegisteredSummary({ reg, withSchemes = true }: { reg: Data["units"][number]["registration"]; withSchemes?: boolean }) {
  if (!reg.id) return null;
  return (
    <>
      {withSchemes && reg.schemeTitles.length ? <p>Đăng ký: {reg.schemeTitles.join("; ")}</p> : null}
      {reg.people.length ? (
        <p>
          Cá nhân đăng ký: {reg.people.map((p) => `${p.fullName}${p.gender ? ` (${p.gender === "nu" ? "nữ" : "nam"}${p.position ? `, ${p.position}` : ""})` : ""}`).join("; ")}
        </p>
      ) : null}
      {reg.targets ? <p>Chỉ tiêu: {reg.targets}</p> : null}
      {reg.initiatives ? <p>Sáng kiến, mô hình: {reg.initiatives}</p> : null}
    </>
  );
}

/** A child unit's registration as its parent head sees it, with approve and return while it waits for them. */
function ChildReview({ u, result }: { u: Data["children"][number]; result: Result }) {
  const reg = u.registration;
  const formId = `review-${reg.id}`;
  return (
    <li className="card">
      <h3>{u.name}</h3>
      <p>
        Trạng thái: <strong>{reg.statusLabel}</strong>
        {reg.stageText ? <> · {reg.stageText}</> : null}
      </p>
      {reg.status === "tra_lai" && reg.returnReason ? <p>Lý do trả lại: {reg.returnReason}</p> : null}
      {reg.schemeTitles.length ? <p>Đăng ký: {reg.schemeTitles.join("; ")}</p> : null}
      <RegisteredSummary reg={reg} withSchemes={false} />
      {u.declared.length ? (
        <ul>
          {u.declared.map((x) => (
            <li key={x.criterionId}>
              {x.label}: {x.value === null ? "chưa kê khai" : `${typeof x.value === "boolean" ? (x.value ? "Có" : "Không") : String(x.value)} (${declStatus(x)})`}
              {x.evidence ? (
                <>
                  {" "}
                  · <a href={x.evidence}>đường dẫn minh chứng</a>
                </>
              ) : null}
              <EvidenceFiles files={x.files} />
            </li>
          ))}
        </ul>
      ) : null}
      <FormMessage id={formId} result={result} />
      {u.canReview && reg.id ? (
        <div className="review-actions">
          <Form method="post">
            <input type="hidden" name="registrationId" value={reg.id} />
            <button type="submit" name="intent" value="parent-approve" className="primary">
              Duyệt, chuyển Ban Tổ chức
            </button>
          </Form>
          <ParentReturnForm registrationId={reg.id} unitName={u.name} result={result} />
        </div>
      ) : null}
    </li>
  );
}

export default function MovementPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const m = d.movement;
  // Registrations waiting for this head come first; otherwise the children follow the head's own units.
  const waiting = d.children.some((u) => u.canReview);
  const childrenSection = d.children.length ? (
        <section aria-labelledby="cap-duoi" className="card">
          <h2 id="cap-duoi">Đăng ký của đơn vị cấp dưới</h2>
          <p className="muted">
            Bản đăng ký của đơn vị cấp dưới đến đơn vị bạn duyệt trước. Bản bạn duyệt được chuyển đến Ban Tổ chức, nơi duyệt lần cuối; bản bạn trả lại
            về đơn vị kèm lý do để hoàn thiện và gửi lại.
          </p>
          <ul className="card-list">
            {d.children.map((u) => (
              <ChildReview key={u.unitId} u={u} result={result} />
            ))}
          </ul>
        </section>
  ) : null;
  const topResult = result && !result.target.startsWith("decl-") && !result.target.startsWith("review-") && !result.target.startsWith("reg-") ? result : undefined;
  return (
    <article className="movement">
      <h1>{m.title}</h1>
      <p className="muted">
        {m.kindLabel} · {showDate(m.periodStart)} – {showDate(m.periodEnd)} · {m.stateLabel}
        {m.planNumber ? ` · Kế hoạch số ${m.planNumber}${m.planDate ? ` ngày ${showDate(m.planDate)}` : ""}` : ""} · {m.organizerName}
      </p>
      {topResult ? (
        <p role={topResult.ok ? "status" : "alert"} className={topResult.ok ? "notice" : "error"}>
          {topResult.message}
        </p>
      ) : null}

      {waiting ? childrenSection : null}
      {d.units.map((u) => (
        <section key={u.unitId} className="card" aria-labelledby={`don-vi-${u.unitId}`}>
          <h2 id={`don-vi-${u.unitId}`}>{u.name}</h2>
          <p>
            Đăng ký thi đua: <strong>{u.registration.statusLabel}</strong>
            {u.registration.status === "tra_lai" && u.registration.returnReason ? ` — lý do: ${u.registration.returnReason}` : ""}
          </p>
          {u.registration.stageText ? <p className="muted">{u.registration.stageText}</p> : null}
          {u.reviewerName && u.registration.status === "chua_gui" ? (
            <p className="muted">Bản đăng ký gửi đến {u.reviewerName} duyệt trước, sau đó đến Ban Tổ chức.</p>
          ) : null}
          {d.standings.map((s) =>
            s.rows
              .filter((r) => r.unitId === u.unitId)
              .map((r) => (
                <div key={`${s.schemeId}-${r.key}`} className="standing">
                  <h3>
                    {s.title}: {r.name} — {r.standingLabel}
                  </h3>
                  {r.note ? <p>{r.note}</p> : null}
                  {r.missing.length ? (
                    <>
                      <p>Còn thiếu:</p>
                      <ul>
                        {r.missing.map((x) => (
                          <li key={x.criterionId}>
                            <strong>{OUTCOME_TEXT[x.outcome]}</strong>: {x.reason}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p>Đạt mọi tiêu chí.</p>
                  )}
                </div>
              )),
          )}
          {result?.target === `reg-${u.unitId}` && result.ok ? (
            <p role="status" className="notice">
              {result.message}
            </p>
          ) : null}
          {u.canEdit && (u.registration.status === "chua_gui" || u.registration.status === "tra_lai") && m.state === "launched" ? (
            <RegistrationForm
              movementId={m.id}
              unitId={u.unitId}
              unitName={u.name}
              schemes={d.schemes}
              value={{ schemeCodes: u.registration.schemeCodes, people: u.registration.people, targets: u.registration.targets, initiatives: u.registration.initiatives, updatedAt: u.registration.updatedAt }}
              result={result?.target === `reg-${u.unitId}` ? result : undefined}
            />
          ) : (
            <RegisteredSummary reg={u.registration} />
          )}
          {u.declared.length ? (
            <>
              <h3>Kê khai và minh chứng</h3>
              <p className="muted">Minh chứng: tệp PDF, Word (.docx) hoặc ảnh JPG, PNG, tối đa 10 MB; hoặc đường dẫn đến tài liệu.</p>
              {u.declared.map((x) => (
                <DeclarationForm key={x.criterionId} unitId={u.unitId} item={{ ...x, statusText: declStatus(x) }} result={result?.target.startsWith("decl-") ? result : undefined} />
              ))}
            </>
          ) : null}
        </section>
      ))}
      {!waiting ? childrenSection : null}
      {d.evaluatedAt ? <p className="muted">Kết quả xét lúc {formatDateTime(d.evaluatedAt)}.</p> : null}

      {d.units.some((u) => u.canEdit) || d.organizer ? (
        <p>
          <Link className="button" to={d.units.some((u) => u.canEdit) ? `/thi-dua/${m.id}/de-nghi` : `/quan-tri/khen-thuong/${m.id}`}>
            Hồ sơ đề nghị khen thưởng
          </Link>
        </p>
      ) : null}
      {d.deadlines.length ? (
        <section aria-labelledby="moc">
          <h2 id="moc">Thời hạn</h2>
          <ul>
            {d.deadlines.map((x) => (
              <li key={x.id}>
                {showDate(x.date)}
                {x.time ? ` lúc ${x.time}` : ""}: {x.label}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="noi-dung-pt">
        <h2 id="noi-dung-pt">Nội dung thi đua</h2>
        <Markdown>{m.contentsMd}</Markdown>
        {d.documents.length ? (
          <ul>
            {d.documents.map((x) => (
              <li key={x.id}>{x.url ? <a href={x.url}>{x.title}</a> : x.title}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="hinh-thuc">
        <h2 id="hinh-thuc">Hình thức khen thưởng và tiêu chí</h2>
        {d.schemes.map((s) => (
          <div key={s.id} className="card">
            <h3>{s.title}</h3>
            <p className="muted">
              {s.target === "collective" ? "Tập thể" : "Cá nhân"} · cấp {s.level} · {s.quotaText}
            </p>
            <ul>
              {s.criteria.map((c) => (
                <li key={c.id}>{c.label}</li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </article>
  );
}
