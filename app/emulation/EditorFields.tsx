import { type FieldMetadata, getSelectProps } from "@conform-to/react";

/** A labelled select whose error is tied to it, as TextField does for inputs. */
export function SelectField({
  meta,
  label,
  options,
  hint,
  placeholder,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  options: { value: string; label: string }[];
  hint?: string;
  placeholder?: string;
}) {
  const props = getSelectProps(meta, { ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${meta.id}-hint`}>
          {hint}
        </span>
      ) : null}
      <select {...props} key={props.key}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {meta.errors?.length ? (
        <span className="error" id={meta.errorId}>
          {meta.errors.join(" ")}
        </span>
      ) : null}
    </div>
  );
}

/** The form's own message (a refusal from the server) above the fields. */
export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <p className="notice error" id={id} role="alert">
      {errors.join(" ")}
    </p>
  ) : null;
}
