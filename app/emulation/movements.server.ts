import { z } from "zod";
import { getDb } from "../../db/connection";
import { logAudit } from "../../db/audit";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { headsOfUnits } from "../../db/emulation/notifications";
import * as q from "../../db/emulation/queries";
import { listUnits, subtreeIds } from "../../db/participation/units";
import { STANDING_LABEL, type CandidateResult, type SchemeEvaluation } from "../core/emulation";
import { type CurrentUser, hasRole, roleUnitIds } from "../account/session.server";
import { send } from "./notify.server";
import { evaluationReport, quotaText } from "./report";

/**
 * Use cases of the emulation pages. Each takes the signed-in user and checks the scope here: an organizer
 * reaches the movements organized by a unit of their subtree, a unit head their subtree's units taking part,
 * anyone the movements their own unit takes part in (once launched).
 */

const notFound = (m = "Không tìm thấy phong trào này.") => new Response(m, { status: 404 });

export const KIND_LABEL = { thuong_xuyen: "Thường xuyên", hang_nam: "Hằng năm", theo_dot: "Theo đợt", giai_doan: "Giai đoạn" } as const;
export const STATE_LABEL = { draft: "Bản nháp", launched: "Đã phát động", registration_closed: "Hết hạn đăng ký", evaluating: "Đang xét", closed: "Đã kết thúc" } as const;
export const REG_LABEL = { chua_gui: "Chưa gửi", cho_duyet: "Chờ duyệt", tra_lai: "Trả lại", da_duyet: "Đã duyệt" } as const;

function organizerScope(user: CurrentUser): Set<number> | null {
  const scoped = roleUnitIds(user, "organizer");
  return scoped === null ? null : new Set(subtreeIds(getDb(), scoped));
}

function headScope(user: CurrentUser): Set<number> | null {
  if (!hasRole(user, "unit_head")) return new Set();
  const scoped = roleUnitIds(user, "unit_head");
  return scoped === null ? null : new Set(subtreeIds(getDb(), scoped));
}

function canOrganize(user: CurrentUser, m: q.MovementRow): boolean {
  if (!hasRole(user, "organizer")) return false;
  const s = organizerScope(user);
  return s === null || s.has(m.organizerUnitId);
}

export function organizerMovements(user: CurrentUser) {
  return q.listMovements(getDb()).filter((m) => canOrganize(user, m)).map((m) => ({ ...m, kindLabel: KIND_LABEL[m.kind], stateLabel: STATE_LABEL[m.state] }));
}

function requireOrganized(user: CurrentUser, id: number): q.MovementRow {
  const m = q.getMovement(getDb(), id);
  if (!m || !canOrganize(user, m)) throw notFound();
  return m;
}

/** The units of a movement the user may act for as unit head (their subtree ∩ the units taking part). */
function headUnitsIn(user: CurrentUser, m: q.MovementRow): number[] {
  const scope = headScope(user);
  const part = q.participatingUnitIds(getDb(), m);
  return scope === null ? part : part.filter((u) => scope.has(u));
}

export function movementsForMember(user: CurrentUser) {
  const db = getDb();
  return q
    .listMovements(db)
    .filter((m) => m.state !== "draft")
    .filter((m) => {
      const part = new Set(q.participatingUnitIds(db, m));
      return (user.unitId !== null && part.has(user.unitId)) || headUnitsIn(user, m).length > 0 || canOrganize(user, m);
    })
    .map((m) => ({ id: m.id, title: m.title, year: m.year, kindLabel: KIND_LABEL[m.kind], stateLabel: STATE_LABEL[m.state], organizerName: m.organizerName }));
}

function standingsOf(result: SchemeEvaluation[], unitIds: Set<number>) {
  return result.map((s) => ({
    schemeId: s.schemeId,
    title: s.title,
    rows: s.candidates.filter((c) => unitIds.has(c.unitId)).map(rowView),
  }));
}

function rowView(c: CandidateResult) {
  return {
    key: c.key,
    name: c.name,
    unitId: c.unitId,
    standing: c.standing,
    standingLabel: STANDING_LABEL[c.standing],
    note: c.note,
    results: c.results,
    missing: c.results.filter((r) => r.outcome !== "met"),
  };
}

/** The page of a movement for anyone in a unit taking part: plan, schemes, deadlines, their unit's standing. */
export function memberMovement(user: CurrentUser, id: number) {
  const db = getDb();
  const m = q.getMovement(db, id);
  if (!m) throw notFound();
  const part = new Set(q.participatingUnitIds(db, m));
  const organizer = canOrganize(user, m);
  const headUnits = m.state === "draft" ? [] : headUnitsIn(user, m);
  const member = m.state !== "draft" && user.unitId !== null && part.has(user.unitId);
  if (!organizer && !member && headUnits.length === 0) throw notFound();
  const myUnits = new Set<number>([...headUnits, ...(member && user.unitId !== null ? [user.unitId] : [])]);
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const schemes = q.schemesOf(db, id);
  // Only this person's units are shown: only their candidates' reasons are written from the snapshot.
  const snap = q.latestSnapshot(db, id, undefined, { keep: (c) => myUnits.has(c.unitId) });
  const regs = q.registrationsOf(db, id);
  const declarations = q.declarationsOf(db, id);
  const editable = m.state === "launched" || m.state === "evaluating";
  return {
    movement: { ...m, kindLabel: KIND_LABEL[m.kind], stateLabel: STATE_LABEL[m.state], organizerName: names.get(m.organizerUnitId) ?? "" },
    documents: q.documentsOf(db, id),
    deadlines: q.deadlinesOf(db, id),
    schemes: schemes.map((s) => ({ id: s.id, title: s.title, target: s.target, level: s.level, quotaText: quotaText(s.quota), criteria: s.criteria.map((c) => ({ id: c.id, label: c.label, kind: c.kind })) })),
    units: [...myUnits].map((unitId) => {
      const reg = regs.find((r) => r.unitId === unitId);
      const canEdit = editable && headUnits.includes(unitId);
      return {
        unitId,
        name: names.get(unitId) ?? "",
        canEdit,
        registration: reg ? { status: reg.status, statusLabel: REG_LABEL[reg.status], returnReason: reg.returnReason, schemeCodes: reg.schemeCodes, targets: reg.targets } : { status: "chua_gui" as const, statusLabel: REG_LABEL.chua_gui, returnReason: null, schemeCodes: [] as string[], targets: "" },
        declared: canEdit
          ? schemes.flatMap((s) =>
              s.target === "collective" && (reg?.schemeCodes ?? []).includes(s.id)
                ? s.criteria
                    .filter((c) => c.kind === "declared_boolean" || c.kind === "declared_number" || c.kind === "disqualify_share")
                    .map((c) => {
                      const d = declarations.find((x) => x.candidateKey === `unit:${unitId}` && x.criterionCode === c.id);
                      return { schemeTitle: s.title, criterionId: c.id, label: c.label, kind: c.kind, value: d?.value ?? null, evidence: d?.evidence ?? "", status: d?.status ?? null, returnReason: d?.returnReason ?? null };
                    })
                : [],
            ).filter((x, i, all) => all.findIndex((y) => y.criterionId === x.criterionId) === i)
          : [],
      };
    }),
    standings: snap ? standingsOf(snap.result, myUnits) : [],
    evaluatedAt: snap?.computedAt ?? null,
    organizer,
  };
}

const regForm = z.object({
  unitId: z.coerce.number().int().positive(),
  intent: z.enum(["save", "send"]),
  schemes: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(50),
  targets: z.string().max(4000).default(""),
});

/** A unit head saves or sends their unit's registration. */
export function saveRegistration(user: CurrentUser, id: number, form: FormData, now = Date.now()) {
  const db = getDb();
  const m = q.getMovement(db, id);
  if (!m) throw notFound();
  if (headUnitsIn(user, m).length === 0) throw new Response("Chỉ thủ trưởng đơn vị tham gia phong trào mới đăng ký được.", { status: 403 });
  const parsed = regForm.safeParse({ unitId: form.get("unitId"), intent: form.get("intent"), schemes: form.getAll("schemes"), targets: form.get("targets") ?? "" });
  if (!parsed.success) return { ok: false as const, message: "Dữ liệu đăng ký không hợp lệ." };
  const { unitId, intent, schemes, targets } = parsed.data;
  if (!headUnitsIn(user, m).includes(unitId)) throw new Response("Bạn không phụ trách đơn vị này trong phong trào.", { status: 403 });
  if (m.state !== "launched") return { ok: false as const, message: "Phong trào không còn nhận đăng ký." };
  const known = new Set(q.schemesOf(db, id).map((s) => s.id));
  if (schemes.some((s) => !known.has(s))) return { ok: false as const, message: "Có hình thức khen thưởng không thuộc phong trào." };
  if (intent === "send" && schemes.length === 0) return { ok: false as const, message: "Chọn ít nhất một hình thức khen thưởng trước khi gửi." };
  const current = q.registrationOf(db, id, unitId);
  if (current?.status === "da_duyet") return { ok: false as const, message: "Bản đăng ký đã được duyệt, không sửa được nữa." };
  q.upsertRegistration(db, { movementId: id, unitId, status: intent === "send" ? "cho_duyet" : (current?.status === "tra_lai" ? "tra_lai" : "chua_gui"), schemeCodes: schemes, targets: targets.normalize("NFC"), returnReason: intent === "send" ? null : (current?.returnReason ?? null), now });
  logAudit(db, { userId: user.id, action: `emulation.registration.${intent}`, entity: "emulation_registration", detail: { movementId: id, unitId } });
  return { ok: true as const, message: intent === "send" ? "Đã gửi bản đăng ký, chờ duyệt." : "Đã lưu bản đăng ký (chưa gửi)." };
}

const declForm = z.object({
  unitId: z.coerce.number().int().positive(),
  criterionId: z.string().regex(/^[a-z0-9-]+$/),
  value: z.string().trim().min(1, "Nhập số liệu kê khai."),
  evidence: z.string().trim().url("Minh chứng phải là đường dẫn (https://...).").max(1000),
});

/** A unit head declares a figure with its evidence (a link); it waits for the organizer's appraisal. */
export function saveDeclaration(user: CurrentUser, id: number, form: FormData, now = Date.now()) {
  const db = getDb();
  const m = q.getMovement(db, id);
  if (!m) throw notFound();
  if (headUnitsIn(user, m).length === 0) throw new Response("Chỉ thủ trưởng đơn vị tham gia phong trào mới kê khai được.", { status: 403 });
  const parsed = declForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, message: parsed.error.issues[0].message };
  const { unitId, criterionId, value, evidence } = parsed.data;
  if (!headUnitsIn(user, m).includes(unitId)) throw new Response("Bạn không phụ trách đơn vị này trong phong trào.", { status: 403 });
  const crit = q.schemesOf(db, id).flatMap((s) => s.criteria).find((c) => c.id === criterionId);
  if (!crit || !(crit.kind === "declared_boolean" || crit.kind === "declared_number" || crit.kind === "disqualify_share")) return { ok: false as const, message: "Tiêu chí này không kê khai được." };
  let v: number | boolean;
  if (crit.kind === "declared_boolean") {
    if (value !== "co" && value !== "khong") return { ok: false as const, message: "Chọn Có hoặc Không." };
    v = value === "co";
  } else {
    const n = Number(value.replace(",", "."));
    if (!Number.isFinite(n) || n < 0) return { ok: false as const, message: "Số liệu phải là số không âm." };
    v = n;
  }
  q.upsertDeclaration(db, { movementId: id, candidateKey: `unit:${unitId}`, criterionCode: criterionId, value: v, evidence, status: "pending", now });
  evaluateAndSnapshot(db, id, { reason: "Đơn vị kê khai minh chứng", now });
  return { ok: true as const, message: "Đã lưu kê khai, chờ Ban Tổ chức thẩm định." };
}

/** The organizer's page: registrations by unit with the rate, the evaluation, declarations to appraise. */
export function organizerMovement(user: CurrentUser, id: number) {
  const db = getDb();
  const m = requireOrganized(user, id);
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const part = q.participatingUnitIds(db, m);
  const regs = q.registrationsOf(db, id);
  const byUnit = new Map(regs.map((r) => [r.unitId, r]));
  const rows = part.map((u) => {
    const r = byUnit.get(u);
    return { unitId: u, name: names.get(u) ?? "", status: r?.status ?? "chua_gui", statusLabel: REG_LABEL[r?.status ?? "chua_gui"], returnReason: r?.returnReason ?? null, registrationId: r?.id ?? null, schemes: r?.schemeCodes ?? [] };
  });
  const sent = rows.filter((r) => r.status !== "chua_gui").length;
  const snap = q.latestSnapshot(db, id);
  const schemes = q.schemesOf(db, id);
  const decl = q.declarationsOf(db, id).filter((d) => d.status === "pending" && d.evidence);
  const label = new Map(schemes.flatMap((s) => s.criteria.map((c) => [c.id, c.label] as const)));
  return {
    movement: { ...m, kindLabel: KIND_LABEL[m.kind], stateLabel: STATE_LABEL[m.state] },
    registration: { total: rows.length, sent, approved: rows.filter((r) => r.status === "da_duyet").length, rate: rows.length ? sent / rows.length : 0, rows },
    report: snap ? evaluationReport(m, snap.year, snap.id, schemes, snap.result) : null,
    evaluatedAt: snap?.computedAt ?? null,
    snapshotReason: snap?.reason ?? null,
    toAppraise: decl.map((d) => {
      const unitId = Number(d.candidateKey.split(":")[1]);
      return { id: d.id, unitName: names.get(unitId) ?? d.candidateKey, criterion: label.get(d.criterionCode) ?? d.criterionCode, value: d.value, evidence: d.evidence };
    }),
  };
}

const NEXT_STATE: Record<q.MovementRow["state"], q.MovementRow["state"] | null> = { draft: "launched", launched: "registration_closed", registration_closed: "evaluating", evaluating: "closed", closed: null };
export const NEXT_ACTION: Record<q.MovementRow["state"], string | null> = { draft: "Phát động", launched: "Khóa đăng ký", registration_closed: "Bắt đầu xét", evaluating: "Kết thúc phong trào", closed: null };

const orgForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("advance") }),
  z.object({ intent: z.literal("evaluate") }),
  z.object({ intent: z.literal("approve"), registrationId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("return"), registrationId: z.coerce.number().int().positive(), reason: z.string().trim().min(5, "Ghi lý do trả lại (ít nhất 5 ký tự).").max(1000) }),
  z.object({ intent: z.literal("accept"), declarationId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("reject"), declarationId: z.coerce.number().int().positive(), reason: z.string().trim().min(5, "Ghi lý do trả lại minh chứng (ít nhất 5 ký tự).").max(1000) }),
]);

export function organizerAction(user: CurrentUser, id: number, form: FormData, now = Date.now()) {
  const db = getDb();
  const m = requireOrganized(user, id);
  const parsed = orgForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, message: parsed.error.issues[0].message };
  const a = parsed.data;
  const link = `/thi-dua/${id}`;
  if (a.intent === "advance") {
    const next = NEXT_STATE[m.state];
    if (!next) return { ok: false as const, message: "Phong trào đã kết thúc." };
    q.setMovementState(db, id, next, now);
    logAudit(db, { userId: user.id, action: `emulation.movement.${next}`, entity: "movement", detail: { movementId: id } });
    if (next === "launched") {
      const heads = headsOfUnits(db, [m.rootUnitId, ...q.participatingUnitIds(db, m)]);
      send([...new Set(heads.map((h) => h.userId))].map((userId) => ({ userId, kind: "launch" as const, title: `Phát động: ${m.title}`, body: "Đơn vị của bạn tham gia phong trào. Xem kế hoạch và đăng ký thi đua.", link, dedupeKey: `launch-${id}` })), now);
    }
    if (next === "evaluating") evaluateAndSnapshot(db, id, { reason: "Bắt đầu xét", now });
    return { ok: true as const, message: `Đã chuyển sang "${STATE_LABEL[next]}".` };
  }
  if (a.intent === "evaluate") {
    const ev = evaluateAndSnapshot(db, id, { reason: "Theo yêu cầu của Ban Tổ chức", now })!;
    return { ok: true as const, message: ev.created ? "Đã xét lại và lưu kết quả mới." : "Dữ liệu không đổi từ lần xét trước; kết quả giữ nguyên." };
  }
  if (a.intent === "approve" || a.intent === "return") {
    const reg = q.registrationsOf(db, id).find((r) => r.id === a.registrationId);
    if (!reg) return { ok: false as const, message: "Không tìm thấy bản đăng ký." };
    if (reg.status !== "cho_duyet") return { ok: false as const, message: "Chỉ duyệt hoặc trả lại bản đăng ký đang chờ duyệt." };
    q.decideRegistration(db, reg.id, a.intent === "approve" ? "da_duyet" : "tra_lai", a.intent === "return" ? a.reason : null, user.id, now);
    logAudit(db, { userId: user.id, action: `emulation.registration.${a.intent}`, entity: "emulation_registration", entityId: reg.id, detail: { movementId: id, unitId: reg.unitId, ...(a.intent === "return" ? { reason: a.reason } : {}) } }, now);
    if (a.intent === "return") {
      send(headsOfUnits(db, [reg.unitId]).map((h) => ({ userId: h.userId, kind: "returned" as const, title: `Bản đăng ký bị trả lại: ${reg.unitName}`, body: a.reason, link, dedupeKey: `returned-${reg.id}-${now}` })), now);
    }
    evaluateAndSnapshot(db, id, { reason: "Đăng ký thay đổi", now });
    return { ok: true as const, message: a.intent === "approve" ? `Đã duyệt bản đăng ký của ${reg.unitName}.` : `Đã trả lại bản đăng ký của ${reg.unitName}.` };
  }
  const ok = q.appraiseDeclaration(db, a.declarationId, id, a.intent === "accept" ? "accepted" : "returned", a.intent === "reject" ? a.reason : null, now);
  if (!ok) return { ok: false as const, message: "Không tìm thấy kê khai." };
  logAudit(db, { userId: user.id, action: `emulation.declaration.${a.intent}`, entity: "emulation_declaration", entityId: a.declarationId, detail: { movementId: id, ...(a.intent === "reject" ? { reason: a.reason } : {}) } }, now);
  evaluateAndSnapshot(db, id, { reason: "Thẩm định minh chứng", now });
  return { ok: true as const, message: a.intent === "accept" ? "Đã chấp nhận minh chứng." : "Đã trả lại minh chứng." };
}

/** The evaluation as an Excel workbook: one sheet per scheme, a column per criterion with outcome and reason. */
export function exportSheets(user: CurrentUser, id: number) {
  const d = organizerMovement(user, id);
  if (!d.report) throw notFound("Phong trào chưa được xét.");
  const out = d.report.schemes.map((s) => ({
    name: s.title.slice(0, 31),
    columns: [{ header: "Ứng viên", width: 32 }, { header: "Kết quả", width: 26 }, { header: "Thứ tự", width: 8 }, { header: "Ghi chú", width: 40 }, ...s.criteria.map((c) => ({ header: c.label, width: 40 }))],
    rows: s.candidates.map((c) => [c.name, STANDING_LABEL[c.standing], c.place, c.note ?? "", ...c.criteria.map((r) => `${r.outcome === "met" ? "Đạt" : r.outcome === "not_met" ? "Chưa đạt" : r.outcome === "missing_evidence" ? "Còn thiếu" : "Không xét"}: ${r.reason}`)]),
  }));
  out.push({
    name: "Đăng ký",
    columns: [{ header: "Đơn vị", width: 40 }, { header: "Trạng thái", width: 14 }, { header: "Hình thức đăng ký", width: 40 }, { header: "Lý do trả lại", width: 40 }, { header: "Ghi chú", width: 8 }],
    rows: d.registration.rows.map((r) => [r.name, r.statusLabel, r.schemes.join(", "), r.returnReason ?? "", ""]) as (string | number | null)[][],
  });
  return { sheets: out, filename: `danh-gia-${d.movement.slug}-${d.report.year}.xlsx` };
}
