import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { logAudit } from "../../db/audit";
import * as q from "../../db/awards/queries";
import { getDb } from "../../db/connection";
import * as em from "../../db/emulation/queries";
import { listUnits } from "../../db/participation/units";
import { checkFormLevel, checkUpload, formRank, levelRank, MIME, nextDecisionNumber, ownFormTitle, parseDecisionNumber } from "../core/awards";
import { catalogueForm, catalogueForms } from "../../db/awards/templates";
import type { CurrentUser } from "../account/session.server";
import { filesDir } from "../organizer/organizer.server";
import { notFound } from "./access.server";
import { requireOrganizer } from "./dossier.server";
import { formName } from "./forms.server";

/**
 * The decision (quyết định khen thưởng): drafted from a closed session's passed candidates of one form,
 * numbered in the issuer's yearly register, and registered when its signed copy is uploaded; registering
 * writes the awards into the units' and people's history and freezes the dossiers' documents.
 */

type Result = { ok: true; message: string; id?: number } | { ok: false; message: string };

/**
 * Who a decision lists: at the movement's own level, the passed candidates of the schemes of that form; at a
 * level above, which grants its own form to what was forwarded, every passed candidate the form fits.
 */
function eligible(sessionId: number, movementId: number, form: string) {
  const db = getDb();
  const m = em.getMovement(db, movementId)!;
  const session = q.getSession(db, sessionId);
  const passed = q.itemsOf(db, sessionId).filter(({ item, p }) => item.passed && item.withinQuota && p.state === "trinh_hoi_dong");
  if (!session || session.levelUnitId === m.organizerUnitId) {
    const schemes = em.schemesOf(db, movementId).filter((s) => s.form === form).map((s) => s.id);
    return passed.filter(({ p }) => schemes.includes(p.schemeCode));
  }
  const target = catalogueForm(form)?.target;
  return passed.filter(({ p }) => target === "both" || target === p.target);
}

/** A level's name and rank (tỉnh 3, huyện 2, cơ sở 1), from the nearest administrative unit at or above it. */
export function decidingLevel(levelUnitId: number): { name: string; rank: number } {
  const units = new Map(listUnits(getDb()).map((u) => [u.id, u]));
  const kinds: string[] = [];
  for (let u = units.get(levelUnitId); u && kinds.length < 20; u = u.parentId ? units.get(u.parentId) : undefined) kinds.push(u.kind);
  return { name: units.get(levelUnitId)?.name ?? "", rank: levelRank(kinds) };
}

/**
 * The forms a level decides: the movement's own level grants its schemes' forms; a level above grants the
 * forms of its own rank (Bằng khen of the city), named after its issuer.
 */
export function formsOfLevel(m: em.MovementRow, levelUnitId: number): { code: string; name: string }[] {
  const db = getDb();
  if (levelUnitId === m.organizerUnitId) {
    const schemes = em.schemesOf(db, m.id);
    return [...new Set(schemes.map((s) => s.form))].map((f) => ({ code: f, name: formName(f, schemes.find((s) => s.form === f)?.formName) }));
  }
  const { rank } = decidingLevel(levelUnitId);
  const issuer = q.issuerOf(db, m.id, levelUnitId);
  return catalogueForms()
    .filter((f) => f.type === "hinh_thuc" && formRank(f.level) === rank)
    .map((f) => ({ code: f.code, name: ownFormTitle(f.name, issuer) }));
}

/** The name of the form a decision grants: the catalogue's at the movement's level, the issuer's above it. */
function decisionFormName(m: em.MovementRow, dec: Pick<q.DecisionRow, "formCode" | "levelUnitId" | "signerTitle" | "issuingBody">): string {
  // An organizer's own form is named on its scheme, not in the catalogue.
  const own = em.schemesOf(getDb(), m.id).find((s) => s.form === dec.formCode)?.formName;
  return dec.levelUnitId === m.organizerUnitId ? formName(dec.formCode, own) : ownFormTitle(formName(dec.formCode, own), dec);
}

export function createDecision(user: CurrentUser, movementId: number, d: { sessionId: number; form: string; number?: string; date: string; signerName: string; signerTitle: string }, now = Date.now()): Result {
  const db = getDb();
  const { m, levels } = requireOrganizer(user, movementId);
  const s = q.getSession(db, d.sessionId);
  // A level decides on its own council's sessions only.
  if (!s || s.movementId !== movementId || !levels.includes(s.levelUnitId)) return { ok: false, message: "Không tìm thấy phiên họp." };
  if (s.state !== "closed") return { ok: false, message: "Phiên họp chưa kết thúc: chờ Chủ tịch Hội đồng kết thúc phiên." };
  const catalogued = catalogueForm(d.form);
  if (!catalogued && !em.schemesOf(db, movementId).some((x) => x.form === d.form)) return { ok: false, message: "Hình thức khen thưởng không có trong danh mục." };
  // A level never grants a form reserved to a level above it.
  const level = decidingLevel(s.levelUnitId);
  const settings = q.issuerOf(db, movementId, s.levelUnitId);
  const allowed = checkFormLevel({ name: catalogued?.name ?? formName(d.form), level: catalogued?.level }, { name: settings.issuingBody, rank: level.rank });
  if (!allowed.ok) return allowed;
  const own = formsOfLevel(m, s.levelUnitId);
  if (!own.some((f) => f.code === d.form)) return { ok: false, message: `${level.name} chỉ ban hành quyết định: ${own.map((f) => f.name).join("; ") || "chưa có hình thức nào"}.` };
  const list = eligible(s.id, movementId, d.form);
  if (list.length === 0) return { ok: false, message: "Không có tập thể, cá nhân nào được Hội đồng thông qua cho hình thức này." };
  // The deciding level's issuing body and its own yearly number register.
  const year = Number(d.date.slice(0, 4));
  const issued = q.decisionNumbersOf(db, s.levelUnitId, year);
  const number = d.number?.trim() ? d.number.trim().normalize("NFC") : nextDecisionNumber(issued, settings.symbol);
  if (d.number?.trim() && !parseDecisionNumber(number)) return { ok: false, message: "Số quyết định viết theo dạng 12/QĐ-UBND." };
  if (issued.includes(number)) return { ok: false, message: `Số ${number} đã dùng trong năm ${year}.` };
  const id = q.insertDecision(db, { movementId, sessionId: s.id, levelUnitId: s.levelUnitId, number, formCode: d.form, year, date: d.date, signerName: d.signerName, signerTitle: d.signerTitle, issuingBody: settings.issuingBody, createdBy: user.id, createdAt: now });
  logAudit(db, { userId: user.id, action: "awards.decision.create", entity: "award_decision", entityId: id, detail: { movementId: m.id, number, date: d.date, form: d.form, count: list.length } }, now);
  return { ok: true, message: `Đã lập dự thảo Quyết định số ${number} (${list.length} tập thể, cá nhân).`, id };
}

export function decisionView(user: CurrentUser, movementId: number, decisionId: number) {
  const db = getDb();
  const { m, levels } = requireOrganizer(user, movementId);
  const dec = q.getDecision(db, decisionId);
  if (!dec || dec.movementId !== movementId || !levels.includes(dec.levelUnitId)) throw notFound("Không tìm thấy quyết định.");
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const form = formOfDecision(dec);
  const list =
    dec.state === "registered"
      ? q.awardsOfDecision(db, dec.id).map((a) => ({ name: a.name, position: a.position, unit: names.get(a.unitId) ?? "", achievement: a.achievement, target: a.target }))
      : eligible(dec.sessionId!, movementId, form).map(({ p }) => ({ name: p.name, position: p.position, unit: names.get(p.unitId) ?? "", achievement: p.achievement, target: p.target }));
  return { movement: { id: m.id, title: m.title, year: m.year }, decision: { ...dec, form, formName: decisionFormName(m, dec) }, list, signed: q.documentsOf(db, { decisionId: dec.id }).map((d) => ({ id: d.id, fileName: d.fileName, uploadedAt: d.uploadedAt })) };
}

export function formOfDecision(dec: q.DecisionRow): string {
  return dec.formCode;
}

/** Uploading the signed copy registers the decision. */
export async function registerDecision(user: CurrentUser, movementId: number, decisionId: number, file: File | null, now = Date.now()): Promise<Result> {
  const db = getDb();
  const { m, levels } = requireOrganizer(user, movementId);
  const dec = q.getDecision(db, decisionId);
  if (!dec || dec.movementId !== movementId || !levels.includes(dec.levelUnitId)) throw notFound("Không tìm thấy quyết định.");
  if (dec.state === "registered") return { ok: false, message: "Quyết định đã được đăng ký; không thay được bản ký." };
  if (!file || file.size === 0) return { ok: false, message: "Chọn bản quyết định đã ký (PDF) để tải lên." };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const ok = checkUpload(bytes, file.name);
  if (!ok.ok) return ok;
  const form = formOfDecision(dec);
  const list = eligible(dec.sessionId!, movementId, form);
  if (list.length === 0) return { ok: false, message: "Danh sách khen thưởng trống." };
  const schemes = em.schemesOf(db, movementId);
  const own = dec.levelUnitId === m.organizerUnitId;
  const title = decisionFormName(m, dec);
  // At the movement's level the scheme's level; above it, the level of the form the deciding level granted.
  const levelOf = (schemeLevel: string) => (own ? schemeLevel : (catalogueForm(form)?.level ?? schemeLevel));
  const stored = `award-${randomBytes(8).toString("hex")}.${ok.kind}`;
  fs.writeFileSync(path.join(filesDir(), stored), bytes);
  q.insertDocument(db, { proposalId: null, decisionId: dec.id, kind: "quyet_dinh", fileName: file.name.normalize("NFC").slice(0, 200), storedName: stored, mime: MIME[ok.kind], size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), uploadedBy: user.id, uploadedAt: now });
  const done = q.registerDecision(
    db,
    dec.id,
    list.map(({ p }) => {
      const scheme = schemes.find((s) => s.id === p.schemeCode)!;
      return { decisionId: dec.id, proposalId: p.id, movementId, year: m.year, formCode: own ? scheme.form : form, title: own ? formName(scheme.form, scheme.formName) : title, level: levelOf(scheme.level), target: p.target, unitId: p.unitId, candidateKey: p.candidateKey, personUserId: p.personUserId, name: p.name, position: p.position, gender: p.gender, achievement: p.achievement };
    }),
    list.map(({ p }) => ({ id: p.id, state: p.state, levelUnitId: p.levelUnitId })),
    user.id,
    now,
  );
  if (!done) return { ok: false, message: "Quyết định vừa được đăng ký." };
  logAudit(db, { userId: user.id, action: "awards.decision.register", entity: "award_decision", entityId: dec.id, detail: { number: dec.number, awards: list.length } }, now);
  // The criteria that read past titles see the new awards at the next evaluation.
  return { ok: true, message: `Đã đăng ký Quyết định số ${dec.number}: ${list.length} tập thể, cá nhân được ghi vào hồ sơ thành tích.` };
}

/** One printable certificate per awardee, on A4 landscape, moved by the blank's offsets. */
export function certificates(user: CurrentUser, movementId: number, decisionId: number) {
  const db = getDb();
  const { levels } = requireOrganizer(user, movementId);
  const dec = q.getDecision(db, decisionId);
  if (!dec || dec.movementId !== movementId || !levels.includes(dec.levelUnitId)) throw notFound("Không tìm thấy quyết định.");
  if (dec.state !== "registered") throw new Response("Quyết định chưa được đăng ký: tải bản ký lên trước khi in giấy khen.", { status: 409 });
  // The heading and the blank's offsets are the deciding level's.
  const s = q.issuerOf(db, movementId, dec.levelUnitId);
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  return {
    decision: { number: dec.number, date: dec.date, signerName: dec.signerName, signerTitle: dec.signerTitle, issuingBody: dec.issuingBody },
    layout: { offsetX: s.certOffsetX, offsetY: s.certOffsetY, blank: s.certBlank, place: s.place, issuingParent: s.issuingParent },
    awards: q.awardsOfDecision(db, dec.id).map((a) => ({ id: a.id, title: a.title, name: a.name, position: a.position, unit: names.get(a.unitId) ?? "", achievement: a.achievement, target: a.target })),
  };
}
