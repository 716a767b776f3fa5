import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DATE_PATTERN, vnDateField } from "~/core/vn-date";
import { formatDateTime } from "~/format";
import { ActionNote } from "~/reform-index/ActionNote";
import { assignCouncil, councilPage, removeCouncilMember, setExplainWindow } from "~/reform-index/index.server";
import { assessmentStateText, setStateText } from "~/reform-index/text";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Hội đồng thẩm định: ${data.set.title}` : "Hội đồng thẩm định Chỉ số CCHC" }];

const setIdSchema = z.coerce.number().int().positive();

/** The appraisal council of a set: who appraises which units and parts, and how far each member and each unit is. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const setId = setIdSchema.safeParse(params.setId);
  if (!setId.success) throw new Response("Không tìm thấy.", { status: 404 });
  return councilPage(user, setId.data);
}

const assignSchema = z.object({
  memberUserId: z.coerce.number().int().positive(),
  unitIds: z.array(z.coerce.number().int().positive()).max(2000),
  partCodes: z.array(z.string().trim().min(1).max(20)).max(50),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const setId = setIdSchema.safeParse(params.setId);
  if (!setId.success) throw new Response("Không tìm thấy.", { status: 404 });
  // Who may see the council is checked before anything is read from the form.
  councilPage(user, setId.data);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const member = z.coerce.number().int().positive().safeParse(form.get("memberUserId"));
  // The answer names the form it answers, so that the page shows it beside that form's button.
  const reply = (r: { ok: boolean; message: string }) => data({ ...r, intent, memberUserId: member.success ? member.data : null }, { status: r.ok ? 200 : 400 });
  if (form.get("intent") === "explain") {
    const day = vnDateField("Hạn giải trình").safeParse(String(form.get("until") ?? ""));
    if (!day.success) return reply({ ok: false, message: day.error.issues[0].message });
    // The whole last day counts, in Vietnam time (UTC+7, no daylight saving).
    return reply(setExplainWindow(user, setId.data, Date.parse(`${day.data}T23:59:59+07:00`)));
  }
  if (form.get("intent") === "explain_close") return reply(setExplainWindow(user, setId.data, null));
  if (intent === "remove") {
    if (!member.success) return reply({ ok: false, message: "Chọn một thành viên Hội đồng." });
    return reply(removeCouncilMember(user, setId.data, member.data));
  }
  if (intent !== "assign") return reply({ ok: false, message: "Thao tác không hợp lệ." });
  const parsed = assignSchema.safeParse({ memberUserId: form.get("memberUserId"), unitIds: form.getAll("unitId"), partCodes: form.getAll("part") });
  if (!parsed.success) return reply({ ok: false, message: "Dữ liệu phân công không hợp lệ." });
  return reply(assignCouncil(user, setId.data, parsed.data));
}

export default function CouncilPage() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const unitName = new Map(d.units.map((u) => [u.unitId, u.name]));
  const partName = new Map(d.parts.map((p) => [p.code, `${p.stt}. ${p.title}`]));
  const explainShown = d.canAssign && d.set.state === "appraising";
  const dateError = !!r && !r.ok && r.intent === "explain" && r.message.startsWith("Hạn giải trình");
  // A member just removed has no card left to show the answer in: it shows above the members instead.
  const removedNote = !!r && r.intent === "remove" && r.memberUserId !== null && !d.members.some((m) => m.userId === r.memberUserId);
  const stateOf = (unitId: number) => d.units.find((x) => x.unitId === unitId)?.state ?? "draft";
  return (
    <article>
      <nav aria-label="Đường dẫn" className="crumbs no-print">
        <ol>
          <li>
            <Link to="/chi-so-cchc">Chỉ số CCHC</Link>
          </li>
          {d.organize ? (
            <li>
              <Link to="/quan-tri/chi-so-cchc">Bộ chỉ số</Link>
            </li>
          ) : null}
          <li>
            <span aria-current="page">Hội đồng thẩm định</span>
          </li>
        </ol>
      </nav>
      <h1>Hội đồng thẩm định Chỉ số CCHC năm {d.set.year}</h1>
      <p className="muted">
        {d.set.title} <span className="badge">{setStateText[d.set.state]}</span>
      </p>
      {r && r.memberUserId === null && !(explainShown && r.intent.startsWith("explain")) ? <ActionNote result={r} /> : null}
      <p className="small muted">
        Mỗi thành viên thẩm định các tiêu chí của đơn vị và lĩnh vực được phân công; Chủ tịch Hội đồng xem ý kiến của các thành viên và chốt điểm mọi
        đơn vị.
      </p>

      {explainShown ? (
        <section className="card" aria-labelledby="explain-h">
          <h2 id="explain-h">Giải trình của đơn vị</h2>
          <p>
            {d.set.explainUntil === null
              ? "Chưa mở thời hạn giải trình: đơn vị xem được điểm thẩm định khi Hội đồng hoàn thành, nhưng chưa giải trình được."
              : d.explainOpen
                ? `Đơn vị giải trình đến ${formatDateTime(d.set.explainUntil)}. Công bố kết quả sau thời hạn này.`
                : `Thời hạn giải trình đã kết thúc (${formatDateTime(d.set.explainUntil)}): có thể công bố kết quả.`}
          </p>
          <Form method="post" className="inline-form" preventScrollReset>
            <input type="hidden" name="intent" value="explain" />
            <label htmlFor="explain-until">Hạn giải trình (ngày/tháng/năm, hết ngày)</label>
            <input id="explain-until" name="until" inputMode="numeric" className="date-input" placeholder="dd/mm/yyyy" pattern={DATE_PATTERN} required aria-invalid={dateError ? true : undefined} aria-describedby={dateError ? "explain-error" : undefined} />
            <button type="submit" className="secondary">
              {d.set.explainUntil === null ? "Mở giải trình" : "Đổi hạn"}
            </button>
          </Form>
          {dateError ? (
            <p id="explain-error" className="form-error">
              {r.message}
            </p>
          ) : null}
          {d.explainOpen ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="explain_close" />
              <button type="submit" className="secondary">
                Kết thúc giải trình ngay
              </button>
            </Form>
          ) : null}
          {r && r.intent.startsWith("explain") && !dateError ? <ActionNote result={r} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="members-h">
        <h2 id="members-h">{d.canAssign ? "Thành viên và phân công" : "Phần việc của bạn"}</h2>
        {removedNote ? <ActionNote result={r} /> : null}
        {d.members.map((m) => (
          <section key={m.userId} className="card" aria-labelledby={`m-${m.userId}`}>
            <h3 id={`m-${m.userId}`}>
              {m.name}
              {m.isChair ? <span className="badge">Chủ tịch Hội đồng</span> : null}
            </h3>
            {m.position ? <p className="muted small">{m.position}</p> : null}
            {m.isChair ? (
              <p>Chốt điểm mọi đơn vị, mọi lĩnh vực.</p>
            ) : (
              <>
                <p>
                  Thẩm định: {m.units.length ? m.units.map((u) => unitName.get(u) ?? "").join(", ") : "mọi đơn vị"};{" "}
                  {m.partCodes.length ? "lĩnh vực " + m.partCodes.map((p) => partName.get(p) ?? p).join("; ") : "mọi lĩnh vực"}.
                </p>
                {m.progress ? (
                  <p>
                    Đã thẩm định{" "}
                    <strong className="progress-cell">
                      {m.progress.appraised}/{m.progress.toAppraise}
                    </strong>{" "}
                    tiêu chí của các đơn vị đã gửi.
                  </p>
                ) : null}
              </>
            )}
            {d.canAssign && !m.isChair ? (
              <details className="council-assign">
                <summary>Phân công {m.name}</summary>
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="assign" />
                  <input type="hidden" name="memberUserId" value={m.userId} />
                  <p className="small muted" id={`hint-${m.userId}`}>
                    Không chọn đơn vị nào: thẩm định mọi đơn vị. Không chọn lĩnh vực nào: mọi lĩnh vực. Chọn cả hai: các lĩnh vực đã chọn của các đơn vị đã
                    chọn.
                  </p>
                  <fieldset aria-describedby={`hint-${m.userId}`}>
                    <legend>Lĩnh vực</legend>
                    {d.parts.map((p) => (
                      <label key={p.code} className="choice">
                        <input type="checkbox" name="part" value={p.code} defaultChecked={m.partCodes.includes(p.code)} /> {p.stt}. {p.title}
                      </label>
                    ))}
                  </fieldset>
                  <fieldset aria-describedby={`hint-${m.userId}`}>
                    <legend>Đơn vị</legend>
                    {d.units.map((u) => (
                      <label key={u.unitId} className="choice">
                        <input type="checkbox" name="unitId" value={u.unitId} defaultChecked={m.units.includes(u.unitId)} /> {u.name}
                      </label>
                    ))}
                  </fieldset>
                  <button type="submit" className="primary">
                    Lưu phân công
                  </button>
                </Form>
              </details>
            ) : null}
            {d.canAssign && !m.isChair ? (
              <details className="council-assign council-remove">
                <summary>Xóa {m.name} khỏi Hội đồng</summary>
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="memberUserId" value={m.userId} />
                  <p className="small">
                    {m.name} không còn trong hàng chờ và không thẩm định được nữa. Các ý kiến đã cho vẫn được giữ trong hồ sơ (ai chấm, chấm gì, lý do).
                  </p>
                  <button type="submit" className="secondary" aria-label={`Xóa khỏi Hội đồng: ${m.name}`}>
                    Xóa khỏi Hội đồng
                  </button>
                </Form>
              </details>
            ) : null}
            {d.canAssign && m.isChair ? <p className="small muted">Chủ tịch Hội đồng không xóa được khỏi Hội đồng khi đang là Chủ tịch.</p> : null}
            {r && r.memberUserId === m.userId ? <ActionNote result={r} /> : null}
          </section>
        ))}
      </section>

      {d.unitProgress.length ? (
        <section className="card" aria-labelledby="units-h">
          <h2 id="units-h">Tiến độ theo đơn vị đã gửi</h2>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Số tiêu chí đã có ý kiến thẩm định, đã chốt và chưa giao thành viên nào, của từng đơn vị</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Có ý kiến</th>
                  <th scope="col">Đã chốt</th>
                  <th scope="col">Chưa giao ai</th>
                </tr>
              </thead>
              <tbody>
                {d.unitProgress.map((u) => (
                  <tr key={u.unitId}>
                    <td>
                      <Link to={`/chi-so-cchc/${d.set.id}/${u.unitId}`}>{u.name}</Link>
                      {stateOf(u.unitId) !== "submitted" ? <span className="small muted"> · {assessmentStateText[stateOf(u.unitId)]}</span> : null}
                    </td>
                    <td className="progress-cell">
                      {u.appraised}/{u.rows}
                    </td>
                    <td className="progress-cell">
                      {u.finalized}/{u.rows}
                    </td>
                    <td className="progress-cell">{u.unassigned ? `${u.unassigned} tiêu chí` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.unitProgress.some((u) => u.unassigned) ? (
            <p className="small muted">Tiêu chí chưa giao thành viên nào do Chủ tịch Hội đồng thẩm định và chốt điểm.</p>
          ) : null}
        </section>
      ) : d.canAssign ? (
        <p className="muted">Chưa có đơn vị nào gửi bản tự đánh giá.</p>
      ) : null}
    </article>
  );
}
