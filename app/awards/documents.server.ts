import * as q from "../../db/awards/queries";
import { reportInputs } from "../../db/awards/reports";
import { getDb } from "../../db/connection";
import * as em from "../../db/emulation/queries";
import { listUnits } from "../../db/participation/units";
import { MODE_LABEL, SHARE_LABEL, needed } from "../core/awards";
import { formatTime } from "../format";
import type { CurrentUser } from "../account/session.server";
import { canOrganizeLevel, councilLevels, headUnitsIn, notFound, requireMovement } from "./access.server";
import { baoCaoThanhTich, bienBan, quyetDinh, toTrinh } from "../core/awards/docx/documents";
import { formName, loadTemplate } from "../../db/awards/templates";
import { decisionView } from "./decisions.server";

/** The generated Word files, each behind the same scope as the page that links it. */

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
type Doc = { fileName: string; body: Buffer };

const vnDay = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(ms));
const slug = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();

function units() {
  return new Map(listUnits(getDb()).map((u) => [u.id, u]));
}

function planText(m: em.MovementRow): string {
  const doc = em.documentsOf(getDb(), m.id)[0];
  return m.planNumber ? `Kế hoạch số ${m.planNumber}${m.planDate ? ` ngày ${m.planDate.split("-").reverse().join("/")}` : ""}` : doc ? doc.title : `kế hoạch phát động ${m.title}`;
}

function headName(unitId: number): string {
  const db = getDb();
  const row = db.$client.prepare("SELECT u.full_name FROM role_grants g JOIN users u ON u.id = g.user_id WHERE g.role = 'unit_head' AND g.unit_id = ? ORDER BY u.id LIMIT 1").pluck().get(unitId) as string | undefined;
  return row ?? "";
}

/** The unit's Tờ trình for one scheme: every candidate it proposes there. */
export async function toTrinhDoc(user: CurrentUser, movementId: number, unitId: number, schemeCode: string): Promise<Doc> {
  const db = getDb();
  const m = requireMovement(movementId);
  if (!headUnitsIn(user, m).includes(unitId) && !canOrganizeLevel(user, m.organizerUnitId)) throw notFound();
  const scheme = em.schemesOf(db, movementId).find((s) => s.id === schemeCode);
  if (!scheme) throw notFound();
  const list = q.proposalsOf(db, movementId, { proposerUnitIds: [unitId] }).filter((p) => p.schemeCode === schemeCode);
  if (list.length === 0) throw notFound("Đơn vị chưa đề nghị ai cho hình thức này.");
  const u = units();
  const unit = u.get(unitId)!;
  const s = q.settingsOf(db, movementId);
  const organizer = u.get(m.organizerUnitId)?.name ?? "";
  const level = `${s.issuingBody} (qua ${organizer})`;
  const body = await toTrinh(loadTemplate("to-trinh"), {
    issuer: { parent: unit.parentId ? u.get(unit.parentId)?.name ?? null : null, name: unit.name, place: s.place },
    levelName: level,
    values: { form: formName(scheme.form, scheme.formName), level, plan: planText(m), movement: m.title.replace(/^Phong trào/, "phong trào"), year: m.year, proposer: unit.name },
    rows: list.map((p) => ({ name: p.name, position: p.position, unit: u.get(p.unitId)?.name ?? "", achievement: p.achievement })),
    signer: { title: "Thủ trưởng đơn vị", name: headName(unitId) },
  });
  return { fileName: `to-trinh-${slug(unit.name)}-${schemeCode}.docx`, body };
}

export async function baoCaoDoc(user: CurrentUser, proposalId: number): Promise<Doc> {
  const p = q.getProposal(getDb(), proposalId);
  if (!p) throw notFound();
  const m = requireMovement(p.movementId);
  if (!headUnitsIn(user, m).includes(p.proposerUnitId) && !canOrganizeLevel(user, p.levelUnitId) && !councilLevels(user).has(p.levelUnitId)) throw notFound();
  const { subject, figures } = reportInputs(getDb(), p);
  return { fileName: `bao-cao-thanh-tich-${slug(p.name)}.docx`, body: await baoCaoThanhTich(loadTemplate("bao-cao-thanh-tich"), subject, figures) };
}

/** The council's minutes with each vote's result; once the chair has closed the session. */
export async function bienBanDoc(user: CurrentUser, sessionId: number): Promise<Doc> {
  const db = getDb();
  const s = q.getSession(db, sessionId);
  if (!s || (!councilLevels(user).has(s.levelUnitId) && !canOrganizeLevel(user, s.levelUnitId))) throw notFound();
  if (s.state !== "closed") throw new Response("Phiên họp chưa kết thúc: biên bản có khi Chủ tịch Hội đồng kết thúc phiên.", { status: 409 });
  const m = requireMovement(s.movementId);
  // The minutes are the session's level's, under its own issuing body.
  const settings = q.issuerOf(db, s.movementId, s.levelUnitId);
  const members = q.councilOf(db, s.levelUnitId);
  const items = q.itemsOf(db, sessionId);
  const present = new Set(q.votersOf(db, sessionId).map((v) => v.userId)).size;
  const schemes = em.schemesOf(db, s.movementId);
  const body = await bienBan(loadTemplate("bien-ban"), {
    issuer: { parent: null, name: settings.issuingBody, place: settings.place },
    councilName: "Hội đồng Thi đua – Khen thưởng",
    date: vnDay(s.closedAt ?? s.openedAt),
    chair: members.find((x) => x.role === "chu_tich")?.fullName ?? "",
    secretary: members.find((x) => x.role === "thu_ky")?.fullName ?? "",
    values: {
      movement: m.title.replace(/^Phong trào/, "phong trào"),
      year: m.year,
      time: formatTime(s.openedAt),
      closedTime: formatTime(s.closedAt ?? s.openedAt),
      date: vnDay(s.openedAt).split("-").reverse().join("/"),
      present,
      members: s.memberCount,
      mode: MODE_LABEL[s.mode].toLowerCase(),
      passMark: SHARE_LABEL[s.passMark],
      quorum: `${needed(s.quorum, s.memberCount)} (${SHARE_LABEL[s.quorum]})`,
    },
    rows: items.map(({ item, p }) => ({
      name: p.name,
      scheme: schemes.find((x) => x.id === p.schemeCode)?.title ?? p.schemeCode,
      appraisal: p.qualified ? "Đủ điều kiện" : "Đủ điều kiện (ngoài danh sách đạt tiêu chí)",
      yes: item.yes,
      no: item.no,
      result: item.passed ? (item.withinQuota ? "Thông qua." : "Đạt phiếu, vượt chỉ tiêu.") : "Không thông qua.",
      note: item.note,
    })),
  });
  return { fileName: `bien-ban-hop-xet-${s.id}.docx`, body };
}

export async function quyetDinhDoc(user: CurrentUser, movementId: number, decisionId: number): Promise<Doc> {
  const db = getDb();
  const v = decisionView(user, movementId, decisionId);
  const m = requireMovement(movementId);
  // The deciding level's issuer; a level above decides on what the level below forwarded to it.
  const s = q.issuerOf(db, movementId, v.decision.levelUnitId);
  const organizer = s.own ? (units().get(m.organizerUnitId)?.name ?? "") : q.settingsOf(db, movementId).issuingBody;
  const session = v.decision.sessionId ? q.getSession(db, v.decision.sessionId) : undefined;
  const body = await quyetDinh(loadTemplate("quyet-dinh"), {
    issuer: { parent: s.issuingParent, name: v.decision.issuingBody, place: s.place },
    number: v.decision.number,
    date: v.decision.date,
    signer: { on: null, title: v.decision.signerTitle, name: v.decision.signerName },
    values: {
      form: v.decision.formName,
      movement: m.title.replace(/^Phong trào/, "phong trào"),
      year: m.year,
      plan: planText(m),
      signerTitleFull: v.decision.signerTitle.charAt(0) + v.decision.signerTitle.slice(1).toLocaleLowerCase("vi"),
      issuingBody: v.decision.issuingBody,
      proposerOffice: organizer,
      sessionDate: session?.closedAt ? `ngày ${vnDay(session.closedAt).split("-").reverse().join("/")}` : "",
    },
    rows: v.list.map((r) => ({ name: r.name, position: r.position, unit: r.unit, achievement: r.achievement })),
  });
  return { fileName: `quyet-dinh-${slug(v.decision.number)}.docx`, body };
}
