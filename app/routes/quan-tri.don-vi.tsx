import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { LinkToRowForm, RosterReview } from "~/participation/RosterReview";
import { reviewAction } from "~/participation/roster-link.server";
import { z } from "zod";
import { ImportResult } from "~/components/ImportResult";
import { requireRole } from "~/account/session.server";
import {
  type ActionResult,
  assignHead,
  confirmRosterImport,
  confirmUnitImport,
  createUnit,
  linkRegistration,
  moveRegistration,
  previewRosterImport,
  previewUnitImport,
  revokeHead,
  unitsPageData,
  updateUnit,
} from "~/participation/units-admin.server";

export const meta: MetaFunction = () => [{ title: "Đơn vị và danh sách cán bộ" }];

const selectedSchema = z.coerce.number().int().positive().nullable().catch(null);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const u = new URL(request.url).searchParams.get("u");
  return unitsPageData(user, selectedSchema.parse(u));
}

const intents = z.enum([
  "create-unit",
  "update-unit",
  "preview-units",
  "confirm-units",
  "preview-roster",
  "confirm-roster",
  "assign-head",
  "revoke-head",
  "link",
  "move",
  "confirm-claim",
  "refuse-claim",
  "release-row",
  "approve-unit-change",
  "refuse-unit-change",
]);
const idSchema = z.coerce.number().int().positive();

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const form = await request.formData();
  const intent = intents.safeParse(form.get("intent"));
  if (!intent.success) return data({ intent: "", result: { ok: false, message: "Thao tác không hợp lệ." } as ActionResult }, { status: 400 });
  const id = (name: string) => {
    const v = idSchema.safeParse(form.get(name));
    if (!v.success) throw data({ intent: intent.data, result: { ok: false, message: "Thiếu thông tin đơn vị hoặc tệp." } as ActionResult }, { status: 400 });
    return v.data;
  };
  let result: ActionResult;
  switch (intent.data) {
    case "create-unit":
      result = await createUnit(user, form);
      break;
    case "update-unit":
      result = await updateUnit(user, id("unitId"), form);
      break;
    case "preview-units":
      result = await previewUnitImport(user, form);
      break;
    case "confirm-units":
      result = await confirmUnitImport(user, id("taskId"));
      break;
    case "preview-roster":
      result = await previewRosterImport(user, id("unitId"), form);
      break;
    case "confirm-roster":
      result = await confirmRosterImport(user, id("taskId"));
      break;
    case "assign-head":
      result = await assignHead(user, id("unitId"), form);
      break;
    case "revoke-head":
      result = await revokeHead(user, id("grantId"));
      break;
    case "link":
      result = await linkRegistration(user, form);
      break;
    case "move":
      result = await moveRegistration(user, form);
      break;
    case "confirm-claim":
    case "refuse-claim":
    case "release-row":
    case "approve-unit-change":
    case "refuse-unit-change":
      result = await reviewAction(user, form);
      break;
  }
  return data({ intent: intent.data, result }, { status: result.ok ? 200 : 400 });
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span className="error" id={id}>
      {message}
    </span>
  ) : null;
}

export default function UnitsAdmin() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state === "submitting";
  const res = (...names: string[]) => (actionData && names.includes(actionData.intent) ? actionData.result : undefined);
  const fe = (intent: string, field: string) => {
    const r = res(intent);
    return r && !r.ok ? r.fieldErrors?.[field] : undefined;
  };
  const sel = d.selected;
  const unitOptions = d.units.map((u) => (
    <option key={u.id} value={u.id}>
      {"\u00a0".repeat(u.depth * 2)}
      {u.name} ({u.code})
    </option>
  ));
  const plainMessage = (intent: string[]) => {
    const r = res(...intent);
    return r ? (
      <p className={r.ok ? "notice" : "notice error"} role={r.ok ? "status" : "alert"}>
        {r.message}
      </p>
    ) : null;
  };

  return (
    <>
      <h1>Đơn vị và danh sách cán bộ</h1>

      <section className="card" aria-labelledby="tree-h">
        <h2 id="tree-h">Cây đơn vị ({d.units.length} đơn vị)</h2>
        <p className="muted">Chọn một đơn vị để sửa, nhập danh sách cán bộ hoặc giao thủ trưởng.</p>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Biên chế</th>
                <th scope="col">Danh sách (đã khớp)</th>
                <th scope="col">Thủ trưởng</th>
              </tr>
            </thead>
            <tbody>
              {d.units.map((u) => (
                <tr key={u.id} aria-current={sel?.id === u.id ? "true" : undefined}>
                  <td style={{ paddingLeft: `${0.5 + u.depth * 1}rem` }}>
                    <Link to={`?u=${u.id}#don-vi-chon`}>{u.name}</Link> <span className="muted">({u.code})</span>
                  </td>
                  <td>{u.headcount}</td>
                  <td>{u.roster ? `${u.roster} (${u.linked})` : "—"}</td>
                  <td>{u.heads.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {sel ? (
        <section className="card" aria-labelledby="don-vi-chon" key={sel.id}>
          <h2 id="don-vi-chon" tabIndex={-1}>
            {sel.name}
          </h2>
          {plainMessage(["update-unit"])}
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="update-unit" />
            <input type="hidden" name="unitId" value={sel.id} />
            <div className="field">
              <label htmlFor="e-name">Tên đơn vị</label>
              <input id="e-name" name="name" defaultValue={sel.name} required aria-invalid={fe("update-unit", "name") ? true : undefined} aria-describedby="e-name-err" />
              <FieldError id="e-name-err" message={fe("update-unit", "name")} />
            </div>
            <div className="field">
              <label htmlFor="e-kind">Loại</label>
              <select id="e-kind" name="kind" defaultValue={sel.kind}>
                {Object.entries(d.kinds).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
                {sel.kind in d.kinds ? null : <option value={sel.kind}>{sel.kind}</option>}
              </select>
            </div>
            <div className="field">
              <label htmlFor="e-head">Biên chế</label>
              <input id="e-head" name="headcount" type="number" min={0} defaultValue={sel.headcount} aria-invalid={fe("update-unit", "headcount") ? true : undefined} aria-describedby="e-head-err" />
              <FieldError id="e-head-err" message={fe("update-unit", "headcount")} />
            </div>
            <div className="field">
              <label htmlFor="e-parent">Đơn vị cấp trên</label>
              <select id="e-parent" name="parentId" defaultValue={sel.parentId ?? ""} aria-invalid={fe("update-unit", "parentId") ? true : undefined} aria-describedby="e-parent-err">
                <option value="">(Không có — cấp cao nhất)</option>
                {unitOptions}
              </select>
              <FieldError id="e-parent-err" message={fe("update-unit", "parentId")} />
            </div>
            <button type="submit" className="primary" disabled={busy}>
              Lưu đơn vị
            </button>
          </Form>

          <h3>Danh sách cán bộ ({sel.roster} người, {sel.linked} đã có tài khoản)</h3>
          <Form method="post" encType="multipart/form-data" className="stack">
            <input type="hidden" name="intent" value="preview-roster" />
            <input type="hidden" name="unitId" value={sel.id} />
            <div className="field">
              <label htmlFor="roster-file">Tệp Excel danh sách cán bộ</label>
              <span className="hint" id="roster-file-hint">
                Cột A–E: Họ tên, Ngày sinh (dd/mm/yyyy), Số điện thoại, CCCD, Chức vụ; dòng 1 là tiêu đề. Danh sách mới thay danh sách cũ.
              </span>
              <input id="roster-file" name="file" type="file" accept=".xlsx" aria-describedby="roster-file-hint" required />
            </div>
            <button type="submit" className="secondary" disabled={busy}>
              Xem trước danh sách
            </button>
          </Form>
          <ImportResult result={res("preview-roster", "confirm-roster")} confirmIntent="confirm-roster" />
          {d.selectedRoster.length ? (
            <details>
              <summary>Xem danh sách hiện có</summary>
              <div className="table-wrap">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Họ tên</th>
                      <th scope="col">Chức vụ</th>
                      <th scope="col">Tài khoản</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.selectedRoster.map((r) => (
                      <tr key={r.id}>
                        <td>{r.fullName}</td>
                        <td>{r.position}</td>
                        <td>
                          {r.userId ? (
                            <Form method="post" className="inline">
                              Đã khớp <input type="hidden" name="intent" value="release-row" />
                              <input type="hidden" name="entryId" value={r.id} />
                              <button type="submit" className="secondary" disabled={busy} aria-label={`Gỡ dòng ${r.fullName} khỏi tài khoản đã nhận`}>
                                Gỡ
                              </button>
                            </Form>
                          ) : (
                            "Chưa đăng ký"
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ) : null}

          <h3>Thủ trưởng đơn vị</h3>
          {plainMessage(["assign-head", "revoke-head"])}
          {d.selectedHeads.length ? (
            <ul>
              {d.selectedHeads.map((h) => (
                <li key={h.grantId}>
                  {h.fullName} ({h.phone}){" "}
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="revoke-head" />
                    <input type="hidden" name="grantId" value={h.grantId} />
                    <button type="submit" className="link-button">
                      Thu hồi quyền của {h.fullName}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Chưa giao thủ trưởng.</p>
          )}
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="assign-head" />
            <input type="hidden" name="unitId" value={sel.id} />
            <div className="field">
              <label htmlFor="head-phone">Số điện thoại của thủ trưởng</label>
              <input id="head-phone" name="phone" type="tel" inputMode="tel" required aria-invalid={fe("assign-head", "phone") ? true : undefined} aria-describedby="head-phone-err" />
              <FieldError id="head-phone-err" message={fe("assign-head", "phone")} />
            </div>
            <button type="submit" className="primary" disabled={busy}>
              Giao phụ trách
            </button>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="add-h">
        <h2 id="add-h">Thêm đơn vị</h2>
        {plainMessage(["create-unit"])}
        <Form method="post" className="grid-form">
          <input type="hidden" name="intent" value="create-unit" />
          <div className="field">
            <label htmlFor="n-code">Mã</label>
            <input id="n-code" name="code" required aria-invalid={fe("create-unit", "code") ? true : undefined} aria-describedby="n-code-err" />
            <FieldError id="n-code-err" message={fe("create-unit", "code")} />
          </div>
          <div className="field">
            <label htmlFor="n-name">Tên đơn vị</label>
            <input id="n-name" name="name" required aria-invalid={fe("create-unit", "name") ? true : undefined} aria-describedby="n-name-err" />
            <FieldError id="n-name-err" message={fe("create-unit", "name")} />
          </div>
          <div className="field">
            <label htmlFor="n-kind">Loại</label>
            <select id="n-kind" name="kind" defaultValue="xa">
              {Object.entries(d.kinds).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="n-head">Biên chế</label>
            <input id="n-head" name="headcount" type="number" min={0} defaultValue={0} aria-invalid={fe("create-unit", "headcount") ? true : undefined} aria-describedby="n-head-err" />
            <FieldError id="n-head-err" message={fe("create-unit", "headcount")} />
          </div>
          <div className="field">
            <label htmlFor="n-parent">Đơn vị cấp trên</label>
            <select id="n-parent" name="parentId" defaultValue="">
              <option value="">(Không có — cấp cao nhất)</option>
              {unitOptions}
            </select>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            Thêm
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="import-h">
        <h2 id="import-h">Nhập cây đơn vị từ Excel</h2>
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="preview-units" />
          <div className="field">
            <label htmlFor="units-file">Tệp Excel các đơn vị</label>
            <span className="hint" id="units-file-hint">
              Cột A–E: Mã, Tên, Mã đơn vị cấp trên, Loại, Biên chế; dòng 1 là tiêu đề. Mã đã có thì cập nhật, mã mới thì thêm. Có lỗi thì không nhập dòng nào.
            </span>
            <input id="units-file" name="file" type="file" accept=".xlsx" aria-describedby="units-file-hint" required />
          </div>
          <button type="submit" className="secondary" disabled={busy}>
            Xem trước
          </button>
        </Form>
        <ImportResult result={res("preview-units", "confirm-units")} confirmIntent="confirm-units" />
      </section>

      <section className="card" aria-labelledby="review-h">
        <h2 id="review-h">Đăng ký chưa khớp danh sách ({d.unmatched.length})</h2>
        <p className="muted">Người đã đăng ký ở đơn vị có danh sách cán bộ nhưng không khớp dòng nào (theo CCCD, số điện thoại, hoặc họ tên và ngày sinh).</p>
        {plainMessage(["link", "move"])}
        {d.unmatched.length ? (
          <ul className="plain">
            {d.unmatched.map((p) => (
              <li key={p.id} className="card">
                <p>
                  <strong>{p.fullName}</strong> — {p.unitName}
                  {p.position ? `, ${p.position}` : ""} — {p.phone}
                </p>
                {p.candidates.length ? <LinkToRowForm person={p} busy={busy} /> : null}
                <Form method="post" className="grid-form">
                  <input type="hidden" name="intent" value="move" />
                  <input type="hidden" name="userId" value={p.id} />
                  <div className="field">
                    <label htmlFor={`move-${p.id}`}>Chuyển sang đơn vị</label>
                    <select id={`move-${p.id}`} name="toUnitId" required>
                      {unitOptions}
                    </select>
                  </div>
                  <button type="submit" className="secondary" disabled={busy}>
                    Chuyển đơn vị
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Không có đăng ký nào cần xem xét.</p>
        )}
      </section>

      {plainMessage(["confirm-claim", "refuse-claim", "release-row", "approve-unit-change", "refuse-unit-change"])}
      <RosterReview review={d.review} busy={busy} showUnmatched={false} />
    </>
  );
}
