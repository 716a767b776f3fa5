import { getCollectionProps, getFieldsetProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { VALIDATION_TIMING } from "~/components/Field";
import { REG_PEOPLE_MAX, registrationSchema } from "./schemas";

/**
 * A unit's registration form (đăng ký thi đua): the schemes, the people for the individual ones, the targets,
 * the initiatives or models. Conform with the schema the server parses; the server's refusals come back as
 * the field's error. What the head types is kept on this device (localStorage) until the server answers that
 * it is saved, so a reload, a closed tab or a dropped network loses nothing: the draft comes back with a
 * note saying it is not saved yet. A draft older than the server's copy (saved since, here or elsewhere)
 * is dropped, so a stale draft never hides a newer save.
 */

type Scheme = { id: string; title: string; target: "collective" | "individual" };
type Person = { id: number | null; fullName: string; gender: "nam" | "nu" | null; position: string };
export type RegistrationValue = { schemeCodes: string[]; people: Person[]; targets: string; initiatives: string; updatedAt: number };
export type RegistrationReply = { target: string; ok: boolean; message: string; reply: SubmissionResult<string[]> };
type Draft = { base: number; at: number; value: Record<string, unknown> };

const draftKey = (movementId: number, unitId: number) => `cuocthi:registration:${movementId}:${unitId}`;

function readDraft(key: string): Draft | null {
  try {
    const d = JSON.parse(window.localStorage.getItem(key) ?? "null") as Draft | null;
    return d && typeof d.base === "number" && typeof d.value === "object" ? d : null;
  } catch {
    return null;
  }
}
function writeDraft(key: string, d: Draft | null) {
  try {
    if (d) window.localStorage.setItem(key, JSON.stringify(d));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage disabled or full: the form still saves to the server.
  }
}

const timeText = (ms: number) => new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" }).format(ms);

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <span className="error" id={id}>
      {errors.join(" ")}
    </span>
  ) : null;
}

export function RegistrationForm(props: { movementId: number; unitId: number; unitName: string; schemes: Scheme[]; value: RegistrationValue; result: RegistrationReply | undefined }) {
  const key = draftKey(props.movementId, props.unitId);
  const [restored, setRestored] = useState<Draft | null>(null);
  // The draft is read after hydration (the server cannot see it); the form is mounted again with it.
  useEffect(() => {
    const d = readDraft(key);
    if (d && d.base >= props.value.updatedAt) setRestored(d);
    else if (d) writeDraft(key, null);
    // Only on arrival: a save's answer is handled by the form below.
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return <RegistrationFormInner key={restored ? `draft-${restored.at}` : "server"} {...props} storageKey={key} restored={restored} onDiscard={() => setRestored(null)} />;
}

function RegistrationFormInner({
  unitId,
  unitName,
  schemes,
  value,
  result,
  storageKey,
  restored,
  onDiscard,
}: Parameters<typeof RegistrationForm>[0] & { storageKey: string; restored: Draft | null; onDiscard: () => void }) {
  const formId = `reg-${unitId}`;
  const mine = result?.target === formId ? result : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const [unsaved, setUnsaved] = useState<number | null>(restored?.at ?? null);
  const [offline, setOffline] = useState(false);
  const [showRestored, setShowRestored] = useState(restored !== null);
  const [attempt, setAttempt] = useState(0);
  const fromServer = {
    schemes: value.schemeCodes,
    people: value.people.map((p) => ({ id: p.id === null ? "" : String(p.id), fullName: p.fullName, gender: p.gender ?? "", position: p.position })),
    targets: value.targets,
    initiatives: value.initiatives,
  };
  const [form, fields] = useForm<z.input<typeof registrationSchema>>({
    id: formId,
    lastResult: mine?.reply,
    ...VALIDATION_TIMING,
    defaultValue: restored ? (restored.value as typeof fromServer) : fromServer,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registrationSchema }),
    onSubmit: (event) => {
      // No network: say so and keep the draft; sending now would only lose the page.
      if (typeof navigator !== "undefined" && navigator.onLine === false) {
        event.preventDefault();
        setOffline(true);
      } else setOffline(false);
    },
  });

  // The server said it is saved: the copy on this device is no longer needed.
  useEffect(() => {
    if (mine?.ok) {
      writeDraft(storageKey, null);
      setUnsaved(null);
      setShowRestored(false);
    }
  }, [mine, storageKey]);

  // A refusal, in the browser or from the server: focus its field (the first one marked invalid), else the form's message.
  useEffect(() => {
    if (attempt === 0 && (!mine || mine.ok)) return;
    const t = setTimeout(() => {
      const el =
        formRef.current?.querySelector<HTMLElement>('input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"]') ??
        formRef.current?.querySelector<HTMLElement>(".form-error");
      el?.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [attempt, mine]);

  const keep = () => {
    const el = formRef.current;
    if (!el) return;
    const payload = parseWithZod(new FormData(el), { schema: registrationSchema }).payload;
    const at = Date.now();
    writeDraft(storageKey, { base: value.updatedAt, at, value: payload });
    setUnsaved(at);
  };

  const people = fields.people.getFieldList();
  // A person added or removed is a change to keep, like typing.
  const count = useRef(people.length);
  useEffect(() => {
    if (count.current !== people.length) keep();
    count.current = people.length;
  });
  const individual = schemes.filter((s) => s.target === "individual");
  const schemeProps = getCollectionProps(fields.schemes, { type: "checkbox", options: schemes.map((s) => s.id) });
  return (
    <Form method="post" className="stack registration" {...getFormProps(form)} ref={formRef} onInput={keep} onChange={keep} onSubmitCapture={() => setAttempt((a) => a + 1)}>
      <input type="hidden" name="unitId" value={unitId} />
      <h3>Bản đăng ký thi đua</h3>
      {restored && showRestored ? (
        <div className="notice draft-note" role="status">
          <p>
            Đã khôi phục bản nháp đang nhập dở trên máy này (lúc {timeText(restored.at)}). Bản này <strong>chưa được lưu lên hệ thống</strong>: bấm "Lưu
            nháp" hoặc "Gửi đăng ký".
          </p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              writeDraft(storageKey, null);
              onDiscard();
            }}
          >
            Bỏ bản nháp, dùng bản đã lưu
          </button>
        </div>
      ) : null}
      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="error form-error" tabIndex={-1}>
          {form.errors.join(" ")}
        </p>
      ) : null}
      <fieldset {...getFieldsetProps(fields.schemes)}>
        <legend>Hình thức khen thưởng đăng ký</legend>
        {schemes.map((s, i) => {
          const { key: k, ...p } = schemeProps[i];
          return (
            <label key={k} className="check">
              <input {...p} />
              <span>
                {s.title} <span className="muted">({s.target === "collective" ? `tập thể: ${unitName}` : "cá nhân"})</span>
              </span>
            </label>
          );
        })}
        <FieldError id={fields.schemes.errorId} errors={fields.schemes.errors} />
      </fieldset>
      {individual.length ? (
        <fieldset {...getFieldsetProps(fields.people)} aria-describedby={`${fields.people.id}-hint${fields.people.errors?.length ? ` ${fields.people.errorId}` : ""}`}>
          <legend>Cá nhân đăng ký</legend>
          <p className="hint" id={`${fields.people.id}-hint`}>
            Người đơn vị đăng ký cho hình thức dành cho cá nhân ({individual.map((s) => s.title).join("; ")}).
          </p>
          {people.length === 0 ? <p className="muted">Chưa có người nào.</p> : null}
          <ol className="people">
            {people.map((p, i) => {
              const f = p.getFieldset();
              return (
                <li key={p.key} className="person">
                  <input {...getInputProps(f.id, { type: "hidden" })} key={f.id.key} />
                  <div className="field">
                    <label htmlFor={f.fullName.id}>Họ và tên (người {i + 1})</label>
                    <input {...getInputProps(f.fullName, { type: "text" })} key={f.fullName.key} autoComplete="off" />
                    <FieldError id={f.fullName.errorId} errors={f.fullName.errors} />
                  </div>
                  <div className="field">
                    <label htmlFor={f.gender.id}>Giới tính (người {i + 1})</label>
                    <select {...getSelectProps(f.gender)} key={f.gender.key}>
                      <option value="">— chọn —</option>
                      <option value="nu">Nữ</option>
                      <option value="nam">Nam</option>
                    </select>
                    <FieldError id={f.gender.errorId} errors={f.gender.errors} />
                  </div>
                  <div className="field">
                    <label htmlFor={f.position.id}>Chức vụ (người {i + 1})</label>
                    <input {...getInputProps(f.position, { type: "text" })} key={f.position.key} />
                    <FieldError id={f.position.errorId} errors={f.position.errors} />
                  </div>
                  <button className="secondary" {...form.remove.getButtonProps({ name: fields.people.name, index: i })}>
                    Xóa người {i + 1}
                  </button>
                </li>
              );
            })}
          </ol>
          <FieldError id={fields.people.errorId} errors={fields.people.errors} />
          {people.length < REG_PEOPLE_MAX ? (
            <button className="secondary" {...form.insert.getButtonProps({ name: fields.people.name, defaultValue: { fullName: "", gender: "", position: "" } })}>
              Thêm cá nhân
            </button>
          ) : null}
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={fields.targets.id}>Chỉ tiêu thi đua đăng ký</label>
        <textarea {...getTextareaProps(fields.targets)} key={fields.targets.key} rows={3} />
        <FieldError id={fields.targets.errorId} errors={fields.targets.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.initiatives.id}>Sáng kiến, mô hình đăng ký</label>
        <textarea {...getTextareaProps(fields.initiatives)} key={fields.initiatives.key} rows={3} />
        <FieldError id={fields.initiatives.errorId} errors={fields.initiatives.errors} />
      </div>
      {offline ? (
        <p role="alert" className="notice error">
          Không có kết nối mạng: bản đăng ký chưa được lưu lên hệ thống. Nội dung vẫn được giữ trên máy này; bấm lại khi có mạng.
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" name="intent" value="save" className="secondary">
          Lưu nháp
        </button>
        <button type="submit" name="intent" value="send" className="primary">
          Gửi đăng ký
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {unsaved !== null ? `Có thay đổi chưa lưu lên hệ thống (đang giữ trên máy này từ ${timeText(unsaved)}).` : ""}
      </p>
    </Form>
  );
}
