import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "~/db.server";
import { RequestForm } from "~/initiative-register/RequestForm";
import { filingUnitOptions, saveRequest } from "~/initiative-register/register.server";
import { requestSchema } from "~/initiative-register/schemas";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Lập đơn yêu cầu công nhận sáng kiến" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { units: filingUnitOptions(getDb(), user), unitId: user.unitId, me: `${user.fullName}; 100; ${user.phone}` };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: requestSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = saveRequest(getDb(), user, null, submission.value, Date.now());
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data(submission.reply({ formErrors: [r.message], fieldErrors }), { status: r.status });
  }
  throw redirect(`/sang-kien-cong-nhan/${r.id}?${r.state === "submitted" ? "da-nop" : "da-luu"}=1`);
}

export default function NewRequest() {
  const { units, unitId, me } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card">
      <p>
        <Link to="/sang-kien-cong-nhan">← Đơn của tôi</Link>
      </p>
      <h1>Lập đơn yêu cầu công nhận sáng kiến</h1>
      <p className="muted">Lưu nháp bất cứ lúc nào; khi đủ nội dung, bấm “Nộp cho hội đồng”.</p>
      <RequestForm
        lastResult={lastResult}
        units={units}
        busy={busy}
        liveCheck
        defaults={{ unitId: unitId ? String(unitId) : "", authors: me, claimedScope: "co_so", field: "Cải cách thủ tục hành chính" }}
      />
    </section>
  );
}
