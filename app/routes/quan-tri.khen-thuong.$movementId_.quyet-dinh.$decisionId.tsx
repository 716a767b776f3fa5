import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/account/session.server";
import { decisionView, registerDecision } from "~/awards/decisions.server";
import { vnDate } from "~/awards/format";
import { idParam, readForm, tooLarge } from "~/awards/http.server";
import { certificateNoun } from "~/core/awards/admin-text";
import { formatDateTime } from "~/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Quyết định số ${data.decision.number}` : "Quyết định khen thưởng" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return decisionView(user, idParam(params.movementId), idParam(params.decisionId, "Không tìm thấy quyết định."));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const form = await readForm(request);
  if ("tooLarge" in form) return tooLarge();
  const file = form.get("file");
  const r = await registerDecision(user, idParam(params.movementId), idParam(params.decisionId), file instanceof File ? file : null);
  return data(r, { status: r.ok ? 200 : 400 });
}

export default function DecisionPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const dec = d.decision;
  return (
    <article>
      <p>
        <Link to={`/quan-tri/khen-thuong/${d.movement.id}`}>← Khen thưởng</Link>
      </p>
      <h1>Quyết định số {dec.number}</h1>
      <p className="muted">
        Ngày {vnDate(dec.date)} · {dec.issuingBody} · {dec.signerTitle.toLocaleLowerCase("vi")} {dec.signerName} · {dec.state === "registered" ? "Đã đăng ký" : "Dự thảo"}
      </p>
      <p>Tặng {dec.formName}.</p>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "notice error"}>
          {result.message}
        </p>
      ) : null}
      <p>
        <a href={`/quan-tri/khen-thuong/${d.movement.id}/tai-lieu?quyet-dinh=${dec.id}`}>Tải Quyết định và Danh sách kèm theo (Word)</a>
      </p>
      <h2>Danh sách kèm theo ({d.list.length})</h2>
      <div className="table-wrap">
        <table>
          <caption className="muted">Tập thể, cá nhân được khen thưởng</caption>
          <thead>
            <tr>
              <th scope="col">STT</th>
              <th scope="col">Tập thể, cá nhân</th>
              <th scope="col">Chức vụ, đơn vị</th>
              <th scope="col">Thành tích</th>
            </tr>
          </thead>
          <tbody>
            {d.list.map((r, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{r.name}</td>
                <td>{[r.position, r.unit].filter(Boolean).join(", ")}</td>
                <td>{r.achievement}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dec.state === "draft" ? (
        <Form method="post" encType="multipart/form-data" className="stack card">
          <label htmlFor="signed">Bản quyết định đã ký, đóng dấu (PDF hoặc Word, tối đa 10 MB)</label>
          <input id="signed" name="file" type="file" accept=".pdf,.doc,.docx,application/pdf" />
          <button type="submit" className="primary" disabled={busy}>
            Đăng ký quyết định
          </button>
        </Form>
      ) : (
        <>
          <p>
            Bản ký:{" "}
            {d.signed.map((f) => (
              <a key={f.id} href={`/quan-tri/khen-thuong/${d.movement.id}/tai-lieu?tep=${f.id}`}>
                {f.fileName} ({formatDateTime(f.uploadedAt)})
              </a>
            ))}
          </p>
          <p>
            <Link className="button primary" to={`/quan-tri/khen-thuong/${d.movement.id}/giay-khen/${dec.id}`}>
              In {certificateNoun(dec.formName).lower}
            </Link>
          </p>
        </>
      )}
    </article>
  );
}
