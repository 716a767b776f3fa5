import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/format";
import { accountPage, logoutEverywhere } from "~/privacy.server";
import { destroySession, requireUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Tài khoản của tôi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return data(accountPage(user, request.headers.get("Cookie")), { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "logout-all") return data({ message: "Thao tác không hợp lệ." }, { status: 400 });
  logoutEverywhere(user);
  throw redirect("/dang-nhap", { headers: { "Set-Cookie": destroySession(request) } });
}

const roleNames: Record<string, string> = { admin: "Quản trị hệ thống", organizer: "Ban Tổ chức", unit_head: "Thủ trưởng đơn vị", judge: "Giám khảo" };

export default function MyAccount() {
  const d = useLoaderData<typeof loader>();
  const bad = useActionData<typeof action>();
  const p = d.profile;
  return (
    <article className="account">
      <h1>Tài khoản của tôi</h1>
      <section className="card" aria-labelledby="profile-h">
        <h2 id="profile-h">Thông tin cá nhân</h2>
        <dl className="facts">
          <dt>Họ và tên</dt>
          <dd>{p.fullName}</dd>
          <dt>Số điện thoại</dt>
          <dd>{p.phone}</dd>
          <dt>Ngày sinh</dt>
          <dd>{p.birthDate ? p.birthDate.split("-").reverse().join("/") : "Chưa có"}</dd>
          <dt>Email</dt>
          <dd>{p.email ?? "Chưa có"}</dd>
          <dt>CCCD</dt>
          <dd>{p.cccd ?? "Chưa có"}</dd>
          <dt>Đơn vị</dt>
          <dd>{p.unitName ?? "Chưa có"}</dd>
          <dt>Chức vụ</dt>
          <dd>{p.position ?? "Chưa có"}</dd>
          {d.roles.length ? (
            <>
              <dt>Vai trò</dt>
              <dd>{d.roles.map((r) => `${roleNames[r.role] ?? r.role}${r.unitName ? ` (${r.unitName})` : ""}`).join("; ")}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="consent-h">
        <h2 id="consent-h">Đồng ý xử lý dữ liệu cá nhân</h2>
        {p.consentAt ? (
          <p data-testid="consent">
            Bạn đã đồng ý để Ban Tổ chức xử lý dữ liệu cá nhân theo Nghị định 13/2023/NĐ-CP lúc <strong>{formatDateTime(p.consentAt)}</strong>.
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
        {bad ? (
          <p className="form-error" role="alert">
            {bad.message}
          </p>
        ) : null}
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
    </article>
  );
}
