/** The form's own message (a refusal from the server) above the fields. */
export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <p className="notice error" id={id} role="alert">
      {errors.join(" ")}
    </p>
  ) : null;
}
