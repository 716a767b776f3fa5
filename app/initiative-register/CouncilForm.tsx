import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { FieldFrame, SavedStatus, SelectField, TextAreaField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { COUNCIL_LEVELS, councilLevelText } from "~/core/initiative-register/rules";
import { councilSchema } from "./schemas";

export type CouncilDefaults = {
  name?: string;
  unitId?: string;
  level?: string;
  fields?: string;
  passMark?: string;
  criteria: { name: string; maxPoints: string }[];
  chairPhone?: string;
  memberPhones?: string;
  secretaryPhone?: string;
};

/**
 * The council's settings: who sits on it (the chair, the members, the secretary, by phone number), the
 * fields it covers, its phiếu chấm (criteria and points, one row each) and the pass mark.
 */
export function CouncilForm({
  id,
  lastResult,
  units,
  defaults,
  busy,
  submitLabel,
  saved,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined | null;
  units: { id: number; name: string }[];
  defaults: CouncilDefaults;
  busy: boolean;
  submitLabel: string;
  saved: string | null;
}) {
  const [form, fields] = useForm({
    id,
    lastResult: lastResult ?? undefined,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: councilSchema }),
    ...VALIDATION_TIMING,
  });
  const criteria = fields.criteria.getFieldList();
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      {form.errors?.length ? (
        <p className="form-error" id={form.errorId} role="alert">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <TextField meta={fields.name} label="Tên hội đồng" />
      <SelectField meta={fields.unitId} label="Đơn vị thành lập" placeholder="— Chọn đơn vị —" options={units.map((u) => ({ value: u.id, label: u.name }))} />
      <SelectField
        meta={fields.level}
        label="Cấp hội đồng"
        hint="Cấp tỉnh: lập ở tỉnh; cấp huyện/sở: ở huyện, sở, ngành; cơ sở: ở mọi đơn vị dưới cấp tỉnh."
        options={COUNCIL_LEVELS.map((l) => ({ value: l, label: councilLevelText[l] }))}
      />
      <TextField meta={fields.fields} label="Lĩnh vực phụ trách" hint="Cách nhau bởi dấu phẩy; bỏ trống nếu xét mọi lĩnh vực." />
      <TextField meta={fields.chairPhone} label="Số điện thoại của Chủ tịch hội đồng" type="tel" inputMode="tel" />
      <TextAreaField meta={fields.memberPhones} label="Số điện thoại các thành viên khác" hint="Mỗi số một dòng (hoặc cách nhau bởi dấu phẩy); mỗi người chỉ ghi một lần." rows={3} />
      <TextField
        meta={fields.secretaryPhone}
        label="Số điện thoại của thư ký"
        type="tel"
        inputMode="tel"
        hint="Thư ký theo dõi tiến độ chấm và ghi kết luận; có thể đồng thời là thành viên."
      />
      <fieldset className="field criteria-rows">
        <legend>Phiếu chấm điểm: tiêu chí và điểm tối đa</legend>
        {fields.criteria.errors?.length ? (
          <p className="error" id={fields.criteria.errorId}>
            {fields.criteria.errors.join(" ")}
          </p>
        ) : null}
        {criteria.map((row, i) => {
          const c = row.getFieldset();
          const nameProps = getInputProps(c.name, { type: "text" });
          const pointsProps = getInputProps(c.maxPoints, { type: "text" });
          return (
            <div className="criterion-row" key={row.key}>
              <FieldFrame meta={c.name} label={`Tiêu chí ${i + 1}`}>
                <input {...nameProps} key={nameProps.key} />
              </FieldFrame>
              <FieldFrame meta={c.maxPoints} label="Điểm tối đa" className="field points">
                <input {...pointsProps} key={pointsProps.key} inputMode="decimal" />
              </FieldFrame>
              {criteria.length > 1 ? (
                <button className="secondary small" {...form.remove.getButtonProps({ name: fields.criteria.name, index: i })}>
                  Bỏ tiêu chí {i + 1}
                </button>
              ) : null}
            </div>
          );
        })}
        <button className="secondary" {...form.insert.getButtonProps({ name: fields.criteria.name, defaultValue: { name: "", maxPoints: "" } })}>
          Thêm tiêu chí
        </button>
      </fieldset>
      <TextField
        meta={fields.passMark}
        label="Điểm đạt (điểm trung bình tối thiểu để công nhận)"
        inputMode="numeric"
        hint="Lớn hơn 0 và không vượt quá tổng điểm tối đa của phiếu chấm."
      />
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
      <SavedStatus message={saved} />
    </Form>
  );
}
