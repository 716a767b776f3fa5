import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import { useEffect, useRef } from "react";

// No "date": dates are typed day/month/year in DateField (components/DateInput.tsx), whatever the locale.
type InputType = "text" | "password" | "tel" | "email" | "number";

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
  const props = getInputProps(meta, { type, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${meta.id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} disabled={locked} />
      {locked ? <LockedValue meta={meta} /> : null}
      {meta.errors?.length ? (
        <span className="error" id={meta.errorId}>
          {meta.errors.join(" ")}
        </span>
      ) : null}
    </div>
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
