import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SavedStatus, TextField, VALIDATION_TIMING } from "~/components/Field";
import { FormErrors } from "~/organizer/OrganizerFields";
import { UnitPicker } from "~/participation/UnitPicker";
import { organizerSchema } from "~/organizer/organizer.schemas";
import { createOrganizer, isAdmin, staffPage } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";
import { unitOptions } from "~/participation/units.server";

export const meta: MetaFunction = () => [{ title: "Người dùng và phân quyền" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const admin = isAdmin(user);
  return { staff: staffPage(), admin, units: admin ? unitOptions() : [] };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  if (!isAdmin(user)) throw new Response("Chỉ quản trị hệ thống được tạo tài khoản Ban Tổ chức.", { status: 403 });
  const submission = parseWithZod(await request.formData(), { schema: organizerSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const result = await createOrganizer(user, submission.value);
  if (!result.ok)
    return data(submission.reply({ fieldErrors: { [result.field]: [result.error] }, hideFields: ["password"] }), { status: 400 });
  return submission.reply({ resetForm: true });
}

const ROLE_TEXT = { admin: "Quản trị hệ thống", organizer: "Ban Tổ chức" } as Record<string, string>;

export default function People() {
  const { staff, admin, units } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizerSchema }),
    ...VALIDATION_TIMING,
  });
  return (
    <>
      <h1>Người dùng và phân quyền</h1>
      <section className="card">
        <h2>Ban Tổ chức và quản trị</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Ban Tổ chức và quản trị">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Họ tên</th>
                <th scope="col">Điện thoại</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Đơn vị phụ trách</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s, i) => (
                <tr key={`${s.userId}-${s.role}-${i}`}>
                  <td>{s.fullName}</td>
                  <td>{s.phone}</td>
                  <td>{ROLE_TEXT[s.role] ?? s.role}</td>
                  <td>{s.unitName ?? "Tất cả"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {admin ? (
        <section className="card">
          <h2>Thêm người vào Ban Tổ chức</h2>
          <p className="muted">Nếu số điện thoại đã có tài khoản, người đó được cấp thêm quyền Ban Tổ chức của đơn vị đã chọn.</p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField meta={fields.fullName} label="Họ và tên" autoComplete="off" />
            <TextField meta={fields.phone} label="Số điện thoại" type="tel" inputMode="tel" autoComplete="off" />
            <TextField
              meta={fields.password}
              label="Mật khẩu ban đầu (với tài khoản mới)"
              type="password"
              autoComplete="new-password"
            />
            <UnitPicker meta={fields.unitId} units={units} />
            <button type="submit" className="primary">
              Cấp quyền Ban Tổ chức
            </button>
          </Form>
          <SavedStatus message={lastResult?.status === "success" ? "Đã cấp quyền." : null} />
        </section>
      ) : null}
    </>
  );
}
