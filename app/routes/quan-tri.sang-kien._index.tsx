import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { InitiativeAdminNav } from "~/initiatives/InitiativeAdminNav";
import { SimilarList, VideoFacade } from "~/initiatives/Initiative";
import { ENTRY_STATUSES, type EntryStatus, statusText, themeName } from "~/core/initiatives/initiatives";
import { formatClipLength } from "~/core/initiatives/video-link";
import { getDb } from "~/db.server";
import { formatDateTime } from "~/format";
import { organizerRoundId } from "~/initiatives/web.server";
import { moderateEntry, organizerEntries, organizerRounds } from "~/initiatives/initiatives.server";
import { moderationSchema } from "~/initiatives/initiatives.schemas";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Sáng kiến dự thi — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  const rounds = organizerRounds(db, user);
  const roundId = organizerRoundId(request, rounds);
  const s = new URL(request.url).searchParams.get("trang-thai");
  const status = ENTRY_STATUSES.includes(s as EntryStatus) ? (s as EntryStatus) : null;
  const result = organizerEntries(db, user, roundId, status);
  if (!result.ok) throw new Response(result.message, { status: result.status });
  return {
    roundId,
    rounds: rounds.map((r) => ({ id: r.round.id, title: r.round.title })),
    status,
    counts: result.counts as Record<string, number>,
    entries: result.entries.map(({ entry: e, unitName, ownerName, similar, comments }) => ({
      id: e.id,
      title: e.title,
      theme: e.theme,
      unitName,
      ownerName,
      entrantKind: e.entrantKind,
      authors: e.authors,
      summary: e.summary,
      novelty: e.novelty,
      appliedAt: e.appliedAt,
      videoUrl: e.videoUrl,
      videoProvider: e.videoProvider,
      embedUrl: e.embedUrl,
      durationS: e.durationS,
      status: e.status as EntryStatus,
      statusReason: e.statusReason,
      published: e.publishedAt !== null,
      submittedAt: e.submittedAt,
      similar,
      comments: comments.map((c) => ({ judge: c.fullName, comment: c.comment })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const form = Object.fromEntries(await request.formData());
  const parsed = moderationSchema.safeParse(form);
  if (!parsed.success) {
    return data({ entryId: Number(form.entryId) || null, error: parsed.error.issues[0]?.message ?? "Dữ liệu không hợp lệ." }, { status: 400 });
  }
  const { intent, entryId, reason } = parsed.data;
  const result = moderateEntry(getDb(), user, { entryId, action: intent, reason }, Date.now());
  if (!result.ok) return data({ entryId, error: result.message }, { status: result.status });
  return { entryId, error: null };
}

const filters: (EntryStatus | null)[] = [null, "submitted", "changes_requested", "accepted", "rejected"];

export default function OrganizerEntries() {
  const { roundId, rounds, status, counts, entries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <h1>Sáng kiến dự thi</h1>
      <InitiativeAdminNav roundId={roundId} rounds={rounds} />
      <nav aria-label="Lọc theo trạng thái" className="filters">
        {filters.map((f) => (
          <Link key={f ?? "all"} to={`?vong=${roundId}${f ? `&trang-thai=${f}` : ""}`} aria-current={status === f ? "page" : undefined}>
            {f ? statusText[f] : "Tất cả"} ({f ? (counts[f] ?? 0) : total})
          </Link>
        ))}
      </nav>
      {entries.length === 0 ? <p className="muted">Chưa có bài dự thi nào ở trạng thái này.</p> : null}
      <ul className="plain">
        {entries.map((e) => (
          <li key={e.id} className="card" aria-labelledby={`entry-${e.id}`}>
            <h2 id={`entry-${e.id}`}>{e.title}</h2>
            <dl className="facts">
              <dt>Trạng thái</dt>
              <dd>
                {statusText[e.status]}
                {e.published ? " · đã đăng thư viện" : ""}
              </dd>
              <dt>Chủ đề</dt>
              <dd>{themeName(e.theme)}</dd>
              <dt>Đơn vị</dt>
              <dd>{e.unitName}</dd>
              <dt>Người gửi</dt>
              <dd>
                {e.ownerName}
                {e.authors.length ? ` (tác giả: ${e.authors.join(", ")})` : ""}
              </dd>
              <dt>Nộp lúc</dt>
              <dd>{e.submittedAt ? formatDateTime(e.submittedAt) : "—"}</dd>
              <dt>Video</dt>
              <dd>{formatClipLength(e.durationS)}</dd>
            </dl>
            {e.statusReason ? <p className="notice">Lý do đã ghi: {e.statusReason}</p> : null}
            <details>
              <summary>Nội dung và video</summary>
              <h3>Tóm tắt</h3>
              <p className="rules">{e.summary}</p>
              <h3>Điểm mới</h3>
              <p className="rules">{e.novelty}</p>
              <h3>Nơi đã áp dụng</h3>
              <p className="rules">{e.appliedAt}</p>
              <VideoFacade title={e.title} embedUrl={e.embedUrl} videoUrl={e.videoUrl} provider={e.videoProvider} durationS={e.durationS} />
            </details>
            {e.comments.length ? (
              <details>
                <summary>Nhận xét của giám khảo ({e.comments.length})</summary>
                <ul>
                  {e.comments.map((c) => (
                    <li key={c.judge}>
                      <strong>{c.judge}:</strong> <span className="rules">{c.comment}</span>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            <SimilarList similar={e.similar} heading={`Sáng kiến gần giống “${e.title}”`} />
            <Form method="post" className="stack moderation">
              <input type="hidden" name="entryId" value={e.id} />
              {result?.entryId === e.id && result.error ? (
                <p className="form-error" role="alert">
                  {result.error}
                </p>
              ) : null}
              <div className="field">
                <label htmlFor={`reason-${e.id}`}>Lý do (khi không chấp nhận hoặc yêu cầu sửa)</label>
                <textarea id={`reason-${e.id}`} name="reason" rows={2} />
              </div>
              <div className="actions">
                {e.status !== "accepted" && e.status !== "draft" ? (
                  <button type="submit" name="intent" value="accept" className="primary" disabled={busy}>
                    Chấp nhận
                  </button>
                ) : null}
                {e.status === "submitted" ? (
                  <button type="submit" name="intent" value="request_changes" className="secondary" disabled={busy}>
                    Yêu cầu sửa
                  </button>
                ) : null}
                {e.status !== "rejected" && !e.published ? (
                  <button type="submit" name="intent" value="reject" className="secondary" disabled={busy}>
                    Không chấp nhận
                  </button>
                ) : null}
                {e.status === "accepted" && !e.published ? (
                  <button type="submit" name="intent" value="publish" className="secondary" disabled={busy}>
                    Đăng lên thư viện
                  </button>
                ) : null}
                {e.published ? (
                  <button type="submit" name="intent" value="unpublish" className="secondary" disabled={busy}>
                    Gỡ khỏi thư viện
                  </button>
                ) : null}
              </div>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
