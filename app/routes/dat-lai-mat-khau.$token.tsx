import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TextField, VALIDATION_TIMING } from "~/components/Field";
import { resetTokenMessages } from "~/core/account/privacy";
import { newPasswordSchema, resetTokenParam } from "~/account/privacy.schemas";
import { resetLinkState, redeemResetLink } from "~/account/privacy.server";

export const meta: MetaFunction = () => [{ title: "Đặt mật khẩu mới" }, { name: "referrer", content: "no-referrer" }];

const noStore = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

// The token is in the address: no page opened from here may learn it, whatever the loader answered.
export const headers: HeadersFunction = () => noStore;

export async function loader({ params }: LoaderFunctionArgs) {
  const token = resetTokenParam.safeParse(params.token);
  if (!token.success) return data({ ok: false as const, message: resetTokenMessages.unknown }, { status: 404, headers: noStore });
  const state = resetLinkState(token.data);
  return data(state, { status: state.ok ? 200 : 410, headers: noStore });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: newPasswordSchema });
  if (submission.status !== "success") return data({ done: false, reply: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400 });
  const token = resetTokenParam.safeParse(params.token);
  const result = token.success ? await redeemResetLink(token.data, submission.value.password) : { ok: false as const, message: resetTokenMessages.unknown };
  if (!result.ok) {
    return data({ done: false, reply: submission.reply({ formErrors: [result.message], hideFields: ["password", "confirm"] }) }, { status: 410 });
  }
  return data({ done: true, reply: submission.reply({ resetForm: true }) }, { headers: noStore });
}

export default function ResetPassword() {
  const state = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: result?.reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newPasswordSchema }),
    ...VALIDATION_TIMING,
  });
  if (result?.done) {
    return (
      <section className="card">
        <h1>Đã đặt mật khẩu mới</h1>
        <p role="status">Mật khẩu của bạn đã được thay đổi. Mọi phiên đăng nhập cũ đã kết thúc; vui lòng đăng nhập lại bằng mật khẩu mới.</p>
        <p>
          <Link className="button" to="/dang-nhap">
            Đăng nhập
          </Link>
        </p>
      </section>
    );
  }
  if (!state.ok) {
    return (
      <section className="card">
        <h1>Không dùng được liên kết</h1>
        <p role="alert">{state.message}</p>
      </section>
    );
  }
  return (
    <section className="card">
      <h1>Đặt mật khẩu mới</h1>
      <p>
        Tài khoản: <strong>{state.fullName}</strong> ({state.phone}). Liên kết này chỉ dùng được một lần.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        {form.errors?.length ? (
          <p className="form-error" id={form.errorId} role="alert">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <TextField meta={fields.password} label="Mật khẩu mới" type="password" hint="Ít nhất 8 ký tự." autoComplete="new-password" />
        <TextField meta={fields.confirm} label="Nhập lại mật khẩu mới" type="password" autoComplete="new-password" />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Đang lưu…" : "Lưu mật khẩu mới"}
        </button>
      </Form>
    </section>
  );
}
