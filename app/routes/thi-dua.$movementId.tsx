import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Markdown } from "~/components/Markdown";
import { OUTCOME_TEXT, showDate } from "~/emulation/format";
import { memberMovement, saveDeclaration, saveRegistration } from "~/emulation/movements.server";
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
  const form = await request.formData();
  const r = form.get("intent") === "declare" ? saveDeclaration(user, id, form) : saveRegistration(user, id, form);
  return data(r, { status: r.ok ? 200 : 400 });
}

export default function MovementPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const m = d.movement;
  return (
    <article className="movement">
      <h1>{m.title}</h1>
      <p className="muted">
        {m.kindLabel} · {showDate(m.periodStart)} – {showDate(m.periodEnd)} · {m.stateLabel}
        {m.planNumber ? ` · Kế hoạch số ${m.planNumber}${m.planDate ? ` ngày ${showDate(m.planDate)}` : ""}` : ""} · {m.organizerName}
      </p>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "error"}>
          {result.message}
        </p>
      ) : null}

      {d.units.map((u) => (
        <section key={u.unitId} className="card" aria-labelledby={`don-vi-${u.unitId}`}>
          <h2 id={`don-vi-${u.unitId}`}>{u.name}</h2>
          <p>
            Đăng ký thi đua: <strong>{u.registration.statusLabel}</strong>
            {u.registration.status === "tra_lai" && u.registration.returnReason ? ` — lý do: ${u.registration.returnReason}` : ""}
          </p>
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
          {u.canEdit && (u.registration.status === "chua_gui" || u.registration.status === "tra_lai") && m.state === "launched" ? (
            <Form method="post" className="stack">
              <input type="hidden" name="unitId" value={u.unitId} />
              <fieldset>
                <legend>Hình thức khen thưởng đăng ký</legend>
                {d.schemes.map((s) => (
                  <label key={s.id} className="check">
                    <input type="checkbox" name="schemes" value={s.id} defaultChecked={u.registration.schemeCodes.includes(s.id)} /> {s.title}
                  </label>
                ))}
              </fieldset>
              <label htmlFor={`targets-${u.unitId}`}>Chỉ tiêu, mô hình, sáng kiến đăng ký</label>
              <textarea id={`targets-${u.unitId}`} name="targets" rows={3} defaultValue={u.registration.targets} />
              <div className="actions">
                <button type="submit" name="intent" value="save" className="secondary">
                  Lưu nháp
                </button>
                <button type="submit" name="intent" value="send" className="primary">
                  Gửi đăng ký
                </button>
              </div>
            </Form>
          ) : null}
          {u.declared.length ? (
            <>
              <h3>Kê khai và minh chứng</h3>
              {u.declared.map((x) => (
                <Form method="post" key={x.criterionId} className="stack declare">
                  <input type="hidden" name="intent" value="declare" />
                  <input type="hidden" name="unitId" value={u.unitId} />
                  <input type="hidden" name="criterionId" value={x.criterionId} />
                  <p>
                    <strong>{x.label}</strong>
                    {x.status ? ` — ${x.status === "accepted" ? "đã chấp nhận" : x.status === "returned" ? `bị trả lại: ${x.returnReason ?? ""}` : "chờ thẩm định"}` : " — chưa kê khai"}
                  </p>
                  {x.kind === "declared_boolean" ? (
                    <label htmlFor={`v-${u.unitId}-${x.criterionId}`}>
                      Kết quả
                      <select id={`v-${u.unitId}-${x.criterionId}`} name="value" defaultValue={x.value === true ? "co" : x.value === false ? "khong" : ""}>
                        <option value="">— chọn —</option>
                        <option value="co">Có</option>
                        <option value="khong">Không</option>
                      </select>
                    </label>
                  ) : (
                    <label htmlFor={`v-${u.unitId}-${x.criterionId}`}>
                      {x.kind === "disqualify_share" ? "Số người" : "Số liệu"}
                      <input id={`v-${u.unitId}-${x.criterionId}`} name="value" inputMode="decimal" defaultValue={x.value === null ? "" : String(x.value)} />
                    </label>
                  )}
                  <label htmlFor={`e-${u.unitId}-${x.criterionId}`}>
                    Đường dẫn tài liệu kiểm chứng
                    <input id={`e-${u.unitId}-${x.criterionId}`} name="evidence" type="url" placeholder="https://" defaultValue={x.evidence} />
                  </label>
                  <button type="submit" className="primary">Lưu kê khai</button>
                </Form>
              ))}
            </>
          ) : null}
        </section>
      ))}
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
                {showDate(x.date)}: {x.label}
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
