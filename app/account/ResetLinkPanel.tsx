import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "~/format";

export type ResetPanelLoader = {
  q: string;
  qError: string | null;
  people: { id: number; fullName: string; phone: string; unitName: string | null; position: string | null; allowed: boolean; refusal?: string | null }[];
};
export type ResetPanelAction =
  | { ok: true; url: string; expiresAt: number; person: { fullName: string; phone: string } }
  | { ok: false; status?: number; message: string };

/**
 * The search-a-person-and-create-a-link panel shared by the organizer's and the unit head's reset pages.
 * The link is shown once, here, to be handed over by Zalo or SMS.
 */
export function ResetLinkPanel({ scopeText }: { scopeText: string }) {
  const { q, qError, people } = useLoaderData<ResetPanelLoader>();
  const result = useActionData<ResetPanelAction>();
  const navigation = useNavigation();
  const [copied, setCopied] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setCopied(false);
    if (result) resultRef.current?.focus();
  }, [result]);
  return (
    <>
      <p className="muted">
        Tạo liên kết dùng một lần để một người tự đặt mật khẩu mới ({scopeText}). Liên kết hết hạn sau 24 giờ; khi được dùng,
        mọi phiên đăng nhập cũ của người đó kết thúc. Liên kết chỉ hiện một lần: hãy gửi ngay cho đúng người qua Zalo hoặc SMS.
      </p>
      {result ? (
        <div ref={resultRef} tabIndex={-1} className={result.ok ? "card reset-result" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.ok ? (
            <>
              <p>
                Liên kết đặt lại mật khẩu cho <strong>{result.person.fullName}</strong> ({result.person.phone}), dùng được một lần đến{" "}
                {formatDateTime(result.expiresAt)}:
              </p>
              <div className="field">
                <label htmlFor="reset-link">Liên kết (chỉ hiện lần này)</label>
                <input id="reset-link" readOnly value={result.url} onFocus={(e) => e.currentTarget.select()} data-testid="reset-link" />
              </div>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  void navigator.clipboard?.writeText(result.url).then(() => setCopied(true), () => setCopied(false));
                }}
              >
                {copied ? "Đã sao chép" : "Sao chép liên kết"}
              </button>
            </>
          ) : (
            result.message
          )}
        </div>
      ) : null}
      <Form method="get" className="stack search-form" role="search">
        <div className="field">
          <label htmlFor="reset-q">Tìm theo họ tên hoặc số điện thoại</label>
          <span className="hint" id="reset-q-hint">
            Số điện thoại phải nhập đủ 10 chữ số; không tìm theo một phần của số.
          </span>
          <input id="reset-q" name="q" type="search" defaultValue={q} aria-invalid={qError ? true : undefined} aria-describedby={qError ? "reset-q-hint reset-q-err" : "reset-q-hint"} />
          {qError ? (
            <span className="error" id="reset-q-err">
              {qError}
            </span>
          ) : null}
        </div>
        <button type="submit" className="secondary">
          Tìm
        </button>
      </Form>
      {q && !qError ? (
        people.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption>Kết quả tìm kiếm ({people.length} người)</caption>
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Số điện thoại</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.fullName}
                      {p.position ? <span className="muted">, {p.position}</span> : null}
                    </td>
                    <td>{p.phone}</td>
                    <td>{p.unitName ?? ""}</td>
                    <td>
                      {p.allowed ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="create-link" />
                          <input type="hidden" name="userId" value={p.id} />
                          <button type="submit" className="secondary" disabled={navigation.state === "submitting"} aria-label={`Tạo liên kết đặt lại mật khẩu cho ${p.fullName}`}>
                            Tạo liên kết
                          </button>
                        </Form>
                      ) : (
                        <span className="muted">{p.refusal ?? "Chỉ quản trị hệ thống"}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Không tìm thấy ai phù hợp trong phạm vi bạn phụ trách.</p>
        )
      ) : null}
    </>
  );
}
