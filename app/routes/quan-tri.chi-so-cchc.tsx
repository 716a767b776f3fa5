import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDateTime } from "~/format";
import { ActionNote } from "~/reform-index/ActionNote";
import { addCouncil, councilMembers, importSetUpload, moveSet, organizerSets, returnAssessment } from "~/reform-index/index.server";
import { assessmentStateText, setStateText } from "~/reform-index/text";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Bộ chỉ số CCHC — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return { sets: organizerSets(user).map((s) => ({ ...s, council: councilMembers(s.id) })) };
}

const id = z.coerce.number().int().positive();
const importSchema = z.object({
  year: z.coerce.number({ invalid_type_error: "Năm phải là số." }).int().min(2000, "Năm không hợp lệ.").max(2100, "Năm không hợp lệ."),
  group: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, "Mã nhóm chỉ gồm chữ thường không dấu, số và gạch ngang (ví dụ: xa-phuong)."),
  title: z.string().trim().min(3, "Nhập tên bộ chỉ số.").max(200),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const form = await request.formData();
  const intent = form.get("intent");
  const setId = id.safeParse(form.get("setId"));
  const assessmentId = id.safeParse(form.get("assessmentId"));
  // The answer names the form it answers, so that the page shows it beside that form's button.
  const at = { intent: String(intent ?? ""), setId: setId.success ? setId.data : null, assessmentId: assessmentId.success ? assessmentId.data : null };
  const reply = (r: { ok: boolean; message: string; errors?: { row: number; column: string; message: string }[] }) => data({ errors: [], ...r, ...at }, { status: r.ok ? 200 : 400 });
  if (intent === "import") {
    const parsed = importSchema.safeParse(Object.fromEntries(form));
    const file = form.get("file");
    if (!parsed.success) return reply({ ok: false, message: parsed.error.issues[0].message });
    if (!(file instanceof File) || file.size === 0) return reply({ ok: false, message: "Chọn tệp Excel (.xlsx) của bộ chỉ số." });
    return reply(await importSetUpload(user, { ...parsed.data, file }));
  }
  if ((intent === "open" || intent === "appraising" || intent === "published") && setId.success) return reply(moveSet(user, setId.data, intent));
  if (intent === "council" && setId.success) {
    return reply(addCouncil(user, setId.data, { phone: String(form.get("phone") ?? ""), isChair: form.get("isChair") === "on" }));
  }
  if (intent === "return" && assessmentId.success) return reply(returnAssessment(user, assessmentId.data, String(form.get("reason") ?? "")));
  return reply({ ok: false, message: "Thao tác không hợp lệ." });
}

const next = { draft: ["open", "Mở cho đơn vị tự đánh giá"], open: ["appraising", "Kết thúc tự đánh giá, chuyển sang thẩm định"], appraising: ["published", "Công bố kết quả"] } as const;

export default function OrganizerIndexSets() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  // Each answer is shown beside the button that asked for it; one that names no set or unit on the page, at the top.
  const placed =
    !!r &&
    (r.intent === "import" ||
      (r.setId !== null && d.sets.some((s) => s.id === r.setId)) ||
      (r.intent === "return" && d.sets.some((s) => s.units.some((u) => u.assessmentId === r.assessmentId))));
  return (
    <>
      <h1>Bộ chỉ số cải cách hành chính</h1>
      {r && !placed ? <ActionNote result={r} /> : null}
      {d.sets.map((s) => {
        const submitted = s.units.filter((u) => u.state !== "draft" && u.state !== "returned").length;
        const step = s.state in next ? next[s.state as keyof typeof next] : null;
        return (
          <section key={s.id} className="card" aria-labelledby={`s-${s.id}`}>
            <h2 id={`s-${s.id}`}>
              {s.title} <span className="badge">{setStateText[s.state]}</span>
            </h2>
            <p className="muted small">
              Năm {s.year} · nhóm {s.groupCode} · phiên bản {s.version} · {s.unitCount} đơn vị · đã gửi {submitted}/{s.unitCount}
              {s.selfDeadlineAt ? ` · hạn tự đánh giá ${formatDateTime(s.selfDeadlineAt)}` : ""}
              {s.explainUntil ? ` · hạn giải trình ${formatDateTime(s.explainUntil)}` : ""}
            </p>
            {step ? (
              <Form method="post" preventScrollReset>
                <input type="hidden" name="setId" value={s.id} />
                <button type="submit" name="intent" value={step[0]} className="primary">
                  {step[1]}
                </button>
              </Form>
            ) : (
              <p>
                <Link to={`/chi-so-cchc/xep-hang/${s.year}`}>Xem xếp hạng đã công bố</Link>
              </p>
            )}
            {r && r.setId === s.id && r.intent !== "council" ? <ActionNote result={r} /> : null}
            {s.state !== "draft" ? (
              <p>
                <Link to={`/chi-so-cchc/hoi-dong/${s.id}`}>Phân công Hội đồng theo đơn vị, lĩnh vực và xem tiến độ thẩm định</Link>
              </p>
            ) : null}
            <details>
              <summary>Hội đồng thẩm định ({s.council.length} thành viên)</summary>
              <ul className="plain">
                {s.council.map((m) => (
                  <li key={m.id}>
                    {m.name}
                    {m.isChair ? " (Chủ tịch Hội đồng)" : ""}
                  </li>
                ))}
              </ul>
              <Form method="post" className="inline-form" preventScrollReset>
                <input type="hidden" name="setId" value={s.id} />
                <input type="hidden" name="intent" value="council" />
                <label htmlFor={`phone-${s.id}`}>Số điện thoại thành viên</label>
                <input id={`phone-${s.id}`} name="phone" inputMode="tel" required />
                <label className="choice">
                  <input type="checkbox" name="isChair" /> Chủ tịch Hội đồng
                </label>
                <button type="submit" className="secondary">
                  Thêm vào Hội đồng
                </button>
              </Form>
              {r && r.setId === s.id && r.intent === "council" ? <ActionNote result={r} /> : null}
            </details>
            <details>
              <summary>Đơn vị ({s.units.length})</summary>
              <ul className="plain unit-states">
                {s.units.map((u) => (
                  <li key={u.assessmentId}>
                    <Link to={`/chi-so-cchc/${s.id}/${u.unitId}`}>{u.name}</Link> <span className="badge">{assessmentStateText[u.state]}</span>
                    {u.state === "submitted" && s.state === "appraising" ? (
                      <Form method="post" className="inline-form" preventScrollReset>
                        <input type="hidden" name="intent" value="return" />
                        <input type="hidden" name="assessmentId" value={u.assessmentId} />
                        <label htmlFor={`reason-${u.assessmentId}`}>Lý do trả lại</label>
                        <input id={`reason-${u.assessmentId}`} name="reason" required />
                        <button type="submit" className="secondary">
                          Trả lại để bổ sung
                        </button>
                      </Form>
                    ) : null}
                    {r && r.intent === "return" && r.assessmentId === u.assessmentId ? <ActionNote result={r} /> : null}
                  </li>
                ))}
              </ul>
            </details>
          </section>
        );
      })}
      <section className="card" aria-labelledby="import-h">
        <h2 id="import-h">Nhập bộ chỉ số từ Excel</h2>
        <p className="small muted">
          Các cột theo mẫu các tỉnh công bố: STT, Tiêu chí, Điểm tối đa, Cách tính điểm, Tài liệu kiểm chứng; thêm cột "Không áp dụng" (ghi x) và "Nguồn dữ liệu" nếu cần.
          Có lỗi thì không nhập gì.
        </p>
        <Form method="post" encType="multipart/form-data" preventScrollReset>
          <input type="hidden" name="intent" value="import" />
          <div className="field">
            <label htmlFor="imp-title">Tên bộ chỉ số</label>
            <input id="imp-title" name="title" required />
          </div>
          <div className="field">
            <label htmlFor="imp-year">Năm đánh giá</label>
            <input id="imp-year" name="year" inputMode="numeric" required />
          </div>
          <div className="field">
            <label htmlFor="imp-group">Nhóm đơn vị (mã)</label>
            <input id="imp-group" name="group" placeholder="xa-phuong" required />
          </div>
          <div className="field">
            <label htmlFor="imp-file">Tệp Excel (.xlsx)</label>
            <input id="imp-file" name="file" type="file" accept=".xlsx" required />
          </div>
          <button type="submit" className="primary">
            Nhập bộ chỉ số
          </button>
        </Form>
        {r && r.intent === "import" ? (
          <>
            <ActionNote result={r} />
            {r.errors.length ? (
              <ul className="form-error" aria-label="Lỗi của tệp">
                {r.errors.slice(0, 50).map((e, i) => (
                  <li key={i}>
                    Dòng {e.row}, cột {e.column}: {e.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}
