import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { getDb } from "../../db/connection";
import { logAudit } from "../../db/audit";
import { evaluateAndSnapshot, isLargeEvaluation } from "../../db/emulation/evaluation";
import { parentApprovedNotices } from "../../db/emulation/notices";
import { headsOfUnits } from "../../db/emulation/notifications";
import * as q from "../../db/emulation/queries";
import { latestSnapshot } from "../../db/emulation/snapshots";
import { listUnits, subtreeIds } from "../../db/participation/units";
import { STANDING_LABEL, type CandidateResult, type SchemeEvaluation } from "../core/emulation";
import { checkEvidence, EVIDENCE_MIME } from "../core/emulation/evidence";
import { filesDir } from "../organizer/organizer.server";
import { type CurrentUser, hasRole, roleUnitIds } from "../account/session.server";
import { launchProblems } from "./editor.server";
import { refreshEvaluation } from "./evaluate.server";
import { send } from "./notify.server";
import { declarationSchema, parentReturnSchema, registrationSchema } from "./schemas";
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

/**
 * The level that reviews a unit's registration first: the nearest unit above it that takes part in the
 * movement (its parent unit, or the parent's parent when the parent is left out). Null when the unit's
 * registration goes straight to the organizer.
 */
function reviewerUnitOf(parentOf: Map<number, number | null>, part: Set<number>, unitId: number): number | null {
  let p = parentOf.get(unitId) ?? null;
  for (let guard = 0; p !== null && guard < 64; guard++) {
    if (part.has(p)) return p;
    p = parentOf.get(p) ?? null;
  }
  return null;
}

function unitTree(m: q.MovementRow) {
  const db = getDb();
  const all = listUnits(db);
  return { part: new Set(q.participatingUnitIds(db, m)), parentOf: new Map(all.map((u) => [u.id, u.parentId] as const)), names: new Map(all.map((u) => [u.id, u.name] as const)) };
}

/** May this head review (as the level above) the registration of this unit? Their grant covers its reviewer unit. */
function reviewsFor(user: CurrentUser, m: q.MovementRow, tree: ReturnType<typeof unitTree>, unitId: number, scope = headScope(user)): number | null {
  if (!hasRole(user, "unit_head") || m.state === "draft") return null;
  const reviewer = reviewerUnitOf(tree.parentOf, tree.part, unitId);
  if (reviewer === null) return null;
  return scope === null || scope.has(reviewer) ? reviewer : null;
}

/** Who may see a unit's registration, its evidence and its files: the organizer, the heads above it, its own people. */
function canSeeUnit(user: CurrentUser, m: q.MovementRow, unitId: number): boolean {
  if (canOrganize(user, m)) return true;
  if (m.state === "draft") return false;
  return headUnitsIn(user, m).includes(unitId) || (user.unitId === unitId && q.participatingUnitIds(getDb(), m).includes(unitId));
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
  const tree = unitTree(m);
  const part = tree.part;
  const organizer = canOrganize(user, m);
  const headUnits = m.state === "draft" ? [] : headUnitsIn(user, m);
  const member = m.state !== "draft" && user.unitId !== null && part.has(user.unitId);
  if (!organizer && !member && headUnits.length === 0) throw notFound();
  const myUnits = new Set<number>([...headUnits, ...(member && user.unitId !== null ? [user.unitId] : [])]);
  const names = tree.names;
  const schemes = q.schemesOf(db, id);
  // Only this person's units are shown: only their candidates' reasons are written from the snapshot.
  const snap = latestSnapshot(db, id, undefined, { keep: (c) => myUnits.has(c.unitId) });
  const regs = q.registrationsOf(db, id);
  const declarations = q.declarationsOf(db, id);
  const files = q.evidenceFilesOf(db, id);
  const people = q.peopleOf(db, regs.filter((r) => myUnits.has(r.unitId)).map((r) => r.id));
  const editable = m.state === "launched" || m.state === "evaluating";
  // The head's subtree once for the page, not once per unit.
  const scope = headScope(user);
  const unitView = (unitId: number) => {
    const reg = regs.find((r) => r.unitId === unitId);
    const canEdit = editable && headUnits.includes(unitId);
    const reviewer = reviewerUnitOf(tree.parentOf, part, unitId);
    const reviewedHere = reviewsFor(user, m, tree, unitId, scope) !== null;
    return {
      unitId,
      name: names.get(unitId) ?? "",
      canEdit,
      reviewerName: reviewer === null ? null : (names.get(reviewer) ?? null),
      // The head of the unit above reviews it: approve or return while it waits at that level.
      canReview: reviewedHere && reg?.status === "cho_duyet" && reg.reviewStage === "parent",
      reviewedHere,
      registration: reg
        ? {
            id: reg.id,
            status: reg.status,
            statusLabel: REG_LABEL[reg.status],
            stageText: stageText(reg, reviewer === null ? null : (names.get(reviewer) ?? null)),
            returnReason: reg.returnReason,
            schemeCodes: reg.schemeCodes,
            schemeTitles: schemes.filter((s) => reg.schemeCodes.includes(s.id)).map((s) => s.title),
            targets: reg.targets,
            initiatives: reg.initiatives,
            people: people.filter((p) => p.registrationId === reg.id).map((p) => ({ id: p.id, fullName: p.fullName, gender: p.gender, position: p.position ?? "" })),
            updatedAt: reg.updatedAt,
          }
        : {
            id: null,
            status: "chua_gui" as const,
            statusLabel: REG_LABEL.chua_gui,
            stageText: null,
            returnReason: null,
            schemeCodes: [] as string[],
            schemeTitles: [] as string[],
            targets: "",
            initiatives: "",
            people: [] as { id: number; fullName: string; gender: "nam" | "nu" | null; position: string }[],
            updatedAt: 0,
          },
      declared: canEdit || reviewedHere ? declaredItems(schemes, reg, declarations, files, unitId, id) : [],
    };
  };
  const mine = [...myUnits];
  // A parent head's children come after the units they answer for directly, in the section "Đơn vị cấp dưới".
  const children = mine.filter((u) => reviewsFor(user, m, tree, u, scope) !== null);
  const own = mine.filter((u) => !children.includes(u));
  return {
    movement: { ...m, kindLabel: KIND_LABEL[m.kind], stateLabel: STATE_LABEL[m.state], organizerName: names.get(m.organizerUnitId) ?? "" },
    documents: q.documentsOf(db, id),
    deadlines: q.deadlinesOf(db, id),
    schemes: schemes.map((s) => ({ id: s.id, title: s.title, target: s.target, level: s.level, quotaText: quotaText(s.quota), criteria: s.criteria.map((c) => ({ id: c.id, label: c.label, kind: c.kind })) })),
    units: own.map(unitView),
    children: children.map(unitView),
    standings: snap ? standingsOf(snap.result, myUnits) : [],
    evaluatedAt: snap?.computedAt ?? null,
    organizer,
  };
}

const DECLARED_KINDS = new Set(["declared_boolean", "declared_number", "disqualify_share"]);

function declaredItems(
  schemes: ReturnType<typeof q.schemesOf>,
  reg: q.RegistrationRow | undefined,
  declarations: ReturnType<typeof q.declarationsOf>,
  files: q.EvidenceFileRow[],
  unitId: number,
  movementId: number,
) {
  const key = `unit:${unitId}`;
  return schemes
    .flatMap((s) =>
      s.target === "collective" && (reg?.schemeCodes ?? []).includes(s.id)
        ? s.criteria
            .filter((c) => DECLARED_KINDS.has(c.kind))
            .map((c) => {
              const d = declarations.find((x) => x.candidateKey === key && x.criterionCode === c.id);
              return {
                schemeTitle: s.title,
                criterionId: c.id,
                label: c.label,
                kind: c.kind,
                value: d?.value ?? null,
                evidence: d?.evidence ?? "",
                status: d?.status ?? null,
                returnReason: d?.returnReason ?? null,
                files: files
                  .filter((f) => f.candidateKey === key && f.criterionCode === c.id)
                  .map((f) => ({ id: f.id, name: f.fileName, size: f.size, href: `/thi-dua/${movementId}/minh-chung/${f.id}` })),
              };
            })
        : [],
    )
    .filter((x, i, all) => all.findIndex((y) => y.criterionId === x.criterionId) === i);
}

/** Where a sent registration stands along its way: at the parent unit, passed on to the organizer, or returned by whom. */
function stageText(reg: q.RegistrationRow, reviewerName: string | null): string | null {
  if (reg.status === "cho_duyet") {
    if (reg.reviewStage === "parent") return `Chờ ${reviewerName ?? "đơn vị cấp trên"} duyệt, sau đó Ban Tổ chức duyệt.`;
    return reg.parentApprovedAt ? `${reviewerName ?? "Đơn vị cấp trên"} đã duyệt; chờ Ban Tổ chức duyệt.` : "Chờ Ban Tổ chức duyệt.";
  }
  if (reg.status === "tra_lai") return reg.reviewStage === "parent" ? `${reviewerName ?? "Đơn vị cấp trên"} trả lại để hoàn thiện.` : "Ban Tổ chức trả lại để hoàn thiện.";
  if (reg.status === "da_duyet") return "Ban Tổ chức đã duyệt.";
  return null;
}

/**
 * A unit head saves or sends their unit's registration: the schemes, the people put forward for the
 * individual schemes, the targets and the initiatives or models. Refusals name the field they are about,
 * with nothing changed. The write is synced to disk before "Đã lưu" is answered (synchronous = FULL for this
 * transaction), so what the head was told was saved survives a power cut of the server.
 */
export function saveRegistration(user: CurrentUser, id: number, form: FormData, now = Date.now()): { ok: true; message: string } | { ok: false; message: string; field?: string } {
  const db = getDb();
  const m = q.getMovement(db, id);
  if (!m) throw notFound();
  if (headUnitsIn(user, m).length === 0) throw new Response("Chỉ thủ trưởng đơn vị tham gia phong trào mới đăng ký được.", { status: 403 });
  const submission = parseWithZod(form, { schema: registrationSchema });
  if (submission.status !== "success") {
    const [field, messages] = Object.entries(submission.error ?? {}).find(([, v]) => v?.length) ?? ["", ["Dữ liệu đăng ký không hợp lệ."]];
    return { ok: false, message: messages?.[0] ?? "Dữ liệu đăng ký không hợp lệ.", field: field || undefined };
  }
  const { unitId, intent, schemes, people } = submission.value;
  const targets = (submission.value.targets ?? "").normalize("NFC");
  const initiatives = (submission.value.initiatives ?? "").normalize("NFC");
  if (!headUnitsIn(user, m).includes(unitId)) throw new Response("Bạn không phụ trách đơn vị này trong phong trào.", { status: 403 });
  if (m.state !== "launched") return { ok: false, message: "Phong trào không còn nhận đăng ký." };
  const all = q.schemesOf(db, id);
  const known = new Set(all.map((s) => s.id));
  if (schemes.some((s) => !known.has(s))) return { ok: false, message: "Có hình thức khen thưởng không thuộc phong trào.", field: "schemes" };
  const current = q.registrationOf(db, id, unitId);
  if (current?.status === "da_duyet") return { ok: false, message: "Bản đăng ký đã được duyệt, không sửa được nữa." };
  if (current?.status === "cho_duyet") return { ok: false, message: "Bản đăng ký đang chờ duyệt; chờ kết quả hoặc gửi lại khi bị trả lại." };
  const mine = new Set(current ? q.peopleOf(db, [current.id]).map((p) => p.id) : []);
  const strangerAt = people.findIndex((p) => p.id !== undefined && !mine.has(p.id));
  if (strangerAt >= 0) return { ok: false, message: "Người này không có trong bản đăng ký của đơn vị; xóa dòng và thêm lại.", field: `people[${strangerAt}].fullName` };
  const names = people.map((p) => p.fullName.normalize("NFC").toLocaleLowerCase("vi"));
  const twiceAt = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (twiceAt >= 0) return { ok: false, message: "Người này đã có trong danh sách đăng ký.", field: `people[${twiceAt}].fullName` };
  const individual = all.filter((s) => s.target === "individual" && schemes.includes(s.id));
  if (intent === "send" && individual.length > 0 && people.length === 0)
    return { ok: false, message: `Thêm ít nhất một cá nhân cho hình thức ${individual.map((s) => s.title).join("; ")}, hoặc bỏ chọn hình thức đó.`, field: "people" };
  const tree = unitTree(m);
  const reviewer = reviewerUnitOf(tree.parentOf, tree.part, unitId);
  const client = db.$client;
  client.pragma("synchronous = FULL");
  let regId: number;
  try {
    regId = db.transaction(() => {
      const rid = q.upsertRegistration(db, { movementId: id, unitId, status: intent === "send" ? "cho_duyet" : (current?.status === "tra_lai" ? "tra_lai" : "chua_gui"), schemeCodes: schemes, targets, initiatives, returnReason: intent === "send" ? null : (current?.returnReason ?? null), now });
      q.replacePeople(db, rid, people.map((p) => ({ id: p.id, fullName: p.fullName.normalize("NFC"), gender: p.gender, position: p.position ? p.position.normalize("NFC") : null })));
      if (intent === "send") q.setReviewStage(db, rid, reviewer === null ? "organizer" : "parent");
      logAudit(db, { userId: user.id, action: `emulation.registration.${intent}`, entity: "emulation_registration", entityId: rid, detail: { movementId: id, unitId, people: people.length, ...(intent === "send" ? { reviewer: reviewer ?? "organizer" } : {}) } }, now);
      return rid;
    });
  } finally {
    client.pragma("synchronous = NORMAL");
  }
  if (intent === "send" && reviewer !== null) {
    const unitName = tree.names.get(unitId) ?? "";
    send(headsOfUnits(db, [reviewer]).map((h) => ({ userId: h.userId, kind: "review" as const, title: `Đơn vị cấp dưới gửi đăng ký: ${unitName}`, body: `${m.title}. Xem và duyệt hoặc trả lại bản đăng ký.`, link: `/thi-dua/${id}#cap-duoi`, dedupeKey: `review-${regId}-${now}` })), now);
  }
  if (intent === "send") return { ok: true, message: reviewer === null ? "Đã gửi bản đăng ký đến Ban Tổ chức, chờ duyệt." : `Đã gửi bản đăng ký đến ${tree.names.get(reviewer) ?? "đơn vị cấp trên"}, chờ duyệt.` };
  return { ok: true, message: "Đã lưu bản đăng ký (chưa gửi)." };
}

const parentForm = z.discriminatedUnion("intent", [z.object({ intent: z.literal("parent-approve"), registrationId: z.coerce.number().int().positive() }), parentReturnSchema]);

/**
 * The head of a parent unit approves or returns a child's registration. Their approval passes it on to the
 * organizer (still "chờ duyệt"), who has the last word; a return goes back to the child with the reason.
 * Only a head whose grant covers the child's reviewing unit may act, and only while it waits at that level.
 */
export function parentAction(user: CurrentUser, id: number, form: FormData, now = Date.now()) {
  const db = getDb();
  const m = q.getMovement(db, id);
  if (!m || m.state === "draft") throw notFound();
  if (!hasRole(user, "unit_head")) throw new Response("Chỉ thủ trưởng đơn vị cấp trên mới duyệt được bản đăng ký này.", { status: 403 });
  const parsed = parentForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, message: parsed.error.issues[0].message, field: String(parsed.error.issues[0].path[0] ?? "") };
  const a = parsed.data;
  const reg = q.registrationsOf(db, id).find((r) => r.id === a.registrationId);
  if (!reg) return { ok: false as const, message: "Không tìm thấy bản đăng ký." };
  const tree = unitTree(m);
  const reviewer = reviewsFor(user, m, tree, reg.unitId);
  if (reviewer === null) throw new Response("Bạn không phụ trách đơn vị cấp trên của đơn vị này.", { status: 403 });
  if (reg.status !== "cho_duyet" || reg.reviewStage !== "parent") return { ok: false as const, message: "Bản đăng ký không còn chờ đơn vị cấp trên duyệt." };
  const link = `/thi-dua/${id}`;
  if (a.intent === "parent-approve") {
    db.transaction(() => {
      q.parentApproveRegistration(db, reg.id, user.id, now);
      logAudit(db, { userId: user.id, action: "emulation.registration.parent_approve", entity: "emulation_registration", entityId: reg.id, detail: { movementId: id, unitId: reg.unitId, reviewerUnitId: reviewer } }, now);
    });
    send(headsOfUnits(db, [reg.unitId]).map((h) => ({ userId: h.userId, kind: "review" as const, title: `${tree.names.get(reviewer) ?? "Đơn vị cấp trên"} đã duyệt bản đăng ký: ${reg.unitName}`, body: "Bản đăng ký đã chuyển đến Ban Tổ chức để duyệt.", link, dedupeKey: `parent-approved-${reg.id}-${now}` })), now);
    // The organizers now hold it: one notice each, with the key the reminders' catch-up uses.
    send(parentApprovedNotices(db, m, { id: reg.id, unitName: reg.unitName, parentApprovedAt: now }, tree.names.get(reviewer) ?? null), now);
    return { ok: true as const, message: `Đã duyệt bản đăng ký của ${reg.unitName}; chuyển Ban Tổ chức duyệt.` };
  }
  db.transaction(() => {
    q.decideRegistration(db, reg.id, "tra_lai", a.reason.normalize("NFC"), user.id, now, "parent");
    logAudit(db, { userId: user.id, action: "emulation.registration.parent_return", entity: "emulation_registration", entityId: reg.id, detail: { movementId: id, unitId: reg.unitId, reviewerUnitId: reviewer, reason: a.reason } }, now);
  });
  send(headsOfUnits(db, [reg.unitId]).map((h) => ({ userId: h.userId, kind: "returned" as const, title: `Bản đăng ký bị trả lại: ${reg.unitName}`, body: a.reason.normalize("NFC"), link, dedupeKey: `returned-${reg.id}-${now}` })), now);
  refreshEvaluation(id, "Đăng ký thay đổi", now);
  return { ok: true as const, message: `Đã trả lại bản đăng ký của ${reg.unitName}.` };
}


/**
 * A unit head declares a figure with its evidence: a link, a file (PDF, Word .docx, JPEG, PNG) or both; it
 * waits for the organizer's appraisal. The file reaches the disk (flushed) before its row and the declaration
 * are committed in one transaction, so what the page reports as saved is there after a crash; a refused
 * file changes nothing.
 */
export async function saveDeclaration(user: CurrentUser, id: number, form: FormData, now = Date.now()) {
  const db = getDb();
  const m = q.getMovement(db, id);
  if (!m) throw notFound();
  if (headUnitsIn(user, m).length === 0) throw new Response("Chỉ thủ trưởng đơn vị tham gia phong trào mới kê khai được.", { status: 403 });
  const upload = form.get("file");
  const file = upload instanceof File && upload.size > 0 ? upload : null;
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" && v.trim() !== "" ? v : undefined;
  };
  const parsed = declarationSchema.safeParse({ intent: "declare", unitId: form.get("unitId"), criterionId: form.get("criterionId"), value: text("value"), evidence: text("evidence") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false as const, message: issue.message, field: String(issue.path[0] ?? "") };
  }
  const { unitId, criterionId, value } = parsed.data;
  const evidence = parsed.data.evidence ?? "";
  if (!headUnitsIn(user, m).includes(unitId)) throw new Response("Bạn không phụ trách đơn vị này trong phong trào.", { status: 403 });
  if (!(m.state === "launched" || m.state === "evaluating")) return { ok: false as const, message: "Phong trào không còn nhận kê khai." };
  const crit = q.schemesOf(db, id).flatMap((s) => s.criteria).find((c) => c.id === criterionId);
  if (!crit || !DECLARED_KINDS.has(crit.kind)) return { ok: false as const, message: "Tiêu chí này không kê khai được." };
  let v: number | boolean;
  if (crit.kind === "declared_boolean") {
    if (value !== "co" && value !== "khong") return { ok: false as const, message: "Chọn Có hoặc Không.", field: "value" };
    v = value === "co";
  } else {
    const n = Number(value.replace(",", "."));
    if (!Number.isFinite(n) || n < 0) return { ok: false as const, message: "Số liệu phải là số không âm.", field: "value" };
    v = n;
  }
  const candidateKey = `unit:${unitId}`;
  const hadFile = q.evidenceFilesOf(db, id).some((f) => f.candidateKey === candidateKey && f.criterionCode === criterionId);
  let bytes: Uint8Array | null = null;
  let kind: keyof typeof EVIDENCE_MIME | null = null;
  if (file) {
    bytes = new Uint8Array(await file.arrayBuffer());
    const ok = checkEvidence(bytes, file.name);
    if (!ok.ok) return { ok: false as const, message: ok.message, field: "file" };
    kind = ok.kind;
  }
  if (!evidence && !bytes && !hadFile) return { ok: false as const, message: "Thêm minh chứng: tải lên tệp (PDF, Word, ảnh) hoặc ghi đường dẫn.", field: "file" };
  let stored: string | null = null;
  if (bytes && file && kind) {
    stored = `emulation-evidence-${randomBytes(8).toString("hex")}.${kind === "jpeg" ? "jpg" : kind}`;
    const full = path.join(filesDir(), stored);
    const fd = fs.openSync(full, "wx");
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // The directory entry too, so the name survives a power cut along with the bytes.
    const dir = fs.openSync(filesDir(), "r");
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
  try {
    db.transaction(() => {
      if (stored && bytes && file && kind) {
        const fileId = q.insertEvidenceFile(db, { movementId: id, candidateKey, criterionCode: criterionId, fileName: file.name.normalize("NFC").slice(0, 200), storedName: stored, mime: EVIDENCE_MIME[kind], size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), uploadedBy: user.id, uploadedAt: now });
        logAudit(db, { userId: user.id, action: "emulation.evidence.upload", entity: "emulation_evidence_file", entityId: fileId, detail: { movementId: id, unitId, criterion: criterionId, file: file.name.normalize("NFC").slice(0, 200), size: bytes.length } }, now);
      }
      q.upsertDeclaration(db, { movementId: id, candidateKey, criterionCode: criterionId, value: v, evidence: evidence || null, status: "pending", now });
      logAudit(db, { userId: user.id, action: "emulation.declaration.save", entity: "emulation_declaration", detail: { movementId: id, unitId, criterion: criterionId, value: v } }, now);
    });
  } catch (e) {
    if (stored) fs.rmSync(path.join(filesDir(), stored), { force: true });
    throw e;
  }
  refreshEvaluation(id, "Đơn vị kê khai minh chứng", now);
  return { ok: true as const, message: file ? `Đã lưu kê khai và tệp "${file.name.normalize("NFC")}", chờ Ban Tổ chức thẩm định.` : "Đã lưu kê khai, chờ Ban Tổ chức thẩm định." };
}

/** An evidence file, for those who may see the unit's registration. */
export function evidenceFileFor(user: CurrentUser, movementId: number, fileId: number) {
  const db = getDb();
  const f = q.getEvidenceFile(db, fileId);
  const m = q.getMovement(db, movementId);
  if (!f || !m || f.movementId !== movementId) throw new Response("Không tìm thấy tệp minh chứng.", { status: 404 });
  const unitId = Number(f.candidateKey.split(":")[1]);
  if (!f.candidateKey.startsWith("unit:") || !canSeeUnit(user, m, unitId)) throw new Response("Bạn không được xem minh chứng của đơn vị này.", { status: 403 });
  const full = path.join(filesDir(), f.storedName);
  if (!fs.existsSync(full)) throw new Response("Không tìm thấy tệp minh chứng.", { status: 404 });
  return { fileName: f.fileName, mime: f.mime, body: fs.readFileSync(full) };
}

/** The organizer's page: registrations by unit with the rate, the evaluation, declarations to appraise. */
export function organizerMovement(user: CurrentUser, id: number) {
  const db = getDb();
  const m = requireOrganized(user, id);
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const part = q.participatingUnitIds(db, m);
  const regs = q.registrationsOf(db, id);
  const byUnit = new Map(regs.map((r) => [r.unitId, r]));
  const tree = unitTree(m);
  const people = q.peopleOf(db, regs.map((r) => r.id));
  const titleOf = new Map(q.schemesOf(db, id).map((s) => [s.id, s.title] as const));
  const rows = part.map((u) => {
    const r = byUnit.get(u);
    const reviewer = reviewerUnitOf(tree.parentOf, tree.part, u);
    const reviewerName = reviewer === null ? null : (names.get(reviewer) ?? null);
    return { unitId: u, name: names.get(u) ?? "", status: r?.status ?? "chua_gui", statusLabel: REG_LABEL[r?.status ?? "chua_gui"], stageText: r ? stageText(r, reviewerName) : null, atParent: r?.status === "cho_duyet" && r.reviewStage === "parent", reviewerName, returnReason: r?.returnReason ?? null, registrationId: r?.id ?? null, schemes: r?.schemeCodes ?? [], schemeTitles: (r?.schemeCodes ?? []).map((c) => titleOf.get(c) ?? c), people: r ? people.filter((p) => p.registrationId === r.id).map((p) => `${p.fullName}${p.gender ? ` (${p.gender === "nu" ? "nữ" : "nam"}${p.position ? `, ${p.position}` : ""})` : ""}`) : [], targets: r?.targets ?? "", initiatives: r?.initiatives ?? "" };
  });
  const sent = rows.filter((r) => r.status !== "chua_gui").length;
  const snap = latestSnapshot(db, id);
  const schemes = q.schemesOf(db, id);
  const files = q.evidenceFilesOf(db, id);
  const filesOf = (key: string, code: string) => files.filter((f) => f.candidateKey === key && f.criterionCode === code).map((f) => ({ id: f.id, name: f.fileName, href: `/thi-dua/${id}/minh-chung/${f.id}` }));
  const decl = q.declarationsOf(db, id).filter((d) => d.status === "pending" && (d.evidence || filesOf(d.candidateKey, d.criterionCode).length > 0));
  const label = new Map(schemes.flatMap((s) => s.criteria.map((c) => [c.id, c.label] as const)));
  return {
    movement: { ...m, kindLabel: KIND_LABEL[m.kind], stateLabel: STATE_LABEL[m.state] },
    registration: { total: rows.length, sent, approved: rows.filter((r) => r.status === "da_duyet").length, rate: rows.length ? sent / rows.length : 0, rows },
    report: snap ? evaluationReport(m, snap.year, snap.id, schemes, snap.result) : null,
    evaluatedAt: snap?.computedAt ?? null,
    snapshotReason: snap?.reason ?? null,
    toAppraise: decl.map((d) => {
      const unitId = Number(d.candidateKey.split(":")[1]);
      return { id: d.id, unitName: names.get(unitId) ?? d.candidateKey, criterion: label.get(d.criterionCode) ?? d.criterionCode, value: d.value, evidence: d.evidence, files: filesOf(d.candidateKey, d.criterionCode) };
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
    if (next === "launched") {
      const problems = launchProblems(id);
      if (problems.length) return { ok: false as const, message: `Chưa phát động được: ${problems.join(" ")}` };
    }
    q.setMovementState(db, id, next, now);
    logAudit(db, { userId: user.id, action: `emulation.movement.${next}`, entity: "movement", detail: { movementId: id } });
    if (next === "launched") {
      const heads = headsOfUnits(db, [m.rootUnitId, ...q.participatingUnitIds(db, m)]);
      send([...new Set(heads.map((h) => h.userId))].map((userId) => ({ userId, kind: "launch" as const, title: `Phát động: ${m.title}`, body: "Đơn vị của bạn tham gia phong trào. Xem kế hoạch và đăng ký thi đua.", link, dedupeKey: `launch-${id}` })), now);
    }
    if (next === "evaluating") refreshEvaluation(id, "Bắt đầu xét", now);
    return { ok: true as const, message: `Đã chuyển sang "${STATE_LABEL[next]}".` };
  }
  if (a.intent === "evaluate") {
    // A large movement is evaluated by the worker: the page says so rather than keeping the organizer waiting.
    if (isLargeEvaluation(db, id)) {
      refreshEvaluation(id, "Theo yêu cầu của Ban Tổ chức", now);
      return { ok: true as const, message: "Đã gửi yêu cầu xét lại. Kết quả mới sẽ hiện sau ít giây; tải lại trang để xem." };
    }
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
    refreshEvaluation(id, "Đăng ký thay đổi", now);
    return { ok: true as const, message: a.intent === "approve" ? `Đã duyệt bản đăng ký của ${reg.unitName}.` : `Đã trả lại bản đăng ký của ${reg.unitName}.` };
  }
  const ok = q.appraiseDeclaration(db, a.declarationId, id, a.intent === "accept" ? "accepted" : "returned", a.intent === "reject" ? a.reason : null, now);
  if (!ok) return { ok: false as const, message: "Không tìm thấy kê khai." };
  logAudit(db, { userId: user.id, action: `emulation.declaration.${a.intent}`, entity: "emulation_declaration", entityId: a.declarationId, detail: { movementId: id, ...(a.intent === "reject" ? { reason: a.reason } : {}) } }, now);
  if (a.intent === "reject") {
    const d = q.declarationsOf(db, id).find((x) => x.id === a.declarationId)!;
    const crit = q.schemesOf(db, id).flatMap((s) => s.criteria).find((c) => c.id === d.criterionCode);
    if (d.candidateKey.startsWith("unit:")) {
      const unitId = Number(d.candidateKey.slice(5));
      send(headsOfUnits(db, [unitId]).map((h) => ({ userId: h.userId, kind: "missing_evidence" as const, title: `Minh chứng bị trả lại: ${crit?.label ?? d.criterionCode}`, body: a.reason, link, dedupeKey: `evidence-returned-${d.id}-${now}` })), now);
    }
  }
  refreshEvaluation(id, "Thẩm định minh chứng", now);
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
    columns: [{ header: "Đơn vị", width: 40 }, { header: "Trạng thái", width: 14 }, { header: "Hình thức đăng ký", width: 40 }, { header: "Lý do trả lại", width: 40 }, { header: "Ghi chú", width: 8 }, { header: "Cá nhân đăng ký", width: 40 }, { header: "Chỉ tiêu", width: 40 }, { header: "Sáng kiến, mô hình", width: 40 }],
    rows: d.registration.rows.map((r) => [r.name, r.statusLabel, r.schemes.join(", "), r.returnReason ?? "", "", r.people.join("; "), r.targets, r.initiatives]) as (string | number | null)[][],
  });
  return { sheets: out, filename: `danh-gia-${d.movement.slug}-${d.report.year}.xlsx` };
}
