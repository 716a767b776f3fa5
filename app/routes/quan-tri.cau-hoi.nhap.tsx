import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { TaskProgress } from "~/components/TaskProgress";
import { DIFFICULTY_TEXT, unitIdField } from "~/organizer/organizer.schemas";
import { listCategoriesForForm } from "~/organizer/pages.server";
import { bankChoices, confirmImport, importTask, MAX_UPLOAD_BYTES, startImportPreview } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Nhập câu hỏi từ tệp" }];

type Preview = {
  fileName: string;
  format: string;
  count: number;
  drafts: number;
  newCategories: string[];
  errors: { line: number; column: string; message: string }[];
  errorCount: number;
  skipped: { line: number; reason: string }[];
  sample: {
    line: number;
    stem: string;
    options: string[];
    answer: string;
    category: string;
    difficulty: keyof typeof DIFFICULTY_TEXT;
    warnings: string[];
  }[];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const url = new URL(request.url);
  const id = (k: string) => (/^\d+$/.test(url.searchParams.get(k) ?? "") ? Number(url.searchParams.get(k)) : null);
  const previewId = id("xem-truoc");
  const commitId = id("nhap");
  const preview = previewId ? importTask(user, previewId) : null;
  const commit = commitId ? importTask(user, commitId) : null;
  if ((previewId && !preview) || (commitId && !commit)) throw new Response("Không tìm thấy tác vụ nhập.", { status: 404 });
  return {
    categories: listCategoriesForForm(),
    banks: bankChoices(user),
    preview: preview && {
      id: preview.id,
      status: preview.status,
      error: preview.error,
      result: preview.result as Preview | null,
    },
    commit: commit && {
      id: commit.id,
      status: commit.status,
      error: commit.error,
      result: commit.result as { imported: number; drafts: number; skipped: unknown[] } | null,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch {
    return data({ error: "Tệp lớn quá 10 MB hoặc không tải lên được." }, { status: 413 });
  }
  if (form.get("intent") === "confirm") {
    const previewId = Number(form.get("previewTaskId"));
    const result = await confirmImport(user, previewId);
    if (!result.ok) return data({ error: result.error }, { status: 422 });
    throw redirect(`/quan-tri/cau-hoi/nhap?xem-truoc=${previewId}&nhap=${result.taskId}`);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ error: "Vui lòng chọn một tệp để nhập." }, { status: 400 });
  const category = Number(form.get("defaultCategoryId"));
  const owner = unitIdField.safeParse(form.get("ownerUnitId"));
  const result = await startImportPreview(user, file, Number.isInteger(category) && category > 0 ? category : null, owner.success ? owner.data : null);
  if (!result.ok) return data({ error: result.error }, { status: 400 });
  throw redirect(`/quan-tri/cau-hoi/nhap?xem-truoc=${result.taskId}`);
}

export default function ImportQuestions() {
  const { categories, banks, preview, commit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const result = preview?.result;
  return (
    <>
      <p>
        <Link to="/quan-tri/cau-hoi">← Ngân hàng câu hỏi</Link>
      </p>
      <h1>Nhập câu hỏi từ tệp</h1>
      <section className="card">
        <p>
          Nhận tệp Excel (.xlsx) theo <a href="/quan-tri/cau-hoi/mau-nhap">tệp mẫu</a>, CSV cùng các cột, Moodle GIFT hoặc Aiken.
          Hệ thống kiểm tra và cho xem trước; chỉ khi tệp không còn lỗi nào mới nhập, và nhập tất cả trong một lần.
        </p>
        <Form
          method="post"
          encType="multipart/form-data"
          className="stack"
          aria-describedby={actionData ? "import-error" : undefined}
        >
          <input type="hidden" name="intent" value="upload" />
          <div className="field">
            <label htmlFor="import-file">Tệp câu hỏi</label>
            <input
              id="import-file"
              type="file"
              name="file"
              required
              accept=".xlsx,.csv,.gift,.aiken,.txt"
              aria-describedby={actionData ? "import-error" : undefined}
            />
          </div>
          {banks.length > 1 ? (
            <div className="field">
              <label htmlFor="import-owner">Nhập vào ngân hàng của đơn vị</label>
              <select id="import-owner" name="ownerUnitId" defaultValue={banks[0].id}>
                {banks.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
          ) : banks.length === 1 ? (
            <input type="hidden" name="ownerUnitId" value={banks[0].id} />
          ) : null}
          <div className="field">
            <label htmlFor="import-category">Chủ đề cho câu không ghi chủ đề</label>
            <select id="import-category" name="defaultCategoryId" defaultValue="">
              <option value="">Chưa phân loại</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          {actionData ? (
            <p className="form-error" id="import-error" role="alert">
              {actionData.error}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            Tải lên và xem trước
          </button>
        </Form>
      </section>
      {preview && (preview.status === "queued" || preview.status === "running") ? (
        <section className="card">
          <h2>Đang kiểm tra tệp</h2>
          <TaskProgress taskId={preview.id} onDone={() => revalidator.revalidate()} />
        </section>
      ) : null}
      {preview?.status === "failed" ? (
        <p className="notice error" role="alert">
          Không kiểm tra được tệp: {preview.error}
        </p>
      ) : null}
      {result && !commit ? (
        <section className="card" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Xem trước: {result.fileName}</h2>
          <p>
            {result.count} câu hỏi hợp lệ
            {result.drafts ? `, trong đó ${result.drafts} câu sẽ lưu ở trạng thái nháp` : ""}; {result.skipped.length} mục bỏ qua;{" "}
            {result.errorCount} lỗi.
          </p>
          {result.newCategories.length ? <p>Chủ đề mới sẽ được tạo: {result.newCategories.join(", ")}.</p> : null}
          {result.errorCount > 0 ? (
            <div role="alert">
              <h3>Lỗi cần sửa trước khi nhập (chưa nhập câu nào)</h3>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Lỗi trong tệp">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Dòng</th>
                      <th scope="col">Cột</th>
                      <th scope="col">Lỗi</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.errors.map((e, i) => (
                      <tr key={i}>
                        <td>{e.line}</td>
                        <td>{e.column}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>Sửa tệp rồi tải lên lại.</p>
            </div>
          ) : result.count === 0 ? (
            <p className="notice" role="status" data-testid="nothing-to-import">
              Không có câu hỏi mới để nhập: mọi dòng của tệp đều trùng với câu đã có trong ngân hàng hoặc bị bỏ qua (xem
              danh sách “Bỏ qua” bên dưới). Ngân hàng câu hỏi không thay đổi.
            </p>
          ) : (
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="previewTaskId" value={preview!.id} />
              <button type="submit" className="primary">
                Nhập {result.count} câu hỏi
              </button>
            </Form>
          )}
          {result.skipped.length ? (
            <>
              <h3>Bỏ qua</h3>
              <ul>
                {result.skipped.map((s, i) => (
                  <li key={i}>
                    Dòng {s.line}: {s.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {result.sample.length ? (
            <>
              <h3>Một số câu đầu tiên</h3>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Các câu đầu tiên của tệp">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Dòng</th>
                      <th scope="col">Câu hỏi</th>
                      <th scope="col">Đáp án</th>
                      <th scope="col">Chủ đề, độ khó</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.sample.map((q) => (
                      <tr key={q.line}>
                        <td>{q.line}</td>
                        <td>
                          {q.stem}
                          {q.warnings.length ? <div className="flag">{q.warnings.join("; ")}</div> : null}
                        </td>
                        <td>
                          {q.answer}. {q.options["ABCDEF".indexOf(q.answer)]}
                        </td>
                        <td>
                          {q.category}, {DIFFICULTY_TEXT[q.difficulty]}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
      {commit ? (
        <section className="card">
          <h2>Nhập vào ngân hàng</h2>
          {commit.status === "queued" || commit.status === "running" ? (
            <TaskProgress taskId={commit.id} onDone={() => revalidator.revalidate()} />
          ) : null}
          {commit.status === "done" && commit.result ? (
            <p role="status">
              Đã nhập {commit.result.imported} câu hỏi
              {commit.result.drafts ? ` (${commit.result.drafts} câu ở trạng thái nháp)` : ""}.{" "}
              <Link to="/quan-tri/cau-hoi">Xem ngân hàng câu hỏi</Link>
            </p>
          ) : null}
          {commit.status === "failed" ? (
            <p className="notice error" role="alert">
              Không nhập được: {commit.error}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
