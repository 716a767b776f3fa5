import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/account/session.server";
import { sessionAction, sessionView } from "~/awards/council.server";
import { idParam } from "~/awards/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.session.title : "Phiên họp Hội đồng" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return sessionView(user, idParam(params.sessionId, "Không tìm thấy phiên họp."));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const r = sessionAction(user, idParam(params.sessionId, "Không tìm thấy phiên họp."), await request.formData());
  return data(r, { status: r.ok ? 200 : 400 });
}

export default function CouncilSession() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const s = d.session;
  const open = s.state === "open";
  return (
    <article>
      <p>
        <Link to="/hoi-dong">← Các phiên họp</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="muted">
        {s.modeLabel} · thông qua khi được {s.passMark} đồng ý · cần {s.quorum} tham gia biểu quyết · Hội đồng {s.memberCount} thành viên · {open ? "đang họp" : "đã kết thúc"}
      </p>
      {s.mode === "secret" ? <p className="notice">Bỏ phiếu kín: hệ thống chỉ ghi ai đã bỏ phiếu và tổng số phiếu, không ghi lựa chọn của từng thành viên.</p> : null}
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "notice error"}>
          {result.message}
        </p>
      ) : null}
      {d.items.map((it) => (
        <section key={it.id} className="card" aria-labelledby={`i-${it.id}`}>
          <h2 id={`i-${it.id}`}>{it.name}</h2>
          <p>
            {it.scheme}
            <br />
            {[it.position, it.unitName].filter(Boolean).join(", ")} · {it.proposalState}
          </p>
          <p>Thành tích: {it.achievement}</p>
          {!it.qualified && it.unmet.length ? (
            <>
              <p className="notice error">Đề nghị ngoài danh sách đạt tiêu chí:</p>
              <ul>
                {it.unmet.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="muted">
            Đã biểu quyết: {it.voted}/{s.memberCount}
          </p>
          {it.tally ? (
            <p role="status" className={it.tally.passed && it.tally.withinQuota ? "notice" : "notice error"}>
              {it.tally.text}
              {it.tally.note ? ` ${it.tally.note}` : ""}
            </p>
          ) : null}
          {it.openChoices.length ? (
            <ul>
              {it.openChoices.map((c) => (
                <li key={c.name}>
                  {c.name}: {c.choice}
                </li>
              ))}
            </ul>
          ) : null}
          {open ? (
            it.iVoted ? (
              <p>
                <strong>Bạn đã biểu quyết.</strong>
              </p>
            ) : (
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="vote" />
                <input type="hidden" name="itemId" value={it.id} />
                <button type="submit" name="choice" value="dong_y" className="primary" disabled={busy}>
                  Đồng ý: {it.name}
                </button>
                <button type="submit" name="choice" value="khong_dong_y" className="secondary" disabled={busy} aria-label={`Không đồng ý: ${it.name}`}>
                  Không đồng ý
                </button>
              </Form>
            )
          ) : null}
        </section>
      ))}
      {open && d.isChair ? (
        <Form method="post">
          <input type="hidden" name="intent" value="close" />
          <button type="submit" className="primary" disabled={busy}>
            Kết thúc phiên họp và công bố kết quả
          </button>
        </Form>
      ) : null}
      {!open ? (
        <p>
          <a href={`/hoi-dong/${s.id}/bien-ban`}>Tải Biên bản họp xét (Word)</a>
        </p>
      ) : null}
    </article>
  );
}
