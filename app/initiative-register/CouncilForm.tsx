import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { SavedStatus, TextField, VALIDATION_TIMING } from "~/components/Field";
import { TextArea } from "~/initiatives/Initiative";
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
  const unitProps = getSelectProps(fields.unitId);
  const levelProps = getSelectProps(fields.level);
  const criteria = fields.criteria.getFieldList();
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      {form.errors?.length ? (
        <p className="form-error" id={form.errorId} role="alert">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <TextField meta={fields.name} label="Tên hội đồng" />
      <div className="field">
        <label htmlFor={fields.unitId.id}>Đơn vị thành lập</label>
        <select {...unitProps} key={unitProps.key}>
          <option value="">— Chọn đơn vị —</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        {fields.unitId.errors?.length ? (
          <span className="error" id={fields.unitId.errorId}>
            {fields.unitId.errors.join(" ")}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={fields.level.id}>Cấp hội đồng</label>
        <span className="hint" id={`${fields.level.id}-hint`}>
          Cấp tỉnh: lập ở tỉnh; cấp huyện/sở: ở huyện, sở, ngành; cơ sở: ở mọi đơn vị dưới cấp tỉnh.
        </span>
        <select {...levelProps} key={levelProps.key} aria-describedby={[`${fields.level.id}-hint`, levelProps["aria-describedby"]].filter(Boolean).join(" ")}>
          {COUNCIL_LEVELS.map((l) => (
            <option key={l} value={l}>
              {councilLevelText[l]}
            </option>
          ))}
        </select>
        {fields.level.errors?.length ? (
          <span className="error" id={fields.level.errorId}>
            {fields.level.errors.join(" ")}
          </span>
        ) : null}
      </div>
      <TextField meta={fields.fields} label="Lĩnh vực phụ trách" hint="Cách nhau bởi dấu phẩy; bỏ trống nếu xét mọi lĩnh vực." />
      <TextField meta={fields.chairPhone} label="Số điện thoại của Chủ tịch hội đồng" type="tel" inputMode="tel" />
      <TextArea meta={fields.memberPhones} label="Số điện thoại các thành viên khác" hint="Mỗi số một dòng (hoặc cách nhau bởi dấu phẩy); mỗi người chỉ ghi một lần." rows={3} />
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
              <div className="field">
                <label htmlFor={c.name.id}>Tiêu chí {i + 1}</label>
                <input {...nameProps} key={nameProps.key} />
                {c.name.errors?.length ? (
                  <span className="error" id={c.name.errorId}>
                    {c.name.errors.join(" ")}
                  </span>
                ) : null}
              </div>
              <div className="field points">
                <label htmlFor={c.maxPoints.id}>Điểm tối đa</label>
                <input {...pointsProps} key={pointsProps.key} inputMode="decimal" />
                {c.maxPoints.errors?.length ? (
                  <span className="error" id={c.maxPoints.errorId}>
                    {c.maxPoints.errors.join(" ")}
                  </span>
                ) : null}
              </div>
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
