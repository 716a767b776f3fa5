import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { InitiativeAdminNav } from "~/initiatives/InitiativeAdminNav";
import { THEMES, themeName } from "~/core/initiatives/initiatives";
import { providerNames, VIDEO_PROVIDERS } from "~/core/initiatives/video-link";
import { maskPhone } from "~/core/account/privacy";
import { getDb } from "~/db.server";
import { organizerRoundId } from "~/initiatives/web.server";
import {
  assignJudge,
  deleteCriterion,
  judgeCandidatesFor,
  judgeProgress,
  listCriteriaFor,
  organizerRounds,
  reopenScoring,
  saveCriterion,
  settingsOf,
  unassignJudge,
  updateSettings,
} from "~/initiatives/initiatives.server";
import { criterionSchema, judgeAssignSchema, reopenSchema, settingsSchema } from "~/initiatives/initiatives.schemas";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Tiêu chí, giám khảo, cài đặt — Sáng kiến" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  const rounds = organizerRounds(db, user);
  const roundId = organizerRoundId(request, rounds);
  const progress = judgeProgress(db, user, roundId);
  if (!progress.ok) throw new Response(progress.message, { status: progress.status });
  return {
    roundId,
    rounds: rounds.map((r) => ({ id: r.round.id, title: r.round.title })),
    settings: settingsOf(db, roundId),
    criteria: listCriteriaFor(db, roundId),
    judges: progress.judges,
    candidates: judgeCandidatesFor(db).map((c) => ({ ...c, phone: maskPhone(c.phone) })),
  };
}

const idSchema = z.object({ id: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const db = getDb();
  const rounds = organizerRounds(db, user);
  const roundId = organizerRoundId(request, rounds);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const now = Date.now();
  const bad = (section: string, message: string, status = 400) => data({ section, error: message, ok: false }, { status });
  let result: { ok: true } | { ok: false; status: number; message: string };
  switch (intent) {
    case "settings": {
      const parsed = settingsSchema.safeParse({ ...Object.fromEntries(formData), providers: formData.getAll("providers") });
      if (!parsed.success) return bad("settings", parsed.error.issues[0]?.message ?? "Dữ liệu không hợp lệ.");
      const v = parsed.data;
      result = updateSettings(
        db,
        user,
        roundId,
        { blindReview: !!v.blindReview, zScore: !!v.zScore, resultsPublished: !!v.resultsPublished, voteWeight: v.voteWeight, voteCap: v.voteCap, providers: v.providers, govSuffixes: v.govSuffixes, prizes: v.prizes },
        now,
      );
      break;
    }
    case "add-criterion":
    case "update-criterion": {
      const parsed = criterionSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return bad("criteria", parsed.error.issues[0]?.message ?? "Dữ liệu không hợp lệ.");
      result = saveCriterion(db, user, roundId, parsed.data, now);
      break;
    }
    case "delete-criterion": {
      const parsed = idSchema.safeParse({ id: formData.get("criterionId") });
      if (!parsed.success) return bad("criteria", "Không tìm thấy tiêu chí.");
      result = deleteCriterion(db, user, roundId, parsed.data.id, now);
      break;
    }
    case "assign-judge": {
      const parsed = judgeAssignSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return bad("judges", parsed.error.issues[0]?.message ?? "Dữ liệu không hợp lệ.");
      result = assignJudge(db, user, roundId, { userId: parsed.data.userId, theme: parsed.data.theme === "all" ? null : parsed.data.theme }, now);
      break;
    }
    case "reopen-scoring": {
      const parsed = reopenSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return bad("reopen", parsed.error.issues[0]?.message ?? "Dữ liệu không hợp lệ.");
      result = reopenScoring(db, user, roundId, parsed.data.reason, now);
      break;
    }
    case "remove-judge": {
      const parsed = idSchema.safeParse({ id: formData.get("assignmentId") });
      if (!parsed.success) return bad("judges", "Không tìm thấy phân công.");
      result = unassignJudge(db, user, roundId, parsed.data.id, now);
      break;
    }
    default:
      return bad("settings", "Thao tác không hợp lệ.");
  }
  const section = intent === "settings" ? "settings" : intent === "reopen-scoring" ? "reopen" : intent.includes("criterion") ? "criteria" : "judges";
  if (!result.ok) return bad(section, result.message, result.status);
  return { section, error: null, ok: true };
}

function Status({ section }: { section: string }) {
  const r = useActionData<typeof action>();
  if (!r || r.section !== section) return null;
  return r.error ? (
    <p className="form-error" role="alert">
      {r.error}
    </p>
  ) : (
    <p className="ok" role="status">
      Đã lưu.
    </p>
  );
}

export default function InitiativeSettings() {
  const { roundId, rounds, settings, criteria, judges, candidates } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const totalWeight = criteria.reduce((a, c) => a + c.weight, 0);
  return (
    <>
      <h1>Tiêu chí, giám khảo và cài đặt</h1>
      <InitiativeAdminNav roundId={roundId} rounds={rounds} />

      <section className="card" aria-labelledby="criteria-h">
        <h2 id="criteria-h">Tiêu chí chấm</h2>
        <p className="hint">Điểm cuối của mỗi giám khảo là trung bình có trọng số, mỗi tiêu chí quy về thang 100 theo thang điểm của nó. Tổng trọng số: {totalWeight}.</p>
        <Status section="criteria" />
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">Các tiêu chí chấm</caption>
            <thead>
              <tr>
                <th scope="col">Tiêu chí</th>
                <th scope="col">Trọng số</th>
                <th scope="col">Thang điểm</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Form method="post" id={`crit-${c.id}`}>
                      <input type="hidden" name="intent" value="update-criterion" />
                      <input type="hidden" name="criterionId" value={c.id} />
                      <input aria-label="Tên tiêu chí" name="name" defaultValue={c.name} />
                    </Form>
                  </td>
                  <td>
                    <input aria-label={`Trọng số: ${c.name}`} form={`crit-${c.id}`} name="weight" inputMode="decimal" defaultValue={c.weight} size={4} />
                  </td>
                  <td>
                    <input aria-label={`Thang điểm: ${c.name}`} form={`crit-${c.id}`} name="maxScore" inputMode="numeric" defaultValue={c.maxScore} size={4} />
                  </td>
                  <td className="actions">
                    <button type="submit" form={`crit-${c.id}`} className="secondary" disabled={busy}>
                      Lưu<span className="sr-only"> {c.name}</span>
                    </button>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete-criterion" />
                      <input type="hidden" name="criterionId" value={c.id} />
                      <button type="submit" className="secondary" disabled={busy}>
                        Xóa<span className="sr-only"> {c.name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="add-criterion" />
          <h3>Thêm tiêu chí</h3>
          <div className="field">
            <label htmlFor="c-name">Tên tiêu chí</label>
            <input id="c-name" name="name" required minLength={2} />
          </div>
          <div className="field">
            <label htmlFor="c-weight">Trọng số</label>
            <input id="c-weight" name="weight" inputMode="decimal" defaultValue="10" />
          </div>
          <div className="field">
            <label htmlFor="c-max">Thang điểm (điểm tối đa)</label>
            <input id="c-max" name="maxScore" inputMode="numeric" defaultValue="10" />
          </div>
          <button type="submit" className="primary" disabled={busy}>
            Thêm tiêu chí
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="judges-h">
        <h2 id="judges-h">Giám khảo và tiến độ chấm</h2>
        <Status section="judges" />
        {judges.length === 0 ? <p className="muted">Chưa phân công giám khảo nào.</p> : null}
        <ul className="plain">
          {judges.map((j) => (
            <li key={j.userId} className="judge-row">
              <strong>{j.fullName}</strong> <span className="muted">({j.unitName ?? "không rõ đơn vị"})</span>
              <p>
                Đã chấm {j.done}/{j.eligible} bài
                {j.excluded ? ` · ${j.excluded} bài không chấm (cùng đơn vị hoặc xin không chấm)` : ""}
              </p>
              <progress max={Math.max(1, j.eligible)} value={j.done} aria-label={`Tiến độ của ${j.fullName}`} />
              <ul>
                {j.assignments.map((a) => (
                  <li key={a.id}>
                    {a.theme ? themeName(a.theme) : "Tất cả chủ đề"}{" "}
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="remove-judge" />
                      <input type="hidden" name="assignmentId" value={a.id} />
                      <button type="submit" className="link-button" disabled={busy}>
                        Bỏ phân công<span className="sr-only"> {j.fullName}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="assign-judge" />
          <h3>Phân công giám khảo</h3>
          <div className="field">
            <label htmlFor="j-user">Giám khảo</label>
            <select id="j-user" name="userId" defaultValue="">
              <option value="">— Chọn người có quyền giám khảo —</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.fullName} — {c.unitName ?? ""} ({c.phone})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="j-theme">Chấm chủ đề</label>
            <select id="j-theme" name="theme" defaultValue="all">
              <option value="all">Tất cả chủ đề</option>
              {THEMES.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            Phân công
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="settings-h">
        <h2 id="settings-h">Cài đặt vòng thi</h2>
        <Status section="settings" />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="settings" />
          <div className="check">
            <input type="checkbox" id="s-blind" name="blindReview" value="on" defaultChecked={settings.blindReview} />
            <label htmlFor="s-blind">Chấm kín: giám khảo không thấy người dự thi và đơn vị</label>
          </div>
          <div className="check">
            <input type="checkbox" id="s-z" name="zScore" value="on" defaultChecked={settings.zScore} />
            <label htmlFor="s-z">Chuẩn hóa điểm theo từng giám khảo (z-score), để giám khảo chấm rộng tay và chặt tay được tính như nhau</label>
          </div>
          <div className="field">
            <label htmlFor="s-weight">Tỷ trọng bình chọn của công chúng (%)</label>
            <span className="hint" id="s-weight-hint">0: không mở bình chọn. Ví dụ 30: điểm cuối = 70% giám khảo + 30% bình chọn.</span>
            <input id="s-weight" name="voteWeight" inputMode="numeric" defaultValue={settings.voteWeight} aria-describedby="s-weight-hint" />
          </div>
          <div className="field">
            <label htmlFor="s-cap">Số bài tối đa mỗi người được bình chọn</label>
            <input id="s-cap" name="voteCap" inputMode="numeric" defaultValue={settings.voteCap} />
          </div>
          <fieldset className="field choice">
            <legend>Nơi đăng video được nhận</legend>
            {VIDEO_PROVIDERS.map((p) => (
              <div className="check" key={p}>
                <input type="checkbox" id={`p-${p}`} name="providers" value={p} defaultChecked={settings.providers.includes(p)} />
                <label htmlFor={`p-${p}`}>{providerNames[p]}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="s-gov">Tên miền trang của đơn vị</label>
            <span className="hint" id="s-gov-hint">Cách nhau bằng dấu phẩy, ví dụ .quangnam.gov.vn</span>
            <input id="s-gov" name="govSuffixes" defaultValue={settings.govSuffixes.join(", ")} aria-describedby="s-gov-hint" />
          </div>
          <div className="field">
            <label htmlFor="s-prizes">Cơ cấu giải thưởng</label>
            <span className="hint" id="s-prizes-hint">Mỗi dòng một giải, dạng “Giải Nhất: 1”.</span>
            <textarea id="s-prizes" name="prizes" rows={4} defaultValue={settings.prizes.map((p) => `${p.name}: ${p.count}`).join("\n")} aria-describedby="s-prizes-hint" />
          </div>
          {settings.resultsPublished ? (
            <p className="notice">
              <input type="hidden" name="resultsPublished" value="on" />
              Kết quả đã công bố: điểm chấm, tiêu chí, tỷ trọng bình chọn và cơ cấu giải đã khóa.
            </p>
          ) : (
            <div className="check">
              <input type="checkbox" id="s-results" name="resultsPublished" value="on" aria-describedby="s-results-hint" />
              <label htmlFor="s-results">Công bố kết quả trên thư viện sáng kiến (đóng bình chọn)</label>
              <span className="hint" id="s-results-hint">
                Khi công bố, điểm của giám khảo được khóa; muốn sửa phải mở lại chấm điểm và ghi lý do.
              </span>
            </div>
          )}
          <button type="submit" className="primary" disabled={busy}>
            Lưu cài đặt
          </button>
        </Form>
      </section>

      {settings.resultsPublished ? (
        <section className="card" aria-labelledby="reopen-h">
          <h2 id="reopen-h">Mở lại chấm điểm</h2>
          <p>
            Mở lại sẽ gỡ kết quả khỏi trang công khai và cho giám khảo sửa điểm. Lý do được ghi vào nhật ký hệ thống.
          </p>
          <Status section="reopen" />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="reopen-scoring" />
            <div className="field">
              <label htmlFor="reopen-reason">Lý do mở lại</label>
              <textarea id="reopen-reason" name="reason" rows={3} required minLength={10} maxLength={1000} />
            </div>
            <button type="submit" className="secondary" disabled={busy}>
              Mở lại chấm điểm
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
