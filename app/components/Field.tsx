import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";

type InputType = "text" | "password" | "tel" | "email" | "date" | "number";

/** A labelled input whose errors are tied to it (aria-invalid, aria-describedby), as conform sets them. */
export function TextField({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
  inputMode,
}: {
  meta: FieldMetadata<string | number | undefined>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "tel" | "email" | "text";
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
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
      {meta.errors?.length ? (
        <span className="error" id={meta.errorId}>
          {meta.errors.join(" ")}
        </span>
      ) : null}
    </div>
  );
}
