import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { VideoFacade } from "~/initiatives/Initiative";
import { themeName } from "~/core/initiatives/initiatives";
import { formatClipLength } from "~/core/initiatives/video-link";
import { getDb } from "~/db.server";
import { idParam } from "~/initiatives/web.server";
import { judgeEntry, recuse, scoreEntry } from "~/initiatives/initiatives.server";
import { recuseSchema } from "~/initiatives/initiatives.schemas";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Chấm bài dự thi — Ban Giám khảo" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "judge");
  const result = judgeEntry(getDb(), user, idParam(params.entryId));
  if (!result.ok) throw new Response(result.message, { status: result.status });
  return result;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "judge");
  const entryId = idParam(params.entryId);
  const form = await request.formData();
  const now = Date.now();
  if (form.get("intent") === "recuse") {
    const parsed = recuseSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ section: "recuse", error: parsed.error.issues[0]?.message ?? "", fieldErrors: {} as Record<string, string> }, { status: 400 });
    const r = recuse(getDb(), user, entryId, parsed.data.reason, now);
    if (!r.ok) return data({ section: "recuse", error: r.message, fieldErrors: {} as Record<string, string> }, { status: r.status });
    throw redirect("/giam-khao");
  }
  const scores: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k.startsWith("c-") && typeof v === "string") scores[k.slice(2)] = v;
  const comment = form.get("comment");
  const r = scoreEntry(getDb(), user, entryId, { scores, comment: typeof comment === "string" ? comment : null }, now);
  if (!r.ok) return data({ section: "score", error: r.message, fieldErrors: ("fieldErrors" in r ? r.fieldErrors : undefined) ?? {} }, { status: r.status });
  return { section: "score", error: null, fieldErrors: {} as Record<string, string> };
}

export default function ScoreEntry() {
  const { entry, criteria, sheet, comment, conflict, blind, frozen } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  return (
    <>
      <p>
        <Link to="/giam-khao">← Danh sách bài</Link>
      </p>
      <h1>{entry.title}</h1>
      <section className="card">
        <dl className="facts">
          <dt>Chủ đề</dt>
          <dd>{themeName(entry.theme)}</dd>
          {blind ? (
            <>
              <dt>Người dự thi</dt>
              <dd>Ẩn (chấm kín)</dd>
            </>
          ) : (
            <>
              <dt>Đơn vị</dt>
              <dd>{entry.unitName}</dd>
              {entry.authors.length ? (
                <>
                  <dt>Tác giả</dt>
                  <dd>{entry.authors.join(", ")}</dd>
                </>
              ) : null}
            </>
          )}
          <dt>Video</dt>
          <dd>{formatClipLength(entry.durationS)}</dd>
        </dl>
        <VideoFacade title={entry.title} embedUrl={entry.embedUrl} videoUrl={entry.videoUrl} provider={entry.videoProvider} durationS={entry.durationS} />
        <h2>Tóm tắt</h2>
        <p className="rules">{entry.summary}</p>
        <h2>Điểm mới</h2>
        <p className="rules">{entry.novelty}</p>
        <h2>Nơi đã áp dụng</h2>
        <p className="rules">{entry.appliedAt}</p>
      </section>
      {frozen ? (
        <section className="card" aria-labelledby="frozen-h">
          <h2 id="frozen-h">Điểm đã khóa</h2>
          <p className="notice">
            Kết quả vòng thi đã được công bố nên không thể chấm, sửa điểm hay xin không chấm. Nếu cần sửa, hãy đề nghị Ban Tổ
            chức mở lại việc chấm.
          </p>
          {criteria.length ? (
            <dl className="facts">
              {criteria.map((c) => (
                <div key={c.id} style={{ display: "contents" }}>
                  <dt>{c.name}</dt>
                  <dd>{sheet[c.id] === undefined ? "Chưa chấm" : `${sheet[c.id]}/${c.maxScore}`}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </section>
      ) : conflict ? (
        <p className="notice" role="status">
          {conflict}
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="score-h">
            <h2 id="score-h">Phiếu chấm</h2>
            {result?.section === "score" ? (
              result.error ? (
                <p className="form-error" role="alert">
                  {result.error}
                </p>
              ) : (
                <p className="ok" role="status">
                  Đã lưu điểm.
                </p>
              )
            ) : null}
            <Form method="post" className="stack">
              {criteria.map((c) => (
                <div className="field" key={c.id}>
                  <label htmlFor={`c-${c.id}`}>
                    {c.name} (0–{c.maxScore}, trọng số {c.weight})
                  </label>
                  <input
                    id={`c-${c.id}`}
                    name={`c-${c.id}`}
                    inputMode="decimal"
                    defaultValue={sheet[c.id] ?? ""}
                    aria-invalid={errors[c.id] ? true : undefined}
                    aria-describedby={errors[c.id] ? `c-${c.id}-error` : undefined}
                  />
                  {errors[c.id] ? (
                    <span className="error" id={`c-${c.id}-error`}>
                      {errors[c.id]}
                    </span>
                  ) : null}
                </div>
              ))}
              <div className="field">
                <label htmlFor="comment">Nhận xét (không bắt buộc)</label>
                <textarea id="comment" name="comment" rows={3} defaultValue={comment ?? ""} />
              </div>
              <button type="submit" name="intent" value="score" className="primary" disabled={busy || criteria.length === 0}>
                Lưu điểm
              </button>
            </Form>
          </section>
          <details className="card">
            <summary>Xin không chấm bài này</summary>
            {result?.section === "recuse" && result.error ? (
              <p className="form-error" role="alert">
                {result.error}
              </p>
            ) : null}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="recuse" />
              <div className="field">
                <label htmlFor="reason">Lý do</label>
                <textarea id="reason" name="reason" rows={2} />
              </div>
              <button type="submit" className="secondary" disabled={busy}>
                Xin không chấm
              </button>
            </Form>
          </details>
        </>
      )}
    </>
  );
}
