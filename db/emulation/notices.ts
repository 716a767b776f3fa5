import { deadlineKind, deadlineNotice, isDue } from "../../app/core/emulation/notices";
import type { Db } from "../connection";
import { listUnits } from "../participation/units";
import { headsOfUnits, insertNotifications, organizersOfUnit } from "./notifications";
import { deadlinesOf, listMovements, type MovementRow, participatingUnitIds, registrationsOf, schemesOf } from "./queries";

/**
 * The reminders of the emulation movements, run by the worker on a schedule: a deadline in 3 days (one notice
 * per head and deadline, naming their units that have not done it yet), a returned registration, evidence
 * returned or still missing. Every notice carries a key unique per person, so a second run sends nothing
 * twice (the inbox's unique index on user and key), and the keys match the ones the pages use when they
 * send at once: a notice the page sent is not sent again.
 */

const DECLARED = new Set(["declared_boolean", "declared_number", "disqualify_share"]);

type Row = { userId: number; kind: string; title: string; body: string; link: string | null; dedupeKey: string };

/**
 * A child's registration the parent unit approved now waits for the organizer: one notice per organizer of
 * the movement. The key is the registration and the moment of that approval, so the page's notice and the
 * sweep's catch-up are one notice, and a registration approved again after a return is told again.
 */
export function parentApprovedNotices(db: Db, m: Pick<MovementRow, "id" | "title" | "organizerUnitId">, reg: { id: number; unitName: string; parentApprovedAt: number }, reviewerName: string | null) {
  return organizersOfUnit(db, m.organizerUnitId).map((userId) => ({
    userId,
    kind: "review" as const,
    title: `Bản đăng ký chờ Ban Tổ chức duyệt: ${reg.unitName}`,
    body: `${m.title}. ${reviewerName ?? "Đơn vị cấp trên"} đã duyệt bản đăng ký; Ban Tổ chức duyệt hoặc trả lại.`,
    link: `/quan-tri/thi-dua/${m.id}`,
    dedupeKey: `parent-approved-org-${reg.id}-${reg.parentApprovedAt}`,
  }));
}

export function sweepNotices(db: Db, now: number): { deadline: number; returned: number; evidence: number; approved: number } {
  const all = listUnits(db);
  const names = new Map(all.map((u) => [u.id, u.name] as const));
  const parentOfUnit = new Map(all.map((u) => [u.id, u.parentId] as const));
  const out = { deadline: 0, returned: 0, evidence: 0, approved: 0 };
  const declRows = db.$client.prepare(
    `SELECT id, candidate_key AS candidateKey, criterion_code AS criterionCode, evidence, status, return_reason AS returnReason, updated_at AS updatedAt
       FROM emulation_declarations WHERE movement_id = ? AND candidate_key LIKE 'unit:%'`,
  );
  const fileKeys = db.$client.prepare(`SELECT DISTINCT candidate_key || '|' || criterion_code FROM emulation_evidence_files WHERE movement_id = ? AND candidate_key LIKE 'unit:%'`).pluck();
  const proposed = db.$client.prepare(`SELECT DISTINCT proposer_unit_id FROM award_proposals WHERE movement_id = ? AND state <> 'nhap'`).pluck();
  for (const m of listMovements(db)) {
    if (!(m.state === "launched" || m.state === "registration_closed" || m.state === "evaluating")) continue;
    const link = `/thi-dua/${m.id}`;
    const part = participatingUnitIds(db, m);
    const regs = registrationsOf(db, m.id);
    const regOf = new Map(regs.map((r) => [r.unitId, r]));
    const schemes = schemesOf(db, m.id);
    // Raw statements: a large movement holds a hundred thousand declarations, most of them for people.
    const decls = declRows.all(m.id) as { id: number; candidateKey: string; criterionCode: string; evidence: string | null; status: string; returnReason: string | null; updatedAt: number }[];
    const declOf = new Map(decls.map((x) => [`${x.candidateKey}|${x.criterionCode}`, x]));
    const returnedUnits = new Set(decls.filter((x) => x.status === "returned").map((x) => x.candidateKey));
    const withFile = new Set(fileKeys.all(m.id) as string[]);
    const label = new Map(schemes.flatMap((s) => s.criteria.map((c) => [c.id, c.label] as const)));

    /** The declared criteria of a sent registration's collective schemes that have no figure or no evidence yet. */
    const missingOf = (unitId: number): string[] => {
      const r = regOf.get(unitId);
      if (!r || r.status === "chua_gui") return [];
      const key = `unit:${unitId}`;
      const codes = new Set<string>();
      for (const s of schemes) {
        if (s.target !== "collective" || !r.schemeCodes.includes(s.id)) continue;
        for (const c of s.criteria) {
          if (!DECLARED.has(c.kind)) continue;
          const d = declOf.get(`${key}|${c.id}`);
          if (!d || (!d.evidence && !withFile.has(`${key}|${c.id}`))) codes.add(c.id);
        }
      }
      return [...codes].sort();
    };

    // A deadline in 3 days: who has not done what it asks.
    for (const d of deadlinesOf(db, m.id)) {
      if (!isDue(d.date, now)) continue;
      const kind = deadlineKind(d.label, d.kind);
      if (kind === "other" || kind === "forward" || kind === "appraisal" || (kind === "registration" && m.state !== "launched")) continue;
      const done = new Set<number>(kind === "dossier" ? (proposed.all(m.id) as number[]) : []);
      const pending = part.filter((u) => {
        const r = regOf.get(u);
        if (kind === "registration") return !r || r.status === "chua_gui" || r.status === "tra_lai";
        if (kind === "evidence") return missingOf(u).length > 0 || returnedUnits.has(`unit:${u}`);
        return r?.status === "da_duyet" && !done.has(u);
      });
      const byHead = new Map<number, string[]>();
      for (const h of headsOfUnits(db, pending)) byHead.set(h.userId, [...(byHead.get(h.userId) ?? []), names.get(h.unitId) ?? ""]);
      const rows: Row[] = [...byHead].map(([userId, units]) => ({
        userId,
        kind: "deadline",
        ...deadlineNotice({ movementTitle: m.title, label: d.label, date: d.date, kind, units, now }),
        link,
        dedupeKey: `deadline-${d.id}-${d.date}`,
      }));
      out.deadline += insertNotifications(db, rows, now);
    }

    // Returned registrations, with the same key as the page's notice of the return.
    const returned: Row[] = [];
    for (const r of regs) {
      if (r.status !== "tra_lai" || r.decidedAt === null) continue;
      for (const h of headsOfUnits(db, [r.unitId])) {
        returned.push({ userId: h.userId, kind: "returned", title: `Bản đăng ký bị trả lại: ${r.unitName}`, body: r.returnReason ?? "", link, dedupeKey: `returned-${r.id}-${r.decidedAt}` });
      }
    }
    out.returned += insertNotifications(db, returned, now);

    // Registrations a parent unit approved, waiting for the organizer: the page's notice, caught up.
    const partSet = new Set(part);
    /** The nearest unit above that takes part: the one that approved (as the pages decide the reviewer). */
    const reviewerName = (unitId: number): string | null => {
      let p = parentOfUnit.get(unitId) ?? null;
      for (let guard = 0; p !== null && guard < 64; guard++) {
        if (partSet.has(p)) return names.get(p) ?? null;
        p = parentOfUnit.get(p) ?? null;
      }
      return null;
    };
    const approved = regs
      .filter((r) => r.status === "cho_duyet" && r.reviewStage === "organizer" && r.parentApprovedAt !== null)
      .flatMap((r) => parentApprovedNotices(db, m, { id: r.id, unitName: r.unitName, parentApprovedAt: r.parentApprovedAt! }, reviewerName(r.unitId)));
    out.approved += insertNotifications(db, approved, now);

    // Evidence returned by the organizer, and evidence a sent registration still lacks.
    const evidence: Row[] = [];
    for (const d of decls) {
      if (d.status !== "returned" || !d.candidateKey.startsWith("unit:")) continue;
      for (const h of headsOfUnits(db, [Number(d.candidateKey.slice(5))])) {
        evidence.push({ userId: h.userId, kind: "missing_evidence", title: `Minh chứng bị trả lại: ${label.get(d.criterionCode) ?? d.criterionCode}`, body: d.returnReason ?? "", link, dedupeKey: `evidence-returned-${d.id}-${d.updatedAt}` });
      }
    }
    for (const u of part) {
      const codes = missingOf(u);
      if (codes.length === 0) continue;
      for (const h of headsOfUnits(db, [u])) {
        evidence.push({
          userId: h.userId,
          kind: "missing_evidence",
          title: `Còn thiếu minh chứng: ${names.get(u) ?? ""}`,
          body: `${m.title}. Kê khai và gửi minh chứng (tệp hoặc đường dẫn) cho: ${codes.map((c) => label.get(c) ?? c).join("; ")}.`,
          link,
          dedupeKey: `missing-evidence-${m.id}-${u}-${codes.join(",")}`,
        });
      }
    }
    out.evidence += insertNotifications(db, evidence, now);
  }
  return out;
}
