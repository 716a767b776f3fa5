import { useEffect, useRef } from "react";
import { type FieldMetadata, getInputProps } from "@conform-to/react";
import { FieldErrors, LockedValue } from "~/components/Field";

/** A labelled checkbox for the organizer forms; errors tied with aria-describedby as in Field.tsx. */

export function CheckField({ meta, label, locked = false }: { meta: FieldMetadata<boolean | undefined>; label: string; locked?: boolean }) {
  const props = getInputProps(meta, { type: "checkbox", value: "on" });
  return (
    <div className="field">
      {locked ? <LockedValue meta={meta as FieldMetadata<unknown>} checkbox /> : null}
      <div className="check">
        <input {...props} key={props.key} disabled={locked} />
        <label htmlFor={meta.id}>{label}</label>
      </div>
      <FieldErrors meta={meta as FieldMetadata<unknown>} />
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
