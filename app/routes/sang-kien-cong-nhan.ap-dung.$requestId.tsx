import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { scopeText } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { formatIsoDate } from "~/initiative-register/RequestForm";
import { applyingUnitOptions, CERT_MAX_BYTES, recognisedView, recordApplication } from "~/initiative-register/register.server";
import { applicationSchema } from "~/initiative-register/schemas";
import { idParam } from "~/initiative-register/web.server";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Ghi nhận áp dụng sáng kiến" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const db = getDb();
  const view = recognisedView(db, idParam(params.requestId));
  if (!view) throw new Response("Không tìm thấy sáng kiến đã được công nhận.", { status: 404 });
  return {
    id: view.request.id,
    title: view.request.title,
    unitName: view.unitName,
    decisionNumber: view.request.decisionNumber,
    decisionDate: view.request.decisionDate,
    scope: view.scope,
    applications: view.applications.map((a) => ({ id: a.id, unitName: a.unitName, since: a.since })),
    units: applyingUnitOptions(db, user).filter((u) => u.id !== view.request.unitId),
    unitId: user.unitId,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.requestId);
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > CERT_MAX_BYTES + 64 * 1024) return data({ error: "Giấy xác nhận tối đa 5 MB.", fieldErrors: {} as Record<string, string>, ok: false }, { status: 413 });
  const form = await request.formData();
  const parsed = applicationSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return data({ error: "Vui lòng sửa các ô được đánh dấu.", fieldErrors, ok: false }, { status: 400 });
  }
  const file = form.get("certificate");
  const upload = file instanceof File && file.size > 0 ? { name: file.name, type: file.type, data: Buffer.from(await file.arrayBuffer()) } : null;
  const r = recordApplication(getDb(), user, id, parsed.data, upload, Date.now());
  if (!r.ok) return data({ error: r.message, fieldErrors: r.fieldErrors ?? {}, ok: false }, { status: r.status });
  return { error: null, fieldErrors: {} as Record<string, string>, ok: true };
}

export default function ApplyInitiative() {
  const v = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  const err = (k: string) => (errors[k] ? { "aria-invalid": true as const, "aria-describedby": `${k}-error` } : {});
  return (
    <>
      <p>
        <Link to="/sang-kien-cong-nhan/danh-sach">← Sáng kiến đã được công nhận</Link>
      </p>
      <h1>Ghi nhận áp dụng sáng kiến</h1>
      <section className="card">
        <h2>{v.title}</h2>
        <p>
          {v.unitName} · Quyết định {v.decisionNumber} ngày {formatIsoDate(v.decisionDate)} · phạm vi ảnh hưởng hiện nay: {scopeText[v.scope]}
        </p>
        {v.applications.length ? <p className="muted">Đã áp dụng tại: {v.applications.map((a) => `${a.unitName} (từ ${formatIsoDate(a.since)})`).join("; ")}.</p> : null}
      </section>
      <section className="card" aria-labelledby="form-h">
        <h2 id="form-h">Đơn vị của bạn áp dụng sáng kiến</h2>
        {result?.ok ? (
          <p className="ok" role="status">
            Đã lưu: đã ghi nhận đơn vị áp dụng sáng kiến.
          </p>
        ) : null}
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        {v.units.length === 0 ? (
          <p className="notice">Bạn không thuộc đơn vị nào khác đơn vị tác giả để ghi nhận áp dụng.</p>
        ) : (
          <Form method="post" encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="unitId">Đơn vị áp dụng</label>
              <select id="unitId" name="unitId" defaultValue={v.units.some((u) => u.id === v.unitId) ? String(v.unitId) : ""} {...err("unitId")}>
                <option value="">— Chọn đơn vị —</option>
                {v.units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
              {errors.unitId ? <span className="error" id="unitId-error">{errors.unitId}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="since">Áp dụng từ ngày</label>
              <input type="text" inputMode="numeric" placeholder="dd/mm/yyyy" autoComplete="off" id="since" name="since" {...err("since")} />
              {errors.since ? <span className="error" id="since-error">{errors.since}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="effect">Hiệu quả áp dụng</label>
              <textarea id="effect" name="effect" rows={3} {...err("effect")} />
              {errors.effect ? <span className="error" id="effect-error">{errors.effect}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="certificate">Giấy xác nhận hiệu quả áp dụng (PDF, JPG, PNG; tối đa 5 MB)</label>
              <input type="file" id="certificate" name="certificate" accept="application/pdf,image/jpeg,image/png" {...err("certificate")} />
              {errors.certificate ? <span className="error" id="certificate-error">{errors.certificate}</span> : null}
            </div>
            <button type="submit" className="primary" disabled={busy}>
              Ghi nhận áp dụng
            </button>
          </Form>
        )}
      </section>
    </>
  );
}
