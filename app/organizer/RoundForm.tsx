import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { DateField } from "~/components/DateInput";
import { FieldErrors, LockedValue, SavedStatus, SelectField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { CheckField, FormErrors } from "~/organizer/OrganizerFields";
import { PRIZE_NAMES } from "~/core/organizer/prizes";
import { DIFFICULTY_TEXT, RANK_PUBLICATION_TEXT, REVIEW_TEXT, roundSchema, TARGET_TEXT } from "~/organizer/organizer.schemas";

export type RoundDefaults = {
  title: string;
  part: number;
  weekNo: number | null;
  opensLocal: string;
  closesLocal: string;
  questionCount: number;
  timeLimitS: number;
  attemptsAllowed: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  reviewPolicy: "never" | "after_submit" | "after_close";
  rankPublication: "live" | "after_close" | "withheld";
  predictionPrompt: string | null;
  predictionTarget: "participants" | "attempts" | "manual";
  drawRules: { categoryId: number | null; difficulty: "de" | "trung_binh" | "kho" | null; count: number }[];
  prizeTable: { name: string; count: number }[];
};

const RULE_ROWS = 4;

/** The quiz settings of a round: window, draw, timing, review, prediction and prizes. */
export function RoundForm({
  id,
  intent,
  defaults,
  categories,
  lastResult,
  locked,
  submitLabel,
  savedMessage,
}: {
  id: string;
  intent: string;
  defaults: RoundDefaults;
  categories: { id: number; name: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
  locked: boolean;
  submitLabel: string;
  /** Shown below the button after a save went through. */
  savedMessage?: string | null;
}) {
  const rules = Array.from({ length: RULE_ROWS }, (_, i) => defaults.drawRules[i] ?? null).map((r) => ({
    categoryId: r?.categoryId ?? undefined,
    difficulty: r?.difficulty ?? undefined,
    count: r?.count ?? undefined,
  }));
  const [form, fields] = useForm({
    id,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundSchema }),
    ...VALIDATION_TIMING,
    defaultValue: {
      title: defaults.title,
      part: defaults.part,
      weekNo: defaults.weekNo ?? undefined,
      opensAt: defaults.opensLocal,
      closesAt: defaults.closesLocal,
      questionCount: defaults.questionCount,
      timeLimitMinutes: Math.round(defaults.timeLimitS / 60),
      attemptsAllowed: defaults.attemptsAllowed,
      shuffleQuestions: defaults.shuffleQuestions ? "on" : undefined,
      shuffleOptions: defaults.shuffleOptions ? "on" : undefined,
      reviewPolicy: defaults.reviewPolicy,
      rankPublication: defaults.rankPublication,
      predictionPrompt: defaults.predictionPrompt ?? "",
      predictionTarget: defaults.predictionTarget,
      drawRules: rules,
      prizes: PRIZE_NAMES.map((name) => defaults.prizeTable.find((p) => p.name === name)?.count ?? 0),
    },
  });
  const ruleFields = fields.drawRules.getFieldList();
  const prizeFields = fields.prizes.getFieldList();
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {locked ? (
        <p className="notice">
          Đã có người làm bài: giờ mở, số câu, thời gian, số lượt, cách rút và trộn câu, thời điểm xem đáp án và câu hỏi dự
          đoán đã bị khóa (hiện mờ, không sửa được). Vẫn đổi được tên vòng, phần thi, tuần thi, giờ đóng, việc công bố thứ hạng
          và cơ cấu giải thưởng.
        </p>
      ) : null}
      <TextField meta={fields.title} label="Tên vòng thi" />
      <div className="grid-2">
        <TextField meta={fields.part} label="Phần thi số" type="number" inputMode="numeric" />
        <TextField meta={fields.weekNo} label="Tuần thi số (nếu là tuần thi)" type="number" inputMode="numeric" />
      </div>
      <div className="grid-2">
        <DateField withTime meta={fields.opensAt} label="Mở lúc (giờ Việt Nam)" locked={locked} />
        <DateField withTime meta={fields.closesAt} label="Đóng lúc (giờ Việt Nam)" />
      </div>
      <div className="grid-3">
        <TextField meta={fields.questionCount} label="Số câu hỏi" type="number" inputMode="numeric" locked={locked} />
        <TextField meta={fields.timeLimitMinutes} label="Thời gian làm bài (phút)" type="number" inputMode="numeric" locked={locked} />
        <TextField meta={fields.attemptsAllowed} label="Số lượt thi" type="number" inputMode="numeric" locked={locked} />
      </div>
      <CheckField meta={fields.shuffleQuestions} label="Trộn thứ tự câu hỏi" locked={locked} />
      <CheckField meta={fields.shuffleOptions} label="Trộn thứ tự phương án" locked={locked} />
      <SelectField
        meta={fields.reviewPolicy}
        label="Người dự thi được xem đáp án"
        options={Object.entries(REVIEW_TEXT).map(([value, label]) => ({ value, label }))}
        hintAs="p"
        hintClassName="hint muted"
        hint="“Sau lượt thi cuối cùng”: đáp án chỉ hiện khi người đó đã dùng hết số lượt và không còn bài đang làm, hoặc khi vòng thi đóng; còn lượt thì chưa xem được, để đáp án không giúp lượt sau."
        locked={locked}
      />
      <fieldset className="stack">
        <legend>Quy tắc rút câu hỏi</legend>
        <p className="hint muted">Mỗi dòng rút một số câu theo chủ đề và độ khó; phần còn lại của đề rút từ cả ngân hàng.</p>
        {ruleFields.map((rule, i) => {
          const r = rule.getFieldset();
          return (
            <div className="grid-3" key={rule.key}>
              <SelectField
                meta={r.categoryId}
                label={`Quy tắc ${i + 1}: chủ đề`}
                placeholder="Mọi chủ đề"
                options={categories.map((c) => ({ value: c.id, label: c.name }))}
                locked={locked}
              />
              <SelectField
                meta={r.difficulty}
                label={`Quy tắc ${i + 1}: độ khó`}
                placeholder="Mọi độ khó"
                options={Object.entries(DIFFICULTY_TEXT).map(([value, label]) => ({ value, label }))}
                locked={locked}
              />
              <TextField meta={r.count} label={`Quy tắc ${i + 1}: số câu`} type="number" inputMode="numeric" locked={locked} />
            </div>
          );
        })}
        <FieldErrors meta={fields.drawRules} />
      </fieldset>
      <fieldset className="stack">
        <legend>Câu hỏi dự đoán</legend>
        <TextField meta={fields.predictionPrompt} label="Câu hỏi dự đoán (để trống nếu không có)" locked={locked} />
        <SelectField
          meta={fields.predictionTarget}
          label="Con số thật để so"
          options={Object.entries(TARGET_TEXT).map(([value, label]) => ({ value, label }))}
          locked={locked}
        />
      </fieldset>
      <SelectField
        meta={fields.rankPublication}
        label="Công bố thứ hạng và giải cho người dự thi và trên trang kết quả công khai"
        options={Object.entries(RANK_PUBLICATION_TEXT).map(([value, label]) => ({ value, label }))}
      />
      <fieldset className="grid-2">
        <legend>Cơ cấu giải thưởng</legend>
        {prizeFields.map((p, i) => (
          <TextField key={p.key} meta={p} label={`Số ${PRIZE_NAMES[i]}`} type="number" inputMode="numeric" />
        ))}
      </fieldset>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
      <SavedStatus message={savedMessage} />
    </Form>
  );
}
