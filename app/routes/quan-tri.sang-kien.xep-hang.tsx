import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { InitiativeAdminNav } from "~/initiatives/InitiativeAdminNav";
import { themeName } from "~/core/initiatives/initiatives";
import { getDb } from "~/db.server";
import { organizerRoundId } from "~/initiatives/web.server";
import { archiveSize, importArchive, organizerRounds, ranking } from "~/initiatives/initiatives.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Xếp hạng sáng kiến — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  const rounds = organizerRounds(db, user);
  const roundId = organizerRoundId(request, rounds);
  const result = ranking(db, user, roundId);
  if (!result.ok) throw new Response(result.message, { status: result.status });
  return { roundId, rounds: rounds.map((r) => ({ id: r.round.id, title: r.round.title })), settings: result.settings, rows: result.rows, archiveSize: archiveSize(db) };
}

const MAX_FILE = 2_000_000;

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_FILE) return data({ errors: ["Tệp quá lớn (tối đa 2 MB)."], added: null }, { status: 413 });
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ errors: ["Chọn một tệp YAML hoặc JSON."], added: null }, { status: 400 });
  const result = importArchive(getDb(), user, await file.text(), Date.now());
  if (!result.ok) return data({ errors: result.errors.slice(0, 30), added: null }, { status: result.status });
  return { errors: [] as string[], added: `Đã thêm ${result.added} sáng kiến mới (tệp có ${result.total}; trùng thì bỏ qua).` };
}

const fmt = (n: number | null) => (n === null ? "—" : n.toLocaleString("vi-VN", { maximumFractionDigits: 2 }));

export default function InitiativeRanking() {
  const { roundId, rounds, settings, rows, archiveSize } = useLoaderData<typeof loader>();
  const imported = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Xếp hạng và giải thưởng</h1>
      <InitiativeAdminNav roundId={roundId} rounds={rounds} />
      <p>
        Điểm cuối = {100 - settings.voteWeight}% điểm giám khảo + {settings.voteWeight}% điểm bình chọn
        {settings.zScore ? "; điểm giám khảo được chuẩn hóa theo từng giám khảo (z-score)" : ""}. Kết quả{" "}
        {settings.resultsPublished ? "đã được công bố" : "chưa công bố"}.
      </p>
      <p>
        <a className="button" href={`/quan-tri/sang-kien/xuat-excel?vong=${roundId}`} download>
          Xuất Excel
        </a>
      </p>
      <div className="table-wrap">
        <table className="data">
          <caption>Bảng xếp hạng các bài đã được chấp nhận</caption>
          <thead>
            <tr>
              <th scope="col">Hạng</th>
              <th scope="col">Sáng kiến</th>
              <th scope="col">Giám khảo</th>
              <th scope="col">Bình chọn</th>
              <th scope="col">Điểm cuối</th>
              <th scope="col">Giải</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.entryId}>
                <td>{r.rank ?? "—"}</td>
                <td>
                  {r.title}
                  <br />
                  <span className="muted">
                    {r.unitName} · {themeName(r.theme)}
                  </span>
                </td>
                <td>
                  {fmt(r.jury)} <span className="muted">({r.judges} GK)</span>
                </td>
                <td>
                  {r.votes} <span className="muted">({fmt(r.publicScore)})</span>
                </td>
                <td>
                  <strong>{fmt(r.final)}</strong>
                </td>
                <td>{r.prize ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p className="muted">Chưa có bài nào được chấp nhận.</p> : null}

      <section className="card" aria-labelledby="archive-h">
        <h2 id="archive-h">Kho sáng kiến đã có</h2>
        <p>
          Kho đang có {archiveSize} sáng kiến, dùng để phát hiện ý tưởng trùng lặp. Nhập thêm từ tệp YAML hoặc JSON cùng định dạng
          với content/initiatives-archive.yaml (title, unit, province, year, source, summary); tệp có lỗi thì không nhập dòng nào.
        </p>
        {imported?.added ? (
          <p className="ok" role="status">
            {imported.added}
          </p>
        ) : null}
        {imported?.errors.length ? (
          <ul className="form-error" role="alert">
            {imported.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="archive-file">Tệp kho sáng kiến</label>
            <input id="archive-file" type="file" name="file" accept=".yaml,.yml,.json" />
          </div>
          <button type="submit" className="secondary" disabled={busy}>
            Nhập vào kho
          </button>
        </Form>
      </section>
    </>
  );
}
