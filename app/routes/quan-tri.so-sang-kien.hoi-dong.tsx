import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { councilLevelText, DEFAULT_CRITERIA, DEFAULT_PASS_MARK, formatPoints } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { CouncilForm } from "~/initiative-register/CouncilForm";
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
  if (submission.status !== "success") return data({ reply: submission.reply(), saved: null }, { status: submission.status === "error" ? 400 : 200 });
  const r = saveCouncil(getDb(), user, null, submission.value, Date.now());
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data({ reply: submission.reply({ formErrors: [r.message], fieldErrors }), saved: null }, { status: r.status });
  }
  return { reply: submission.reply({ resetForm: true }), saved: `Đã lưu: đã lập ${submission.value.name}.` };
}

export default function Councils() {
  const { councils, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p>
        <Link to="/quan-tri/so-sang-kien">← Sổ sáng kiến</Link>
      </p>
      <h1>Hội đồng sáng kiến</h1>
      <p className="muted">
        Mỗi cấp lập hội đồng của mình: cơ sở (đơn vị), cấp huyện/sở, cấp tỉnh. Đơn được gửi đến hội đồng của đơn vị áp dụng, hoặc của đơn vị cấp trên gần nhất phụ trách lĩnh vực.
      </p>
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
            <p className="muted">Phiếu chấm: {c.criteria.map((x) => `${x.name} (${formatPoints(x.maxPoints)})`).join("; ")}</p>
            <p>
              <Link to={`/quan-tri/so-sang-kien/hoi-dong/${c.id}`} aria-label={`Sửa ${c.name}`}>
                Sửa hội đồng
              </Link>
            </p>
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="new-h">
        <h2 id="new-h">Lập hội đồng mới</h2>
        <CouncilForm
          id="new-council"
          lastResult={result?.reply}
          units={units}
          busy={busy}
          saved={result?.saved ?? null}
          submitLabel="Lập hội đồng"
          defaults={{ level: "unit", passMark: String(DEFAULT_PASS_MARK), criteria: DEFAULT_CRITERIA.map((c) => ({ name: c.name, maxPoints: String(c.maxPoints) })) }}
        />
      </section>
    </>
  );
}
