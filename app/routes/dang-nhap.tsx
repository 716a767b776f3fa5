import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { TextField, VALIDATION_TIMING } from "~/components/Field";
import { loginSchema, safeRedirect } from "~/account/auth.schemas";
import { checkLogin } from "~/account/auth.server";
import { createSession, getCurrentUser } from "~/account/session.server";
import { loginSucceeded, reserveLoginAttempt, waitInWords } from "~/account/throttle.server";

export const meta: MetaFunction = () => [{ title: "Đăng nhập" }];

// Remix keeps an action's headers only when the route passes them on: the wait reaches the client.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (getCurrentUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: loginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { phone, password } = submission.value;
  const address = context.clientAddress ?? "unknown";
  // The attempt is counted before the password is looked at: forty guesses sent at once get five checks.
  const gate = await reserveLoginAttempt(phone, address);
  if (!gate.allowed) {
    const wait = waitInWords(gate.retryInS);
    const message =
      gate.reason === "account"
        ? `Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait}.`
        : `Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng thử lại sau ${wait}.`;
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(gate.retryInS) },
    });
  }
  const userId = await checkLogin(phone, password);
  if (userId === null) {
    return data(submission.reply({ formErrors: ["Số điện thoại hoặc mật khẩu không đúng."], hideFields: ["password"] }), {
      status: 401,
    });
  }
  await loginSucceeded(phone, address);
  throw redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": createSession(userId, Date.now(), request) } });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    ...VALIDATION_TIMING,
  });
  return (
    <section className="card">
      <h1>Đăng nhập</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        {form.errors?.length ? (
          <p className="form-error" id={form.errorId} role="alert">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField meta={fields.phone} label="Số điện thoại" type="tel" inputMode="tel" autoComplete="username" />
        <TextField meta={fields.password} label="Mật khẩu" type="password" autoComplete="current-password" />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Đang đăng nhập…" : "Đăng nhập"}
        </button>
      </Form>
      <p className="muted">
        Chưa có tài khoản? <Link to="/dang-ky">Đăng ký dự thi</Link>
      </p>
      <details className="recover">
        <summary>Quên mật khẩu?</summary>
        <p>
          Hệ thống không gửi tin nhắn khôi phục. Hãy nhờ <strong>thủ trưởng đơn vị</strong> của bạn hoặc <strong>Ban Tổ chức</strong> cuộc thi tạo
          cho bạn một liên kết đặt lại mật khẩu (dùng một lần, trong 24 giờ). Mở liên kết đó trên điện thoại, đặt mật khẩu mới rồi đăng nhập lại.
        </p>
        <p className="muted">Nếu số điện thoại của bạn đã bị người khác dùng để đăng ký, hãy báo cho thủ trưởng đơn vị hoặc Ban Tổ chức để kiểm tra.</p>
      </details>
    </section>
  );
}
