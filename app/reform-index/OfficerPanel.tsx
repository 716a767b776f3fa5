import { Form } from "@remix-run/react";

/**
 * The head's box for the unit's index officer (cán bộ đầu mối): who it is, removing them, and finding a person of
 * the unit by name or phone number to assign. Folded on a phone once an officer is set, open while searching.
 */
export type OfficerPanelData = {
  officer: { id: number; fullName: string; position: string | null } | null;
  query: string;
  results: { id: number; fullName: string; phone: string; position: string | null }[] | null;
  hint: string | null;
  closed: boolean;
};

export function OfficerPanel({ panel }: { panel: OfficerPanelData }) {
  return (
    <details className="card officer-panel" open={!panel.officer || panel.results !== null}>
      <summary>
        Cán bộ đầu mối Chỉ số CCHC: {panel.officer ? panel.officer.fullName : "chưa giao"}
      </summary>
      {panel.officer ? (
        <div>
          <p>
            Người kê khai các tiêu chí và tải tài liệu kiểm chứng: <strong>{panel.officer.fullName}</strong>
            {panel.officer.position ? ` (${panel.officer.position})` : ""}. Thủ trưởng đơn vị gửi bản tự đánh giá.
          </p>
          {!panel.closed ? (
            <Form method="post">
              <input type="hidden" name="intent" value="officer_remove" />
              <button type="submit" className="secondary">
                Thôi giao {panel.officer.fullName}
              </button>
            </Form>
          ) : null}
        </div>
      ) : (
        <p className="small muted">Thủ trưởng tự kê khai, hoặc giao một người của đơn vị làm đầu mối: người đó kê khai, thủ trưởng gửi.</p>
      )}
      {!panel.closed ? (
        <>
          <Form method="get" className="inline-form" role="search" aria-label="Tìm người của đơn vị">
            <label htmlFor="officer-q">{panel.officer ? "Giao cho người khác: tìm" : "Tìm"} theo họ tên hoặc số điện thoại</label>
            <input id="officer-q" name="tim" defaultValue={panel.query} autoComplete="off" aria-describedby={panel.hint ? "officer-hint" : undefined} />
            <button type="submit" className="secondary">
              Tìm
            </button>
          </Form>
          {panel.hint ? (
            <p id="officer-hint" className="form-error">
              {panel.hint}
            </p>
          ) : null}
          {panel.results !== null ? (
            panel.results.length ? (
              <ul className="plain officer-results" aria-label="Người của đơn vị">
                {panel.results.map((p) => (
                  <li key={p.id}>
                    <span>
                      <strong>{p.fullName}</strong>
                      {p.position ? `, ${p.position}` : ""} <span className="muted small">({p.phone})</span>
                    </span>
                    {panel.officer?.id === p.id ? (
                      <span className="badge">đang là đầu mối</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="officer_assign" />
                        <input type="hidden" name="personId" value={p.id} />
                        {/* The name starts with the visible words (WCAG 2.5.3) and says whom it is for. */}
                        <button type="submit" className="primary" aria-label={`Giao làm đầu mối: ${p.fullName}`}>
                          Giao làm đầu mối
                        </button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            ) : !panel.hint ? (
              <p className="small muted">Không có người nào của đơn vị khớp với “{panel.query}”.</p>
            ) : null
          ) : null}
        </>
      ) : null}
    </details>
  );
}
