import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { DateField } from "~/components/DateInput";
import { SelectField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { DEADLINE_KIND_TEXT, DEADLINE_KINDS } from "~/core/emulation/deadlines";
import { dateInputValue } from "~/core/vn-date";
import { FormErrors } from "./EditorFields";
import { deadlineSchema, moveDeadlineSchema } from "./editor-schemas";

export type DeadlineView = { id: number; label: string; date: string; time: string | null; kind: string; kindText: string };

const KIND_OPTIONS = DEADLINE_KINDS.map((k) => ({ value: k, label: DEADLINE_KIND_TEXT[k] }));

/** A draft's deadline, new or edited: label, kind, day (dd/mm/yyyy) and an optional hour. */
export function DeadlineForm({ formId, deadline, lastResult, busy }: { formId: string; deadline?: DeadlineView; lastResult: SubmissionResult<string[]> | undefined; busy: boolean }) {
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: deadline ? { label: deadline.label, kind: deadline.kind, date: deadline.date, time: deadline.time ?? "" } : { kind: "other" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deadlineSchema }),
    ...VALIDATION_TIMING,
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="formId" value={formId} />
      {deadline ? <input type="hidden" name="targetId" value={deadline.id} /> : null}
      <TextField meta={fields.label} label="Tên mốc" hint="Ví dụ: Gửi hồ sơ đề nghị khen thưởng về Phòng Nội vụ" />
      <SelectField meta={fields.kind} label="Loại mốc" options={KIND_OPTIONS} hint="Nền tảng nhắc các đơn vị 3 ngày trước hạn đăng ký, kê khai minh chứng và nộp hồ sơ." />
      <div className="grid-2">
        <DateField meta={fields.date} label="Ngày" />
        <TextField meta={fields.time} label="Giờ (không bắt buộc)" hint="Ví dụ 17:00; để trống là hết ngày." inputMode="numeric" />
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="save-deadline" className={deadline ? "secondary" : "primary"} disabled={busy}>
          {deadline ? "Lưu mốc" : "Thêm mốc thời hạn"}
          {deadline ? <span className="sr-only"> {deadline.label}</span> : null}
        </button>
      </div>
    </Form>
  );
}

/** Moving a launched movement's deadline later, with the reason the units will read. */
export function MoveDeadlineForm({ formId, deadline, lastResult, busy }: { formId: string; deadline: DeadlineView; lastResult: SubmissionResult<string[]> | undefined; busy: boolean }) {
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: { date: deadline.date, time: deadline.time ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moveDeadlineSchema }),
    ...VALIDATION_TIMING,
  });
  const reasonProps = getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="targetId" value={deadline.id} />
      <div className="grid-2">
        <DateField meta={fields.date} label="Ngày mới" hint={`Hạn đang công bố: ${dateInputValue(deadline.date)}${deadline.time ? ` lúc ${deadline.time}` : ""}; chỉ lùi về sau.`} />
        <TextField meta={fields.time} label="Giờ (không bắt buộc)" hint="Ví dụ 17:00; để trống là hết ngày." inputMode="numeric" />
      </div>
      <div className="field">
        <label htmlFor={fields.reason.id}>Lý do dời hạn</label>
        <span className="hint" id={`${fields.reason.id}-hint`}>
          Thủ trưởng các đơn vị tham gia nhận thông báo kèm lý do này.
        </span>
        <textarea {...reasonProps} key={reasonProps.key} rows={3} />
        {fields.reason.errors?.length ? (
          <span className="error" id={fields.reason.errorId}>
            {fields.reason.errors.join(" ")}
          </span>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="move-deadline" className="primary" disabled={busy}>
          Dời hạn và báo các đơn vị<span className="sr-only">: {deadline.label}</span>
        </button>
      </div>
    </Form>
  );
}
