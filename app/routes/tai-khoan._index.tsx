import { DateField } from "~/components/DateInput";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { TextField } from "~/components/Field";
import { UnitPicker } from "~/participation/UnitPicker";
import { formatDateTime } from "~/format";
import { passwordChangeSchema, profileSchema, selfClaimSchema, unitChangeSchema } from "~/account/account.schemas";
import { changeOwnPassword, pendingOwnUnitChange, requestOwnUnitChange, updateOwnProfile } from "~/account/account.server";
import { accountPage, logoutEverywhere } from "~/account/privacy.server";
import { claimOwnRow, ownRosterStatus } from "~/participation/roster-link.server";
import { destroySession, requireUser } from "~/account/session.server";
import { AwardsList } from "~/awards/AwardsList";
import { myAwards } from "~/awards/history.server";
import { councilLevels } from "~/awards/access.server";
import { unitOptions } from "~/participation/units.server";

export const meta: MetaFunction = () => [{ title: "Tài khoản của tôi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return data(
    { ...accountPage(user, request.headers.get("Cookie")), roster: ownRosterStatus(user), unitChange: pendingOwnUnitChange(user.id), units: unitOptions(), awards: myAwards(user), councilMember: councilLevels(user).size > 0 },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type Reply = { intent: string; reply: SubmissionResult<string[]> | null; message: string | null; ok: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const out = (r: { status: number; reply: SubmissionResult<string[]> | null; message: string | null }) =>
    data<Reply>({ intent, reply: r.reply, message: r.message, ok: r.status < 400 }, { status: r.status });
  switch (intent) {
    case "logout-all":
      logoutEverywhere(user);
      throw redirect("/dang-nhap", { headers: { "Set-Cookie": destroySession(request) } });
    case "change-password":
      return out(await changeOwnPassword(user, form, request.headers.get("Cookie")));
    case "profile":
      return out(updateOwnProfile(user, form));
    case "unit-change":
      return out(requestOwnUnitChange(user, form));
    case "claim-row": {
      const r = claimOwnRow(user, form);
      return out({ status: r.status, reply: null, message: r.message });
    }
    default:
      return out({ status: 400, reply: null, message: "Thao tác không hợp lệ." });
  }
}

const roleNames: Record<string, string> = { admin: "Quản trị hệ thống", organizer: "Ban Tổ chức", unit_head: "Thủ trưởng đơn vị", judge: "Giám khảo" };

function Saved({ result, intent }: { result: Reply | undefined; intent: string }) {
  if (!result || result.intent !== intent || !result.message) return null;
  return (
    <p className={result.ok ? "notice" : "notice error"} role={result.ok ? "status" : "alert"}>
      {result.message}
    </p>
  );
}

export default function MyAccount() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const p = d.profile;
  const last = (intent: string) => (result?.intent === intent ? result.reply : undefined);
  const [pwForm, pw] = useForm({
    id: "password",
    lastResult: last("change-password"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [profileForm, pf] = useForm({
    id: "profile",
    lastResult: last("profile"),
    defaultValue: { fullName: p.fullName, position: p.position ?? "", email: p.email ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [unitForm, uf] = useForm({
    id: "unit-change",
    lastResult: last("unit-change"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitChangeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [claimForm, cf] = useForm({
    id: "claim-row",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: selfClaimSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const claimRowProps = getSelectProps(cf.entryId);
  return (
    <article className="account">
      <h1>Tài khoản của tôi</h1>

      <section className="card" aria-labelledby="verify-h" id="danh-sach">
        <h2 id="verify-h">Khớp danh sách cán bộ</h2>
        <Saved result={result} intent="claim-row" />
        {d.roster.verified ? (
          <p className="rate-ok" data-testid="verified">
            Đã xác minh: tài khoản của bạn đã khớp với danh sách cán bộ của {p.unitName ?? "đơn vị"}.
          </p>
        ) : d.roster.pending ? (
          <p className="notice" data-testid="verified">
            Chưa xác minh: yêu cầu ghép với dòng “{d.roster.pending.rowName}” ({d.roster.pending.unitName}) đang chờ thủ trưởng đơn vị hoặc Ban Tổ chức xác nhận.
          </p>
        ) : (
          <>
            <p className="notice" data-testid="verified">
              Chưa xác minh: tài khoản của bạn chưa khớp với dòng nào trong danh sách cán bộ. Bạn vẫn được tính vào tỷ lệ tham gia của đơn vị đã đăng ký; một số
              cuộc thi chỉ tính phiếu bình chọn hoặc giải thưởng cho tài khoản đã xác minh.
            </p>
            {d.roster.freeRows.length ? (
              <Form method="post" className="stack" {...getFormProps(claimForm)}>
                <input type="hidden" name="intent" value="claim-row" />
                <div className="field">
                  <label htmlFor={cf.entryId.id}>Tên của bạn trong danh sách của {p.unitName}</label>
                  <select {...claimRowProps} key={claimRowProps.key}>
                    <option value="">Chọn tên của bạn</option>
                    {d.roster.freeRows.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.fullName}
                        {r.position ? ` — ${r.position}` : ""}
                      </option>
                    ))}
                  </select>
                  {cf.entryId.errors?.length ? (
                    <span className="error" id={cf.entryId.errorId}>
                      {cf.entryId.errors.join(" ")}
                    </span>
                  ) : null}
                </div>
                <DateField meta={cf.birthDate} label="Ngày sinh của bạn" hint="Để xác nhận: ngày sinh hoặc số CCCD phải trùng với danh sách đơn vị đã nộp." />
                <TextField meta={cf.cccd} label="Hoặc số CCCD" inputMode="numeric" />
                <button type="submit" className="primary" disabled={busy}>
                  Ghép tài khoản với dòng này
                </button>
              </Form>
            ) : d.roster.unitHasRoster ? (
              <p>Danh sách của đơn vị không còn dòng trống. Nếu tên bạn đã bị người khác nhận, hãy báo thủ trưởng đơn vị hoặc Ban Tổ chức để gỡ.</p>
            ) : (
              <p className="muted">Đơn vị của bạn chưa nộp danh sách cán bộ; khi có danh sách, hệ thống sẽ tự ghép nếu khớp.</p>
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="profile-h">
        <h2 id="profile-h">Thông tin cá nhân</h2>
        <dl className="facts">
          <dt>Số điện thoại</dt>
          <dd>{p.phone}</dd>
          <dt>Ngày sinh</dt>
          <dd>{p.birthDate ? p.birthDate.split("-").reverse().join("/") : "Chưa có"}</dd>
          <dt>CCCD</dt>
          <dd>{p.cccd ?? "Chưa có"}</dd>
          <dt>Đơn vị</dt>
          <dd>{p.unitName ?? "Chưa có"}</dd>
          {d.roles.length ? (
            <>
              <dt>Vai trò</dt>
              <dd>{d.roles.map((r) => `${roleNames[r.role] ?? r.role}${r.unitName ? ` (${r.unitName})` : ""}`).join("; ")}</dd>
            </>
          ) : null}
        </dl>
        <Saved result={result} intent="profile" />
        <Form method="post" className="stack" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <TextField meta={pf.fullName} label="Họ và tên" autoComplete="name" />
          <TextField meta={pf.position} label="Chức vụ" autoComplete="organization-title" />
          <TextField meta={pf.email} label="Email (không bắt buộc)" type="email" autoComplete="email" />
          <button type="submit" className="primary" disabled={busy}>
            Lưu thông tin
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="unit-h">
        <h2 id="unit-h">Chuyển đơn vị công tác</h2>
        <p className="muted">Yêu cầu được Ban Tổ chức hoặc thủ trưởng đơn vị duyệt; đến khi duyệt, bạn vẫn thuộc {p.unitName ?? "đơn vị cũ"}.</p>
        {d.unitChange ? (
          <p className="notice" data-testid="unit-change-pending">
            Đang chờ duyệt: chuyển sang {d.unitChange.toUnitName} (gửi lúc {formatDateTime(d.unitChange.createdAt)}).
          </p>
        ) : null}
        <Saved result={result} intent="unit-change" />
        <Form method="post" className="stack" {...getFormProps(unitForm)}>
          <input type="hidden" name="intent" value="unit-change" />
          <UnitPicker meta={uf.toUnitId} units={d.units} />
          <TextField meta={uf.reason} label="Lý do (không bắt buộc)" />
          <button type="submit" className="secondary" disabled={busy}>
            Gửi yêu cầu chuyển đơn vị
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="password-h">
        <h2 id="password-h">Đổi mật khẩu</h2>
        <Saved result={result} intent="change-password" />
        <Form method="post" className="stack" {...getFormProps(pwForm)}>
          <input type="hidden" name="intent" value="change-password" />
          <TextField meta={pw.currentPassword} label="Mật khẩu hiện tại" type="password" autoComplete="current-password" />
          <TextField meta={pw.newPassword} label="Mật khẩu mới" type="password" hint="Ít nhất 8 ký tự. Các thiết bị khác sẽ bị đăng xuất." autoComplete="new-password" />
          <TextField meta={pw.confirmPassword} label="Nhập lại mật khẩu mới" type="password" autoComplete="new-password" />
          <button type="submit" className="primary" disabled={busy}>
            Đổi mật khẩu
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="consent-h">
        <h2 id="consent-h">Đồng ý xử lý dữ liệu cá nhân</h2>
        {p.consentAt ? (
          <p data-testid="consent">
            Bạn đã đồng ý để Ban Tổ chức xử lý dữ liệu cá nhân theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 lúc <strong>{formatDateTime(p.consentAt)}</strong>.
          </p>
        ) : (
          <p data-testid="consent">Tài khoản được tạo từ danh sách do đơn vị cung cấp; hệ thống chưa ghi nhận thời điểm bạn đồng ý.</p>
        )}
        <p>
          <a className="button" href="/tai-khoan/du-lieu" download>
            Tải toàn bộ dữ liệu của tôi (JSON)
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h">Thiết bị đang đăng nhập</h2>
        <Saved result={result} intent="logout-all" />
        <ul className="plain-list" data-testid="sessions">
          {d.sessions.map((s) => (
            <li key={s.key}>
              Đăng nhập lúc {formatDateTime(s.createdAt)}, hết hạn {formatDateTime(s.expiresAt)}
              {s.current ? <strong> (thiết bị này)</strong> : null}
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="logout-all" />
          <button type="submit" className="secondary">
            Đăng xuất khỏi mọi thiết bị
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="attempts-h">
        <h2 id="attempts-h">Các lượt thi</h2>
        {d.attempts.length ? (
          // Cards rather than a four-column table: a table was clipped at 390 px.
          <ul className="attempt-cards">
            {d.attempts.map((a) => (
              <li key={a.id}>
                <p className="attempt-title">
                  <strong>{a.roundTitle}</strong> <span className="muted">(lượt {a.attemptNo})</span>
                </p>
                <dl className="audit-detail">
                  <div>
                    <dt>Bắt đầu</dt>
                    <dd>{formatDateTime(a.startedAt)}</dd>
                  </div>
                  <div>
                    <dt>Nộp bài</dt>
                    <dd>{a.submittedAt ? formatDateTime(a.submittedAt) : "Chưa nộp"}</dd>
                  </div>
                  <div>
                    <dt>Điểm</dt>
                    <dd>{a.submittedAt ? <Link to={`/ket-qua/${a.id}`}>{a.score === null ? "Đang chấm" : `${a.score} điểm, xem bài`}</Link> : "—"}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Bạn chưa có lượt thi nào.</p>
        )}
      </section>
      <section className="card" aria-labelledby="khen-thuong-h">
        <h2 id="khen-thuong-h">Khen thưởng của tôi</h2>
        <AwardsList awards={d.awards} />
        {d.councilMember ? (
          <p>
            <Link to="/hoi-dong">Các phiên họp Hội đồng Thi đua – Khen thưởng của tôi</Link>
          </p>
        ) : null}
      </section>
    </article>
  );
}
