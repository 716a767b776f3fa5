import { Form } from "@remix-run/react";
import { useState } from "react";
import type { ScoringMethod } from "~/core/reform-index/index-set";
import { formatPoints } from "~/core/reform-index/index-set";
import { ActionNote } from "./ActionNote";
import type { RowDraft, SaveState } from "./useRowAutosave";

/** One criterion of the self-assessment: what the unit declares, its evidence, and the council's view. */

export type RowView = {
  id: number;
  code: string;
  stt: string;
  title: string;
  maxPoints: number;
  method: unknown;
  evidence: string;
  allowNotApplicable: boolean;
  bonus: boolean;
  source: string | null;
  platformValue: string | null;
  entry: { declared: string | null; notApplicable: boolean; entered: number | null; selfScore: number | null; explanation: string; links: string[]; seq: number } | null;
  files: { id: number; name: string; size: number }[];
  final: { points: number | null; notApplicable: boolean; reason: string; unitAnswer: string | null } | null;
  appraisals: { memberUserId: number; points: number | null; notApplicable: boolean; reason: string }[];
};

export function methodHint(m: ScoringMethod, max: number): string {
  switch (m.kind) {
    case "yes_no":
      return `Cách tính: Có: ${formatPoints(max)} điểm; Không: 0 điểm.`;
    case "levels":
      return "Cách tính: " + m.levels.map((l) => `${l.label}: ${formatPoints(l.points)} điểm`).join("; ") + ".";
    case "steps":
      return (
        "Cách tính: " +
        m.steps.map((s) => (s.min <= -1e8 ? `thấp hơn: ${formatPoints(s.points)} điểm` : `từ ${formatPoints(s.min)} trở lên: ${formatPoints(s.points)} điểm`)).join("; ") +
        (m.steps.some((s) => s.min <= -1e8) ? "." : "; thấp hơn: 0 điểm.")
      );
    case "ratio":
      return `Điểm = ${formatPoints(max)} × tỷ lệ (%) đạt được.`;
    default:
      return `Đơn vị tự chấm, tối đa ${formatPoints(max)} điểm.`;
  }
}

const saveText: Record<SaveState["state"], string> = {
  idle: "",
  saving: "Đang lưu…",
  saved: "Đã lưu.",
  offline: "Chưa gửi được (mất mạng?): đã giữ trên máy này, sẽ tự gửi lại.",
  error: "Không lưu được.",
};

export function RowCard(props: {
  row: RowView;
  editable: boolean;
  draft: RowDraft | undefined;
  save: SaveState | undefined;
  onChange: (d: RowDraft) => void;
  councilVisible: boolean;
  appraise: boolean;
  chair: boolean;
  answerable: boolean;
  assessmentId: number;
  memberNames: Record<number, string>;
  /** The answer to one of this row's buttons (upload, appraise, finalize, answer), shown beside it. */
  note?: { ok: boolean; message: string; intent: string } | null;
}) {
  const { row, editable } = props;
  const m = row.method as ScoringMethod;
  const initial: RowDraft = props.draft ?? {
    declared: row.entry?.declared ?? (row.platformValue && !row.entry ? row.platformValue : null),
    notApplicable: row.entry?.notApplicable ?? false,
    entered: row.entry?.entered === null || row.entry?.entered === undefined ? "" : String(row.entry.entered),
    explanation: row.entry?.explanation ?? "",
    links: row.entry?.links ?? [],
  };
  const [d, setD] = useState<RowDraft>(initial);
  const update = (patch: Partial<RowDraft>) => {
    const next = { ...d, ...patch };
    setD(next);
    props.onChange(next);
  };
  const id = `row-${row.id}`;
  const score = props.save?.selfScore !== undefined ? props.save.selfScore : row.entry?.selfScore ?? null;
  return (
    <section className="card index-row" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <span className="stt">{row.stt}.</span> {row.title}
      </h3>
      <p className="muted small">
        Tối đa {formatPoints(row.maxPoints)} điểm{row.bonus ? " (điểm cộng)" : ""}. {methodHint(m, row.maxPoints)}
      </p>
      {row.evidence ? <p className="small">Tài liệu kiểm chứng: {row.evidence}</p> : null}
      {row.source && row.platformValue !== null ? (
        <p className="notice small">Số liệu trên nền tảng: {row.platformValue.replace(".", ",")}%.</p>
      ) : null}
      <fieldset disabled={!editable || d.notApplicable} className="plain-fieldset">
        <legend className="sr-only">Kê khai tiêu chí {row.stt}</legend>
        {m.kind === "yes_no" ? (
          <div className="choices" role="radiogroup" aria-label="Số liệu kê khai">
            {["Có", "Không"].map((v) => (
              <label key={v} className="choice">
                <input type="radio" name={`${id}-yn`} checked={d.declared === v} onChange={() => update({ declared: v })} /> {v}
              </label>
            ))}
          </div>
        ) : m.kind === "levels" ? (
          <div className="field">
            <label htmlFor={`${id}-level`}>Mức đạt được</label>
            <select id={`${id}-level`} value={d.declared ?? ""} onChange={(e) => update({ declared: e.target.value || null })}>
              <option value="">— Chọn mức —</option>
              {m.levels.map((l) => (
                <option key={l.label} value={l.label}>
                  {l.label} ({formatPoints(l.points)} điểm)
                </option>
              ))}
            </select>
          </div>
        ) : m.kind === "steps" || m.kind === "ratio" ? (
          <div className="field">
            <label htmlFor={`${id}-value`}>Số liệu kê khai{m.kind === "ratio" ? " (%)" : ""}</label>
            <input id={`${id}-value`} inputMode="decimal" value={d.declared ?? ""} onChange={(e) => update({ declared: e.target.value || null })} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-points`}>Điểm tự chấm (tối đa {formatPoints(row.maxPoints)})</label>
            <input id={`${id}-points`} inputMode="decimal" value={d.entered} onChange={(e) => update({ entered: e.target.value })} />
          </div>
        )}
      </fieldset>
      {row.allowNotApplicable ? (
        <label className="choice">
          <input type="checkbox" checked={d.notApplicable} disabled={!editable} onChange={(e) => update({ notApplicable: e.target.checked })} /> Không áp dụng đối với đơn vị
        </label>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-expl`}>Giải thích, số liệu</label>
        <textarea id={`${id}-expl`} rows={2} value={d.explanation} disabled={!editable} onChange={(e) => update({ explanation: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-links`}>Đường dẫn tài liệu kiểm chứng (mỗi dòng một đường dẫn)</label>
        <textarea
          id={`${id}-links`}
          rows={1}
          value={d.links.join("\n")}
          disabled={!editable}
          onChange={(e) => update({ links: e.target.value.split("\n").map((s) => s.trim()).filter(Boolean) })}
        />
      </div>
      <p className="self-score">
        Điểm tự đánh giá: <strong>{d.notApplicable ? "không áp dụng" : score === null ? "chưa có" : formatPoints(score)}</strong>
        <span className="save-state" role="status" aria-live="polite">
          {" "}
          {props.save ? (props.save.state === "error" ? props.save.message : saveText[props.save.state]) : ""}
        </span>
      </p>
      {row.files.length ? (
        <ul className="plain small">
          {row.files.map((f) => (
            <li key={f.id}>
              <a href={`/chi-so-cchc/minh-chung/${f.id}`}>{f.name}</a> ({Math.ceil(f.size / 1024)} KB)
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? (
        <Form method="post" encType="multipart/form-data" className="upload-form" preventScrollReset>
          <input type="hidden" name="intent" value="upload" />
          <input type="hidden" name="rowId" value={row.id} />
          <label htmlFor={`${id}-file`}>Tải tệp kiểm chứng (PDF, Word, Excel, ảnh; tối đa 20 MB)</label>
          <input id={`${id}-file`} type="file" name="file" accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png" required />
          <button type="submit">Tải lên</button>
        </Form>
      ) : null}
      {props.note?.intent === "upload" ? <ActionNote result={props.note} /> : null}
      {props.councilVisible && row.final ? (
        <div className="appraised">
          <p>
            Điểm thẩm định: <strong>{row.final.notApplicable ? "không áp dụng" : formatPoints(row.final.points ?? 0)}</strong>
            {row.final.reason ? <> — {row.final.reason}</> : null}
          </p>
          {row.final.unitAnswer ? <p className="small">Giải trình của đơn vị: {row.final.unitAnswer}</p> : null}
          {props.answerable && !row.final.unitAnswer ? (
            <Form method="post" className="inline-form" preventScrollReset>
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="assessmentId" value={props.assessmentId} />
              <input type="hidden" name="rowId" value={row.id} />
              <label htmlFor={`${id}-answer`}>Giải trình</label>
              <textarea id={`${id}-answer`} name="answer" rows={2} required />
              <button type="submit">Gửi giải trình</button>
            </Form>
          ) : null}
          {props.note?.intent === "answer" ? <ActionNote result={props.note} /> : null}
        </div>
      ) : null}
      {props.appraise || props.chair ? <CouncilBox {...props} /> : null}
    </section>
  );
}

function CouncilBox(props: { row: RowView; appraise: boolean; chair: boolean; assessmentId: number; memberNames: Record<number, string>; note?: { ok: boolean; message: string; intent: string } | null }) {
  const { row } = props;
  const id = `council-${row.id}`;
  const self = row.entry?.selfScore ?? null;
  return (
    <div className="council-box">
      {row.appraisals.length ? (
        <ul className="plain small">
          {row.appraisals.map((a) => (
            <li key={a.memberUserId}>
              {props.memberNames[a.memberUserId] ?? "Thành viên"}: {a.notApplicable ? "không áp dụng" : formatPoints(a.points ?? 0)}
              {a.points !== self ? <span className="badge">khác tự chấm</span> : null}
              {a.reason ? ` — ${a.reason}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {[...(props.appraise ? ["appraise"] : []), ...(props.chair ? ["finalize"] : [])].map((intent) => (
        <Form method="post" className="inline-form" key={intent} preventScrollReset>
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="assessmentId" value={props.assessmentId} />
          <input type="hidden" name="rowId" value={row.id} />
          <div className="field">
            <label htmlFor={`${id}-${intent}-p`}>{intent === "finalize" ? "Điểm chốt (Chủ tịch Hội đồng)" : "Điểm thẩm định"}</label>
            <input id={`${id}-${intent}-p`} name="points" inputMode="decimal" defaultValue={self === null ? "" : String(self)} />
          </div>
          {row.allowNotApplicable ? (
            <label className="choice">
              <input type="checkbox" name="notApplicable" /> Không áp dụng
            </label>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-${intent}-r`}>Lý do (bắt buộc khi khác điểm tự chấm)</label>
            <input id={`${id}-${intent}-r`} name="reason" />
          </div>
          <button type="submit">{intent === "finalize" ? "Chốt điểm" : "Lưu ý kiến"}</button>
          {props.note?.intent === intent ? <ActionNote result={props.note} /> : null}
        </Form>
      ))}
    </div>
  );
}
