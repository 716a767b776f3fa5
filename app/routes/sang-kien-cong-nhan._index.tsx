import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { scopeText } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { carriableEntries, carryOver, myRequests } from "~/initiative-register/register.server";
import { StateBadge } from "~/initiative-register/StateBadge";
import { carryOverSchema } from "~/initiative-register/schemas";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Đơn công nhận sáng kiến của tôi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const db = getDb();
  return { requests: myRequests(db, user), entries: carriableEntries(db, user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await request.formData();
  const parsed = carryOverSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? "Yêu cầu không hợp lệ.", entryId: null }, { status: 400 });
  const r = carryOver(getDb(), user, parsed.data.entryId, Date.now());
  if (!r.ok) return data({ error: r.message, entryId: parsed.data.entryId }, { status: r.status });
  throw redirect(`/sang-kien-cong-nhan/${r.id}?chuyen=1`);
}

export default function MyRequests() {
  const { requests, entries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const busyEntry = nav.formData?.get("intent") === "carry" ? Number(nav.formData.get("entryId")) : null;
  return (
    <>
      <h1>Đơn yêu cầu công nhận sáng kiến</h1>
      <p>
        <Link className="button primary" to="/sang-kien-cong-nhan/moi">
          Lập đơn mới
        </Link>{" "}
        <Link to="/sang-kien-cong-nhan/danh-sach">Sáng kiến đã được công nhận</Link>
      </p>
      {result?.error && !entries.some((e) => e.id === result.entryId) ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {entries.length ? (
        <section className="card" aria-labelledby="carry-h">
          <h2 id="carry-h">Chuyển bài dự thi thành đơn</h2>
          <p className="muted">Nội dung và đường link video của bài dự thi được chép sang đơn; bạn bổ sung phần còn thiếu rồi nộp.</p>
          <ul className="plain">
            {entries.map((e) => (
              <li key={e.id}>
                <Form method="post" className="stack" aria-labelledby={`carry-${e.id}`}>
                  <input type="hidden" name="intent" value="carry" />
                  <input type="hidden" name="entryId" value={e.id} />
                  <p id={`carry-${e.id}`}>
                    <strong>{e.title}</strong> <span className="muted">({e.unitName})</span>
                  </p>
                  <div className="inline-result">
                    <button type="submit" className="secondary" disabled={busy} aria-describedby={`carry-${e.id} carry-${e.id}-result`}>
                      {busyEntry === e.id ? "Đang chuyển…" : "Chuyển thành đơn"}
                    </button>
                    <p id={`carry-${e.id}-result`} role="status" className={result?.entryId === e.id ? "form-error" : "sr-only"}>
                      {result?.entryId === e.id ? result.error : busyEntry === e.id ? "Đang chuyển bài dự thi thành đơn…" : ""}
                    </p>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>Đơn của tôi</h2>
      {requests.length === 0 ? <p className="muted">Bạn chưa có đơn nào.</p> : null}
      <ul className="plain">
        {requests.map((r) => (
          <li key={r.id} className="card">
            <Link to={`/sang-kien-cong-nhan/${r.id}`}>
              <strong>{r.title}</strong>
            </Link>
            <p>
              <StateBadge state={r.state} /> <span className="muted">{r.unitName} · năm {r.year}</span>
            </p>
            {r.state === "recognised" && r.decidedScope ? (
              <p>
                Quyết định {r.decisionNumber}, phạm vi {scopeText[r.decidedScope]}; {r.appliedUnits} đơn vị áp dụng.
              </p>
            ) : null}
            {r.stateReason ? <p className="notice">{r.stateReason}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
