import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { DateField } from "~/components/DateInput";
import { SelectField, TextAreaField, TextField } from "~/components/Field";
import { SCOPES, scopeText } from "~/core/initiative-register/rules";
import { LiveSimilarPanel, useLiveSimilar } from "./LiveSimilar";
import { requestSchema } from "./schemas";

const LIVE_FIELDS = ["title", "novelty", "problem"];

export type RequestDefaults = Record<string, string>;

/** The đơn yêu cầu công nhận sáng kiến: saved as a draft any time, filed with the council when complete. */
export function RequestForm({
  lastResult,
  units,
  defaults,
  busy,
  liveCheck = false,
}: {
  lastResult: SubmissionResult<string[]> | undefined | null;
  units: { id: number; name: string }[];
  defaults: RequestDefaults;
  busy: boolean;
  /** The duplicate-idea check while the author types (the new-request form, before the first save). */
  liveCheck?: boolean;
}) {
  const live = useLiveSimilar(LIVE_FIELDS);
  const [form, fields] = useForm({
    lastResult: lastResult ?? undefined,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: requestSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)} onInput={liveCheck ? live.onInput : undefined}>
      {form.errors?.length ? (
        <p className="form-error" id={form.errorId} role="alert">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <TextField meta={fields.title} label="Tên sáng kiến" />
      {liveCheck ? <LiveSimilarPanel status={live.status} /> : null}
      <TextField meta={fields.field} label="Lĩnh vực" hint="Ví dụ: Cải cách thủ tục hành chính, Chính quyền số" />
      <SelectField meta={fields.unitId} label="Đơn vị áp dụng sáng kiến" placeholder="— Chọn đơn vị —" options={units.map((u) => ({ value: u.id, label: u.name }))} />
      <TextAreaField
        meta={fields.authors}
        label="Tác giả và tỷ lệ đóng góp"
        hint='Mỗi người một dòng: "Họ và tên; tỷ lệ %; số điện thoại (nếu có tài khoản)". Tổng tỷ lệ bằng 100.'
        rows={3}
      />
      <TextAreaField meta={fields.problem} label="Thực trạng, vấn đề cần giải quyết" rows={4} />
      <TextAreaField meta={fields.novelty} label="Nội dung và tính mới của sáng kiến" rows={4} />
      <TextAreaField meta={fields.howApplied} label="Cách thức, nơi áp dụng" rows={3} />
      <DateField meta={fields.appliedSince} label="Ngày bắt đầu áp dụng (hoặc áp dụng thử)" />
      <TextAreaField meta={fields.benefit} label="Hiệu quả, lợi ích thu được" hint="Nêu số liệu nếu có: thời gian, chi phí, số lượt người dân được phục vụ." rows={4} />
      <SelectField meta={fields.claimedScope} label="Phạm vi ảnh hưởng đề nghị" options={SCOPES.map((s) => ({ value: s, label: scopeText[s] }))} />
      <TextAreaField meta={fields.evidence} label="Minh chứng (đường link)" hint='Mỗi tài liệu một dòng: "Tên tài liệu | https://…"' rows={3} />
      <TextField meta={fields.videoUrl} label="Đường link video giới thiệu (nếu có)" />
      <div className="actions">
        <button type="submit" name="intent" value="save" className="secondary" disabled={busy}>
          Lưu nháp
        </button>
        <button type="submit" name="intent" value="submit" className="primary" disabled={busy}>
          Nộp cho hội đồng
        </button>
      </div>
    </Form>
  );
}

export function requestDefaults(r: {
  title: string; field: string; unitId: number; problem: string; novelty: string; howApplied: string; appliedSince: string | null; benefit: string; claimedScope: string; evidence: { label: string; url: string }[]; videoUrl: string | null;
}, authors: { fullName: string; share: number; phone: string | null }[]): RequestDefaults {
  return {
    title: r.title,
    field: r.field,
    unitId: String(r.unitId),
    problem: r.problem,
    novelty: r.novelty,
    howApplied: r.howApplied,
    appliedSince: r.appliedSince ?? "",
    benefit: r.benefit,
    claimedScope: r.claimedScope,
    evidence: r.evidence.map((e) => `${e.label} | ${e.url}`).join("\n"),
    videoUrl: r.videoUrl ?? "",
    authors: authors.map((a) => [a.fullName, a.share, a.phone].filter((x) => x !== null && x !== "").join("; ")).join("\n"),
  };
}

const dateFmt = new Intl.DateTimeFormat("vi-VN", { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" });
/** yyyy-mm-dd shown as dd/mm/yyyy. */
export const formatIsoDate = (iso: string | null): string => (iso ? dateFmt.format(new Date(`${iso}T00:00:00Z`)) : "");
