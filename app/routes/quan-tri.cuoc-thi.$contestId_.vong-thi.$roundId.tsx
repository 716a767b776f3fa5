import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RoundForm } from "~/organizer/RoundForm";
import { formatDateTime } from "~/format";
import { roundSchema } from "~/organizer/organizer.schemas";
import { publishRound, roundPage, saveRound, unpublishRound } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";
import { PlainDateInput } from "~/components/DateInput";
import { parseVnDate } from "~/core/vn-date";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Vòng thi: ${data.round.title}` : "Vòng thi" }];

function load(request: Request, params: { contestId?: string; roundId?: string }) {
  const user = requireRole(request, "organizer");
  const page = roundPage(user, Number(params.roundId));
  if (page.contest.id !== Number(params.contestId))
    throw new Response("Không tìm thấy vòng thi trong cuộc thi này.", { status: 404 });
  return { user, page };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return load(request, params).page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, page } = load(request, params);
  const roundId = page.round.id;
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: roundSchema });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    const result = await saveRound(user, roundId, submission.value);
    if (!result.ok) {
      return data({ intent, reply: submission.reply({ formErrors: [result.error] }) }, { status: 422 });
    }
    return { intent, reply: submission.reply(), saved: true };
  }
  if (intent === "publish") {
    const before = String(formData.get("before") ?? "").trim();
    const beforeDay = before ? parseVnDate(before) : null;
    if (before && !beforeDay) {
      const refused = { ok: false as const, error: "Ngày cảnh báo không hợp lệ: nhập ngày/tháng/năm, ví dụ 01/07/2025.", flagged: [] };
      return data({ intent, publish: refused, before }, { status: 422 });
    }
    const result = await publishRound(user, roundId, { confirm: formData.get("confirm") === "1", before: beforeDay });
    return data({ intent, publish: result, before }, { status: result.ok ? 200 : result.error ? 422 : 409 });
  }
  if (intent === "unpublish") {
    unpublishRound(user, roundId);
    return { intent };
  }
  throw new Response("Yêu cầu không hợp lệ.", { status: 400 });
}

export default function RoundSettings() {
  const { round, contest, locked, attemptCount, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const publish = result && "publish" in result ? result.publish : null;
  return (
    <>
      <p>
        <Link to={`/quan-tri/cuoc-thi/${contest.id}`}>← {contest.title}</Link>
      </p>
      <h1>{round.title}</h1>
      <section className="card">
        <dl className="facts">
          <dt>Trạng thái</dt>
          <dd>{round.status === "published" ? "Đã công bố" : "Bản nháp (người dự thi chưa thấy)"}</dd>
          <dt>Thời gian</dt>
          <dd>
            {formatDateTime(round.opensAt)} – {formatDateTime(round.closesAt)}
          </dd>
          <dt>Lượt đã làm</dt>
          <dd>{attemptCount}</dd>
        </dl>
        <p>
          <Link to={`/quan-tri/cuoc-thi/${contest.id}/vong-thi/${round.id}/xem-thu`}>Xem thử đề như người dự thi</Link>
          {" · "}
          <Link to={`/quan-tri/ket-qua/${round.id}`}>Kết quả và giải thưởng</Link>
        </p>
        {round.status === "published" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unpublish" />
            <button type="submit" className="secondary">
              Thôi công bố
            </button>
          </Form>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="publish" />
            <PlainDateInput
              id="publish-before"
              name="before"
              label="Cảnh báo câu hỏi chỉ đúng đến trước ngày (không bắt buộc)"
              defaultValue={publish ? ((result as { before?: string }).before ?? null) : null}
            />
            {publish && !publish.ok && publish.error ? (
              <p className="notice error" role="alert">
                {publish.error}
              </p>
            ) : null}
            {publish && !publish.ok && !publish.error && publish.flagged.length ? (
              <div className="notice" role="alert">
                <p>
                  Vòng thi có thể rút {publish.flagged.length} câu hỏi bị gắn cờ (văn bản đã bị thay thế hoặc đã cũ). Vẫn công bố?
                </p>
                <ul>
                  {publish.flagged.slice(0, 10).map((q) => (
                    <li key={q.id}>
                      <Link to={`/quan-tri/cau-hoi/${q.id}`}>#{q.id}</Link> {q.stem.slice(0, 100)} — {q.flags.join("; ")}
                    </li>
                  ))}
                </ul>
                <button type="submit" name="confirm" value="1" className="primary">
                  Vẫn công bố
                </button>
              </div>
            ) : null}
            <button type="submit" className="primary">
              Công bố vòng thi
            </button>
          </Form>
        )}
        {publish?.ok ? <p role="status">Đã công bố vòng thi.</p> : null}
      </section>
      {round.kind !== "quiz" ? (
        <p className="notice">Đây là vòng sáng kiến: bài dự thi được quản lý ở trang Sáng kiến.</p>
      ) : (
        <section className="card">
          <h2>Cài đặt</h2>
          <RoundForm
            id="round"
            intent="save"
            categories={categories}
            lastResult={result && "reply" in result ? result.reply : undefined}
            locked={locked}
            submitLabel="Lưu cài đặt"
            savedMessage={result && "saved" in result ? "Đã lưu cài đặt vòng thi." : null}
            defaults={{ ...round, opensLocal: round.opensLocal, closesLocal: round.closesLocal }}
          />
        </section>
      )}
    </>
  );
}
