import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateField } from "~/components/DateInput";
import { TextField, VALIDATION_TIMING } from "~/components/Field";
import { UnitPicker } from "~/participation/UnitPicker";
import { registerSchema } from "~/account/auth.schemas";
import { registerParticipant } from "~/account/auth.server";
import { rememberSignupAddress } from "~/account/privacy.server";
import { createSession, getCurrentUser } from "~/account/session.server";
import { unitOptions } from "~/participation/units.server";

export const meta: MetaFunction = () => [{ title: "Đăng ký dự thi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (getCurrentUser(request)) throw redirect("/");
  return { units: unitOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: registerSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await registerParticipant(submission.value);
  if (!result.ok) {
    return data(submission.reply({ fieldErrors: result.errors as Record<string, string[]>, hideFields: ["password"] }), {
      status: 409,
    });
  }
  rememberSignupAddress(result.userId, context.clientAddress);
  // The home page welcomes the person, says what to do next and whether their account matched the staff list.
  throw redirect(`/?da-dang-ky=${result.link}`, { headers: { "Set-Cookie": createSession(result.userId, Date.now(), request) } });
}

export default function Register() {
  const { units } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registerSchema }),
    ...VALIDATION_TIMING,
  });
  return (
    <section className="card">
      <h1>Đăng ký dự thi</h1>
      <p className="muted">
        Đã có tài khoản? <Link to="/dang-nhap">Đăng nhập</Link>
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        {form.errors?.length ? (
          <p className="form-error" id={form.errorId} role="alert">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <TextField meta={fields.fullName} label="Họ và tên" autoComplete="name" />
        <DateField meta={fields.birthDate} label="Ngày sinh" autoComplete="bday" />
        <TextField
          meta={fields.phone}
          label="Số điện thoại (dùng để đăng nhập)"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
        <TextField meta={fields.email} label="Email (không bắt buộc)" type="email" autoComplete="email" />
        <TextField
          meta={fields.cccd}
          label="Số CCCD (không bắt buộc)"
          hint="12 chữ số trên thẻ căn cước công dân."
          inputMode="numeric"
        />
        <UnitPicker meta={fields.unitId} units={units} />
        <TextField meta={fields.position} label="Chức vụ" autoComplete="organization-title" />
        <TextField meta={fields.password} label="Mật khẩu" type="password" hint="Ít nhất 8 ký tự." autoComplete="new-password" />
        <div className="field">
          <div className="check">
            <input {...getInputProps(fields.consent, { type: "checkbox", value: "on" })} />
            <label htmlFor={fields.consent.id}>
              Tôi đồng ý để Ban Tổ chức xử lý dữ liệu cá nhân của tôi (họ tên, ngày sinh, số điện thoại, email, CCCD, đơn
              vị, chức vụ) để tổ chức cuộc thi, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15.
            </label>
          </div>
          {fields.consent.errors?.length ? (
            <span className="error" id={fields.consent.errorId}>
              {fields.consent.errors.join(" ")}
            </span>
          ) : null}
        </div>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Đang đăng ký…" : "Đăng ký"}
        </button>
      </Form>
    </section>
  );
}
