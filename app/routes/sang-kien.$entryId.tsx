import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { EntryForm, SimilarList, VideoFacade } from "~/initiatives/Initiative";
import { authorMayEdit, type EntryStatus, statusText, themeName } from "~/core/initiatives/initiatives";
import { formatClipLength } from "~/core/initiatives/video-link";
import { roundPhase } from "~/core/quiz/timing";
import { getDb } from "~/db.server";
import { formatDateTime } from "~/format";
import { idParam } from "~/initiatives/web.server";
import { ownEntry, saveEntry, similarTo } from "~/initiatives/initiatives.server";
import { entrySchema } from "~/initiatives/initiatives.schemas";
import { requireUser } from "~/account/session.server";
import { unitOptions } from "~/participation/units.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Sáng kiến: ${data.entry.title}` : "Sáng kiến" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const db = getDb();
  const row = ownEntry(db, user.id, idParam(params.entryId));
  if (!row || !row.round) throw new Response("Không tìm thấy bài dự thi.", { status: 404 });
  const e = row.entry;
  const status = e.status as EntryStatus;
  const editable = authorMayEdit(status) && roundPhase(row.round, Date.now()) === "open";
  return {
    entry: {
      id: e.id,
      title: e.title,
      entrantKind: e.entrantKind,
      unitId: e.unitId,
      unitName: row.unitName,
      authors: e.authors,
      theme: e.theme,
      summary: e.summary,
      novelty: e.novelty,
      appliedAt: e.appliedAt,
      videoUrl: e.videoUrl,
      videoProvider: e.videoProvider,
      embedUrl: e.embedUrl,
      durationS: e.durationS,
      status,
      statusReason: e.statusReason,
      published: e.publishedAt !== null,
      submittedAt: e.submittedAt,
    },
    round: { title: row.round.title, closesAt: row.round.closesAt },
    editable,
    units: editable ? unitOptions(user.unitId) : [],
    similar: status === "draft" ? null : similarTo(db, e.id, { forOrganizer: false }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const entryId = idParam(params.entryId);
  const submission = parseWithZod(await request.formData(), { schema: entrySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = saveEntry(getDb(), user, { roundId: 0, entryId, values: submission.value }, Date.now());
  if (!result.ok) {
    return data(
      submission.reply(result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] }),
      { status: result.status },
    );
  }
  throw redirect(`/sang-kien/${entryId}${submission.value.intent === "submit" ? "?da-nop=1" : "?da-luu=1"}`);
}

export default function EntryPage() {
  const { entry, round, editable, units, similar } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  return (
    <>
      <p>
        <Link to="/sang-kien">← Sáng kiến của tôi</Link>
      </p>
      <h1>{entry.title}</h1>
      {params.get("da-nop") ? (
        <p className="notice" role="status">
          Đã nộp bài dự thi. Ban Tổ chức sẽ xem xét; bạn vẫn có thể sửa đến khi vòng thi kết thúc.
        </p>
      ) : params.get("da-luu") ? (
        <p className="notice" role="status">
          Đã lưu nháp.
        </p>
      ) : null}
      <section className="card">
        <dl className="facts">
          <dt>Vòng thi</dt>
          <dd>{round.title}</dd>
          <dt>Hạn nộp</dt>
          <dd>{formatDateTime(round.closesAt)}</dd>
          <dt>Trạng thái</dt>
          <dd>
            {statusText[entry.status]}
            {entry.published ? " · đã đăng thư viện" : ""}
          </dd>
          <dt>Chủ đề</dt>
          <dd>{themeName(entry.theme)}</dd>
          <dt>Đơn vị</dt>
          <dd>{entry.unitName}</dd>
          {entry.authors.length ? (
            <>
              <dt>Tác giả</dt>
              <dd>{entry.authors.join(", ")}</dd>
            </>
          ) : null}
          <dt>Video</dt>
          <dd>{formatClipLength(entry.durationS)}</dd>
        </dl>
        {entry.statusReason ? <p className="notice">Ban Tổ chức: {entry.statusReason}</p> : null}
        <VideoFacade title={entry.title} embedUrl={entry.embedUrl} videoUrl={entry.videoUrl} provider={entry.videoProvider} durationS={entry.durationS} />
      </section>
      {similar ? <SimilarList similar={similar} heading="Sáng kiến gần giống" /> : null}
      {editable ? (
        <section className="card">
          <h2>Sửa bài dự thi</h2>
          <EntryForm lastResult={lastResult} units={units} busy={navigation.state === "submitting"} defaults={entry} />
        </section>
      ) : (
        <section className="card">
          <h2>Nội dung</h2>
          <h3>Tóm tắt</h3>
          <p className="rules">{entry.summary}</p>
          <h3>Điểm mới</h3>
          <p className="rules">{entry.novelty}</p>
          <h3>Nơi đã áp dụng</h3>
          <p className="rules">{entry.appliedAt}</p>
        </section>
      )}
    </>
  );
}
