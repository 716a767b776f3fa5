import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { councilLevelText, formatPoints } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { CouncilForm } from "~/initiative-register/CouncilForm";
import { councilForEdit, organizerScope, saveCouncil, unitOptions } from "~/initiative-register/register.server";
import { councilSchema } from "~/initiative-register/schemas";
import { idParam } from "~/initiative-register/web.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Hội đồng sáng kiến"} — sửa hội đồng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  const c = councilForEdit(db, user, idParam(params.councilId));
  if (!c) throw new Response("Không tìm thấy hội đồng.", { status: 404 });
  return {
    id: c.council.id,
    name: c.council.name,
    level: c.council.level,
    passMark: c.council.passMark,
    criteria: c.council.criteria,
    defaults: c.defaults,
    usage: c.usage,
    history: c.history,
    units: unitOptions(db, organizerScope(db, user)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const id = idParam(params.councilId);
  const submission = parseWithZod(await request.formData(), { schema: councilSchema });
  if (submission.status !== "success") return data({ reply: submission.reply(), saved: null }, { status: submission.status === "error" ? 400 : 200 });
  const r = saveCouncil(getDb(), user, id, submission.value, Date.now());
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data({ reply: submission.reply({ formErrors: [r.message], fieldErrors }), saved: null }, { status: r.status });
  }
  return { reply: submission.reply(), saved: r.changes.length ? `Đã lưu ${r.changes.length} thay đổi.` : "Không có gì thay đổi." };
}

const when = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });

export default function EditCouncil() {
  const v = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p>
        <Link to="/quan-tri/so-sang-kien/hoi-dong">← Hội đồng sáng kiến</Link>
      </p>
      <h1>{v.name}</h1>
      <p className="muted">
        {councilLevelText[v.level]} · điểm đạt {formatPoints(v.passMark)} · phiếu chấm {v.criteria.map((c) => `${c.name} (${formatPoints(c.maxPoints)})`).join("; ")}
      </p>
      <section className="card" aria-labelledby="usage-h">
        <h2 id="usage-h">Đơn đã chấm và kết luận được giữ nguyên</h2>
        <p>
          Hội đồng đang xét {v.usage.open} đơn, đã có phiếu chấm cho {v.usage.scored} đơn và đã kết luận {v.usage.decided} đơn.
        </p>
        <p className="notice">
          Sửa tiêu chí, điểm tối đa hay điểm đạt chỉ áp dụng cho đơn chưa có phiếu chấm nào. Đơn đã có phiếu tiếp tục được chấm theo phiếu và điểm đạt cũ; đơn
          đã kết luận giữ nguyên điểm trung bình, số quyết định và phạm vi. Thành viên được bỏ ra khỏi hội đồng vẫn giữ các phiếu đã chấm. Mỗi lần sửa được ghi vào
          lịch sử bên dưới và nhật ký thao tác.
        </p>
      </section>
      <section className="card" aria-labelledby="edit-h">
        <h2 id="edit-h">Sửa hội đồng</h2>
        <CouncilForm id={`council-${v.id}`} lastResult={result?.reply} units={v.units} busy={busy} defaults={v.defaults} saved={result?.saved ?? null} submitLabel="Lưu thay đổi" />
      </section>
      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h">Lịch sử thay đổi</h2>
        {v.history.length === 0 ? <p className="muted">Chưa có thay đổi nào được ghi lại.</p> : null}
        <ol className="plain history">
          {v.history.map((h, i) => (
            <li key={i}>
              <strong>{when.format(new Date(h.at))}</strong> — {h.byName ?? "hệ thống"}: {h.created ? "lập hội đồng" : h.changes.join("; ")}
              {h.frozen ? ` (${h.frozen} đơn đang chấm giữ phiếu chấm cũ)` : ""}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
