import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateField } from "~/components/DateInput";
import { FieldFrame, hintId, SavedStatus, SelectField, TextAreaField, VALIDATION_TIMING } from "~/components/Field";
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
    recognisedScope: view.request.decidedScope,
    applications: view.applications.map((a) => ({ id: a.id, unitName: a.unitName, since: a.since })),
    // The author's unit and units that already recorded it are not offered (one record per unit).
    units: applyingUnitOptions(db, user).filter((u) => u.id !== view.request.unitId && !view.applications.some((a) => a.unitId === u.id)),
    mineApplied: view.applications.some((a) => a.unitId === user.unitId),
    unitId: user.unitId,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.requestId);
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > CERT_MAX_BYTES + 64 * 1024)
    return data({ reply: { status: "error" as const, error: { certificate: ["Giấy xác nhận tối đa 5 MB."] } }, saved: false }, { status: 413 });
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: applicationSchema });
  if (submission.status !== "success") return data({ reply: submission.reply(), saved: false }, { status: 400 });
  const file = form.get("certificate");
  const upload = file instanceof File && file.size > 0 ? { name: file.name, type: file.type, data: Buffer.from(await file.arrayBuffer()) } : null;
  const r = recordApplication(getDb(), user, id, submission.value, upload, Date.now());
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data({ reply: submission.reply({ formErrors: [r.message], fieldErrors }), saved: false }, { status: r.status });
  }
  return { reply: submission.reply({ resetForm: true }), saved: true };
}

export default function ApplyInitiative() {
  const v = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useForm({
    lastResult: result?.reply,
    defaultValue: { unitId: v.units.some((u) => u.id === v.unitId) ? String(v.unitId) : "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationSchema }),
    ...VALIDATION_TIMING,
  });
  const fileProps = getInputProps(fields.certificate, { type: "file", ariaDescribedBy: hintId(fields.certificate) });
  return (
    <>
      <p>
        <Link to="/sang-kien-cong-nhan/danh-sach">← Sáng kiến đã được công nhận</Link>
      </p>
      <h1>Ghi nhận áp dụng sáng kiến</h1>
      <section className="card">
        <h2>{v.title}</h2>
        <p>
          {v.unitName} · Quyết định {v.decisionNumber} ngày {formatIsoDate(v.decisionDate)}
        </p>
        <p>
          Phạm vi ảnh hưởng hiện nay: <strong>{scopeText[v.scope]}</strong>
          {v.recognisedScope && v.recognisedScope !== v.scope ? ` (được công nhận ở phạm vi ${scopeText[v.recognisedScope]}, mở rộng nhờ các đơn vị áp dụng)` : ""}.
        </p>
        <p className="muted">Áp dụng tại 3 đơn vị trở lên thì mở rộng đến cấp huyện/sở; tại đơn vị của 2 huyện, sở trở lên thì đến cấp tỉnh.</p>
        {v.applications.length ? <p className="muted">Đã áp dụng tại: {v.applications.map((a) => `${a.unitName} (từ ${formatIsoDate(a.since)})`).join("; ")}.</p> : null}
      </section>
      <section className="card" aria-labelledby="form-h">
        <h2 id="form-h">Đơn vị của bạn áp dụng sáng kiến</h2>
        {v.units.length === 0 ? (
          <p className={result?.saved ? "ok" : "notice"} role={result?.saved ? "status" : undefined}>
            {result?.saved
              ? "Đã lưu: đã ghi nhận đơn vị áp dụng sáng kiến."
              : v.mineApplied
                ? "Đơn vị của bạn đã ghi nhận áp dụng sáng kiến này."
                : "Bạn không thuộc đơn vị nào khác đơn vị tác giả để ghi nhận áp dụng."}
          </p>
        ) : (
          <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
            {form.errors?.length ? (
              <p className="form-error" id={form.errorId} role="alert">
                {form.errors.join(" ")}
              </p>
            ) : null}
            <SelectField meta={fields.unitId} label="Đơn vị áp dụng" placeholder="— Chọn đơn vị —" options={v.units.map((u) => ({ value: u.id, label: u.name }))} />
            <DateField meta={fields.since} label="Áp dụng từ ngày" />
            <TextAreaField meta={fields.effect} label="Hiệu quả áp dụng" hint="Nêu số liệu nếu có: thời gian tiết kiệm, số lượt người dân được phục vụ." rows={3} />
            <FieldFrame meta={fields.certificate} label="Giấy xác nhận hiệu quả áp dụng" hint="Do đơn vị áp dụng xác nhận; tệp PDF, JPG hoặc PNG, tối đa 5 MB.">
              <input {...fileProps} key={fileProps.key} accept="application/pdf,image/jpeg,image/png" />
            </FieldFrame>
            <button type="submit" className="primary" disabled={busy}>
              Ghi nhận áp dụng
            </button>
            <SavedStatus message={result?.saved ? "Đã lưu: đã ghi nhận đơn vị áp dụng sáng kiến." : null} />
          </Form>
        )}
      </section>
    </>
  );
}
