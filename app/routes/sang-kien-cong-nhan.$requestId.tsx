import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { scopeText } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { formatIsoDate, RequestForm, requestDefaults } from "~/initiative-register/RequestForm";
import { filingUnitOptions, ownRequest, saveRequest, setPublic, similarIdeas } from "~/initiative-register/register.server";
import { publicOptInSchema, requestSchema } from "~/initiative-register/schemas";
import { StateBadge } from "~/initiative-register/StateBadge";
import { authorsForForm, idParam } from "~/initiative-register/web.server";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Đơn yêu cầu công nhận sáng kiến" }];

const KIND = { register: "Sổ sáng kiến", entry: "Bài dự thi", archive: "Kho sáng kiến" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const db = getDb();
  const row = ownRequest(db, user, idParam(params.requestId));
  if (!row) throw new Response("Không tìm thấy đơn.", { status: 404 });
  return {
    request: row.request,
    unitName: row.unitName,
    authors: row.authors.map((a) => ({ fullName: a.fullName, share: a.share })),
    applications: row.applications,
    scope: row.scope,
    mayEdit: row.mayEdit,
    isOwner: row.request.ownerId === user.id,
    defaults: requestDefaults(row.request, authorsForForm(db, row.authors)),
    units: row.mayEdit ? filingUnitOptions(db, user) : [],
    similar: similarIdeas(db, row.request.searchFolded, row.request.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.requestId);
  const form = await request.formData();
  const db = getDb();
  if (form.get("intent") === "public") {
    const parsed = publicOptInSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ section: "public" as const, error: parsed.error.issues[0]?.message ?? "Yêu cầu không hợp lệ.", optIn: null }, { status: 400 });
    const r = setPublic(db, user, id, parsed.data.optIn === "on", Date.now());
    if (!r.ok) return data({ section: "public" as const, error: r.message, optIn: null }, { status: r.status });
    return { section: "public" as const, error: null, optIn: r.optIn };
  }
  const submission = parseWithZod(form, { schema: requestSchema });
  if (submission.status !== "success") return data({ section: "form" as const, reply: submission.reply() }, { status: 400 });
  const r = saveRequest(db, user, id, submission.value, Date.now());
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data({ section: "form" as const, reply: submission.reply({ formErrors: [r.message], fieldErrors }) }, { status: r.status });
  }
  return { section: "form" as const, reply: submission.reply(), saved: r.state };
}

export default function RequestPage() {
  const { request: r, unitName, authors, applications, scope, mayEdit, isOwner, defaults, units, similar } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const saved = result && "saved" in result ? result.saved : search.get("da-nop") ? "submitted" : search.get("da-luu") || search.get("chuyen") ? "draft" : null;
  return (
    <>
      <p>
        <Link to="/sang-kien-cong-nhan">← Đơn của tôi</Link>
      </p>
      <h1>{r.title}</h1>
      {saved ? (
        <p className="ok" role="status">
          {saved === "submitted" ? "Đã lưu và nộp đơn cho hội đồng sáng kiến." : search.get("chuyen") ? "Đã lưu: bài dự thi đã được chuyển thành bản nháp đơn." : "Đã lưu bản nháp."}
        </p>
      ) : null}
      <section className="card" aria-labelledby="state-h">
        <h2 id="state-h">Trạng thái</h2>
        <p>
          <StateBadge state={r.state} /> <span className="muted">{unitName} · năm {r.year}</span>
        </p>
        {r.stateReason ? (
          <p className="notice">
            <strong>{r.state === "needs_more" ? "Nội dung cần bổ sung: " : "Lý do: "}</strong>
            {r.stateReason}
          </p>
        ) : null}
        {r.state === "recognised" ? (
          <p>
            Quyết định công nhận số {r.decisionNumber} ngày {formatIsoDate(r.decisionDate)}; phạm vi ảnh hưởng {r.decidedScope ? scopeText[r.decidedScope] : ""}
            {scope && scope !== r.decidedScope ? ` (nay là ${scopeText[scope]} nhờ các đơn vị áp dụng)` : ""}
            {r.meanScore !== null ? `; điểm trung bình ${r.meanScore.toLocaleString("vi-VN")}` : ""}.
          </p>
        ) : null}
        {r.contestEntryId ? <p className="muted">Chuyển từ bài dự thi của vòng thi sáng kiến.</p> : null}
        <p>Tác giả: {authors.map((a) => `${a.fullName} (${a.share}%)`).join(", ")}</p>
      </section>
      {similar.length ? (
        <section className="card" aria-labelledby="similar-h">
          <h2 id="similar-h">Sáng kiến có nội dung gần giống</h2>
          <p className="muted">Kiểm tra để bảo đảm tính mới: các ý tưởng gần nhất trong sổ sáng kiến, bài dự thi và kho sáng kiến.</p>
          <ul className="plain">
            {similar.map((s) => (
              <li key={`${s.kind}-${s.id}`}>
                <strong>{s.title}</strong> — {KIND[s.kind]}
                {s.where ? `, ${s.where}` : ""}: trùng {s.percent}% từ ngữ
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {r.state === "recognised" ? (
        <section className="card" aria-labelledby="apply-h">
          <h2 id="apply-h">Đơn vị áp dụng</h2>
          {applications.length === 0 ? <p className="muted">Chưa có đơn vị nào ghi nhận áp dụng.</p> : null}
          <ul className="plain">
            {applications.map((a) => (
              <li key={a.id}>
                {a.unitName}, từ {formatIsoDate(a.since)}: {a.effect}
                {a.certificateName ? (
                  <>
                    {" "}
                    <a href={`/sang-kien-cong-nhan/giay-xac-nhan/${a.id}`}>Giấy xác nhận</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/sang-kien-cong-nhan/ap-dung/${r.id}`}>Ghi nhận áp dụng tại đơn vị khác</Link>
          </p>
          {isOwner ? (
            <Form method="post" className="stack" aria-labelledby="public-h">
              <h3 id="public-h">Công khai sáng kiến</h3>
              <input type="hidden" name="intent" value="public" />
              <div className="check">
                <input type="checkbox" id="optIn" name="optIn" defaultChecked={r.publicOptIn} aria-describedby="optIn-hint optIn-result" />
                <label htmlFor="optIn">Công khai sáng kiến trong danh sách sáng kiến được công nhận</label>
              </div>
              <p id="optIn-hint" className="muted small">
                Danh sách công khai hiện tên sáng kiến, đơn vị, lĩnh vực, số và ngày quyết định, phạm vi ảnh hưởng; không hiện tác giả và nội dung đơn.
              </p>
              <div className="inline-result">
                <button type="submit" className="secondary" disabled={busy}>
                  Lưu lựa chọn công khai
                </button>
                <p id="optIn-result" role="status" className={result?.section === "public" ? (result.error ? "form-error" : "ok") : "muted"}>
                  {result?.section === "public"
                    ? result.error
                      ? result.error
                      : result.optIn
                        ? "Đã lưu: sáng kiến có trong danh sách công khai."
                        : "Đã lưu: sáng kiến không công khai."
                    : r.publicOptIn
                      ? "Hiện đang công khai."
                      : "Hiện chưa công khai."}
                </p>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}
      {mayEdit ? (
        <section className="card" aria-labelledby="form-h">
          <h2 id="form-h">{r.state === "needs_more" ? "Bổ sung và nộp lại" : "Nội dung đơn"}</h2>
          <RequestForm lastResult={result && "reply" in result ? result.reply : undefined} units={units} defaults={defaults} busy={busy} />
        </section>
      ) : (
        <section className="card" aria-labelledby="content-h">
          <h2 id="content-h">Nội dung đơn</h2>
          <dl className="facts">
            <dt>Lĩnh vực</dt>
            <dd>{r.field}</dd>
            <dt>Thực trạng</dt>
            <dd>{r.problem}</dd>
            <dt>Tính mới</dt>
            <dd>{r.novelty}</dd>
            <dt>Cách thức áp dụng</dt>
            <dd>
              {r.howApplied}
              {r.appliedSince ? ` (từ ${formatIsoDate(r.appliedSince)})` : ""}
            </dd>
            <dt>Hiệu quả</dt>
            <dd>{r.benefit}</dd>
            <dt>Phạm vi đề nghị</dt>
            <dd>{scopeText[r.claimedScope]}</dd>
          </dl>
        </section>
      )}
    </>
  );
}
