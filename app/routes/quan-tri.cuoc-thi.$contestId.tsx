import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateField } from "~/components/DateInput";
import { SavedStatus, TextAreaField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { Markdown } from "~/components/Markdown";
import { FormErrors } from "~/organizer/OrganizerFields";
import { RoundForm } from "~/organizer/RoundForm";
import { listCategoriesForForm } from "~/organizer/pages.server";
import { formatDateTime } from "~/format";
import { contestSchema, roundSchema, weeklySchema } from "~/organizer/organizer.schemas";
import { contestPage, createRound, generateWeeklyRounds, requireContest, updateContest } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";
import { utcToVnLocal } from "~/core/organizer/weeks";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.contest.title : "Cuộc thi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const page = contestPage(user, Number(params.contestId));
  const now = Date.now();
  const hour = 3_600_000;
  return {
    ...page,
    categories: listCategoriesForForm(),
    suggestOpens: utcToVnLocal(Math.ceil(now / hour) * hour),
    suggestCloses: utcToVnLocal(Math.ceil(now / hour) * hour + 7 * 24 * hour),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const contestId = Number(params.contestId);
  requireContest(user, contestId);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "contest") {
    const submission = parseWithZod(formData, { schema: contestSchema });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    updateContest(user, contestId, submission.value);
    return { intent, reply: submission.reply({ resetForm: false }), saved: true };
  }
  if (intent === "round") {
    const submission = parseWithZod(formData, { schema: roundSchema });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    const result = createRound(user, contestId, submission.value);
    if (!result.ok) return data({ intent, reply: submission.reply({ formErrors: [result.error] }) }, { status: 422 });
    throw redirect(`/quan-tri/cuoc-thi/${contestId}/vong-thi/${result.round.id}`);
  }
  if (intent === "weekly") {
    const submission = parseWithZod(formData, { schema: weeklySchema });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    const result = generateWeeklyRounds(user, contestId, submission.value);
    if (!result.ok) return data({ intent, reply: submission.reply({ formErrors: [result.error] }) }, { status: 422 });
    return { intent, reply: submission.reply({ resetForm: true }), created: result.count };
  }
  throw new Response("Yêu cầu không hợp lệ.", { status: 400 });
}

const phaseText = { upcoming: "Sắp mở", open: "Đang mở", closed: "Đã đóng" } as const;

export default function ContestPage() {
  const { contest, rounds, categories, suggestOpens, suggestCloses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "contest",
    lastResult: result?.intent === "contest" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contestSchema }),
    ...VALIDATION_TIMING,
    defaultValue: {
      title: contest.title,
      rulesMd: contest.rulesMd,
      partsText: contest.parts.map((p) => p.title).join("\n"),
      organizerName: contest.organizerName,
      contactPhone: contest.contactPhone,
      contactEmail: contest.contactEmail,
      notice: contest.notice,
    },
  });
  const [weekly, weeklyFields] = useForm({
    id: "weekly",
    lastResult: result?.intent === "weekly" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: weeklySchema }),
    ...VALIDATION_TIMING,
    defaultValue: { titlePrefix: "Tuần", part: 1, questionCount: 20, timeLimitMinutes: 15 },
  });
  return (
    <>
      <p>
        <Link to="/quan-tri/cuoc-thi">← Các cuộc thi</Link>
      </p>
      <h1>{contest.title}</h1>
      <section className="card">
        <h2>Vòng thi</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Các vòng thi">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Vòng thi</th>
                <th scope="col">Thời gian</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Lượt thi</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/quan-tri/cuoc-thi/${contest.id}/vong-thi/${r.id}`}>{r.title}</Link>
                    <div className="muted">
                      Phần {r.part}
                      {r.weekNo ? `, tuần ${r.weekNo}` : ""}, {r.kind === "quiz" ? "trắc nghiệm" : "sáng kiến"}
                    </div>
                  </td>
                  <td>
                    {formatDateTime(r.opensAt)} – {formatDateTime(r.closesAt)}
                  </td>
                  <td>
                    {r.status === "published" ? "Đã công bố" : "Bản nháp"}, {phaseText[r.phase]}
                  </td>
                  <td>{r.attemptCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <details className="card">
        <summary>Thêm vòng thi</summary>
        <RoundForm
          id="new-round"
          intent="round"
          categories={categories}
          lastResult={result?.intent === "round" ? result.reply : undefined}
          locked={false}
          submitLabel="Tạo vòng thi"
          defaults={{
            title: "",
            part: 1,
            weekNo: null,
            opensLocal: suggestOpens,
            closesLocal: suggestCloses,
            questionCount: 20,
            timeLimitS: 900,
            attemptsAllowed: 1,
            shuffleQuestions: true,
            shuffleOptions: true,
            reviewPolicy: "after_close",
            rankPublication: "after_close",
            predictionPrompt: null,
            predictionTarget: "participants",
            drawRules: [],
            prizeTable: [
              { name: "Giải Nhất", count: 1 },
              { name: "Giải Nhì", count: 2 },
              { name: "Giải Ba", count: 3 },
              { name: "Giải Khuyến khích", count: 5 },
            ],
          }}
        />
      </details>
      <details className="card">
        <summary>Tạo các tuần thi từ một khoảng thời gian</summary>
        <Form method="post" className="stack" {...getFormProps(weekly)}>
          <input type="hidden" name="intent" value="weekly" />
          <FormErrors id={weekly.errorId} errors={weekly.errors} />
          <div className="grid-2">
            <DateField meta={weeklyFields.firstDay} label="Từ ngày" />
            <DateField meta={weeklyFields.lastDay} label="Đến ngày" />
          </div>
          <TextField meta={weeklyFields.titlePrefix} label="Tên mỗi tuần bắt đầu bằng" />
          <div className="grid-3">
            <TextField meta={weeklyFields.part} label="Phần thi số" type="number" />
            <TextField meta={weeklyFields.questionCount} label="Số câu hỏi" type="number" />
            <TextField meta={weeklyFields.timeLimitMinutes} label="Thời gian (phút)" type="number" />
          </div>
          <button type="submit" className="secondary">
            Tạo các tuần thi (bản nháp)
          </button>
          <SavedStatus message={result && "created" in result ? `Đã tạo ${result.created} tuần thi (bản nháp).` : null} />
        </Form>
      </details>
      <details className="card">
        <summary>Sửa thông tin cuộc thi</summary>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="contest" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.title} label="Tên cuộc thi" />
          <TextAreaField meta={fields.rulesMd} label="Thể lệ (Markdown)" hint="Mã HTML không được hiển thị." rows={8} />
          <TextAreaField meta={fields.partsText} label="Các phần thi" hint="Mỗi dòng một phần thi." rows={3} />
          <TextField meta={fields.organizerName} label="Ban Tổ chức (hiện ở thể lệ và chân trang)" />
          <TextField meta={fields.contactPhone} label="Đường dây nóng" type="tel" />
          <TextField meta={fields.contactEmail} label="Thư điện tử liên hệ (không bắt buộc)" type="email" />
          <TextAreaField meta={fields.notice} label="Thông báo đầu trang cuộc thi (không bắt buộc)" rows={2} />
          <button type="submit" className="primary">
            Lưu
          </button>
          <SavedStatus message={result?.intent === "contest" && "saved" in result ? "Đã lưu thông tin cuộc thi." : null} />
        </Form>
        <h3>Thể lệ như người dự thi thấy</h3>
        <Markdown>{contest.rulesMd}</Markdown>
      </details>
    </>
  );
}
