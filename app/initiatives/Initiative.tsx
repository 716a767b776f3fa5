import { getCollectionProps, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { FieldErrors, SelectField, TextAreaField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { type UnitOption, UnitPicker } from "~/participation/UnitPicker";
import { THEMES } from "~/core/initiatives/initiatives";
import { formatClipLength, providerNames, type VideoProvider } from "~/core/initiatives/video-link";
import { entrySchema } from "~/initiatives/initiatives.schemas";

export type EntryDefaults = {
  title: string;
  entrantKind: "unit" | "people";
  unitId: number | null;
  authors: string[];
  theme: string;
  summary: string;
  novelty: string;
  appliedAt: string;
  videoUrl: string;
  durationS: number | null;
};

/** The entry form (new and edit): save as a draft, or submit to the organizers. */
export function EntryForm({
  lastResult,
  units,
  defaults,
  busy,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  units: UnitOption[];
  defaults: EntryDefaults | null;
  busy: boolean;
}) {
  const [form, fields] = useForm({
    lastResult,
    defaultValue: defaults
      ? {
          ...defaults,
          unitId: defaults.unitId === null ? undefined : String(defaults.unitId),
          authors: defaults.authors.join("\n"),
          duration: defaults.durationS === null ? "" : formatClipLength(defaults.durationS),
        }
      : { entrantKind: "unit" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: entrySchema }),
    ...VALIDATION_TIMING,
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      {form.errors?.length ? (
        <p className="form-error" id={form.errorId} role="alert">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <TextField meta={fields.title} label="Tên sáng kiến, giải pháp" />
      <fieldset className="field choice">
        <legend>Người dự thi</legend>
        {getCollectionProps(fields.entrantKind, { type: "radio", options: ["unit", "people"] }).map((p) => (
          <div className="check" key={p.key}>
            <input {...p} key={p.key} />
            <label htmlFor={p.id}>{p.value === "unit" ? "Tập thể (một cơ quan, đơn vị)" : "Cá nhân hoặc nhóm cá nhân"}</label>
          </div>
        ))}
        <FieldErrors meta={fields.entrantKind} />
      </fieldset>
      <UnitPicker meta={fields.unitId} units={units} />
      <TextAreaField meta={fields.authors} label="Họ tên tác giả (cá nhân dự thi)" hint="Mỗi người một dòng; bỏ trống nếu tập thể dự thi." rows={3} />
      <SelectField meta={fields.theme} label="Chủ đề" placeholder="— Chọn chủ đề —" options={THEMES.map((t) => ({ value: t.slug, label: t.name }))} />
      <TextAreaField meta={fields.summary} label="Tóm tắt nội dung" rows={5} />
      <TextAreaField meta={fields.novelty} label="Điểm mới so với cách làm trước đây" rows={3} />
      <TextAreaField meta={fields.appliedAt} label="Đã áp dụng ở đâu, từ khi nào, kết quả" rows={3} />
      <TextField
        meta={fields.videoUrl}
        label="Đường link video"
        hint="YouTube, Facebook, TikTok, Vimeo, Google Drive (chia sẻ công khai) hoặc trang .gov.vn của đơn vị."
        inputMode="text"
        autoComplete="url"
      />
      <TextField meta={fields.duration} label="Độ dài video (phút:giây)" hint="Không quá 5:00, ví dụ 4:30." />
      <div className="nav-row">
        <button type="submit" name="intent" value="save" className="secondary" disabled={busy}>
          Lưu nháp
        </button>
        <button type="submit" name="intent" value="submit" className="primary" disabled={busy}>
          {busy ? "Đang gửi…" : "Nộp bài dự thi"}
        </button>
      </div>
    </Form>
  );
}

/**
 * Click to load: nothing is fetched from the video site until the viewer presses play; links without a
 * video id open on their own site.
 */
export function VideoFacade({ title, embedUrl, videoUrl, provider, durationS }: { title: string; embedUrl: string | null; videoUrl: string; provider: string; durationS: number }) {
  const [playing, setPlaying] = useState(false);
  const where = providerNames[provider as VideoProvider] ?? provider;
  if (playing && embedUrl) {
    return (
      <div className="video-frame">
        <iframe
          src={embedUrl}
          title={`Video: ${title}`}
          allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
          allowFullScreen
          referrerPolicy="strict-origin-when-cross-origin"
          sandbox="allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox"
        />
      </div>
    );
  }
  return (
    <div className="video-facade">
      {embedUrl ? (
        <button type="button" className="play" onClick={() => setPlaying(true)}>
          <span aria-hidden="true">▶</span> Phát video ({formatClipLength(durationS)})
        </button>
      ) : null}
      <p className="hint">
        Video trên {where}.{" "}
        <a href={videoUrl} target="_blank" rel="noopener noreferrer nofollow">
          Mở video trên trang gốc<span className="sr-only"> (mở thẻ mới)</span>
        </a>
        {embedUrl ? " · Video chỉ được tải khi bạn bấm phát." : null}
      </p>
    </div>
  );
}

type Similar = { kind: "entry" | "archive"; id: number; title: string; percent: number; unit: string | null; detail: string | null; url: string | null };

export function SimilarList({ similar, heading }: { similar: { entries: Similar[]; archive: Similar[] }; heading: string }) {
  const none = similar.entries.length === 0 && similar.archive.length === 0;
  return (
    <section className="similar" aria-label={heading}>
      <h2>{heading}</h2>
      {none ? <p className="muted">Không tìm thấy sáng kiến nào gần giống.</p> : null}
      {similar.entries.length ? (
        <>
          <h3>Trong cuộc thi này</h3>
          <ul>
            {similar.entries.map((s) => (
              <li key={`e${s.id}`}>
                {s.title}
                {s.unit ? <span className="muted"> — {s.unit}</span> : null} <span className="badge">trùng {s.percent}% từ ngữ</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {similar.archive.length ? (
        <>
          <h3>Trong kho sáng kiến đã có</h3>
          <ul>
            {similar.archive.map((s) => (
              <li key={`a${s.id}`}>
                {s.url ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer nofollow">
                    {s.title}
                  </a>
                ) : (
                  s.title
                )}
                {s.unit ? <span className="muted"> — {s.unit}</span> : null} <span className="badge">trùng {s.percent}% từ ngữ</span>
                {s.detail ? <p className="hint">{s.detail}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
