import { useEffect, useRef } from "react";
import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { LockedValue } from "~/components/Field";

/** Labelled select, textarea and checkbox for the organizer forms; errors tied with aria-describedby as in Field.tsx. */

function Errors({ meta }: { meta: FieldMetadata<unknown> }) {
  return meta.errors?.length ? (
    <span className="error" id={meta.errorId}>
      {meta.errors.join(" ")}
    </span>
  ) : null;
}

export function SelectField({
  meta,
  label,
  options,
  empty,
  locked = false,
  hint,
}: {
  meta: FieldMetadata<string | number | undefined>;
  label: string;
  options: { value: string | number; label: string }[];
  empty?: string;
  locked?: boolean;
  hint?: string;
}) {
  const props = getSelectProps(meta);
  const hintId = `${meta.id}-hint`;
  const describedBy = [props["aria-describedby"], hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="hint muted" id={hintId}>
          {hint}
        </p>
      ) : null}
      {locked ? <LockedValue meta={meta as FieldMetadata<unknown>} /> : null}
      <select {...props} key={props.key} disabled={locked} aria-describedby={describedBy}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Errors meta={meta as FieldMetadata<unknown>} />
    </div>
  );
}

export function TextAreaField({
  meta,
  label,
  hint,
  rows = 4,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  rows?: number;
}) {
  const props = getTextareaProps(meta, { ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${meta.id}-hint`}>
          {hint}
        </span>
      ) : null}
      <textarea {...props} key={props.key} rows={rows} />
      <Errors meta={meta as FieldMetadata<unknown>} />
    </div>
  );
}

export function CheckField({ meta, label, locked = false }: { meta: FieldMetadata<boolean | undefined>; label: string; locked?: boolean }) {
  const props = getInputProps(meta, { type: "checkbox", value: "on" });
  return (
    <div className="field">
      {locked ? <LockedValue meta={meta as FieldMetadata<unknown>} checkbox /> : null}
      <div className="check">
        <input {...props} key={props.key} disabled={locked} />
        <label htmlFor={meta.id}>{label}</label>
      </div>
      <Errors meta={meta as FieldMetadata<unknown>} />
    </div>
  );
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const text = errors?.join(" ") ?? "";
  // The refusal sits above a long form whose button is at the bottom: bring it into view when it arrives.
  useEffect(() => {
    if (text) ref.current?.scrollIntoView({ block: "nearest" });
  }, [text]);
  return errors?.length ? (
    <p className="form-error" id={id} role="alert" ref={ref}>
      {errors.join(" ")}
    </p>
  ) : null;
}
