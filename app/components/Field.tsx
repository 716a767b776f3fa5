import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";

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
