import { getCollectionProps, getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateField } from "~/components/DateInput";
import { FieldErrors, FieldFrame, SavedStatus, SelectField, TextAreaField, TextField, VALIDATION_TIMING } from "~/components/Field";
import { decisionText, formatPoints, maxTotal, SCOPES, scopeRank, scopeText, suggestedDecision } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { formatIsoDate } from "~/initiative-register/RequestForm";
import { councilRequest, decide, scoreRequest } from "~/initiative-register/register.server";
import { decisionSchema, sheetSchema } from "~/initiative-register/schemas";
import { StateBadge } from "~/initiative-register/StateBadge";
import { idParam } from "~/initiative-register/web.server";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Phiếu chấm điểm sáng kiến" }];

const KIND = { register: "Sổ sáng kiến", entry: "Bài dự thi", archive: "Kho sáng kiến" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const view = councilRequest(getDb(), user, idParam(params.requestId));
  if (!view.ok) throw new Response(view.message, { status: view.status });
  const { searchFolded: _s, ...req } = view.request;
  return { ...view, request: req };
}

type Result = { section: "score" | "decide"; reply: SubmissionResult<string[]>; saved: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.requestId);
  const form = await request.formData();
  const db = getDb();
  const view = councilRequest(db, user, id);
  if (!view.ok) throw new Response(view.message, { status: view.status });
  const fieldErrors = (e: Record<string, string> | undefined) => Object.fromEntries(Object.entries(e ?? {}).map(([k, v]) => [k, [v]]));
  if (form.get("intent") === "decide") {
    const submission = parseWithZod(form, { schema: decisionSchema });
    if (submission.status !== "success") return data<Result>({ section: "decide", reply: submission.reply(), saved: null }, { status: 400 });
    const r = decide(db, user, id, submission.value, Date.now());
    if (!r.ok) return data<Result>({ section: "decide", reply: submission.reply({ formErrors: [r.message], fieldErrors: fieldErrors(r.fieldErrors) }), saved: null }, { status: r.status });
    return { section: "decide", reply: submission.reply(), saved: "Đã lưu kết luận của hội đồng." } satisfies Result;
  }
  const submission = parseWithZod(form, { schema: sheetSchema(view.council.criteria) });
  if (submission.status !== "success") return data<Result>({ section: "score", reply: submission.reply(), saved: null }, { status: 400 });
  const raw: Record<string, string> = {};
  for (const c of view.council.criteria) raw[c.key] = String(submission.value[`c-${c.key}`]);
  const r = scoreRequest(db, user, id, raw, String(submission.value.comment ?? ""), Date.now());
  if (!r.ok) {
    const errs = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [view.council.criteria.some((c) => c.key === k) ? `c-${k}` : k, [v]]));
    return data<Result>({ section: "score", reply: submission.reply({ formErrors: [r.message], fieldErrors: errs }), saved: null }, { status: r.status });
  }
  return { section: "score", reply: submission.reply(), saved: "Đã lưu phiếu chấm." } satisfies Result;
}

type Criterion = { key: string; name: string; maxPoints: number };

/** A member's phiếu chấm: a field per criterion of the sheet this request is scored on. */
function ScoreSheet({ criteria, mine, result, busy }: { criteria: Criterion[]; mine: { scores: Record<string, number>; comment: string | null } | null; result: Result | undefined; busy: boolean }) {
  const [form, fields] = useForm<Record<string, string>>({
    id: "score-sheet",
    lastResult: result?.section === "score" ? result.reply : undefined,
    defaultValue: { comment: mine?.comment ?? "", ...Object.fromEntries(criteria.map((c) => [`c-${c.key}`, mine?.scores[c.key] !== undefined ? String(mine.scores[c.key]) : ""])) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sheetSchema(criteria) }),
    ...VALIDATION_TIMING,
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="score" />
      {form.errors?.length ? (
        <p className="form-error" id={form.errorId} role="alert">
          {form.errors.join(" ")}
        </p>
      ) : null}
      {criteria.map((c) => {
        const meta = fields[`c-${c.key}`];
        const props = getInputProps(meta, { type: "text" });
        return (
          <FieldFrame meta={meta} label={`${c.name} (0–${c.maxPoints})`} key={c.key}>
            <input {...props} key={props.key} inputMode="decimal" />
          </FieldFrame>
        );
      })}
      <TextAreaField meta={fields.comment} label="Nhận xét (không bắt buộc)" rows={3} />
      <button type="submit" className="primary" disabled={busy}>
        Lưu phiếu chấm
      </button>
      <SavedStatus message={result?.section === "score" ? result.saved : null} />
    </Form>
  );
}

/** The secretary's record of the council's decision. */
function DecisionForm({
  suggested,
  scopes,
  defaultScope,
  result,
  busy,
}: {
  suggested: "recognised" | "not_recognised" | "needs_more";
  scopes: readonly ("co_so" | "cap_huyen" | "cap_tinh")[];
  defaultScope: string;
  result: Result | undefined;
  busy: boolean;
}) {
  const [form, fields] = useForm({
    id: "decision",
    lastResult: result?.section === "decide" ? result.reply : undefined,
    defaultValue: { decision: suggested, scope: defaultScope },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
    ...VALIDATION_TIMING,
  });
  const options = ["recognised", "not_recognised", "needs_more"] as const;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="decide" />
      {form.errors?.length ? (
        <p className="form-error" id={form.errorId} role="alert">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <fieldset className="field choice" aria-describedby={fields.decision.errors?.length ? fields.decision.errorId : undefined}>
        <legend>Kết luận</legend>
        {getCollectionProps(fields.decision, { type: "radio", options: [...options] }).map((p) => (
          <div className="check" key={p.key}>
            <input {...p} key={p.key} />
            <label htmlFor={p.id}>{decisionText[p.value as (typeof options)[number]]}</label>
          </div>
        ))}
        <FieldErrors meta={fields.decision} />
      </fieldset>
      <TextField meta={fields.decisionNumber} label="Số quyết định công nhận" hint="Khi công nhận; ví dụ 301/QĐ-UBND." />
      <DateField meta={fields.decisionDate} label="Ngày quyết định" />
      <SelectField meta={fields.scope} label="Phạm vi ảnh hưởng được công nhận" options={scopes.map((s) => ({ value: s, label: scopeText[s] }))} />
      <TextAreaField meta={fields.reason} label="Lý do hoặc nội dung cần bổ sung" hint="Bắt buộc khi yêu cầu bổ sung, hoặc khi không công nhận một sáng kiến đạt điểm." rows={3} />
      <button type="submit" className="primary" disabled={busy}>
        Lưu kết luận
      </button>
      <SavedStatus message={result?.section === "decide" ? result.saved : null} />
    </Form>
  );
}

export default function CouncilSheet() {
  const v = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const r = v.request;
  const open = r.state === "submitted" || r.state === "scoring";
  return (
    <>
      <p>
        <Link to="/hoi-dong-sang-kien">← Đơn chờ xét</Link>
      </p>
      <h1>{r.title}</h1>
      <section className="card">
        <p>
          <StateBadge state={r.state} /> <span className="muted">{v.council.name}</span>
        </p>
        <dl className="facts">
          <dt>Đơn vị áp dụng</dt>
          <dd>{v.unitName}</dd>
          <dt>Tác giả</dt>
          <dd>{v.authors.map((a) => `${a.fullName} (${a.share}%)`).join(", ")}</dd>
          <dt>Lĩnh vực</dt>
          <dd>{r.field}</dd>
          <dt>Thực trạng</dt>
          <dd>{r.problem}</dd>
          <dt>Tính mới</dt>
          <dd>{r.novelty}</dd>
          <dt>Cách thức áp dụng</dt>
          <dd>
            {r.howApplied}
            {r.appliedSince ? ` (từ ${formatIsoDate(r.appliedSince)})` : ""}
          </dd>
          <dt>Hiệu quả</dt>
          <dd>{r.benefit}</dd>
          <dt>Phạm vi đề nghị</dt>
          <dd>{scopeText[r.claimedScope]}</dd>
          {r.evidence.length ? (
            <>
              <dt>Minh chứng</dt>
              <dd>
                {r.evidence.map((e) => (
                  <a key={e.url} href={e.url} rel="noreferrer noopener" target="_blank">
                    {e.label}{" "}
                  </a>
                ))}
              </dd>
            </>
          ) : null}
          {r.videoUrl ? (
            <>
              <dt>Video</dt>
              <dd>
                <a href={r.videoUrl} rel="noreferrer noopener" target="_blank">
                  Xem video giới thiệu
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="similar-h">
        <h2 id="similar-h">Kiểm tra trùng ý tưởng</h2>
        {v.similar.length === 0 ? <p className="muted">Không thấy sáng kiến nào gần giống.</p> : null}
        <ul className="plain">
          {v.similar.map((s) => (
            <li key={`${s.kind}-${s.id}`}>
              <strong>{s.title}</strong> — {KIND[s.kind]}
              {s.where ? `, ${s.where}` : ""}: trùng {s.percent}% từ ngữ
            </li>
          ))}
        </ul>
      </section>
      {v.isMember ? (
        v.conflict ? (
          <p className="notice" role="status">
            {v.conflict}
          </p>
        ) : open ? (
          <section className="card" aria-labelledby="sheet-h">
            <h2 id="sheet-h">Phiếu chấm điểm (tối đa {formatPoints(maxTotal(v.council.criteria))} điểm)</h2>
            {v.council.frozen ? <p className="muted">Đơn được chấm theo phiếu chấm đã dùng khi bắt đầu chấm; thay đổi sau đó của hội đồng không áp dụng cho đơn này.</p> : null}
            <ScoreSheet criteria={v.council.criteria} mine={v.mySheet} result={result} busy={busy} />
          </section>
        ) : null
      ) : null}
      {v.isSecretary ? (
        <section className="card" aria-labelledby="decide-h">
          <h2 id="decide-h">Tiến độ và kết luận của hội đồng</h2>
          <p>
            {v.progress.scored}/{v.progress.eligible} thành viên đã chấm
            {v.mean !== null ? `; điểm trung bình ${formatPoints(v.mean)} (điểm đạt ${formatPoints(v.council.passMark)})` : ""}.
          </p>
          <ul className="plain">
            {v.members.map((m) => (
              <li key={m.fullName}>
                {m.fullName}: {m.scored ? "đã chấm" : "chưa chấm"}
              </li>
            ))}
          </ul>
          {open ? (
            <DecisionForm
              suggested={v.mean !== null && v.progress.complete ? suggestedDecision(v.mean, v.council.passMark) : "needs_more"}
              scopes={SCOPES.filter((s) => scopeRank(s) <= scopeRank(v.council.maxScope))}
              defaultScope={scopeRank(r.claimedScope) <= scopeRank(v.council.maxScope) ? r.claimedScope : v.council.maxScope}
              result={result}
              busy={busy}
            />
          ) : (
            <>
              <p>
                <strong>Kết luận: </strong>
                {r.state === "recognised"
                  ? `công nhận theo Quyết định số ${r.decisionNumber} ngày ${formatIsoDate(r.decisionDate)}, phạm vi ${r.decidedScope ? scopeText[r.decidedScope] : ""}.`
                  : r.state === "not_recognised"
                    ? `không công nhận. ${r.stateReason ?? ""}`
                    : `yêu cầu tác giả bổ sung: ${r.stateReason ?? ""}`}
              </p>
              <SavedStatus message={result?.section === "decide" ? result.saved : null} />
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
