import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { FieldFrame, hintId, SelectField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { BAND_LABEL, SCOPE_LABEL } from "~/core/emulation/text";
import { BANDS, SCOPES } from "~/core/emulation/types";
import { KIND_EXAMPLE, KIND_EXPLAIN, KIND_TITLE } from "./criterion-text";
import { FormErrors } from "./EditorFields";
import { criterionFormSchema, type FormKind } from "./editor-schemas";

const YEAR_OPTIONS = (year: number) => [
  { value: "0", label: `Năm xét (${year})` },
  { value: "-1", label: `Năm trước năm xét (${year - 1})` },
];

/** One criterion kind's form: the fields that kind needs, and what the platform will check. */
export function CriterionForm({
  kind,
  year,
  lastResult,
  defaults,
  contests,
  titles,
  councils,
  busy,
  submitLabel,
}: {
  kind: FormKind;
  year: number;
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaults: Record<string, string>;
  contests: { slug: string; title: string }[];
  titles: string[];
  councils: string[];
  busy: boolean;
  submitLabel: string;
}) {
  const schema = criterionFormSchema(kind);
  const [form, fields] = useForm<Record<string, string>>({
    id: `criterion-${kind}`,
    lastResult: lastResult ?? undefined,
    defaultValue: defaults,
    // One schema per kind, built at run time: the fields are typed by name below.
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
    ...VALIDATION_TIMING,
  });
  const f = fields as Record<string, (typeof fields)[string]>;
  const contestSelect = <SelectField meta={f.contest} label="Cuộc thi" placeholder="— Chọn cuộc thi —" options={contests.map((c) => ({ value: c.slug, label: c.title }))} />;
  const yearSelect = <SelectField meta={f.yearOffset} label="Kết quả của năm" options={YEAR_OPTIONS(year)} />;
  let body: JSX.Element | null = null;
  switch (kind) {
    case "participation_rate":
      body = (
        <>
          {contestSelect}
          <TextField meta={f.minRatePct} label="Tỷ lệ tham gia tối thiểu (%)" inputMode="numeric" hint="Ví dụ 100: mọi cán bộ, công chức, viên chức của đơn vị đều tham gia." />
        </>
      );
      break;
    case "quiz_score":
      body = (
        <>
          {contestSelect}
          <TextField meta={f.minScore} label="Điểm tối thiểu" inputMode="numeric" hint="Ghi 0 nếu chỉ cần đã tham gia." />
        </>
      );
      break;
    case "index_score":
      body = (
        <>
          <TextField meta={f.minScore} label="Chỉ số CCHC tối thiểu (%)" inputMode="numeric" hint="Ví dụ 90." />
          {yearSelect}
        </>
      );
      break;
    case "index_band":
      body = (
        <>
          <SelectField meta={f.minBand} label="Xếp loại tối thiểu" options={BANDS.map((b) => ({ value: b, label: `${BAND_LABEL[b]} trở lên` }))} />
          {yearSelect}
        </>
      );
      break;
    case "index_rank":
      body = (
        <>
          <TextField meta={f.maxRank} label="Trong số vị trí cao nhất" inputMode="numeric" hint="Ví dụ 3: xếp hạng Nhất, Nhì hoặc Ba." />
          {yearSelect}
        </>
      );
      break;
    case "index_years": {
      const consecutive = getInputProps(f.consecutive, { type: "checkbox" });
      body = (
        <>
          <TextField meta={f.minScore} label="Chỉ số CCHC tối thiểu mỗi năm (%)" inputMode="numeric" />
          <div className="grid-2">
            <TextField meta={f.span} label="Số năm của giai đoạn (tính đến năm xét)" inputMode="numeric" hint={`Ví dụ 5: các năm ${year - 4}–${year}.`} />
            <TextField meta={f.minYears} label="Số năm phải đạt" inputMode="numeric" />
          </div>
          <label className="check">
            <input {...consecutive} key={consecutive.key} />
            <span>Các năm đạt phải liên tục</span>
          </label>
        </>
      );
      break;
    }
    case "initiatives_registered":
      body = <TextField meta={f.min} label="Số mô hình, giải pháp, sáng kiến đăng ký tối thiểu" inputMode="numeric" />;
      break;
    case "initiatives_recognised":
      body = (
        <>
          <TextField meta={f.min} label="Số sáng kiến được công nhận tối thiểu" inputMode="numeric" />
          <SelectField meta={f.minScope} label="Phạm vi ảnh hưởng tối thiểu" options={SCOPES.map((s) => ({ value: s, label: `${SCOPE_LABEL[s][0].toUpperCase()}${SCOPE_LABEL[s].slice(1)} trở lên` }))} />
          <CouncilField meta={f.council} councils={councils} />
        </>
      );
      break;
    case "initiatives_applied":
      body = <TextField meta={f.minPct} label="Tỷ lệ được áp dụng có hiệu quả tối thiểu (%)" inputMode="numeric" hint="Ví dụ 10." />;
      break;
    case "past_titles":
      body = (
        <>
          <TextField meta={f.title} label="Danh hiệu hoặc hình thức đã đạt" hint={`Ghi đúng tên như trong quyết định, ví dụ: ${titles.slice(6, 8).join("; ")}.`} />
          <TextField meta={f.years} label="Số năm liên tục liền trước năm xét" inputMode="numeric" hint={`Ví dụ 2: năm ${year - 2} và ${year - 1}.`} />
        </>
      );
      break;
    case "declared_boolean":
      body = (
        <SelectField
          meta={f.expected}
          label="Câu trả lời đạt yêu cầu"
          options={[
            { value: "co", label: "Có" },
            { value: "khong", label: "Không" },
          ]}
        />
      );
      break;
    case "declared_number":
      body = (
        <div className="grid-3">
          <SelectField
            meta={f.op}
            label="So sánh"
            options={[
              { value: ">=", label: "Từ … trở lên" },
              { value: "<=", label: "Không quá …" },
              { value: "=", label: "Bằng …" },
            ]}
          />
          <TextField meta={f.target} label="Mức yêu cầu" inputMode="numeric" />
          <TextField meta={f.unit} label="Đơn vị tính (nếu có)" hint="Ví dụ: %, hồ sơ, ngày" />
        </div>
      );
      break;
    case "disqualify_share":
      body = <TextField meta={f.maxSharePct} label="Tỷ lệ vi phạm tối đa trên biên chế (%)" inputMode="numeric" hint="Ví dụ 10: trên 10% biên chế đi muộn thì không xét." />;
      break;
    case "disqualify_pending":
      body = null;
      break;
  }
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="kind" value={kind} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="notice criterion-explain">
        <strong>{KIND_TITLE[kind]}.</strong> {KIND_EXPLAIN[kind]}
      </div>
      <TextField meta={f.label} label="Nội dung tiêu chí (như ghi trong kế hoạch)" hint={`Ví dụ: ${KIND_EXAMPLE[kind]}.`} />
      {body}
      <div className="actions">
        <button type="submit" name="intent" value="criterion" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** The council's name, typed or picked from those the platform knows: a criterion only counts an exact match. */
function CouncilField({ meta, councils }: { meta: Parameters<typeof getInputProps>[0]; councils: string[] }) {
  const props = getInputProps(meta, { type: "text", ariaDescribedBy: hintId(meta) });
  return (
    <FieldFrame
      meta={meta}
      label="Hội đồng công nhận (nếu bắt buộc)"
      hint="Ghi đúng tên hội đồng như trong Sổ sáng kiến (gõ để chọn); để trống nếu hội đồng nào công nhận cũng được."
    >
      <input {...props} key={props.key} list="hoi-dong-sang-kien" autoComplete="off" />
      <datalist id="hoi-dong-sang-kien">
        {councils.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </FieldFrame>
  );
}
