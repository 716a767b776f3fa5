import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/account/session.server";
import { idParam } from "~/awards/http.server";
import { KIND_GROUPS, KIND_TITLE } from "~/emulation/criterion-text";
import { removeCriterion, saveScheme, schemeEditor } from "~/emulation/editor.server";
import { LOCKED_MESSAGE, schemeFormSchema } from "~/emulation/editor-schemas";
import { EditorCrumbs, EditorNotice } from "~/emulation/EditorChrome";
import { SchemeForm } from "~/emulation/SchemeForm";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.scheme ? `Hình thức khen thưởng: ${data.scheme.title}` : "Thêm hình thức khen thưởng" }];

/** "moi" for a new scheme, else its id. */
function schemeParam(p: string | undefined): number | null {
  return p === "moi" ? null : idParam(p, "Không tìm thấy hình thức khen thưởng.");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return schemeEditor(user, idParam(params.movementId, "Không tìm thấy phong trào này."), schemeParam(params.schemeId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const id = idParam(params.movementId, "Không tìm thấy phong trào này.");
  const schemeId = schemeParam(params.schemeId);
  const form = await request.formData();
  if (form.get("intent") === "remove-criterion" && schemeId !== null) {
    const target = z.coerce.number().int().positive().safeParse(form.get("targetId"));
    const r = target.success ? removeCriterion(user, id, schemeId, target.data) : { ok: false as const, status: 400, message: "Yêu cầu không hợp lệ." };
    return data({ kind: "message" as const, ok: r.ok, message: r.message }, { status: r.ok ? 200 : r.status });
  }
  const submission = parseWithZod(form, { schema: schemeFormSchema });
  if (submission.status !== "success") {
    schemeEditor(user, id, schemeId);
    return data({ kind: "scheme" as const, result: submission.reply() }, { status: 400 });
  }
  const r = saveScheme(user, id, schemeId, submission.value);
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data({ kind: "scheme" as const, result: submission.reply({ formErrors: [r.message], fieldErrors }) }, { status: r.status });
  }
  if (schemeId === null) throw redirect(`/quan-tri/thi-dua/${id}/hinh-thuc/${r.schemeId}?da-them=1`);
  return data({ kind: "scheme" as const, result: submission.reply(), saved: r.message });
}

export default function SchemePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [search] = useSearchParams();
  const m = d.movement;
  const s = d.scheme;
  const saved = result && "saved" in result ? String(result.saved) : null;
  return (
    <article className="movement-editor">
      <EditorCrumbs between={[{ to: `/quan-tri/thi-dua/${m.id}/sua`, label: `Soạn: ${m.title}` }]} current={s ? s.title : "Hình thức mới"} />
      <h1>{s ? s.title : "Thêm hình thức khen thưởng"}</h1>
      {s ? <p className="muted">{s.facts}</p> : null}
      {!d.draft ? <p className="notice">{LOCKED_MESSAGE}</p> : null}
      {search.has("da-them") && !result ? (
        <p className="notice ok-notice" role="status">
          Đã thêm hình thức. Thêm các tiêu chí bên dưới.
        </p>
      ) : null}
      <EditorNotice result={result} saved={saved} />

      {d.draft ? (
        <section className="card" aria-labelledby="thong-tin-hinh-thuc">
          <h2 id="thong-tin-hinh-thuc">Hình thức, đối tượng và chỉ tiêu</h2>
          <SchemeForm
            lastResult={result?.kind === "scheme" ? result.result : undefined}
            forms={d.forms}
            ownForms={d.ownForms}
            contests={d.contests}
            defaults={s?.defaults ?? { target: "collective", quotaType: "none", rankBy: "none" }}
            busy={busy}
            submitLabel={s ? "Lưu hình thức" : "Thêm hình thức"}
          />
        </section>
      ) : null}

      {s ? (
        <section className="card" aria-labelledby="tieu-chi">
          <h2 id="tieu-chi">Tiêu chí</h2>
          <p className="muted">Ứng viên được đề nghị khi đạt mọi tiêu chí; một điều kiện loại trừ đưa ứng viên ra khỏi danh sách.</p>
          {s.criteria.length ? (
            <ol className="criteria-list">
              {s.criteria.map((c) => (
                <li key={c.dbId}>
                  <strong>{c.label}</strong> <span className="badge">{c.kindTitle}</span>
                  <div className="muted small">Nền tảng kiểm tra: {c.summary}</div>
                  {d.draft ? (
                    <div className="actions">
                      <Link to={`/quan-tri/thi-dua/${m.id}/hinh-thuc/${s.dbId}/tieu-chi/${c.dbId}`}>
                        Sửa<span className="sr-only"> tiêu chí {c.label}</span>
                      </Link>
                      <Form method="post" className="inline">
                        <input type="hidden" name="targetId" value={c.dbId} />
                        <button type="submit" name="intent" value="remove-criterion" className="link-button" disabled={busy}>
                          Xóa<span className="sr-only"> tiêu chí {c.label}</span>
                        </button>
                      </Form>
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="error">Hình thức chưa có tiêu chí: chưa phát động được.</p>
          )}
          {d.draft ? (
            <>
              <h3>Thêm tiêu chí</h3>
              {KIND_GROUPS.map((g) => (
                <div key={g.title}>
                  <h4>{g.title}</h4>
                  <ul className="kind-links">
                    {g.kinds.filter((k) => s.target === "collective" || k !== "disqualify_share").map((k) => (
                      <li key={k}>
                        <Link to={`/quan-tri/thi-dua/${m.id}/hinh-thuc/${s.dbId}/tieu-chi/moi?loai=${k}`}>{KIND_TITLE[k]}</Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </>
          ) : null}
        </section>
      ) : null}
      <p>
        <Link to={`/quan-tri/thi-dua/${m.id}/sua`}>← Về trang soạn phong trào</Link>
      </p>
    </article>
  );
}
