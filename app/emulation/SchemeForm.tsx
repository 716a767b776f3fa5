import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { SelectField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { FormErrors } from "./EditorFields";
import { OWN_FORM, schemeFormSchema } from "./editor-schemas";

type CatalogueForm = { id: string; name: string; target: "collective" | "individual" | "both"; level: string; note: string | null };

const TARGET_TEXT = { collective: "tập thể", individual: "cá nhân", both: "tập thể, cá nhân" } as const;

/** An award scheme: a form or title from the catalogue (or the organizer's own), for whom, at what level, with a quota. */
export function SchemeForm({
  lastResult,
  forms,
  ownForms,
  contests,
  defaults,
  busy,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined | null;
  forms: CatalogueForm[];
  ownForms: { id: string; name: string }[];
  contests: { slug: string; title: string }[];
  defaults: Record<string, string>;
  busy: boolean;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "scheme",
    lastResult: lastResult ?? undefined,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schemeFormSchema }),
    ...VALIDATION_TIMING,
  });
  const [choice, setChoice] = useState(defaults.formChoice ?? "");
  const [quotaType, setQuotaType] = useState(defaults.quotaType ?? "none");
  const [rankBy, setRankBy] = useState(defaults.rankBy ?? "none");
  const chosen = forms.find((f) => f.id === choice);
  return (
    <Form
      method="post"
      className="stack"
      {...getFormProps(form)}
      onChange={(e) => {
        const t = e.target as HTMLSelectElement;
        if (t.name === fields.formChoice.name) setChoice(t.value);
        if (t.name === fields.quotaType.name) setQuotaType(t.value);
        if (t.name === fields.rankBy.name) setRankBy(t.value);
      }}
    >
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        meta={fields.formChoice}
        label="Danh hiệu thi đua hoặc hình thức khen thưởng"
        placeholder="— Chọn trong danh mục —"
        hint="Danh mục theo Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP; chọn “Hình thức riêng mới” nếu không có trong danh mục."
        options={[
          ...forms.map((f) => ({ value: f.id, label: `${f.name} (${TARGET_TEXT[f.target]})` })),
          ...ownForms.map((f) => ({ value: f.id, label: `Hình thức riêng đã dùng: ${f.name}` })),
          { value: OWN_FORM, label: "Hình thức riêng mới của đơn vị" },
        ]}
      />
      {chosen?.note ? <p className="muted small">{chosen.note}</p> : null}
      {choice === OWN_FORM ? <TextField meta={fields.ownName} label="Tên hình thức riêng" hint="Ví dụ: Giấy khen của Giám đốc Sở" /> : null}
      <TextField meta={fields.title} label="Tên trong phong trào" hint="Ví dụ: Giấy khen của Chủ tịch UBND huyện cho tập thể" />
      <div className="grid-2">
        <SelectField
          meta={fields.target}
          label="Đối tượng"
          options={[
            { value: "collective", label: "Tập thể (đơn vị)" },
            { value: "individual", label: "Cá nhân" },
          ]}
        />
        <TextField meta={fields.level} label="Cấp khen thưởng" hint={chosen ? `Danh mục ghi: ${chosen.level}` : "Ví dụ: huyện, tỉnh, cơ sở"} />
      </div>
      <fieldset>
        <legend>Chỉ tiêu</legend>
        <div className="grid-2">
          <SelectField
            meta={fields.quotaType}
            label="Cách tính chỉ tiêu"
            options={[
              { value: "none", label: "Không giới hạn: mọi ứng viên đạt đều được đề nghị" },
              { value: "total", label: "Tổng số cho cả phong trào" },
              { value: "per_unit", label: "Số lượng cho mỗi đơn vị" },
            ]}
            hint="Ví dụ của Văn phòng UBND thành phố Cần Thơ: 3 tập thể và 2 cá nhân mỗi phòng (mỗi đơn vị)."
          />
          {quotaType !== "none" ? <TextField meta={fields.quotaN} label={quotaType === "per_unit" ? "Số lượng mỗi đơn vị" : "Tổng số lượng"} inputMode="numeric" /> : null}
        </div>
        <div className="grid-2">
          <SelectField
            meta={fields.rankBy}
            label="Xếp thứ tự ứng viên đạt theo"
            hint="Khi số ứng viên đạt vượt chỉ tiêu; bằng nhau thì ưu tiên nữ, tập thể có từ 70% nữ (Nghị định 152/2025/NĐ-CP, Điều 4)."
            options={[
              { value: "none", label: "Không xếp (theo tên)" },
              { value: "index_score", label: "Điểm Chỉ số CCHC năm xét" },
              { value: "quiz_score", label: "Điểm cuộc thi" },
            ]}
          />
          {rankBy === "quiz_score" ? (
            <SelectField meta={fields.rankContest} label="Cuộc thi dùng để xếp" placeholder="— Chọn cuộc thi —" options={contests.map((c) => ({ value: c.slug, label: c.title }))} />
          ) : null}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" name="intent" value="scheme" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
