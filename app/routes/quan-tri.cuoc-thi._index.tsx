import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextAreaField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { FormErrors } from "~/organizer/OrganizerFields";
import { contestSchema } from "~/organizer/organizer.schemas";
import { contestList, createContest } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Cuộc thi và vòng thi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return { contests: contestList(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const submission = parseWithZod(await request.formData(), { schema: contestSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = createContest(user, submission.value);
  if (!result.ok) return data(submission.reply({ formErrors: [result.error] }), { status: 403 });
  throw redirect(`/quan-tri/cuoc-thi/${result.contest.id}`);
}

export default function Contests() {
  const { contests } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contestSchema }),
    ...VALIDATION_TIMING,
  });
  return (
    <>
      <h1>Cuộc thi và vòng thi</h1>
      <section className="card">
        <h2>Các cuộc thi</h2>
        {contests.length === 0 ? (
          <p>Chưa có cuộc thi nào.</p>
        ) : (
          <ul className="plain stack">
            {contests.map((c) => (
              <li key={c.id}>
                <Link to={`/quan-tri/cuoc-thi/${c.id}`}>{c.title}</Link>
                <span className="muted">
                  {" "}
                  — {c.unitName ?? "chưa có đơn vị"}, {c.roundCount} vòng thi
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>Tạo cuộc thi</h2>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.title} label="Tên cuộc thi" />
          <TextAreaField
            meta={fields.rulesMd}
            label="Thể lệ (Markdown)"
            hint="Viết bằng Markdown; mã HTML không được hiển thị."
            rows={6}
          />
          <TextAreaField meta={fields.partsText} label="Các phần thi" hint="Mỗi dòng một phần thi, theo thứ tự." rows={3} />
          <button type="submit" className="primary">
            Tạo cuộc thi
          </button>
        </Form>
      </section>
    </>
  );
}
