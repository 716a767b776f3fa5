import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { TaskDownload } from "~/components/TaskDownload";
import { DIFFICULTY_TEXT, STATUS_TEXT } from "~/organizer/organizer.schemas";
import { bankPage, startQuestionExport } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";
import { PlainDateInput } from "~/components/DateInput";

export const meta: MetaFunction = () => [{ title: "Ngân hàng câu hỏi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return bankPage(user, new URL(request.url).searchParams);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const form = await request.formData();
  const format = form.get("format") === "gift" ? "gift" : "xlsx";
  const started = await startQuestionExport(user, format, new URL(request.url).searchParams);
  return { exportTaskId: started.taskId, queued: started.queued };
}

export default function QuestionBank() {
  const { q, filter, before, beforeText, rows, total, page, categories } = useLoaderData<typeof loader>();
  const exported = useActionData<typeof action>();
  const pages = Math.max(1, Math.ceil(total / 50));
  const location = useLocation();
  const pageLink = (n: number) => {
    const params = new URLSearchParams(location.search);
    params.set("trang", String(n));
    return `?${params}`;
  };
  return (
    <>
      <h1>Ngân hàng câu hỏi</h1>
      <p className="actions">
        <Link className="button" to="/quan-tri/cau-hoi/moi">
          Thêm câu hỏi
        </Link>{" "}
        <Link className="button" to="/quan-tri/cau-hoi/nhap">
          Nhập từ tệp
        </Link>
      </p>
      <Form method="get" className="card filters" role="search" aria-label="Tìm câu hỏi">
        <div className="field">
          <label htmlFor="bank-q">Tìm trong nội dung (không cần dấu)</label>
          <input id="bank-q" type="search" name="q" defaultValue={q} />
        </div>
        <div className="grid-3">
          <div className="field">
            <label htmlFor="bank-cat">Chủ đề</label>
            <select id="bank-cat" name="chu-de" defaultValue={filter.categoryId ?? ""}>
              <option value="">Tất cả</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bank-diff">Độ khó</label>
            <select id="bank-diff" name="do-kho" defaultValue={filter.difficulty ?? ""}>
              <option value="">Tất cả</option>
              {Object.entries(DIFFICULTY_TEXT).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bank-status">Trạng thái</label>
            <select id="bank-status" name="trang-thai" defaultValue={filter.status ?? ""}>
              <option value="">Tất cả</option>
              {Object.entries(STATUS_TEXT).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bank-use">Đã dùng trong bài thi</label>
            <select id="bank-use" name="su-dung" defaultValue={filter.use ?? ""}>
              <option value="">Tất cả</option>
              <option value="used">Đã dùng</option>
              <option value="unused">Chưa dùng</option>
            </select>
          </div>
          <PlainDateInput
            id="bank-before"
            name="truoc"
            label="Gắn cờ câu chỉ đúng đến trước ngày"
            defaultValue={beforeText ?? before}
            error={beforeText ? `Ngày “${beforeText}” không hợp lệ; chưa gắn cờ theo ngày.` : null}
          />
        </div>
        <button type="submit" className="primary">
          Lọc
        </button>
      </Form>
      <section className="card">
        <h2>
          {total} câu hỏi{pages > 1 ? `, trang ${page}/${pages}` : ""}
        </h2>
        <Form method="post" className="actions">
          <button type="submit" name="format" value="xlsx" className="secondary">
            Xuất Excel
          </button>{" "}
          <button type="submit" name="format" value="gift" className="secondary">
            Xuất GIFT
          </button>
        </Form>
        {exported ? <TaskDownload key={exported.exportTaskId} taskId={exported.exportTaskId} label="Tải tệp xuất" /> : null}
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Danh sách câu hỏi">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Câu hỏi</th>
                <th scope="col">Chủ đề</th>
                <th scope="col">Độ khó</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Lượt dùng</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="stem-cell">
                    <Link to={`/quan-tri/cau-hoi/${r.id}`}>{r.stem}</Link>
                    {r.flags.length ? (
                      <div className="flag">
                        <span aria-hidden="true">⚑ </span>
                        {r.flags.join("; ")}
                      </div>
                    ) : null}
                  </td>
                  <td>{r.categoryName}</td>
                  <td>{DIFFICULTY_TEXT[r.difficulty]}</td>
                  <td>
                    {STATUS_TEXT[r.status]}
                    {r.version > 1 ? `, bản ${r.version}` : ""}
                  </td>
                  <td>{r.uses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav aria-label="Trang" className="actions">
            {page > 1 ? <Link to={pageLink(page - 1)}>← Trang trước</Link> : null}{" "}
            {page < pages ? <Link to={pageLink(page + 1)}>Trang sau →</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
