import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { DateField } from "~/components/DateInput";
import { SavedStatus, SelectField, TextAreaField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { CheckField, FormErrors } from "~/organizer/OrganizerFields";
import { formatDateTime } from "~/format";
import { DIFFICULTY_TEXT, questionSchema, STATUS_TEXT } from "~/organizer/organizer.schemas";
import { copyQuestionToUnit, questionPage, removeQuestion, requireQuestion, saveQuestion } from "~/organizer/organizer.server";
import { unitIdField } from "~/organizer/organizer.schemas";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Câu hỏi" }];

function questionIdOf(param: string | undefined): number | null {
  if (param === "moi") return null;
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Không tìm thấy câu hỏi.", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return questionPage(user, questionIdOf(params.questionId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const id = questionIdOf(params.questionId);
  // Another unit's question does not exist for this organizer, whatever the form says.
  if (id !== null) requireQuestion(user, id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (id !== null && (intent === "archive" || intent === "delete" || intent === "restore")) {
    const result = removeQuestion(user, id, intent);
    throw redirect(result.deleted ? "/quan-tri/cau-hoi" : `/quan-tri/cau-hoi/${id}`);
  }
  if (id !== null && intent === "copy") {
    const target = unitIdField.safeParse(formData.get("targetUnitId"));
    if (!target.success) return data({ copy: { ok: false as const, error: "Vui lòng chọn đơn vị nhận bản sao." } }, { status: 400 });
    const copied = copyQuestionToUnit(user, id, target.data);
    return data({ copy: copied }, { status: copied.ok ? 200 : 400 });
  }
  const owner = unitIdField.safeParse(formData.get("ownerUnitId"));
  const submission = parseWithZod(formData, { schema: questionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = saveQuestion(user, id, submission.value, owner.success ? owner.data : null);
  if (!result.ok) return data(submission.reply({ formErrors: [result.error] }), { status: 422 });
  throw redirect(`/quan-tri/cau-hoi/${result.id}${result.newVersion ? "?ban-moi=1" : "?da-luu=1"}`);
}

const LETTERS = ["A", "B", "C", "D", "E", "F"] as const;

export default function QuestionEditor() {
  const { question, categories, versions, flags, banks, copyTargets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const copy = actionData && "copy" in actionData ? actionData.copy : null;
  const lastResult = actionData && !("copy" in actionData) ? actionData : undefined;
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionSchema }),
    ...VALIDATION_TIMING,
    defaultValue: question
      ? {
          categoryId: question.categoryId,
          stem: question.stem,
          options: LETTERS.map((_, i) => question.options[i] ?? ""),
          answer: LETTERS[question.answerIndex],
          difficulty: question.difficulty,
          legalBasis: question.legalBasis,
          asOf: question.asOf ?? "",
          explanation: question.explanation,
          pinOptions: question.pinOptions ? "on" : undefined,
          status: question.status === "archived" ? "draft" : question.status,
        }
      : { options: LETTERS.map(() => ""), difficulty: "trung_binh", status: "draft" },
  });
  const optionFields = fields.options.getFieldList();
  const [preview, setPreview] = useState<{ stem: string; options: string[] } | null>(null);
  const [search] = useSearchParams();
  const newVersion = search.has("ban-moi");
  return (
    <>
      <p>
        <Link to="/quan-tri/cau-hoi">← Ngân hàng câu hỏi</Link>
      </p>
      <h1>{question ? `Câu hỏi #${question.id}` : "Thêm câu hỏi"}</h1>
      {question ? (
        <section className="card">
          <dl className="facts">
            <dt>Trạng thái</dt>
            <dd>{STATUS_TEXT[question.status]}</dd>
            <dt>Phiên bản</dt>
            <dd>
              {question.version} ({versions.length} phiên bản)
            </dd>
            <dt>Số lượt bài thi đã dùng</dt>
            <dd>{question.uses}</dd>
            <dt>Ngân hàng của</dt>
            <dd>{question.ownerName ?? "Chưa thuộc đơn vị nào"}</dd>
          </dl>
          <SavedStatus
            message={
              newVersion
                ? "Đã lưu thành phiên bản mới; các bài thi đã làm giữ phiên bản cũ."
                : search.has("da-luu")
                  ? "Đã lưu câu hỏi."
                  : null
            }
          />
          {question.uses > 0 ? (
            <p className="notice">Câu hỏi đã được dùng: lưu thay đổi sẽ tạo phiên bản mới, bài thi đã làm giữ phiên bản cũ.</p>
          ) : null}
          {flags.length ? (
            <p className="notice" role="note">
              {flags.join("; ")}
            </p>
          ) : null}
          <Form method="post" className="actions">
            {question.status === "archived" ? (
              <button type="submit" name="intent" value="restore" className="secondary">
                Lấy lại từ lưu trữ (thành bản nháp)
              </button>
            ) : question.uses > 0 ? (
              <button type="submit" name="intent" value="archive" className="secondary">
                Lưu trữ (câu đã dùng không xóa được)
              </button>
            ) : (
              <button type="submit" name="intent" value="delete" className="secondary">
                Xóa câu hỏi
              </button>
            )}
          </Form>
          {copyTargets.length ? (
            <details open={!!copy}>
              <summary>Sao chép cho đơn vị</summary>
              <p className="hint">
                Đơn vị nhận được một bản sao ở trạng thái nháp trong ngân hàng của họ; câu hỏi này không đổi, sửa bên nào thì chỉ bên đó
                đổi.
              </p>
              {copy ? (
                copy.ok ? (
                  <p className="ok" role="status">
                    Đã sao chép cho {copy.unitName} (câu hỏi #{copy.copyId}, bản nháp).
                  </p>
                ) : (
                  <p className="form-error" role="alert">
                    {copy.error}
                  </p>
                )
              ) : null}
              <Form method="post" className="stack">
                <div className="field">
                  <label htmlFor="copy-target">Đơn vị nhận bản sao</label>
                  <select id="copy-target" name="targetUnitId" defaultValue="" required>
                    <option value="" disabled>
                      Chọn đơn vị tổ chức
                    </option>
                    {copyTargets.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" name="intent" value="copy" className="secondary">
                  Sao chép cho đơn vị
                </button>
              </Form>
            </details>
          ) : null}
          {versions.length > 1 ? (
            <details>
              <summary>Các phiên bản</summary>
              <ul>
                {versions.map((v) => (
                  <li key={v.id}>
                    Phiên bản {v.version}, {formatDateTime(v.createdAt)}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}
      <section className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="save" />
          <FormErrors id={form.errorId} errors={form.errors} />
          {!question && banks.length > 1 ? (
            <div className="field">
              <label htmlFor="owner-unit">Ngân hàng của đơn vị</label>
              <select id="owner-unit" name="ownerUnitId" defaultValue={banks[0].id}>
                {banks.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
          ) : !question && banks.length === 1 ? (
            <input type="hidden" name="ownerUnitId" value={banks[0].id} />
          ) : null}
          <SelectField
            meta={fields.categoryId}
            label="Chủ đề"
            placeholder="Chọn chủ đề"
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
          />
          <TextAreaField meta={fields.stem} label="Nội dung câu hỏi" rows={3} />
          {optionFields.map((o, i) => (
            <TextField key={o.key} meta={o} label={`Phương án ${LETTERS[i]}${i >= 2 ? " (không bắt buộc)" : ""}`} />
          ))}
          <SelectField
            meta={fields.answer}
            label="Đáp án đúng"
            placeholder="Chọn đáp án"
            options={LETTERS.map((l) => ({ value: l, label: l }))}
          />
          <CheckField meta={fields.pinOptions} label="Giữ nguyên thứ tự phương án (ví dụ “Cả A, B và C”)" />
          <SelectField
            meta={fields.difficulty}
            label="Độ khó"
            options={Object.entries(DIFFICULTY_TEXT).map(([value, label]) => ({ value, label }))}
          />
          <TextField meta={fields.legalBasis} label="Căn cứ pháp lý" />
          <DateField meta={fields.asOf} label="Câu hỏi đúng đến ngày" />
          <TextAreaField meta={fields.explanation} label="Giải thích (hiện khi được xem đáp án)" rows={3} />
          <SelectField
            meta={fields.status}
            label="Trạng thái"
            options={[
              { value: "active", label: "Đang dùng (được rút vào đề)" },
              { value: "draft", label: "Nháp" },
            ]}
          />
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={(e) => {
                const data = new FormData(e.currentTarget.form!);
                setPreview({
                  stem: String(data.get(fields.stem.name) ?? ""),
                  options: LETTERS.map((_, i) => String(data.get(`${fields.options.name}[${i}]`) ?? "")).filter(Boolean),
                });
              }}
            >
              Xem trước
            </button>{" "}
            <button type="submit" className="primary">
              Lưu câu hỏi
            </button>
          </div>
        </Form>
      </section>
      {preview ? (
        <section className="card" aria-labelledby="preview-title">
          <h2 id="preview-title">Xem trước như người dự thi thấy</h2>
          <p className="preview-stem">{preview.stem}</p>
          <ol type="A">
            {preview.options.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
