import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { TextField, VALIDATION_TIMING } from "~/components/Field";
import { FormErrors } from "./EditorFields";
import { DOCUMENT_CAP_BYTES, documentSchema } from "./editor-schemas";

/** A launching document: a PDF or Word file under the upload cap, or a link to the published text. */
export function DocumentForm({ lastResult, busy }: { lastResult: SubmissionResult<string[]> | undefined | null; busy: boolean }) {
  const [form, fields] = useForm({
    id: "document",
    lastResult: lastResult ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: documentSchema }),
    ...VALIDATION_TIMING,
  });
  const fileProps = getInputProps(fields.file, { type: "file", ariaDescribedBy: `${fields.file.id}-hint` });
  return (
    <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.title} label="Tên văn bản" hint="Ví dụ: Kế hoạch số 105/KH-UBND ngày 17/5/2024 của UBND phường" />
      <div className="field">
        <label htmlFor={fields.file.id}>Tệp văn bản</label>
        <span className="hint" id={`${fields.file.id}-hint`}>
          PDF hoặc Word (.pdf, .docx, .doc), tối đa {DOCUMENT_CAP_BYTES / 1024 / 1024} MB.
        </span>
        <input {...fileProps} key={fileProps.key} accept=".pdf,.doc,.docx,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
        {fields.file.errors?.length ? (
          <span className="error" id={fields.file.errorId}>
            {fields.file.errors.join(" ")}
          </span>
        ) : null}
      </div>
      <TextField meta={fields.url} label="Hoặc đường dẫn đến văn bản" hint="Ví dụ: trang văn bản trên cổng thông tin điện tử (https://…)" inputMode="text" />
      <div className="actions">
        <button type="submit" name="intent" value="add-document" className="secondary" disabled={busy}>
          Thêm văn bản
        </button>
      </div>
    </Form>
  );
}
