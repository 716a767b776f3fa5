import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { VALIDATION_TIMING } from "~/components/Field";
import { declarationSchema, parentReturnSchema } from "./schemas";

/**
 * The two forms of the movement page that a unit head fills on a phone: a declaration with its evidence, and
 * the parent unit's return of a child's registration. Conform with the schemas the server parses; what only
 * the server can check (the file's content, the scope) comes back as the field's error.
 */

export type FormReply = { target: string; ok: boolean; message: string; reply: SubmissionResult<string[]> };

type DeclItem = {
  criterionId: string;
  label: string;
  kind: string;
  value: number | boolean | null;
  evidence: string;
  statusText: string;
  files: { id: number; name: string; href: string }[];
};

export function EvidenceFiles({ files }: { files: { id: number; name: string; href: string }[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.href} download>
            {f.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <span className="error" id={id}>
      {errors.join(" ")}
    </span>
  ) : null;
}

export function DeclarationForm({ unitId, item, result }: { unitId: number; item: DeclItem; result: FormReply | undefined }) {
  const formId = `decl-${unitId}-${item.criterionId}`;
  const mine = result?.target === formId ? result : undefined;
  const [form, fields] = useForm({
    id: formId,
    lastResult: mine?.reply,
    ...VALIDATION_TIMING,
    defaultValue: { value: item.value === null ? "" : typeof item.value === "boolean" ? (item.value ? "co" : "khong") : String(item.value), evidence: item.evidence },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declarationSchema }),
  });
  return (
    <Form method="post" encType="multipart/form-data" className="stack declare" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="declare" />
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="criterionId" value={item.criterionId} />
      <p>
        <strong>{item.label}</strong> — {item.statusText}
      </p>
      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="error">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={fields.value.id}>{item.kind === "declared_boolean" ? "Kết quả" : item.kind === "disqualify_share" ? "Số người" : "Số liệu"}</label>
        {item.kind === "declared_boolean" ? (
          <select {...getSelectProps(fields.value)} key={fields.value.key}>
            <option value="">— chọn —</option>
            <option value="co">Có</option>
            <option value="khong">Không</option>
          </select>
        ) : (
          <input {...getInputProps(fields.value, { type: "text" })} key={fields.value.key} inputMode="decimal" />
        )}
        <FieldError id={fields.value.errorId} errors={fields.value.errors} />
      </div>
      {item.files.length ? (
        <div>
          Tệp đã gửi:
          <EvidenceFiles files={item.files} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={fields.file.id}>{item.files.length ? "Thêm tệp minh chứng" : "Tệp minh chứng"}</label>
        <input
          {...getInputProps(fields.file, { type: "file" })}
          // A new file saved: the picker empties, so the same file is not sent twice.
          key={`${fields.file.key ?? ""}-${item.files.length}`}
          accept=".pdf,.docx,.jpg,.jpeg,.png,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png"
        />
        <FieldError id={fields.file.errorId} errors={fields.file.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.evidence.id}>Hoặc đường dẫn tài liệu kiểm chứng</label>
        <input {...getInputProps(fields.evidence, { type: "url" })} key={fields.evidence.key} placeholder="https://" />
        <FieldError id={fields.evidence.errorId} errors={fields.evidence.errors} />
      </div>
      {mine?.ok ? (
        <p role="status" className="notice">
          {mine.message}
        </p>
      ) : null}
      <button type="submit" className="primary">
        Lưu kê khai
      </button>
    </Form>
  );
}

export function ParentReturnForm({ registrationId, unitName, result }: { registrationId: number; unitName: string; result: FormReply | undefined }) {
  const formId = `review-${registrationId}`;
  const mine = result?.target === formId ? result : undefined;
  const [form, fields] = useForm({
    id: `${formId}-return`,
    lastResult: mine && !mine.ok ? mine.reply : undefined,
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: parentReturnSchema }),
  });
  return (
    <Form method="post" className="stack review-reason" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="parent-return" />
      <input type="hidden" name="registrationId" value={registrationId} />
      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="error">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={fields.reason.id}>Lý do trả lại bản đăng ký của {unitName}</label>
        <textarea {...getTextareaProps(fields.reason)} key={fields.reason.key} rows={2} />
        <FieldError id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <button type="submit" className="secondary">
        Trả lại để hoàn thiện
      </button>
    </Form>
  );
}
