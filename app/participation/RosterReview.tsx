import { Form } from "@remix-run/react";
import { formatDateTime } from "~/format";

type Review = {
  unmatched: { id: number; fullName: string; unitName: string; position: string | null; phone: string; candidates: { id: number; fullName: string; position: string | null }[] }[];
  claims: { id: number; rowName: string; rowPosition: string | null; unitName: string; fullName: string; phone: string; accountUnitName: string | null; via: string; createdAt: number }[];
  unitChanges: { id: number; fullName: string; phone: string; fromUnitName: string | null; toUnitName: string; reason: string | null; createdAt: number }[];
  linkedRows: { entryId: number; rowName: string; unitName: string; fullName: string; phone: string }[];
};

const viaText: Record<string, string> = {
  cccd: "chỉ khớp số CCCD",
  phone: "chỉ khớp số điện thoại",
  self: "người này tự chọn dòng, dòng không có thông tin để đối chiếu",
};

/**
 * What a unit head or the organizer reviews: registrations not matched to a row (link them), claims that one
 * identifier alone supports (confirm or refuse), unit change requests, and rows already taken (release one).
 */
export function RosterReview({ review, busy, showUnmatched }: { review: Review; busy: boolean; showUnmatched: boolean }) {
  return (
    <>
      {showUnmatched ? (
        <section className="card" aria-labelledby="unmatched-h">
          <h2 id="unmatched-h">
            Đã đăng ký nhưng chưa khớp danh sách: <span data-testid="unmatched-count">{review.unmatched.length}</span> người
          </h2>
          <p className="muted">Những người này vẫn được tính vào tỷ lệ của đơn vị họ đăng ký. Ghép họ với đúng dòng danh sách để danh sách “chưa tham gia” chính xác.</p>
          {review.unmatched.length ? (
            <ul className="plain">
              {review.unmatched.map((p) => (
                <li key={p.id} className="card">
                  <p>
                    <strong>{p.fullName}</strong> — {p.unitName}
                    {p.position ? `, ${p.position}` : ""} — {p.phone}
                  </p>
                  {p.candidates.length ? (
                    <LinkToRowForm person={p} busy={busy} />
                  ) : (
                    <p className="muted">Danh sách của đơn vị không còn dòng nào trống.</p>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>Không có ai.</p>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="claims-h">
        <h2 id="claims-h">Yêu cầu ghép cần xác nhận ({review.claims.length})</h2>
        <p className="muted">
          Một số CCCD hoặc số điện thoại thì người quen cũng biết, nên chưa đủ để nhận một dòng danh sách. Hãy gọi cho cán bộ đó để hỏi trước khi xác nhận.
        </p>
        {review.claims.length ? (
          <ul className="plain">
            {review.claims.map((c) => (
              <li key={c.id} className="card">
                <p>
                  Tài khoản <strong>{c.fullName}</strong> ({c.phone}
                  {c.accountUnitName ? `, ${c.accountUnitName}` : ""}) nhận dòng <strong>{c.rowName}</strong>
                  {c.rowPosition ? `, ${c.rowPosition}` : ""} — {c.unitName}.
                </p>
                <p className="muted">
                  {viaText[c.via] ?? c.via}; gửi lúc {formatDateTime(c.createdAt)}.
                </p>
                <div className="actions">
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="confirm-claim" />
                    <input type="hidden" name="claimId" value={c.id} />
                    <button type="submit" className="primary" disabled={busy} aria-label={`Xác nhận ${c.fullName} là ${c.rowName}`}>
                      Xác nhận
                    </button>
                  </Form>{" "}
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="refuse-claim" />
                    <input type="hidden" name="claimId" value={c.id} />
                    <button type="submit" className="secondary" disabled={busy} aria-label={`Từ chối yêu cầu của ${c.fullName}`}>
                      Từ chối
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p>Không có yêu cầu nào.</p>
        )}
      </section>

      <section className="card" aria-labelledby="unit-change-h">
        <h2 id="unit-change-h">Yêu cầu chuyển đơn vị ({review.unitChanges.length})</h2>
        {review.unitChanges.length ? (
          <ul className="plain">
            {review.unitChanges.map((r) => (
              <li key={r.id} className="card">
                <p>
                  <strong>{r.fullName}</strong> ({r.phone}): từ {r.fromUnitName ?? "chưa có đơn vị"} sang <strong>{r.toUnitName}</strong>
                  {r.reason ? ` — “${r.reason}”` : ""}
                </p>
                <div className="actions">
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="approve-unit-change" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" className="primary" disabled={busy} aria-label={`Duyệt chuyển đơn vị cho ${r.fullName}`}>
                      Duyệt
                    </button>
                  </Form>{" "}
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="refuse-unit-change" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" className="secondary" disabled={busy} aria-label={`Từ chối chuyển đơn vị cho ${r.fullName}`}>
                      Từ chối
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p>Không có yêu cầu nào.</p>
        )}
      </section>

      {review.linkedRows.length ? (
        <section className="card" aria-labelledby="linked-h">
          <h2 id="linked-h">Dòng danh sách đã có tài khoản nhận</h2>
          <details>
            <summary>Xem và gỡ dòng bị nhận nhầm ({review.linkedRows.length})</summary>
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Dòng danh sách</th>
                    <th scope="col">Tài khoản</th>
                    <th scope="col">Gỡ</th>
                  </tr>
                </thead>
                <tbody>
                  {review.linkedRows.map((r) => (
                    <tr key={r.entryId}>
                      <td>
                        {r.rowName} <span className="muted">({r.unitName})</span>
                      </td>
                      <td>
                        {r.fullName} <span className="muted">{r.phone}</span>
                      </td>
                      <td>
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="release-row" />
                          <input type="hidden" name="entryId" value={r.entryId} />
                          <button type="submit" className="secondary" disabled={busy} aria-label={`Gỡ dòng ${r.rowName} khỏi tài khoản ${r.fullName}`}>
                            Gỡ
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      ) : null}
    </>
  );
}

/** Links a registered person to a free row of their unit's staff list (unit head's and organizer's review). */
export function LinkToRowForm({ person, busy }: { person: { id: number; candidates: { id: number; fullName: string; position: string | null }[] }; busy: boolean }) {
  return (
    <Form method="post" className="grid-form">
      <input type="hidden" name="intent" value="link" />
      <input type="hidden" name="userId" value={person.id} />
      <div className="field">
        <label htmlFor={`link-${person.id}`}>Ghép với dòng danh sách</label>
        <select id={`link-${person.id}`} name="entryId" required>
          {person.candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.fullName}
              {c.position ? ` — ${c.position}` : ""}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="secondary" disabled={busy}>
        Ghép
      </button>
    </Form>
  );
}
