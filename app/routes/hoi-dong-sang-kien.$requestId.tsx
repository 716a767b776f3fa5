import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { decisionText, formatPoints, maxTotal, SCOPES, scopeRank, scopeText, suggestedDecision } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { formatIsoDate } from "~/initiative-register/RequestForm";
import { councilRequest, decide, scoreRequest } from "~/initiative-register/register.server";
import { decisionSchema, sheetCommentSchema } from "~/initiative-register/schemas";
import { StateBadge } from "~/initiative-register/StateBadge";
import { idParam } from "~/initiative-register/web.server";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Phiếu chấm điểm sáng kiến" }];

const KIND = { register: "Sổ sáng kiến", entry: "Bài dự thi", archive: "Kho sáng kiến" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const view = councilRequest(getDb(), user, idParam(params.requestId));
  if (!view.ok) throw new Response(view.message, { status: view.status });
  const { searchFolded: _s, ...req } = view.request;
  return { ...view, request: req };
}

type Result = { section: "score" | "decide"; error: string | null; fieldErrors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.requestId);
  const form = await request.formData();
  const db = getDb();
  const fail = (section: Result["section"], status: number, error: string, fieldErrors: Record<string, string> = {}) => data<Result>({ section, error, fieldErrors }, { status });
  if (form.get("intent") === "decide") {
    const parsed = decisionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return fail("decide", 400, parsed.error.issues[0]?.message ?? "Dữ liệu không hợp lệ.", Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
    const r = decide(db, user, id, parsed.data, Date.now());
    if (!r.ok) return fail("decide", r.status, r.message, r.fieldErrors);
    return { section: "decide", error: null, fieldErrors: {} } satisfies Result;
  }
  if (form.get("intent") !== "score") return fail("score", 400, "Yêu cầu không hợp lệ.");
  const comment = sheetCommentSchema.safeParse({ comment: form.get("comment") ?? "" });
  if (!comment.success) return fail("score", 400, "Nhận xét quá dài.");
  const raw: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k.startsWith("c-") && typeof v === "string") raw[k.slice(2)] = v;
  const r = scoreRequest(db, user, id, raw, comment.data.comment, Date.now());
  if (!r.ok) return fail("score", r.status, r.message, r.fieldErrors);
  return { section: "score", error: null, fieldErrors: {} } satisfies Result;
}

export default function CouncilSheet() {
  const v = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const r = v.request;
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const open = r.state === "submitted" || r.state === "scoring";
  const status = (section: Result["section"], ok: string) =>
    result?.section === section ? (
      result.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : (
        <p className="ok" role="status">
          {ok}
        </p>
      )
    ) : null;
  return (
    <>
      <p>
        <Link to="/hoi-dong-sang-kien">← Đơn chờ xét</Link>
      </p>
      <h1>{r.title}</h1>
      <section className="card">
        <p>
          <StateBadge state={r.state} /> <span className="muted">{v.council.name}</span>
        </p>
        <dl className="facts">
          <dt>Đơn vị áp dụng</dt>
          <dd>{v.unitName}</dd>
          <dt>Tác giả</dt>
          <dd>{v.authors.map((a) => `${a.fullName} (${a.share}%)`).join(", ")}</dd>
          <dt>Lĩnh vực</dt>
          <dd>{r.field}</dd>
          <dt>Thực trạng</dt>
          <dd>{r.problem}</dd>
          <dt>Tính mới</dt>
          <dd>{r.novelty}</dd>
          <dt>Cách thức áp dụng</dt>
          <dd>
            {r.howApplied}
            {r.appliedSince ? ` (từ ${formatIsoDate(r.appliedSince)})` : ""}
          </dd>
          <dt>Hiệu quả</dt>
          <dd>{r.benefit}</dd>
          <dt>Phạm vi đề nghị</dt>
          <dd>{scopeText[r.claimedScope]}</dd>
          {r.evidence.length ? (
            <>
              <dt>Minh chứng</dt>
              <dd>
                {r.evidence.map((e) => (
                  <a key={e.url} href={e.url} rel="noreferrer noopener" target="_blank">
                    {e.label}{" "}
                  </a>
                ))}
              </dd>
            </>
          ) : null}
          {r.videoUrl ? (
            <>
              <dt>Video</dt>
              <dd>
                <a href={r.videoUrl} rel="noreferrer noopener" target="_blank">
                  Xem video giới thiệu
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="similar-h">
        <h2 id="similar-h">Kiểm tra trùng ý tưởng</h2>
        {v.similar.length === 0 ? <p className="muted">Không thấy sáng kiến nào gần giống.</p> : null}
        <ul className="plain">
          {v.similar.map((s) => (
            <li key={`${s.kind}-${s.id}`}>
              <strong>{s.title}</strong> — {KIND[s.kind]}
              {s.where ? `, ${s.where}` : ""}: trùng {s.percent}% từ ngữ
            </li>
          ))}
        </ul>
      </section>
      {v.isMember ? (
        v.conflict ? (
          <p className="notice" role="status">
            {v.conflict}
          </p>
        ) : open ? (
          <section className="card" aria-labelledby="sheet-h">
            <h2 id="sheet-h">Phiếu chấm điểm (tối đa {maxTotal(v.council.criteria)} điểm)</h2>
            {status("score", "Đã lưu phiếu chấm.")}
            <Form method="post" className="stack">
              {v.council.criteria.map((c) => (
                <div className="field" key={c.key}>
                  <label htmlFor={`c-${c.key}`}>
                    {c.name} (0–{c.maxPoints})
                  </label>
                  <input
                    id={`c-${c.key}`}
                    name={`c-${c.key}`}
                    inputMode="decimal"
                    defaultValue={v.mySheet?.scores[c.key] ?? ""}
                    aria-invalid={errors[c.key] ? true : undefined}
                    aria-describedby={errors[c.key] ? `c-${c.key}-error` : undefined}
                  />
                  {errors[c.key] ? (
                    <span className="error" id={`c-${c.key}-error`}>
                      {errors[c.key]}
                    </span>
                  ) : null}
                </div>
              ))}
              <div className="field">
                <label htmlFor="comment">Nhận xét (không bắt buộc)</label>
                <textarea id="comment" name="comment" rows={3} defaultValue={v.mySheet?.comment ?? ""} />
              </div>
              <button type="submit" name="intent" value="score" className="primary" disabled={busy}>
                Lưu phiếu chấm
              </button>
            </Form>
          </section>
        ) : null
      ) : null}
      {v.isSecretary ? (
        <section className="card" aria-labelledby="decide-h">
          <h2 id="decide-h">Tiến độ và kết luận của hội đồng</h2>
          <p>
            {v.progress.scored}/{v.progress.eligible} thành viên đã chấm
            {v.mean !== null ? `; điểm trung bình ${formatPoints(v.mean)} (điểm đạt ${formatPoints(v.council.passMark)})` : ""}.
          </p>
          <ul className="plain">
            {v.members.map((m) => (
              <li key={m.fullName}>
                {m.fullName}: {m.scored ? "đã chấm" : "chưa chấm"}
              </li>
            ))}
          </ul>
          {status("decide", "Đã lưu kết luận của hội đồng.")}
          {open ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="decide" />
              <fieldset className="field choice">
                <legend>Kết luận</legend>
                {(["recognised", "not_recognised", "needs_more"] as const).map((d) => (
                  <div className="check" key={d}>
                    <input type="radio" id={`d-${d}`} name="decision" value={d} defaultChecked={v.mean !== null && v.progress.complete ? suggestedDecision(v.mean, v.council.passMark) === d : d === "needs_more"} />
                    <label htmlFor={`d-${d}`}>{decisionText[d]}</label>
                  </div>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="decisionNumber">Số quyết định công nhận</label>
                <input id="decisionNumber" name="decisionNumber" aria-invalid={errors.decisionNumber ? true : undefined} aria-describedby={errors.decisionNumber ? "decisionNumber-error" : undefined} />
                {errors.decisionNumber ? <span className="error" id="decisionNumber-error">{errors.decisionNumber}</span> : null}
              </div>
              <div className="field">
                <label htmlFor="decisionDate">Ngày quyết định</label>
                <input type="text" inputMode="numeric" placeholder="dd/mm/yyyy" autoComplete="off" id="decisionDate" name="decisionDate" aria-invalid={errors.decisionDate ? true : undefined} aria-describedby={errors.decisionDate ? "decisionDate-error" : undefined} />
                {errors.decisionDate ? <span className="error" id="decisionDate-error">{errors.decisionDate}</span> : null}
              </div>
              <div className="field">
                <label htmlFor="scope">Phạm vi ảnh hưởng được công nhận</label>
                <select id="scope" name="scope" defaultValue={scopeRank(r.claimedScope) <= scopeRank(v.council.maxScope) ? r.claimedScope : v.council.maxScope}>
                  {SCOPES.filter((s) => scopeRank(s) <= scopeRank(v.council.maxScope)).map((s) => (
                    <option key={s} value={s}>
                      {scopeText[s]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="reason">Lý do hoặc nội dung cần bổ sung</label>
                <textarea id="reason" name="reason" rows={3} />
              </div>
              <button type="submit" className="primary" disabled={busy}>
                Lưu kết luận
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
