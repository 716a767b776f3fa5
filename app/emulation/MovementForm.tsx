import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useMemo, useState } from "react";
import { DateField } from "~/components/DateInput";
import { SelectField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { Markdown } from "~/components/Markdown";
import { FormErrors } from "./EditorFields";
import { KIND_TEXT, movementSchema } from "./editor-schemas";
import { MOVEMENT_KINDS } from "./schemas";

export type MovementChoices = {
  organizingUnits: { id: number; name: string }[];
  tree: { id: number; name: string; depth: number; parentId: number | null }[];
  contests: { id: number; slug: string; title: string }[];
};

/** The movement's own fields: the same form for a new draft and for editing one. */
export function MovementForm({
  lastResult,
  choices,
  defaults,
  busy,
  submitLabel,
  withDeadlines = true,
}: {
  lastResult: SubmissionResult<string[]> | undefined | null;
  choices: MovementChoices;
  defaults: Record<string, string | string[]>;
  busy: boolean;
  submitLabel: string;
  /** The new-movement page asks the two main deadlines; the edit page has a section for every deadline. */
  withDeadlines?: boolean;
}) {
  const [form, fields] = useForm<Record<string, string>>({
    id: "movement",
    lastResult: lastResult ?? undefined,
    defaultValue: defaults as Record<string, string>,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: movementSchema }) as never,
    ...VALIDATION_TIMING,
  });
  const [root, setRoot] = useState(String(defaults.rootUnitId ?? ""));
  const [contents, setContents] = useState(String(defaults.contentsMd ?? ""));
  const [preview, setPreview] = useState(false);
  const excluded = new Set((defaults.excludedUnitIds as string[] | undefined) ?? []);
  // The units that may be left out: those below the chosen root, indented as the tree is.
  const below = useMemo(() => {
    const rootId = Number(root);
    const inside = new Set<number>([rootId]);
    const out: MovementChoices["tree"] = [];
    for (const u of choices.tree) {
      if (u.parentId !== null && inside.has(u.parentId)) {
        inside.add(u.id);
        out.push(u);
      }
    }
    return out;
  }, [root, choices.tree]);
  const rootDepth = choices.tree.find((u) => String(u.id) === root)?.depth ?? 0;
  const contentsProps = getTextareaProps(fields.contentsMd, { ariaDescribedBy: `${fields.contentsMd.id}-hint` });
  return (
    <Form method="post" className="stack movement-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.title} label="Tên phong trào" hint="Ví dụ: Phong trào thi đua đẩy mạnh cải cách hành chính năm 2026" />
      <div className="grid-2">
        <SelectField
          meta={fields.organizerUnitId}
          label="Đơn vị phát động"
          placeholder="— Chọn đơn vị —"
          options={choices.organizingUnits.map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <SelectField meta={fields.kind} label="Loại phong trào" options={MOVEMENT_KINDS.map((k) => ({ value: k, label: KIND_TEXT[k] }))} />
      </div>
      <fieldset>
        <legend>Thời gian</legend>
        <div className="grid-3">
          <DateField meta={fields.periodStart} label="Từ ngày" />
          <DateField meta={fields.periodEnd} label="Đến ngày" />
          <TextField meta={fields.year} label="Năm xét khen thưởng" inputMode="numeric" hint="Năm có kết quả được xét (phong trào giai đoạn: năm cuối)." />
        </div>
      </fieldset>
      <fieldset>
        <legend>Kế hoạch phát động</legend>
        <div className="grid-2">
          <TextField meta={fields.planNumber} label="Số kế hoạch" hint="Ví dụ: 105/KH-UBND. Để trống nếu chưa ban hành." />
          <DateField meta={fields.planDate} label="Ngày ban hành kế hoạch" />
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={fields.contentsMd.id}>Nội dung thi đua</label>
        <span className="hint" id={`${fields.contentsMd.id}-hint`}>
          Viết theo Markdown: dòng bắt đầu bằng “- ” là một ý; **chữ đậm** đặt giữa hai cặp dấu sao.
        </span>
        <textarea {...contentsProps} key={contentsProps.key} rows={8} onChange={(e) => setContents(e.target.value)} />
        {fields.contentsMd.errors?.length ? (
          <span className="error" id={fields.contentsMd.errorId}>
            {fields.contentsMd.errors.join(" ")}
          </span>
        ) : null}
        <div>
          <button type="button" className="secondary" aria-expanded={preview} aria-controls="contents-preview" onClick={() => setPreview((p) => !p)}>
            {preview ? "Ẩn bản xem trước" : "Xem trước nội dung"}
          </button>
        </div>
        <div id="contents-preview" className="card markdown-preview" hidden={!preview}>
          {contents.trim() ? <Markdown>{contents}</Markdown> : <p className="muted">Chưa có nội dung.</p>}
        </div>
      </div>
      <fieldset>
        <legend>Đơn vị tham gia</legend>
        <div className="field">
          <label htmlFor={fields.rootUnitId.id}>Đơn vị tham gia (cùng các đơn vị trực thuộc)</label>
          <span className="hint" id={`${fields.rootUnitId.id}-hint`}>
            Mọi đơn vị trực thuộc đơn vị này tham gia phong trào, trừ các đơn vị bạn đánh dấu loại trừ bên dưới.
          </span>
          <select
            id={fields.rootUnitId.id}
            name={fields.rootUnitId.name}
            defaultValue={String(defaults.rootUnitId ?? "")}
            aria-invalid={fields.rootUnitId.errors?.length ? true : undefined}
            aria-describedby={fields.rootUnitId.errors?.length ? `${fields.rootUnitId.id}-hint ${fields.rootUnitId.errorId}` : `${fields.rootUnitId.id}-hint`}
            onChange={(e) => setRoot(e.target.value)}
          >
            <option value="">— Chọn đơn vị —</option>
            {choices.tree.map((u) => (
              <option key={u.id} value={u.id}>
                {`${"\u00a0\u00a0".repeat(u.depth)}${u.name}`}
              </option>
            ))}
          </select>
          {fields.rootUnitId.errors?.length ? (
            <span className="error" id={fields.rootUnitId.errorId}>
              {fields.rootUnitId.errors.join(" ")}
            </span>
          ) : null}
        </div>
        {below.length ? (
          <details className="exclusions" open={excluded.size > 0}>
            <summary>Loại trừ đơn vị ({below.length} đơn vị trực thuộc)</summary>
            <fieldset className="choice" aria-describedby={fields.excludedUnitIds.errors?.length ? fields.excludedUnitIds.errorId : undefined}>
              <legend className="sr-only">Đơn vị không tham gia</legend>
              {below.map((u) => (
                <label key={u.id} className="check" style={{ paddingLeft: `${(u.depth - rootDepth - 1) * 1.25}rem` }}>
                  <input type="checkbox" name={fields.excludedUnitIds.name} value={u.id} defaultChecked={excluded.has(String(u.id))} />
                  <span>{u.name}</span>
                </label>
              ))}
            </fieldset>
          </details>
        ) : null}
        {fields.excludedUnitIds.errors?.length ? (
          <span className="error" id={fields.excludedUnitIds.errorId}>
            {fields.excludedUnitIds.errors.join(" ")}
          </span>
        ) : null}
      </fieldset>
      {withDeadlines ? (
        <fieldset>
          <legend>Thời hạn</legend>
          <p className="hint">Các mốc khác (kê khai minh chứng, gửi hồ sơ lên cấp trên, thẩm định) thêm được ở trang soạn phong trào sau khi lưu.</p>
          <div className="grid-2">
            <DateField meta={fields.registrationDeadline} label="Hạn đăng ký thi đua" />
            <DateField meta={fields.dossierDeadline} label="Hạn nộp hồ sơ đề nghị khen thưởng" />
          </div>
        </fieldset>
      ) : null}
      <SelectField
        meta={fields.linkedContestId}
        label="Cuộc thi gắn với phong trào (nếu có)"
        placeholder="— Không gắn cuộc thi —"
        options={choices.contests.map((c) => ({ value: String(c.id), label: c.title }))}
      />
      <div className="actions">
        <button type="submit" name="intent" value="movement" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
