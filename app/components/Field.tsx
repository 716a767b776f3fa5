import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { type ReactNode, useEffect, useRef } from "react";

// No "date": dates are typed day/month/year in DateField (components/DateInput.tsx), whatever the locale.
type InputType = "text" | "password" | "tel" | "email" | "number";

/** A field's errors, tied to its control by conform's aria-describedby (meta.errorId). */
export function FieldErrors({ meta }: { meta: FieldMetadata<unknown> }) {
  return meta.errors?.length ? (
    <span className="error" id={meta.errorId}>
      {meta.errors.join(" ")}
    </span>
  ) : null;
}

/** The id of a field's hint, for the control's aria-describedby. */
export const hintId = (meta: { id: string }) => `${meta.id}-hint`;

/**
 * The frame of every labelled Conform field: label, optional hint (id `<field id>-hint`), the control (the
 * children) and its errors (id meta.errorId). The control ties itself to both with aria-describedby.
 */
export function FieldFrame({
  meta,
  label,
  hint,
  hintAs: Hint = "span",
  hintClassName = "hint",
  className = "field",
  children,
}: {
  meta: FieldMetadata<unknown>;
  label: string;
  hint?: ReactNode;
  hintAs?: "span" | "p";
  hintClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <Hint className={hintClassName} id={hintId(meta)}>
          {hint}
        </Hint>
      ) : null}
      {children}
      <FieldErrors meta={meta} />
    </div>
  );
}

/** A labelled input whose errors are tied to it (aria-invalid, aria-describedby), as conform sets them. */
export function TextField({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
  inputMode,
  locked = false,
}: {
  meta: FieldMetadata<string | number | undefined>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "tel" | "email" | "text";
  locked?: boolean;
}) {
  const props = getInputProps(meta, { type, ariaDescribedBy: hint ? hintId(meta) : undefined });
  return (
    <FieldFrame meta={meta as FieldMetadata<unknown>} label={label} hint={hint}>
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} disabled={locked} />
      {locked ? <LockedValue meta={meta as FieldMetadata<unknown>} /> : null}
    </FieldFrame>
  );
}

/** A labelled textarea, framed like TextField. */
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
  const props = getTextareaProps(meta, { ariaDescribedBy: hint ? hintId(meta) : undefined });
  return (
    <FieldFrame meta={meta as FieldMetadata<unknown>} label={label} hint={hint}>
      <textarea {...props} key={props.key} rows={rows} />
    </FieldFrame>
  );
}

/**
 * A labelled select, framed like TextField. `placeholder` adds a first empty option; a locked select is shown
 * disabled and sent unchanged by its hidden twin (LockedValue).
 */
export function SelectField({
  meta,
  label,
  options,
  hint,
  placeholder,
  locked = false,
  hintAs,
  hintClassName,
}: {
  meta: FieldMetadata<string | number | undefined>;
  label: string;
  options: { value: string | number; label: string }[];
  hint?: string;
  placeholder?: string;
  locked?: boolean;
  hintAs?: "span" | "p";
  hintClassName?: string;
}) {
  const props = getSelectProps(meta, { ariaDescribedBy: hint ? hintId(meta) : undefined });
  return (
    <FieldFrame meta={meta as FieldMetadata<unknown>} label={label} hint={hint} hintAs={hintAs} hintClassName={hintClassName}>
      {locked ? <LockedValue meta={meta as FieldMetadata<unknown>} /> : null}
      <select {...props} key={props.key} disabled={locked}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A locked setting is shown greyed out (disabled) and still sent with the form, unchanged, by this hidden twin:
 * a disabled control is not submitted, and the server compares every setting with what is stored.
 */
export function LockedValue({ meta, checkbox = false }: { meta: FieldMetadata<unknown>; checkbox?: boolean }) {
  const value = meta.initialValue;
  if (checkbox && value !== "on") return null;
  return <input type="hidden" name={meta.name} value={typeof value === "string" || typeof value === "number" ? String(value) : ""} />;
}

/**
 * When conform checks the fields, for every form. A field is first checked when it loses focus, and once
 * checked (after any reply from the server, every field is) it is checked again as the person types, never
 * on blur: a blur check on mousedown of the submit button removed the server's error above the form, the
 * button moved up under the pointer, and the click that should have saved was lost.
 */
export const VALIDATION_TIMING = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;

/**
 * Says in words that a save went through. The live region is always in the page, so that screen readers
 * announce the message when it appears; it sits below the submit button so that it never moves it.
 */
export function SavedStatus({ message }: { message: string | null | undefined }) {
  const ref = useRef<HTMLParagraphElement>(null);
  // Below a button at the bottom of the screen the message would be out of sight; bring it in.
  useEffect(() => {
    if (message) ref.current?.scrollIntoView({ block: "nearest" });
  }, [message]);
  return (
    <p role="status" aria-live="polite" className="saved-status" ref={ref}>
      {message ?? ""}
    </p>
  );
}
