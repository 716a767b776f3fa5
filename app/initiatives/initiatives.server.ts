import type { Db } from "../../db/connection";
import { logAudit } from "../../db/audit";
import * as store from "../../db/initiatives/initiatives";
import { getUnit, subtreeIds } from "../../db/participation/units";
import type { ArchiveItem } from "../core/initiatives/archive-file";
import { parseArchiveFile } from "../core/initiatives/archive-file";
import {
  authorMayEdit,
  conflictOfInterest,
  type EntryStatus,
  type ModerationAction,
  moderationAllowed,
  overlapPercent,
  searchText,
  similarityQuery,
} from "../core/initiatives/initiatives";
import { rankEntries } from "../core/initiatives/jury";
import { roundPhase } from "../core/quiz/timing";
import { DEFAULT_VIDEO_POLICY, parseClipLength, parseVideoLink, type VideoLinkPolicy, type VideoProvider } from "../core/initiatives/video-link";
import type { EntryInput } from "./initiatives.schemas";
import { verificationForRound } from "../../db/participation/participation";
import { mayAct, NOT_VERIFIED_VOTE_TEXT } from "../core/participation/roster";

/** Who acts: the signed-in person as the session gives it. */
export type Actor = { id: number; unitId: number | null; roles: { role: string; unitId: number | null }[] };
export type Failure = { ok: false; status: number; message: string; field?: string };
const fail = (status: number, message: string, field?: string): Failure => ({ ok: false, status, message, field });

const isAdmin = (a: Actor) => a.roles.some((r) => r.role === "admin");

/** An organizer manages a contest of their organizing unit (or any, with no unit scope); an admin every contest. */
export function organizerMayManage(actor: Actor, organizerUnitId: number | null): boolean {
  if (isAdmin(actor)) return true;
  const grants = actor.roles.filter((r) => r.role === "organizer");
  return grants.some((g) => g.unitId === null || organizerUnitId === null || g.unitId === organizerUnitId);
}

export const DEFAULT_PRIZES = [
  { name: "Giải Nhất", count: 1 },
  { name: "Giải Nhì", count: 2 },
  { name: "Giải Ba", count: 3 },
  { name: "Giải Khuyến khích", count: 5 },
];

export function settingsOf(db: Db, roundId: number) {
  const s = store.getSettings(db, roundId);
  return {
    blindReview: s?.blindReview ?? false,
    zScore: s?.zScore ?? false,
    voteWeight: s?.voteWeight ?? 0,
    voteCap: s?.voteCap ?? 3,
    providers: (s?.allowedProviders ?? DEFAULT_VIDEO_POLICY.providers) as VideoProvider[],
    govSuffixes: s?.govSuffixes ?? [...DEFAULT_VIDEO_POLICY.govSuffixes],
    resultsPublished: s?.resultsPublished ?? false,
    prizes: s?.prizeTable ?? DEFAULT_PRIZES,
  };
}

function policyOf(db: Db, roundId: number): VideoLinkPolicy {
  const s = settingsOf(db, roundId);
  return { providers: s.providers, govSuffixes: s.govSuffixes };
}

// ---------------------------------------------------------------- participants

export function myEntries(db: Db, userId: number) {
  return store.listOwnerEntries(db, userId);
}

/** The initiative rounds a participant can enter now (published and open). */
export function openRounds(db: Db, now: number) {
  return store.listInitiativeRounds(db).filter(({ round }) => roundPhase(round, now) === "open");
}

/** The entry as its owner sees it, or null when it is someone else's. */
export function ownEntry(db: Db, userId: number, entryId: number) {
  const row = store.getEntry(db, entryId);
  if (!row || row.entry.ownerId !== userId) return null;
  const r = store.getRound(db, row.entry.roundId);
  return { ...row, round: r?.round ?? null };
}

/**
 * Creates or edits an entry, and submits it when asked. Only the owner, only while the round is open and
 * the organizers have not decided; the video must be allowed by the round and not entered before.
 */
export function saveEntry(
  db: Db,
  actor: Actor,
  input: { roundId: number; entryId: number | null; values: EntryInput },
  now: number,
): { ok: true; entryId: number; status: EntryStatus } | Failure {
  const { values } = input;
  return db.transaction(
    () => {
      const existing = input.entryId === null ? null : store.getEntry(db, input.entryId);
      if (input.entryId !== null && (!existing || existing.entry.ownerId !== actor.id)) return fail(404, "Không tìm thấy bài dự thi.");
      const roundId = existing ? existing.entry.roundId : input.roundId;
      const row = store.getRound(db, roundId);
      if (!row || row.round.status !== "published") return fail(404, "Không tìm thấy vòng thi sáng kiến.");
      if (roundPhase(row.round, now) !== "open") return fail(409, "Vòng thi sáng kiến chưa mở hoặc đã kết thúc: không thể sửa hay nộp bài.");
      if (existing && !authorMayEdit(existing.entry.status))
        return fail(409, "Ban Tổ chức đã xét bài này, không thể sửa nữa.");
      if (!getUnit(db, values.unitId)) return fail(400, "Đơn vị không tồn tại.", "unitId");
      // A participant sends in the name of their own unit or a unit under it, never of the province or a neighbour.
      if (actor.unitId === null || !subtreeIds(db, [actor.unitId]).includes(values.unitId))
        return fail(403, "Bạn chỉ gửi sáng kiến cho đơn vị của mình hoặc đơn vị trực thuộc.", "unitId");
      const video = parseVideoLink(values.videoUrl, policyOf(db, roundId));
      if (!video.ok) return fail(400, video.message, "videoUrl");
      if (store.entryWithVideo(db, roundId, video.video.dedupeKey, existing?.entry.id ?? null))
        return fail(409, "Video này đã được gửi dự thi trong vòng thi này (ở một bài khác). Mỗi bài dự thi cần một video riêng.", "videoUrl");
      const durationS = parseClipLength(values.duration);
      if (durationS === null || durationS <= 0 || durationS > 300) return fail(400, "Video dự thi không quá 5 phút (5:00).", "duration");
      const current = existing?.entry.status ?? "draft";
      const status: EntryStatus = values.intent === "submit" ? "submitted" : current;
      const fields = {
        entrantKind: values.entrantKind,
        unitId: values.unitId,
        authors: values.entrantKind === "people" ? values.authors : [],
        title: values.title,
        theme: values.theme,
        summary: values.summary,
        novelty: values.novelty,
        appliedAt: values.appliedAt,
        videoUrl: video.video.canonicalUrl,
        videoProvider: video.video.provider,
        videoId: video.video.videoId,
        videoKey: video.video.dedupeKey,
        embedUrl: video.video.embedUrl,
        durationS,
        status,
        searchFolded: searchText([values.title, values.summary, values.novelty]),
        updatedAt: now,
        ...(values.intent === "submit" ? { submittedAt: now, statusReason: null } : {}),
      };
      if (existing) {
        store.updateEntry(db, existing.entry.id, fields);
        return { ok: true as const, entryId: existing.entry.id, status };
      }
      const created = store.insertEntry(db, { ...fields, roundId, ownerId: actor.id, createdAt: now });
      return { ok: true as const, entryId: created.id, status };
    },
    { behavior: "immediate" },
  );
}

export type SimilarItem = { kind: "entry" | "archive"; id: number; title: string; percent: number; unit: string | null; detail: string | null; url: string | null };

/**
 * The entries of the same contest and the archived initiatives closest to an entry: FTS5 (bm25, on folded
 * text) finds the candidates, and a syllable overlap gives the reader a percentage.
 */
export function similarTo(db: Db, entryId: number, options: { forOrganizer: boolean; limit?: number }): { entries: SimilarItem[]; archive: SimilarItem[] } {
  const limit = options.limit ?? 5;
  const row = store.getEntry(db, entryId);
  if (!row) return { entries: [], archive: [] };
  const match = similarityQuery(row.entry.searchFolded);
  if (!match) return { entries: [], archive: [] };
  const hits = store.similarRowids(db, match, 60);
  const round = store.getRound(db, row.entry.roundId);
  const entryIds = hits.filter((h) => h.rowid % 2 === 0).map((h) => h.rowid / 2).filter((id) => id !== entryId);
  const archiveIds = hits.filter((h) => h.rowid % 2 === 1).map((h) => (h.rowid - 1) / 2);
  const entries = store
    .entriesByIds(db, entryIds)
    .filter((e) => e.contestId === round?.contest.id && e.status !== "draft")
    .map((e) => ({
      kind: "entry" as const,
      id: e.id,
      title: e.title,
      percent: overlapPercent(row.entry.searchFolded, e.searchFolded),
      unit: options.forOrganizer ? e.unitName : null,
      detail: null,
      url: null,
      order: entryIds.indexOf(e.id),
    }))
    .sort((a, b) => a.order - b.order)
    .slice(0, limit)
    .map(({ order: _o, ...rest }) => rest);
  const archive = store
    .archiveByIds(db, archiveIds)
    .map((a) => ({
      kind: "archive" as const,
      id: a.id,
      title: a.title,
      percent: overlapPercent(row.entry.searchFolded, a.searchFolded),
      unit: [a.unit, [a.province, a.year].filter(Boolean).join(", ")].filter(Boolean).join(" — "),
      detail: a.summary,
      url: a.sourceUrl,
      order: archiveIds.indexOf(a.id),
    }))
    .sort((a, b) => a.order - b.order)
    .slice(0, limit)
    .map(({ order: _o, ...rest }) => rest);
  return { entries, archive };
}

// ---------------------------------------------------------------- organizers

export function organizerRounds(db: Db, actor: Actor) {
  return store.listInitiativeRounds(db, false).filter((r) => organizerMayManage(actor, r.contest.organizerUnitId));
}

function managedRound(db: Db, actor: Actor, roundId: number) {
  const row = store.getRound(db, roundId);
  if (!row) return fail(404, "Không tìm thấy vòng thi sáng kiến.");
  if (!organizerMayManage(actor, row.contest.organizerUnitId)) return fail(403, "Bạn không quản lý cuộc thi này.");
  return row;
}

export function moderateEntry(
  db: Db,
  actor: Actor,
  input: { entryId: number; action: ModerationAction; reason?: string },
  now: number,
): { ok: true } | Failure {
  const row = store.getEntry(db, input.entryId);
  if (!row) return fail(404, "Không tìm thấy bài dự thi.");
  const round = managedRound(db, actor, row.entry.roundId);
  if ("ok" in round) return round;
  const published = row.entry.publishedAt !== null;
  if (!moderationAllowed(row.entry.status, published, input.action))
    return fail(409, "Không thể thực hiện thao tác này với bài ở trạng thái hiện tại.");
  if ((input.action === "reject" || input.action === "request_changes") && !input.reason?.trim())
    return fail(400, "Vui lòng ghi lý do để người dự thi biết.", "reason");
  db.transaction(() => {
    const patch =
      input.action === "accept"
        ? { status: "accepted" as const, statusReason: null }
        : input.action === "reject"
          ? { status: "rejected" as const, statusReason: input.reason!.trim(), publishedAt: null }
          : input.action === "request_changes"
            ? { status: "changes_requested" as const, statusReason: input.reason!.trim() }
            : input.action === "publish"
              ? { publishedAt: now }
              : { publishedAt: null };
    store.updateEntry(db, row.entry.id, { ...patch, updatedAt: now });
    logAudit(db, { userId: actor.id, action: `initiative.${input.action}`, entity: "initiative_entry", entityId: row.entry.id, detail: input.reason ? { reason: input.reason } : undefined }, now);
  });
  return { ok: true };
}

export function organizerEntries(db: Db, actor: Actor, roundId: number, status: EntryStatus | null) {
  const round = managedRound(db, actor, roundId);
  if ("ok" in round) return round;
  const all = store.listRoundEntries(db, roundId).filter((e) => e.entry.status !== "draft");
  const counts = new Map<string, number>();
  for (const e of all) counts.set(e.entry.status, (counts.get(e.entry.status) ?? 0) + 1);
  const shown = status ? all.filter((e) => e.entry.status === status) : all;
  return {
    ok: true as const,
    round: round.round,
    contest: round.contest,
    counts: Object.fromEntries(counts),
    entries: shown.map((e) => ({ ...e, similar: similarTo(db, e.entry.id, { forOrganizer: true, limit: 3 }), comments: store.commentsOf(db, e.entry.id) })),
  };
}

export function updateSettings(
  db: Db,
  actor: Actor,
  roundId: number,
  input: { blindReview: boolean; zScore: boolean; resultsPublished: boolean; voteWeight: number; voteCap: number; providers: string[]; govSuffixes: string[]; prizes: { name: string; count: number }[] },
  now: number,
): { ok: true } | Failure {
  const round = managedRound(db, actor, roundId);
  if ("ok" in round) return round;
  // Withdrawing published results unfreezes the scores: that needs a reason, so it goes through reopenScoring.
  if (settingsOf(db, roundId).resultsPublished && !input.resultsPublished)
    return fail(409, "Kết quả đã công bố: muốn sửa điểm, hãy dùng “Mở lại chấm điểm” và ghi lý do.", "resultsPublished");
  const current = settingsOf(db, roundId);
  if (
    current.resultsPublished &&
    (current.voteWeight !== input.voteWeight || current.zScore !== input.zScore || JSON.stringify(current.prizes) !== JSON.stringify(input.prizes.length ? input.prizes : DEFAULT_PRIZES))
  )
    return fail(409, "Kết quả đã công bố: tỷ trọng bình chọn, cách quy đổi điểm và cơ cấu giải đã khóa. Mở lại chấm điểm (có lý do) để sửa.");
  db.transaction(() => {
    store.upsertSettings(db, {
      roundId,
      blindReview: input.blindReview,
      zScore: input.zScore,
      resultsPublished: input.resultsPublished,
      voteWeight: input.voteWeight,
      voteCap: input.voteCap,
      allowedProviders: input.providers,
      govSuffixes: input.govSuffixes.length ? input.govSuffixes.map((s) => (s.startsWith(".") ? s : `.${s}`)) : [".gov.vn"],
      prizeTable: input.prizes.length ? input.prizes : DEFAULT_PRIZES,
      updatedAt: now,
    });
    logAudit(db, { userId: actor.id, action: "initiative.settings", entity: "round", entityId: roundId, detail: { ...input } }, now);
  });
  return { ok: true };
}

/**
 * Reopens the scoring of a round whose results were published: the results are withdrawn from the public
 * pages and the judges may change scores again. The reason is kept in the audit log.
 */
export function reopenScoring(db: Db, actor: Actor, roundId: number, reason: string, now: number): { ok: true } | Failure {
  const round = managedRound(db, actor, roundId);
  if ("ok" in round) return round;
  const text = reason.trim().normalize("NFC");
  if (text.length < 10) return fail(400, "Vui lòng ghi lý do mở lại chấm điểm (ít nhất 10 ký tự).", "reason");
  if (text.length > 1000) return fail(400, "Lý do tối đa 1000 ký tự.", "reason");
  if (!settingsOf(db, roundId).resultsPublished) return fail(409, "Kết quả chưa công bố nên điểm chưa khóa.");
  db.transaction(() => {
    store.setResultsPublished(db, roundId, false, now);
    logAudit(db, { userId: actor.id, action: "initiative.scoring.reopen", entity: "round", entityId: roundId, detail: { reason: text } }, now);
  });
  return { ok: true };
}

export function saveCriterion(
  db: Db,
  actor: Actor,
  roundId: number,
  input: { criterionId?: number; name: string; weight: number; maxScore: number },
  now: number,
): { ok: true } | Failure {
  const round = managedRound(db, actor, roundId);
  if ("ok" in round) return round;
  if (scoresFrozen(db, roundId)) return fail(409, "Kết quả đã công bố: tiêu chí chấm đã khóa. Mở lại chấm điểm (có lý do) để sửa.");
  const list = store.listCriteria(db, roundId);
  if (input.criterionId !== undefined) {
    const c = list.find((x) => x.id === input.criterionId);
    if (!c) return fail(404, "Không tìm thấy tiêu chí.");
    if (c.maxScore !== input.maxScore && store.criterionScoreCount(db, c.id) > 0)
      return fail(409, "Tiêu chí đã có điểm chấm: không thể đổi thang điểm.", "maxScore");
    db.transaction(() => {
      store.updateCriterion(db, c.id, { name: input.name, weight: input.weight, maxScore: input.maxScore });
      logAudit(db, { userId: actor.id, action: "initiative.criterion.update", entity: "initiative_criterion", entityId: c.id, detail: { ...input } }, now);
    });
  } else {
    if (list.length >= 12) return fail(409, "Tối đa 12 tiêu chí.");
    db.transaction(() => {
      const c = store.insertCriterion(db, { roundId, name: input.name, weight: input.weight, maxScore: input.maxScore, sortOrder: list.length });
      logAudit(db, { userId: actor.id, action: "initiative.criterion.add", entity: "initiative_criterion", entityId: c.id, detail: { ...input } }, now);
    });
  }
  return { ok: true };
}

export function deleteCriterion(db: Db, actor: Actor, roundId: number, criterionId: number, now: number): { ok: true } | Failure {
  const round = managedRound(db, actor, roundId);
  if ("ok" in round) return round;
  if (scoresFrozen(db, roundId)) return fail(409, "Kết quả đã công bố: tiêu chí chấm đã khóa. Mở lại chấm điểm (có lý do) để sửa.");
  if (!store.listCriteria(db, roundId).some((c) => c.id === criterionId)) return fail(404, "Không tìm thấy tiêu chí.");
  if (store.criterionScoreCount(db, criterionId) > 0) return fail(409, "Tiêu chí đã có điểm chấm, không thể xóa.");
  db.transaction(() => {
    store.deleteCriterion(db, criterionId);
    logAudit(db, { userId: actor.id, action: "initiative.criterion.delete", entity: "initiative_criterion", entityId: criterionId }, now);
  });
  return { ok: true };
}

export function assignJudge(db: Db, actor: Actor, roundId: number, input: { userId: number; theme: string | null }, now: number): { ok: true } | Failure {
  const round = managedRound(db, actor, roundId);
  if ("ok" in round) return round;
  if (!store.judgeCandidates(db).some((c) => c.id === input.userId)) return fail(400, "Người này chưa có quyền giám khảo.", "userId");
  db.transaction(() => {
    store.assignJudge(db, roundId, input.userId, input.theme);
    logAudit(db, { userId: actor.id, action: "initiative.judge.assign", entity: "round", entityId: roundId, detail: { judgeId: input.userId, theme: input.theme } }, now);
  });
  return { ok: true };
}

export function unassignJudge(db: Db, actor: Actor, roundId: number, assignmentId: number, now: number): { ok: true } | Failure {
  const round = managedRound(db, actor, roundId);
  if ("ok" in round) return round;
  const removed = db.transaction(() => {
    const r = store.removeJudge(db, assignmentId, roundId);
    if (r) logAudit(db, { userId: actor.id, action: "initiative.judge.remove", entity: "round", entityId: roundId, detail: { judgeId: r.userId, theme: r.theme } }, now);
    return r;
  });
  return removed ? { ok: true } : fail(404, "Không tìm thấy phân công.");
}

/** Entries a judge is to score in a round: accepted, of the assigned themes, without a conflict or recusal. */
function judgeScope(db: Db, judge: { id: number; unitId: number | null }, roundId: number) {
  const assignments = store.judgeAssignments(db, judge.id).filter((a) => a.roundId === roundId);
  const recused = new Set(store.recusalsOfJudge(db, judge.id).map((r) => r.entryId));
  const all = assignments.some((a) => a.theme === null);
  const themes = new Set(assignments.map((a) => a.theme));
  return store
    .listRoundEntries(db, roundId, ["accepted"])
    .filter((e) => all || themes.has(e.entry.theme))
    .map((e) => ({
      row: e,
      conflict: conflictOfInterest({ userId: judge.id, unitId: judge.unitId }, { ownerId: e.entry.ownerId, unitId: e.entry.unitId, ownerUnitId: e.ownerUnitId }, recused.has(e.entry.id)),
    }));
}

export function judgeProgress(db: Db, actor: Actor, roundId: number) {
  const round = managedRound(db, actor, roundId);
  if ("ok" in round) return round;
  const criteria = store.listCriteria(db, roundId);
  const scores = store.roundScores(db, roundId);
  const judges = store.listRoundJudges(db, roundId);
  const byJudge = new Map<number, typeof judges>();
  for (const j of judges) byJudge.set(j.userId, [...(byJudge.get(j.userId) ?? []), j]);
  return {
    ok: true as const,
    judges: [...byJudge.values()].map((rows) => {
      const j = rows[0];
      const scope = judgeScope(db, { id: j.userId, unitId: j.unitId }, roundId);
      const eligible = scope.filter((s) => !s.conflict);
      const done = eligible.filter((s) => scores.filter((x) => x.judgeId === j.userId && x.entryId === s.row.entry.id).length >= criteria.length && criteria.length > 0);
      return {
        userId: j.userId,
        fullName: j.fullName,
        unitName: j.unitName,
        assignments: rows.map((r) => ({ id: r.id, theme: r.theme })),
        eligible: eligible.length,
        done: done.length,
        excluded: scope.length - eligible.length,
      };
    }),
  };
}

export function ranking(db: Db, actor: Actor | null, roundId: number) {
  if (actor) {
    const round = managedRound(db, actor, roundId);
    if ("ok" in round) return round;
  }
  const settings = settingsOf(db, roundId);
  const entries = store.listRoundEntries(db, roundId, ["accepted"]);
  const ranked = rankEntries({
    criteria: store.listCriteria(db, roundId),
    scores: store.roundScores(db, roundId),
    entryIds: entries.map((e) => e.entry.id),
    votes: store.voteCounts(db, roundId),
    voteWeight: settings.voteWeight,
    zScore: settings.zScore,
    prizes: settings.prizes,
  });
  const byId = new Map(entries.map((e) => [e.entry.id, e]));
  return {
    ok: true as const,
    settings,
    rows: ranked.map((r) => {
      const e = byId.get(r.entryId)!;
      return { ...r, title: e.entry.title, unitName: e.unitName, theme: e.entry.theme, authors: e.entry.authors, ownerName: e.ownerName, published: e.entry.publishedAt !== null };
    }),
  };
}

export function importArchive(db: Db, actor: Actor | null, text: string, now: number): { ok: true; added: number; total: number } | { ok: false; status: number; errors: string[] } {
  if (actor && !isAdmin(actor) && !actor.roles.some((r) => r.role === "organizer")) return { ok: false, status: 403, errors: ["Bạn không có quyền nhập kho sáng kiến."] };
  const parsed = parseArchiveFile(text);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  const added = db.transaction(() => {
    const n = store.insertArchiveRows(db, parsed.items.map((i) => archiveRow(i, now)));
    if (actor) logAudit(db, { userId: actor.id, action: "initiative.archive.import", entity: "initiative_archive", detail: { items: parsed.items.length, added: n } }, now);
    return n;
  });
  return { ok: true, added, total: parsed.items.length };
}

export function archiveRow(i: ArchiveItem, now: number): store.ArchiveInsert {
  return {
    title: i.title.normalize("NFC"),
    unit: i.unit.normalize("NFC"),
    province: i.province.normalize("NFC"),
    year: i.year,
    summary: i.summary.normalize("NFC"),
    sourceUrl: i.source,
    searchFolded: searchText([i.title, i.summary]),
    importedAt: now,
  };
}

export function archiveSize(db: Db): number {
  return store.archiveCount(db);
}

// ---------------------------------------------------------------- judges

/** The judge's worklist: per assigned round, each entry in scope with its state. Blind review hides who sent it. */
export function judgeWorklist(db: Db, actor: Actor) {
  const roundIds = [...new Set(store.judgeAssignments(db, actor.id).map((a) => a.roundId))];
  return roundIds.flatMap((roundId) => {
    const r = store.getRound(db, roundId);
    if (!r) return [];
    const settings = settingsOf(db, roundId);
    const criteria = store.listCriteria(db, roundId);
    const scores = store.roundScores(db, roundId).filter((s) => s.judgeId === actor.id);
    const items = judgeScope(db, actor, roundId).map(({ row, conflict }) => {
      const n = scores.filter((s) => s.entryId === row.entry.id).length;
      return {
        id: row.entry.id,
        title: row.entry.title,
        theme: row.entry.theme,
        unitName: settings.blindReview ? null : row.unitName,
        conflict,
        state: conflict ? ("excluded" as const) : criteria.length > 0 && n >= criteria.length ? ("done" as const) : n > 0 ? ("partial" as const) : ("todo" as const),
      };
    });
    return [{ round: { id: r.round.id, title: r.round.title }, contestTitle: r.contest.title, criteriaCount: criteria.length, frozen: settings.resultsPublished, items }];
  });
}

/** Published results are final: the scores behind them are frozen until an organizer reopens with a reason. */
export const SCORES_FROZEN_MESSAGE =
  "Kết quả vòng thi đã được công bố nên điểm chấm đã khóa: không thể chấm, sửa điểm hay rút khỏi bài. Nếu cần sửa, Ban Tổ chức mở lại việc chấm (có ghi lý do).";

function scoresFrozen(db: Db, roundId: number): boolean {
  return settingsOf(db, roundId).resultsPublished;
}

function judgeGate(db: Db, actor: Actor, entryId: number) {
  const row = store.getEntry(db, entryId);
  if (!row) return fail(404, "Không tìm thấy bài dự thi.");
  const assignments = store.judgeAssignments(db, actor.id).filter((a) => a.roundId === row.entry.roundId);
  if (!assignments.some((a) => a.theme === null || a.theme === row.entry.theme)) return fail(403, "Bạn không được phân công chấm bài này.");
  if (row.entry.status !== "accepted") return fail(409, "Bài này chưa được Ban Tổ chức chấp nhận nên chưa chấm.");
  const recused = store.recusalsOfJudge(db, actor.id).some((r) => r.entryId === entryId);
  const conflict = conflictOfInterest({ userId: actor.id, unitId: actor.unitId }, { ownerId: row.entry.ownerId, unitId: row.entry.unitId, ownerUnitId: row.ownerUnitId }, recused);
  return { row, conflict };
}

export function judgeEntry(db: Db, actor: Actor, entryId: number) {
  const gate = judgeGate(db, actor, entryId);
  if ("ok" in gate) return gate;
  const { row, conflict } = gate;
  const settings = settingsOf(db, row.entry.roundId);
  const e = row.entry;
  return {
    ok: true as const,
    conflict,
    frozen: settings.resultsPublished,
    blind: settings.blindReview,
    entry: {
      id: e.id,
      title: e.title,
      theme: e.theme,
      summary: e.summary,
      novelty: e.novelty,
      appliedAt: e.appliedAt,
      videoUrl: e.videoUrl,
      videoProvider: e.videoProvider,
      embedUrl: e.embedUrl,
      durationS: e.durationS,
      unitName: settings.blindReview ? null : row.unitName,
      authors: settings.blindReview ? [] : e.entrantKind === "people" ? e.authors : [],
      entrantKind: settings.blindReview ? null : e.entrantKind,
    },
    criteria: store.listCriteria(db, e.roundId),
    sheet: Object.fromEntries(store.sheetOf(db, e.id, actor.id).map((s) => [s.criterionId, s.score])),
    comment: store.commentOf(db, e.id, actor.id),
  };
}

export function scoreEntry(
  db: Db,
  actor: Actor,
  entryId: number,
  input: { scores: Record<string, string | undefined>; comment: string | null },
  now: number,
): { ok: true } | (Failure & { fieldErrors?: Record<string, string> }) {
  const gate = judgeGate(db, actor, entryId);
  if ("ok" in gate) return gate;
  if (scoresFrozen(db, gate.row.entry.roundId)) return fail(409, SCORES_FROZEN_MESSAGE);
  if (gate.conflict) return fail(403, gate.conflict);
  const criteria = store.listCriteria(db, gate.row.entry.roundId);
  if (criteria.length === 0) return fail(409, "Ban Tổ chức chưa đặt tiêu chí chấm.");
  const fieldErrors: Record<string, string> = {};
  const values: { criterionId: number; score: number }[] = [];
  for (const c of criteria) {
    const raw = (input.scores[String(c.id)] ?? "").trim().replace(",", ".");
    const n = Number(raw);
    if (raw === "" || !Number.isFinite(n)) fieldErrors[c.id] = `Nhập điểm “${c.name}” (0 đến ${c.maxScore}).`;
    else if (n < 0 || n > c.maxScore) fieldErrors[c.id] = `Điểm “${c.name}” từ 0 đến ${c.maxScore}.`;
    else values.push({ criterionId: c.id, score: Math.round(n * 100) / 100 });
  }
  const comment = input.comment?.trim().normalize("NFC") || null;
  if (comment && comment.length > 2000) fieldErrors.comment = "Nhận xét tối đa 2000 ký tự.";
  if (Object.keys(fieldErrors).length) return { ...fail(400, "Điểm chưa hợp lệ, xem các ô được đánh dấu."), fieldErrors };
  db.transaction(() => {
    store.saveSheet(db, entryId, actor.id, values, comment, now);
    logAudit(db, { userId: actor.id, action: "initiative.score", entity: "initiative_entry", entityId: entryId, detail: { scores: values, comment: comment !== null } }, now);
  });
  return { ok: true };
}

export function recuse(db: Db, actor: Actor, entryId: number, reason: string, now: number): { ok: true } | Failure {
  const gate = judgeGate(db, actor, entryId);
  if ("ok" in gate) return gate;
  if (scoresFrozen(db, gate.row.entry.roundId)) return fail(409, SCORES_FROZEN_MESSAGE);
  const text = reason.trim().normalize("NFC");
  if (text.length < 5) return fail(400, "Vui lòng ghi lý do (ít nhất 5 ký tự).", "reason");
  db.transaction(() => {
    store.insertRecusal(db, entryId, actor.id, text, now);
    logAudit(db, { userId: actor.id, action: "initiative.recuse", entity: "initiative_entry", entityId: entryId, detail: { reason: text } }, now);
  });
  return { ok: true };
}

// ---------------------------------------------------------------- public gallery

export function gallery(db: Db, filter: { theme?: string; unitId?: number }, userId: number | null) {
  const rows = store.listPublishedEntries(db, filter);
  const roundIds = [...new Set(rows.map((r) => r.entry.roundId))];
  const perRound = new Map(
    roundIds.map((id) => {
      const s = settingsOf(db, id);
      const results = s.resultsPublished ? ranking(db, null, id) : null;
      const votes = store.voteCounts(db, id);
      return [id, { settings: s, results: results && "rows" in results ? new Map(results.rows.map((r) => [r.entryId, r])) : null, votes, used: userId ? store.userVoteCount(db, id, userId) : 0 }];
    }),
  );
  const mine = userId ? store.userVotes(db, userId) : new Set<number>();
  return {
    units: store.unitsWithPublishedEntries(db),
    entries: rows.map(({ entry: e, unitName }) => {
      const r = perRound.get(e.roundId)!;
      const result = r.results?.get(e.id);
      return {
        id: e.id,
        title: e.title,
        theme: e.theme,
        unitName,
        authors: e.entrantKind === "people" ? e.authors : [],
        summary: e.summary,
        novelty: e.novelty,
        appliedAt: e.appliedAt,
        videoUrl: e.videoUrl,
        videoProvider: e.videoProvider,
        embedUrl: e.embedUrl,
        durationS: e.durationS,
        voting: r.settings.voteWeight > 0 && !r.settings.resultsPublished,
        votes: r.votes.get(e.id) ?? 0,
        voted: mine.has(e.id),
        votesLeft: Math.max(0, r.settings.voteCap - r.used),
        voteCap: r.settings.voteCap,
        result: result && result.final !== null ? { rank: result.rank, prize: result.prize, final: result.final } : null,
      };
    }),
  };
}

export function castVote(db: Db, actor: Actor, entryId: number, intent: "vote" | "unvote", now: number): { ok: true } | Failure {
  return db.transaction(
    () => {
      const row = store.getEntry(db, entryId);
      if (!row || row.entry.publishedAt === null || row.entry.status !== "accepted") return fail(404, "Không tìm thấy bài dự thi trong thư viện.");
      const s = settingsOf(db, row.entry.roundId);
      if (s.voteWeight <= 0 || s.resultsPublished) return fail(409, "Vòng thi này không mở bình chọn.");
      if (intent === "unvote") {
        store.deleteVote(db, entryId, actor.id);
        return { ok: true as const };
      }
      if (row.entry.ownerId === actor.id) return fail(409, "Bạn không thể bình chọn cho bài dự thi của mình.");
      const trust = verificationForRound(db, row.entry.roundId, actor.id);
      if (!mayAct(trust.policy, "vote", trust.verified)) return fail(403, NOT_VERIFIED_VOTE_TEXT);
      if (store.userVotes(db, actor.id).has(entryId)) return fail(409, "Bạn đã bình chọn cho bài này.");
      if (store.userVoteCount(db, row.entry.roundId, actor.id) >= s.voteCap)
        return fail(409, `Mỗi người được bình chọn tối đa ${s.voteCap} bài trong vòng thi này.`);
      store.insertVote(db, entryId, actor.id, row.entry.roundId, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

export function listCriteriaFor(db: Db, roundId: number) {
  return store.listCriteria(db, roundId);
}

export function judgeCandidatesFor(db: Db) {
  return store.judgeCandidates(db);
}
