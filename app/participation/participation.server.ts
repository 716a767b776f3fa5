import { z } from "zod";
import { getDb } from "../../db/connection";
import { logAudit } from "../../db/audit";
import { enqueueContestRecompute } from "../../workers/queues";
import * as store from "../../db/participation/participation";
import { getUnit, listUnits, subtreeIds } from "../../db/participation/units";
import { getRoundWithContest } from "../../db/quiz/contests";
import { averageScore, daysLeft, meetsFullParticipation, rankUnits, rate, requiredRate, validateThresholds } from "../core/participation/participation";
import { roundPhase } from "../core/quiz/timing";
import { loggedSince } from "../../db/audit";
import * as privacyDb from "../../db/account/privacy";
import { trendSvg } from "../charts.server";
import { agencyLine, placeDateLine, placeOf, reminderText } from "../core/notices";
import { logPersonalDataExport } from "../account/privacy.server";
import type { CurrentUser } from "../account/session.server";
import { roleUnitIds } from "../account/session.server";
import { reviewData } from "./roster-link.server";

/**
 * Use cases of the participation pages. Every function takes the signed-in user and checks their scope
 * here, on the server: a unit head sees their own subtree only, an organizer the units of their contests.
 */

const notFound = (message: string) => new Response(message, { status: 404 });

type ContestRow = store.ContestBrief;

const allContests = (): ContestRow[] => store.contestsForParticipation(getDb());
const quizRounds = (contestId: number) => store.quizRoundsOf(getDb(), contestId);

/** Which count a page shows: the contest as a whole (round 0), or a round (the chosen, else the open or latest one). */
function pickPeriod(contest: ContestRow, wantedRoundId: number | null, now: number) {
  const rounds = quizRounds(contest.id);
  const lastClose = rounds.reduce((m, r) => Math.max(m, r.closesAt), 0);
  if (contest.participationScope === "contest" && wantedRoundId === null) {
    return { roundId: 0, label: "Toàn cuộc thi", closesAt: lastClose, rounds };
  }
  const round =
    rounds.find((r) => r.id === wantedRoundId) ??
    rounds.find((r) => roundPhase(r, now) === "open") ??
    [...rounds].reverse().find((r) => r.opensAt <= now) ??
    rounds[0];
  if (!round) return { roundId: 0, label: "Toàn cuộc thi", closesAt: lastClose, rounds };
  return { roundId: round.id, label: round.title, closesAt: round.closesAt, rounds };
}

function pickContest(contests: ContestRow[], contestId: number | null): ContestRow {
  const contest = contestId === null ? contests[0] : contests.find((c) => c.id === contestId);
  if (!contest) throw notFound("Không tìm thấy cuộc thi.");
  return contest;
}

/** The units a unit head answers for (their grants' subtrees); every unit for an admin. */
export function headUnitIds(user: CurrentUser): { roots: number[]; allowed: Set<number> } {
  const db = getDb();
  const scoped = roleUnitIds(user, "unit_head");
  if (scoped === null) {
    const units = listUnits(db);
    return { roots: units.filter((u) => u.parentId === null).map((u) => u.id), allowed: new Set(units.map((u) => u.id)) };
  }
  return { roots: scoped, allowed: new Set(subtreeIds(db, scoped)) };
}

function view(stat: store.UnitStat) {
  const r = rate(stat.participants, stat.denominator);
  return {
    unitId: stat.unitId,
    name: stat.name,
    code: stat.code,
    parentId: stat.parentId,
    basis: stat.basis,
    participants: stat.participants,
    denominator: stat.denominator,
    rate: r,
    full: meetsFullParticipation(stat.participants, stat.denominator),
    avgScore: averageScore(stat),
  };
}
export type UnitRateView = ReturnType<typeof view>;

export type HeadQuery = { unitId: number | null; contestId: number | null; roundId: number | null };

/** The unit head's page: one unit of their subtree (their own by default), its sub-units, trend and not-yet list. */
/** With `page` (the /don-vi page itself) it also draws the trend, writes the reminder and logs the phones shown. */
export function unitHeadDashboard(user: CurrentUser, query: HeadQuery, now = Date.now(), page?: { origin: string }) {
  const db = getDb();
  const { roots, allowed } = headUnitIds(user);
  const unitId = query.unitId ?? roots[0];
  if (unitId === undefined) throw notFound("Bạn chưa được giao phụ trách đơn vị nào.");
  if (!allowed.has(unitId)) throw notFound("Không tìm thấy đơn vị này trong phạm vi bạn phụ trách.");
  const contests = allContests();
  if (contests.length === 0) throw notFound("Chưa có cuộc thi nào.");
  const contest = pickContest(contests, query.contestId);
  const period = pickPeriod(contest, query.roundId, now);
  const subtree = subtreeIds(db, [unitId]);
  const stats = store.unitStats(db, contest.id, period.roundId, subtree);
  const self = stats.find((s) => s.unitId === unitId);
  const children = stats
    .filter((s) => s.parentId === unitId)
    .map(view)
    .sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.name.localeCompare(b.name, "vi"));
  const notYet = store.notYetTakenPart(db, contest.id, period.roundId, subtree);
  const shown = notYet.slice(0, 1000).map((p) => ({ ...p, registered: p.registered === 1 }));
  if (page) logPhoneView(user, "participation_not_yet_view", shown.filter((p) => p.phone).length, { unitId, contestId: contest.id, roundId: period.roundId }, now);
  const trend = store.snapshotsOf(db, contest.id, period.roundId, unitId);
  // The path from the head's own unit down to this one, for the breadcrumb.
  const units = listUnits(db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const crumbs: { id: number; name: string }[] = [];
  for (let u = byId.get(unitId); u; u = u.parentId !== null && allowed.has(u.parentId) ? byId.get(u.parentId) : undefined) {
    crumbs.unshift({ id: u.id, name: u.name });
  }
  const unitName = self?.name ?? byId.get(unitId)?.name ?? "";
  return {
    contest: { id: contest.id, title: contest.title, scope: contest.participationScope },
    contests: contests.map((c) => ({ id: c.id, title: c.title })),
    period: { roundId: period.roundId, label: period.label, closesAt: period.closesAt, daysLeft: daysLeft(now, period.closesAt) },
    rounds: period.rounds.map((r) => ({ id: r.id, title: r.title })),
    unit: self ? view(self) : { ...view({ ...emptyStat(unitId), name: byId.get(unitId)?.name ?? "", code: "", parentId: null, kind: "" }) },
    pending: !self,
    updatedAt: self?.updatedAt ?? null,
    crumbs,
    roots,
    children,
    // The head's own staff: full phones so they can be called or messaged, and the view is logged.
    notYet: shown,
    notYetTotal: notYet.length,
    unmatchedParticipants: store.unmatchedParticipants(db, contest.id, period.roundId, subtree),
    review: reviewData(user, subtree),
    trend,
    trendSvg: page ? trendSvg(trend, "Biểu đồ đường: tỷ lệ tham gia theo ngày so với mục tiêu 100%") : null,
    reminder: page
      ? reminderText({ contestTitle: contest.title, periodLabel: period.label, closesAt: period.closesAt || null, link: contestLink(page.origin, period.roundId), unitName })
      : "",
  };
}

/** The page people open to take part: the round's page, or the home page for a whole contest. */
function contestLink(origin: string, roundId: number): string {
  return roundId ? `${origin}/vong-thi/${roundId}` : `${origin}/`;
}

const VIEW_LOG_WINDOW_MS = 30 * 60_000;

/**
 * Showing full phone numbers is a use of personal data like an export: logged with what and how many rows.
 * The page refreshes itself every 10 seconds, so the same view (same unit, period and rows) is logged once
 * per half hour rather than on every refresh.
 */
function logPhoneView(user: CurrentUser, what: string, rows: number, detail: Record<string, unknown>, now: number) {
  if (rows === 0) return;
  const full = { what, rows, ...detail };
  if (loggedSince(getDb(), { userId: user.id, action: "export_personal_data", entityId: what, detail: full }, now - VIEW_LOG_WINDOW_MS)) return;
  logPersonalDataExport(user, what, rows, detail, now);
}

/** The printable not-yet list of one unit of the head's subtree, with the official header's parts. */
export function notYetPrint(user: CurrentUser, query: HeadQuery, now = Date.now()) {
  const db = getDb();
  const { roots, allowed } = headUnitIds(user);
  const unitId = query.unitId ?? roots[0];
  if (unitId === undefined || !allowed.has(unitId)) throw notFound("Không tìm thấy đơn vị này trong phạm vi bạn phụ trách.");
  const contests = allContests();
  if (contests.length === 0) throw notFound("Chưa có cuộc thi nào.");
  const contest = pickContest(contests, query.contestId);
  const period = pickPeriod(contest, query.roundId, now);
  const unit = getUnit(db, unitId);
  if (!unit) throw notFound("Không tìm thấy đơn vị.");
  const parent = unit.parentId !== null ? getUnit(db, unit.parentId) : undefined;
  const rows = store.notYetTakenPart(db, contest.id, period.roundId, subtreeIds(db, [unitId]));
  const signer = privacyDb.ownProfile(db, user.id);
  logPersonalDataExport(user, "participation_not_yet_print", rows.length, { unitId, contestId: contest.id, roundId: period.roundId }, now);
  return {
    contest: { id: contest.id, title: contest.title },
    period: { label: period.label, closesAt: period.closesAt || null },
    unit: { id: unit.id, name: unit.name },
    agency: parent ? agencyLine(parent.name) : null,
    dateLine: placeDateLine(placeOf(parent?.name ?? unit.name), now),
    multiUnit: new Set(rows.map((r) => r.unitId)).size > 1,
    rows: rows.map((r) => ({ entryId: r.entryId, fullName: r.fullName, position: r.position, unitName: r.unitName, phone: r.phone, registered: r.registered === 1 })),
    signer: { name: signer?.fullName ?? user.fullName, position: signer?.position ?? "Thủ trưởng đơn vị" },
  };
}

function emptyStat(unitId: number): store.StatRow {
  return {
    contestId: 0,
    roundId: 0,
    unitId,
    basis: "headcount",
    ownParticipants: 0,
    ownDenominator: 0,
    ownScoreSum: 0,
    ownScoreN: 0,
    participants: 0,
    denominator: 0,
    scoreSum: 0,
    scoreN: 0,
    updatedAt: 0,
  };
}

/** The contests an organizer runs: those organized by a unit of their grants' subtrees; every contest for an admin. */
export function organizerContests(user: CurrentUser): ContestRow[] {
  const scoped = roleUnitIds(user, "organizer");
  const contests = allContests();
  if (scoped === null) return contests;
  const allowed = new Set(subtreeIds(getDb(), scoped));
  return contests.filter((c) => c.organizerUnitId !== null && allowed.has(c.organizerUnitId));
}

/**
 * The units a contest is about: the subtree of the people's committee its organizing office serves (Phòng Nội
 * vụ serves Huyện Thăng Bình in the demo), so units of other trees (the movements' own) never enter its tables.
 * Null (all units) for a contest without an organizing unit.
 */
export function contestUnitScope(contest: { organizerUnitId: number | null }): number[] | null {
  const db = getDb();
  const office = contest.organizerUnitId === null ? undefined : getUnit(db, contest.organizerUnitId);
  if (!office) return null;
  return subtreeIds(db, [office.parentId ?? office.id]);
}

/** The organizer's overview: every unit by rate, the 100% mark, the units that would miss "Tốt", rankings. */
export function organizerOverview(user: CurrentUser, query: { contestId: number | null; roundId: number | null }, now = Date.now()) {
  const db = getDb();
  const contests = organizerContests(user);
  if (contests.length === 0) throw notFound("Bạn chưa phụ trách cuộc thi nào.");
  const contest = pickContest(contests, query.contestId);
  const period = pickPeriod(contest, query.roundId, now);
  const settings = store.getSettings(db, contest.id);
  const stats = store.unitStats(db, contest.id, period.roundId, contestUnitScope(contest)).map((s) => ({ ...view(s), ownParticipants: s.ownParticipants, ownDenominator: s.ownDenominator, kind: s.kind }));
  const rated = stats.filter((s) => s.denominator > 0).sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.name.localeCompare(b.name, "vi"));
  // "Units" for the 100% rule and prizes are the ones with their own staff (leaves, or nodes with their own headcount).
  const collective = stats.filter((s) => s.ownDenominator > 0);
  const { ranked, ineligible } = rankUnits(
    collective.map((s) => ({ unitId: s.unitId, participants: s.participants, denominator: s.denominator, avgScore: s.avgScore })),
    settings.thresholds,
  );
  const byId = new Map(stats.map((s) => [s.unitId, s]));
  return {
    contest: { id: contest.id, title: contest.title, scope: contest.participationScope },
    contests: contests.map((c) => ({ id: c.id, title: c.title })),
    period: { roundId: period.roundId, label: period.label, closesAt: period.closesAt, daysLeft: daysLeft(now, period.closesAt) },
    rounds: period.rounds.map((r) => ({ id: r.id, title: r.title })),
    settings,
    units: rated,
    belowFull: collective.filter((s) => !s.full).sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0)),
    ranking: ranked.map((r) => ({ ...byId.get(r.unitId)!, rank: r.rank, required: requiredRate(settings.thresholds, r.denominator) })),
    ineligible: ineligible.map((r) => ({ ...byId.get(r.unitId)!, required: requiredRate(settings.thresholds, r.denominator) })),
    hasStats: stats.length > 0,
  };
}

/** The public table of unit rates, only when the organizer has turned it on. */
export function publicRates(contestId: number, now = Date.now()) {
  const db = getDb();
  const contest = allContests().find((c) => c.id === contestId);
  if (!contest || !store.getSettings(db, contestId).publicRates) throw notFound("Bảng tỷ lệ tham gia của cuộc thi này chưa được công khai.");
  const period = pickPeriod(contest, null, now);
  const units = store
    .unitStats(db, contestId, period.roundId, contestUnitScope(contest))
    .filter((s) => s.ownDenominator > 0)
    .map(view)
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || a.name.localeCompare(b.name, "vi"));
  return { contest: { id: contest.id, title: contest.title }, period: { label: period.label }, units, live: store.liveCounts(db, contestId) };
}

/** The live count on the home page for each contest, and whether its rates table is public. */
export function liveCountsFor(contestIds: number[]) {
  const db = getDb();
  return Object.fromEntries(
    contestIds.map((id) => [id, { ...store.liveCounts(db, id), publicRates: store.getSettings(db, id).publicRates }]),
  ) as Record<number, { participants: number; attempts: number; publicRates: boolean }>;
}

export function roundContestTitle(roundId: number) {
  return getRoundWithContest(getDb(), roundId)?.contest.title ?? null;
}

const thresholdRow = z.object({ size: z.string().trim(), rate: z.string().trim() });

/** Saves the contest's public-table switch and its eligibility steps; bad input changes nothing. */
export function saveParticipationSettings(user: CurrentUser, form: FormData): { ok: boolean; message: string } {
  const contestId = z.coerce.number().int().positive().safeParse(form.get("contestId"));
  if (!contestId.success) return { ok: false, message: "Thiếu cuộc thi." };
  const contest = organizerContests(user).find((c) => c.id === contestId.data);
  if (!contest) throw notFound("Không tìm thấy cuộc thi.");
  const sizes = form.getAll("size").map(String);
  const rates = form.getAll("rate").map(String);
  const thresholds: { minDenominator: number; minRate: number }[] = [];
  for (let i = 0; i < Math.min(sizes.length, rates.length, 20); i++) {
    const row = thresholdRow.parse({ size: sizes[i], rate: rates[i] });
    if (!row.size && !row.rate) continue;
    const size = Number(row.size || "0");
    const pct = Number(row.rate.replace(",", "."));
    if (!Number.isFinite(size) || !Number.isFinite(pct) || row.rate === "") {
      return { ok: false, message: `Dòng ${i + 1}: vui lòng nhập quy mô và tỷ lệ bằng số.` };
    }
    thresholds.push({ minDenominator: size, minRate: pct / 100 });
  }
  const problem = validateThresholds(thresholds);
  if (problem) return { ok: false, message: problem };
  const db = getDb();
  const before = store.getSettings(db, contest.id);
  const after = {
    contestId: contest.id,
    publicRates: form.get("publicRates") === "on",
    thresholds: thresholds.sort((a, b) => a.minDenominator - b.minDenominator),
    unverifiedMayVote: form.get("unverifiedMayVote") === "on",
    unverifiedRanked: form.get("unverifiedRanked") === "on",
    unverifiedMayTakePart: form.get("unverifiedMayTakePart") === "on",
  };
  store.saveSettings(db, after);
  logAudit(db, { userId: user.id, action: "update", entity: "contest_participation_settings", entityId: contest.id, detail: { before, after } });
  return { ok: true, message: "Đã lưu cài đặt." };
}

/** The organizer asks for numbers now rather than at the next scheduled recompute. */
export async function requestRecompute(user: CurrentUser, contestId: number): Promise<{ ok: boolean; message: string }> {
  if (!organizerContests(user).some((c) => c.id === contestId)) throw notFound("Không tìm thấy cuộc thi.");
  const queued = await enqueueContestRecompute(contestId);
  logAudit(getDb(), { userId: user.id, action: "recompute", entity: "participation", entityId: contestId });
  return queued
    ? { ok: true, message: "Đã yêu cầu tính lại; số liệu cập nhật sau vài giây." }
    : { ok: false, message: "Hàng đợi đang không hoạt động; số liệu sẽ được tính lại theo lịch." };
}
