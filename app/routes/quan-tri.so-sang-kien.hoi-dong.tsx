import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TextField } from "~/components/Field";
import { TextArea } from "~/initiatives/Initiative";
import { COUNCIL_LEVELS, councilLevelText, DEFAULT_CRITERIA, DEFAULT_PASS_MARK, formatPoints } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { councilsOverview, organizerScope, saveCouncil, unitOptions } from "~/initiative-register/register.server";
import { councilSchema } from "~/initiative-register/schemas";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Hội đồng sáng kiến — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  return {
    councils: councilsOverview(db, user).map((c) => ({
      id: c.council.id,
      name: c.council.name,
      level: c.council.level,
      unitName: c.unitName,
      secretaryName: c.secretaryName,
      passMark: c.council.passMark,
      fields: c.council.fields,
      criteria: c.council.criteria,
      members: c.members.map((m) => ({ fullName: m.fullName, role: m.role, unitName: m.unitName })),
    })),
    units: unitOptions(db, organizerScope(db, user)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const submission = parseWithZod(await request.formData(), { schema: councilSchema });
  if (submission.status !== "success") return data({ reply: submission.reply(), saved: false }, { status: 400 });
  const r = saveCouncil(getDb(), user, null, submission.value, Date.now());
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data({ reply: submission.reply({ formErrors: [r.message], fieldErrors }), saved: false }, { status: r.status });
  }
  return { reply: submission.reply({ resetForm: true }), saved: true };
}

export default function Councils() {
  const { councils, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useForm({
    lastResult: result?.reply,
    defaultValue: { level: "district", passMark: String(DEFAULT_PASS_MARK), criteria: DEFAULT_CRITERIA.map((c) => `${c.name}; ${c.maxPoints}`).join("\n") },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: councilSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const unitProps = getSelectProps(fields.unitId);
  const levelProps = getSelectProps(fields.level);
  return (
    <>
      <p>
        <Link to="/quan-tri/so-sang-kien">← Sổ sáng kiến</Link>
      </p>
      <h1>Hội đồng sáng kiến</h1>
      {councils.length === 0 ? <p className="muted">Chưa có hội đồng nào.</p> : null}
      <ul className="plain">
        {councils.map((c) => (
          <li key={c.id} className="card">
            <h2>{c.name}</h2>
            <p className="muted">
              {councilLevelText[c.level]} · {c.unitName} · điểm đạt {formatPoints(c.passMark)} · lĩnh vực: {c.fields.length ? c.fields.join(", ") : "tất cả"}
            </p>
            <p>Thư ký: {c.secretaryName ?? "chưa có"}</p>
            <p>Thành viên: {c.members.map((m) => `${m.fullName}${m.role === "chair" ? " (Chủ tịch)" : ""}`).join(", ")}</p>
            <p className="muted">Phiếu chấm: {c.criteria.map((x) => `${x.name} (${x.maxPoints})`).join("; ")}</p>
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="new-h">
        <h2 id="new-h">Lập hội đồng mới</h2>
        {result?.saved ? (
          <p className="ok" role="status">
            Đã lưu hội đồng.
          </p>
        ) : null}
        <Form method="post" className="stack" {...getFormProps(form)}>
          {form.errors?.length ? (
            <p className="form-error" id={form.errorId} role="alert">
              {form.errors.join(" ")}
            </p>
          ) : null}
          <TextField meta={fields.name} label="Tên hội đồng" />
          <div className="field">
            <label htmlFor={fields.unitId.id}>Đơn vị thành lập</label>
            <select {...unitProps} key={unitProps.key}>
              <option value="">— Chọn đơn vị —</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            {fields.unitId.errors?.length ? <span className="error" id={fields.unitId.errorId}>{fields.unitId.errors.join(" ")}</span> : null}
          </div>
          <div className="field">
            <label htmlFor={fields.level.id}>Cấp hội đồng</label>
            <select {...levelProps} key={levelProps.key}>
              {COUNCIL_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {councilLevelText[l]}
                </option>
              ))}
            </select>
          </div>
          <TextField meta={fields.fields} label="Lĩnh vực phụ trách" hint="Cách nhau bởi dấu phẩy; bỏ trống nếu xét mọi lĩnh vực." />
          <TextField meta={fields.passMark} label="Điểm đạt (điểm trung bình tối thiểu để công nhận)" inputMode="numeric" />
          <TextArea meta={fields.criteria} label="Tiêu chí chấm" hint='Mỗi tiêu chí một dòng: "Tên tiêu chí; điểm tối đa".' rows={4} />
          <TextField meta={fields.secretaryPhone} label="Số điện thoại của thư ký" type="tel" inputMode="tel" />
          <TextArea meta={fields.memberPhones} label="Số điện thoại các thành viên" hint="Cách nhau bởi dấu phẩy; người đầu tiên là Chủ tịch hội đồng." rows={2} />
          <button type="submit" className="primary" disabled={busy}>
            Lưu hội đồng
          </button>
        </Form>
      </section>
    </>
  );
}
