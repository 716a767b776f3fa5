import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import { DATE_PATTERN, DATE_TIME_PATTERN, dateInputValue, dateTimeInputValue } from "~/core/vn-date";
import { FieldFrame, hintId, LockedValue } from "./Field";

/**
 * Day/month/year and 24-hour entry as text, so the field reads the same in every browser and locale (a
 * native date picker follows the browser's language: mm/dd/yyyy and AM/PM on an English phone). The server
 * parses it again with zod (app/core/vn-date.ts).
 */
export function DateField({
  meta,
  label,
  withTime = false,
  locked = false,
  autoComplete,
  hint,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  withTime?: boolean;
  locked?: boolean;
  autoComplete?: string;
  hint?: string;
}) {
  const props = getInputProps(meta, { type: "text", ariaDescribedBy: hintId(meta) });
  const shown = withTime ? dateTimeInputValue(props.defaultValue as string | undefined) : dateInputValue(props.defaultValue as string | undefined);
  const format = withTime ? "ngày/tháng/năm giờ:phút (24 giờ), ví dụ 01/10/2023 07:30" : "ngày/tháng/năm, ví dụ 01/10/2023";
  return (
    <FieldFrame
      meta={meta as FieldMetadata<unknown>}
      label={label}
      hint={
        <>
          {hint ? `${hint} ` : ""}Nhập {format}.
        </>
      }
    >
      <input
        {...props}
        key={props.key}
        defaultValue={shown}
        inputMode={withTime ? "text" : "numeric"}
        pattern={withTime ? DATE_TIME_PATTERN : DATE_PATTERN}
        title={`Nhập ${format}`}
        placeholder={withTime ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy"}
        autoComplete={autoComplete ?? "off"}
        className={withTime ? "date-input date-time" : "date-input"}
        disabled={locked}
      />
      {locked ? <LockedValue meta={meta} /> : null}
    </FieldFrame>
  );
}

/** The same entry for a plain (non-Conform) form field, e.g. a filter in the address bar. */
export function PlainDateInput({
  id,
  name,
  label,
  defaultValue,
  error,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string | null;
  error?: string | null;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        Nhập ngày/tháng/năm, ví dụ 01/07/2025.
      </span>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        pattern={DATE_PATTERN}
        title="Nhập ngày/tháng/năm, ví dụ 01/07/2025"
        placeholder="dd/mm/yyyy"
        autoComplete="off"
        className="date-input"
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        defaultValue={dateInputValue(defaultValue)}
      />
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
