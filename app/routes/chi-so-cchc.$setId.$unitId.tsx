import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatPoints } from "~/core/reform-index/index-set";
import { formatDateTime } from "~/format";
import { RowCard, type RowView } from "~/reform-index/RowCard";
import { assessmentStateText } from "~/reform-index/text";
import {
  answerRow,
  appraiseRow,
  assessmentPage,
  assignOfficer,
  finalizeRow,
  finishAppraisal,
  officerPanel,
  removeOfficer,
  requireAssessmentAccess,
  submitSelfAssessment,
  tellHeadReady,
  uploadEvidence,
} from "~/reform-index/index.server";
import { ActionNote } from "~/reform-index/ActionNote";
import { OfficerPanel } from "~/reform-index/OfficerPanel";
import { answerSchema, councilScoreSchema } from "~/reform-index/schemas";
import { useRowAutosave } from "~/reform-index/useRowAutosave";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Chỉ số CCHC ${data.set.year}: ${data.unit.name}` : "Chỉ số CCHC" }];

const params = z.object({ setId: z.coerce.number().int().positive(), unitId: z.coerce.number().int().positive() });

export async function loader({ request, params: p }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const parsed = params.safeParse(p);
  if (!parsed.success) throw new Response("Không tìm thấy.", { status: 404 });
  const page = assessmentPage(user, parsed.data.setId, parsed.data.unitId);
  const query = new URL(request.url).searchParams.get("tim") ?? "";
  // Only the unit's own head assigns the officer: the panel and its search are not in anyone else's page.
  const officer = page.access.head ? officerPanel(user, parsed.data.setId, parsed.data.unitId, query) : null;
  return { ...page, officerPanel: officer };
}

export async function action({ request, params: p }: ActionFunctionArgs) {
  const user = requireUser(request);
  const ids = params.safeParse(p);
  if (!ids.success) throw new Response("Không tìm thấy.", { status: 404 });
  requireAssessmentAccess(user, ids.data.setId, ids.data.unitId);
  const form = await request.formData();
  const intent = form.get("intent");
  const fields = Object.fromEntries(form);
  const row = z.coerce.number().int().positive().safeParse(form.get("rowId"));
  // The answer names the form it answers (and its row), so that the page shows it beside that form's button.
  const reply = (r: { ok: boolean; message: string }) => data({ ...r, intent: String(intent ?? ""), rowId: row.success ? row.data : null }, { status: r.ok ? 200 : 400 });
  const bad = (issues: z.ZodIssue[]) => reply({ ok: false, message: issues[0]?.message ?? "Dữ liệu không hợp lệ." });
  if (intent === "submit") return reply(submitSelfAssessment(user, ids.data.setId, ids.data.unitId));
  if (intent === "officer_assign") {
    const person = z.coerce.number().int().positive().safeParse(form.get("personId"));
    if (!person.success) return reply({ ok: false, message: "Chọn một người của đơn vị." });
    return reply(assignOfficer(user, ids.data.setId, ids.data.unitId, person.data));
  }
  if (intent === "officer_remove") return reply(removeOfficer(user, ids.data.setId, ids.data.unitId));
  if (intent === "ready") return reply(tellHeadReady(user, ids.data.setId, ids.data.unitId));
  if (intent === "upload") {
    const rowId = z.coerce.number().int().positive().safeParse(form.get("rowId"));
    const file = form.get("file");
    if (!rowId.success || !(file instanceof File)) return reply({ ok: false, message: "Chọn một tệp để tải lên." });
    return reply(await uploadEvidence(user, ids.data.setId, ids.data.unitId, rowId.data, file));
  }
  if (intent === "appraise" || intent === "finalize") {
    const s = councilScoreSchema.safeParse(fields);
    if (!s.success) return bad(s.error.issues);
    return reply(intent === "appraise" ? appraiseRow(user, s.data) : finalizeRow(user, s.data));
  }
  if (intent === "finish") {
    const a = z.coerce.number().int().positive().safeParse(form.get("assessmentId"));
    if (!a.success) return reply({ ok: false, message: "Dữ liệu không hợp lệ." });
    return reply(finishAppraisal(user, a.data));
  }
  if (intent === "answer") {
    const s = answerSchema.safeParse(fields);
    if (!s.success) return bad(s.error.issues);
    return reply(answerRow(user, s.data));
  }
  return reply({ ok: false, message: "Thao tác không hợp lệ." });
}

const BOTTOM_INTENTS = new Set(["submit", "ready", "finish"]);
const ROW_INTENTS = new Set(["upload", "appraise", "finalize", "answer"]);

export default function AssessmentPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const serverSeq = Object.fromEntries(d.rows.filter((r) => r.entry).map((r) => [r.id, r.entry!.seq]));
  const autosave = useRowAutosave(d.set.id, d.unit.id, serverSeq);
  const pendingCount = Object.keys(autosave.pending).length;
  // The self-score total follows what has been saved since the page loaded.
  const live = d.rows.reduce(
    (acc, r) => {
      if (!r.leaf) return acc;
      const saved = autosave.states[r.id]?.selfScore;
      const score = saved !== undefined ? saved : (r.entry?.selfScore ?? null);
      const na = autosave.pending[r.id]?.notApplicable ?? r.entry?.notApplicable ?? false;
      if (na && r.allowNotApplicable) return acc;
      return { obtained: acc.obtained + (score ?? 0), max: acc.max + (r.bonus ? 0 : r.maxPoints), missing: acc.missing + (score === null ? 1 : 0) };
    },
    { obtained: 0, max: 0, missing: 0 },
  );
  // Answers to the buttons at the bottom and in each row are shown beside those buttons; the rest at the top.
  const bottomNote = result && BOTTOM_INTENTS.has(result.intent) ? result : null;
  const rowNote = result && ROW_INTENTS.has(result.intent) && d.rows.some((r) => r.id === result.rowId) ? result : null;
  const liveIndex = live.max > 0 ? Math.min(100, Math.round((live.obtained / live.max) * 10000) / 100) : 0;
  return (
    <article className="index-page">
      <nav aria-label="Đường dẫn" className="crumbs no-print">
        <ol>
          <li>
            <Link to="/chi-so-cchc">Chỉ số CCHC</Link>
          </li>
          <li>
            <span aria-current="page">{d.unit.name}</span>
          </li>
        </ol>
      </nav>
      <h1>
        {d.unit.name}: tự đánh giá Chỉ số CCHC năm {d.set.year}
      </h1>
      <p className="muted">{d.set.title}</p>
      <div className="card index-summary" aria-label="Tổng hợp điểm">
        <p>
          Trạng thái: <strong>{assessmentStateText[d.assessment.state]}</strong>
          {d.set.selfDeadlineAt ? <> · Hạn tự đánh giá: {formatDateTime(d.set.selfDeadlineAt)}</> : null}
        </p>
        {d.assignedParts ? (
          // A member given some parts sees those rows only: their sum is not the unit's index.
          <p>
            Điểm tự đánh giá {d.assignedParts.length === 1 ? "lĩnh vực" : "các lĩnh vực"} được phân công:{" "}
            <strong>{formatPoints(Math.round(live.obtained * 100) / 100)}</strong>/{formatPoints(live.max)} điểm · cả bộ chỉ số:{" "}
            <strong>{formatPoints(d.selfTotal.obtained)}</strong>/{formatPoints(d.selfTotal.max)} điểm
          </p>
        ) : (
          <p>
            Điểm tự đánh giá: <strong>{formatPoints(Math.round(live.obtained * 100) / 100)}</strong>/{formatPoints(live.max)} điểm, chỉ số{" "}
            <strong>{formatPoints(liveIndex)}%</strong>
            {live.missing ? <> · còn {live.missing} tiêu chí chưa kê khai</> : null}
          </p>
        )}
        {d.councilVisible && d.assessment.state !== "draft" ? (
          <p>
            Điểm thẩm định: <strong>{formatPoints(d.total.obtained)}</strong>/{formatPoints(d.total.max)} điểm, chỉ số <strong>{formatPoints(d.total.index)}%</strong>
            {d.disagreements ? <> · {d.disagreements} tiêu chí được chấm khác điểm tự đánh giá</> : null}
          </p>
        ) : null}
        {d.assessment.state === "appraised" ? (
          <p>
            {d.set.explainUntil === null
              ? "Hội đồng chưa mở thời hạn giải trình."
              : d.explainOpen
                ? `Đơn vị giải trình các tiêu chí bị chấm lại đến ${formatDateTime(d.set.explainUntil)}.`
                : `Đã hết thời hạn giải trình (${formatDateTime(d.set.explainUntil)}).`}
          </p>
        ) : null}
        {pendingCount ? (
          <p className="notice" role="status">
            {pendingCount} tiêu chí đang chờ gửi lên máy chủ; đã giữ trên máy này.
          </p>
        ) : null}
      </div>
      {d.officer?.isMe ? (
        <p className="notice">
          Bạn là cán bộ đầu mối Chỉ số CCHC của đơn vị: bạn kê khai các tiêu chí và tải tài liệu kiểm chứng; thủ trưởng đơn vị gửi bản tự đánh giá.
        </p>
      ) : null}
      {d.assignedParts ? (
        <p className="notice">
          Bạn được phân công thẩm định {d.assignedParts.length === 1 ? "lĩnh vực" : "các lĩnh vực"} {d.assignedParts.join("; ")}. Các lĩnh vực khác do thành viên khác của Hội đồng thẩm định.
        </p>
      ) : null}
      {d.assessment.state === "returned" && d.assessment.returnedReason ? (
        <p className="notice">Ban Tổ chức trả lại để bổ sung: {d.assessment.returnedReason}</p>
      ) : null}
      {result && !bottomNote && !rowNote ? <ActionNote result={result} /> : null}
      {d.officerPanel ? <OfficerPanel panel={d.officerPanel} /> : null}
      {d.rows.map((r) =>
        r.leaf ? (
          <RowCard
            key={r.id}
            row={r as RowView}
            editable={d.editable}
            draft={autosave.pending[r.id]}
            save={autosave.states[r.id]}
            onChange={(draft) => autosave.change(r.id, draft)}
            councilVisible={d.councilVisible}
            appraise={(d.access.appraise || d.access.chair) && d.set.state === "appraising" && d.assessment.state === "submitted"}
            chair={d.access.chair && d.set.state === "appraising" && (d.assessment.state === "submitted" || (d.assessment.state === "appraised" && !!r.final?.unitAnswer))}
            answerable={d.answerable}
            assessmentId={d.assessment.id}
            memberNames={d.memberNames}
            note={rowNote && rowNote.rowId === r.id ? rowNote : null}
          />
        ) : (
          <h2 key={r.id} className={`index-group depth-${r.depth}`}>
            {r.stt}. {r.title}{" "}
            <span className="muted small">
              ({r.subtotal ? `${formatPoints(r.subtotal.obtained)}/` : ""}
              {formatPoints(r.maxPoints)} điểm)
            </span>
          </h2>
        ),
      )}
      {d.editable && d.access.head ? (
        <Form method="post" className="card" preventScrollReset>
          <input type="hidden" name="intent" value="submit" />
          <p>Khi gửi, bản tự đánh giá chuyển đến Hội đồng thẩm định và không sửa được nữa (trừ khi bị trả lại).</p>
          <button type="submit" className="primary">
            Gửi bản tự đánh giá
          </button>
        </Form>
      ) : d.editable ? (
        <Form method="post" className="card" preventScrollReset>
          <input type="hidden" name="intent" value="ready" />
          <p>Thủ trưởng đơn vị gửi bản tự đánh giá đến Hội đồng thẩm định. Kê khai xong, hãy báo để thủ trưởng xem lại và gửi.</p>
          <button type="submit" className="primary">
            Báo thủ trưởng đã kê khai xong
          </button>
        </Form>
      ) : null}
      {d.access.chair && d.set.state === "appraising" && d.assessment.state === "submitted" ? (
        <Form method="post" className="card" preventScrollReset>
          <input type="hidden" name="intent" value="finish" />
          <input type="hidden" name="assessmentId" value={d.assessment.id} />
          <p>Tiêu chí chưa chốt điểm giữ điểm tự đánh giá của đơn vị.</p>
          <button type="submit" className="primary">
            Hoàn thành thẩm định đơn vị này
          </button>
        </Form>
      ) : null}
      {/* Outside the forms: a sent assessment no longer shows its button, but the answer stays in sight. */}
      <ActionNote result={bottomNote} />
    </article>
  );
}
