import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { logAudit } from "../../db/audit";
import { loadBankOf } from "../../db/quiz/attempts";
import { databasePath, getDb } from "../../db/connection";
import * as org from "../../db/organizer/organizer";
import * as questionsDb from "../../db/quiz/questions";
import { roundItemStats, roundStanding } from "../../db/quiz/standings";
import { createTask, getOwnTask, getTask } from "../../db/tasks";
import { getUnit, subtreeIds } from "../../db/participation/units";
import { agencyLine, placeDateLine, placeOf } from "../core/notices";
import { findUserByPhone, grantRole, insertUser } from "../../db/account/users";
import { enqueueOrganizerTask, enqueueRoundSettle, ORGANIZER_TASK, type OrganizerTaskKind } from "../../workers/queues";
import { checkDrawRules, drawQuestions } from "../core/quiz/draw";
import { detectFormat } from "../core/organizer/import";
import { parseLegalTexts, supersededBasis, type SupersededText } from "../core/organizer/legal";
import { PRIZE_NAMES } from "../core/organizer/prizes";
import { seededRng } from "../core/random";
import { foldVietnamese } from "../core/text";
import { roundPhase } from "../core/quiz/timing";
import { utcToVnLocal, vnLocalToUtc, vnMidnight, weeklyWindows } from "../core/organizer/weeks";
import { parseVnDate } from "../core/vn-date";
import type { contestSchema, questionSchema, roundSchema, weeklySchema } from "./organizer.schemas";
import { hashPassword } from "../account/password.server";
import { logPersonalDataExport } from "../account/privacy.server";
import { auditActionText, auditDetailParts, auditEntityText, auditKindKey, parseAuditKind, parseVnDay } from "../core/organizer/audit-text";
import { excelVietnamTime } from "../core/spreadsheet";
import { writeWorkbook } from "../excel.server";
import { auditFilterSchema } from "./organizer.schemas";
import type { CurrentUser } from "../account/session.server";
import { roleUnitIds } from "../account/session.server";
import type { z } from "zod";
import { unitStats } from "../../db/participation/participation";
import { hourBarsSvg, unitGapSvg } from "../charts.server";
import { rate } from "../core/participation/participation";
import { contestUnitScope, organizerContests } from "../participation/participation.server";

/** Use cases of the organizers' area. Every function takes the signed-in organizer and checks their scope. */

const notFound = (what: string) => new Response(`Không tìm thấy ${what}.`, { status: 404 });
const forbidden = () => new Response("Bạn không phụ trách cuộc thi này.", { status: 403 });

export function isAdmin(user: CurrentUser): boolean {
  return user.roles.some((r) => r.role === "admin");
}

/** The organizing units an organizer manages (their unit and every unit below it); null for an admin. */
export function scopeUnits(user: CurrentUser): number[] | null {
  const roots = roleUnitIds(user, "organizer");
  return roots === null ? null : subtreeIds(getDb(), roots);
}

function inScope(user: CurrentUser, unitId: number | null): boolean {
  const scope = scopeUnits(user);
  return scope === null || (unitId !== null && scope.includes(unitId));
}

export function requireContest(user: CurrentUser, contestId: number) {
  const contest = Number.isInteger(contestId) ? org.getContest(getDb(), contestId) : undefined;
  if (!contest) throw notFound("cuộc thi");
  if (!inScope(user, contest.organizerUnitId)) throw forbidden();
  return contest;
}

export function requireRound(user: CurrentUser, roundId: number) {
  const round = Number.isInteger(roundId) ? org.getRound(getDb(), roundId) : undefined;
  if (!round) throw notFound("vòng thi");
  const contest = requireContest(user, round.contestId);
  return { round, contest };
}

function audit(
  user: CurrentUser,
  action: string,
  entity: string,
  entityId: number | string | null,
  detail?: Record<string, unknown>
) {
  logAudit(getDb(), { userId: user.id, action, entity, entityId, detail });
}

// ---------- contests ----------

export function contestList(user: CurrentUser) {
  return org
    .listContests(getDb(), scopeUnits(user))
    .map((r) => ({ ...r.contest, unitName: r.unitName, roundCount: r.roundCount }));
}

function partsFrom(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((title, i) => ({ no: i + 1, title }));
}

type ContestFields = z.infer<typeof contestSchema>;
type ContactKeys = "organizerName" | "contactPhone" | "contactEmail" | "notice";
/** The contact fields may be left out by callers other than the form (they default to empty). */
type ContestInput = Omit<ContestFields, ContactKeys> & Partial<Pick<ContestFields, ContactKeys>>;

export function createContest(user: CurrentUser, input: ContestInput) {
  const db = getDb();
  const unitId = input.organizerUnitId ?? roleUnitIds(user, "organizer")?.[0] ?? user.unitId;
  if (unitId === null || unitId === undefined || !inScope(user, unitId))
    return { ok: false as const, error: "Bạn chỉ tạo được cuộc thi của đơn vị mình." };
  const base =
    foldVietnamese(input.title)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "cuoc-thi";
  let slug = base;
  for (let i = 2; org.contestSlugTaken(db, slug); i++) slug = `${base}-${i}`;
  const contest = org.insertContest(db, {
    slug,
    title: input.title,
    rulesMd: input.rulesMd,
    parts: partsFrom(input.partsText),
    organizerUnitId: unitId,
    organizerName: input.organizerName ?? "",
    contactPhone: input.contactPhone ?? "",
    contactEmail: input.contactEmail ?? "",
    notice: input.notice ?? "",
    createdAt: Date.now(),
  });
  audit(user, "contest.create", "contest", contest.id, { title: contest.title });
  return { ok: true as const, contest };
}

export function updateContest(user: CurrentUser, contestId: number, input: ContestInput) {
  requireContest(user, contestId);
  org.updateContest(getDb(), contestId, {
    title: input.title,
    rulesMd: input.rulesMd,
    parts: partsFrom(input.partsText),
    // Left out (undefined), a contact field keeps its stored value; the form always sends all four.
    organizerName: input.organizerName,
    contactPhone: input.contactPhone,
    contactEmail: input.contactEmail,
    notice: input.notice,
  });
  audit(user, "contest.update", "contest", contestId, { title: input.title });
}

export function contestPage(user: CurrentUser, contestId: number) {
  const contest = requireContest(user, contestId);
  const now = Date.now();
  const rounds = org.roundsOfContest(getDb(), contestId).map(({ round, attemptCount }) => ({
    ...round,
    attemptCount,
    phase: roundPhase(round, now),
  }));
  return { contest, rounds };
}

const DEFAULT_PRIZES = [1, 2, 3, 5];

export function createRound(user: CurrentUser, contestId: number, input: z.infer<typeof roundSchema>) {
  const contest = requireContest(user, contestId);
  const values = roundValues(input);
  const check = checkBank(values, contest.organizerUnitId);
  if (!check.ok) return check;
  const [round] = org.insertRounds(getDb(), [{ contestId, kind: "quiz", status: "draft", createdAt: Date.now(), ...values }]);
  audit(user, "round.create", "round", round.id, { title: round.title });
  return { ok: true as const, round };
}

export function generateWeeklyRounds(user: CurrentUser, contestId: number, input: z.infer<typeof weeklySchema>) {
  const contest = requireContest(user, contestId);
  const weeks = weeklyWindows(input.firstDay, input.lastDay);
  const dm = (d: string) => d.split("-").reverse().slice(0, 2).join("/");
  const rows = weeks.map((w) => ({
    contestId,
    kind: "quiz" as const,
    status: "draft" as const,
    part: input.part,
    weekNo: w.weekNo,
    title: `${input.titlePrefix} ${w.weekNo} (${dm(w.firstDay)}–${dm(w.lastDay)})`,
    opensAt: w.opensAt,
    closesAt: w.closesAt,
    questionCount: input.questionCount,
    timeLimitS: Math.round(input.timeLimitMinutes * 60),
    attemptsAllowed: 1,
    reviewPolicy: "after_close" as const,
    prizeTable: PRIZE_NAMES.map((name, i) => ({ name, count: DEFAULT_PRIZES[i] })),
    createdAt: Date.now(),
  }));
  const check = checkBank(
    { questionCount: input.questionCount, drawRules: [], shuffleQuestions: true, shuffleOptions: true },
    contest.organizerUnitId
  );
  if (!check.ok) return check;
  const db = getDb();
  const created = db.transaction(() => org.insertRounds(db, rows));
  audit(user, "round.generate_weekly", "contest", contestId, { weeks: created.length, from: input.firstDay, to: input.lastDay });
  return { ok: true as const, count: created.length };
}

function roundValues(input: z.infer<typeof roundSchema>) {
  return {
    title: input.title,
    part: input.part,
    weekNo: input.weekNo ?? null,
    opensAt: vnLocalToUtc(input.opensAt)!,
    closesAt: vnLocalToUtc(input.closesAt)!,
    questionCount: input.questionCount,
    timeLimitS: Math.round(input.timeLimitMinutes * 60),
    attemptsAllowed: input.attemptsAllowed,
    shuffleQuestions: input.shuffleQuestions,
    shuffleOptions: input.shuffleOptions,
    reviewPolicy: input.reviewPolicy,
    predictionPrompt: input.predictionPrompt,
    predictionTarget: input.predictionTarget,
    rankPublication: input.rankPublication,
    drawRules: input.drawRules
      .filter((r) => (r.count ?? 0) > 0)
      .map((r) => ({ categoryId: r.categoryId ?? null, difficulty: r.difficulty ?? null, count: r.count! })),
    prizeTable: PRIZE_NAMES.map((name, i) => ({ name, count: input.prizes[i] ?? 0 })).filter((p) => p.count > 0),
  };
}

type DrawSettingsLike = {
  questionCount: number;
  drawRules: { categoryId: number | null; difficulty: "de" | "trung_binh" | "kho" | null; count: number }[];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
};

/** Refuses draw settings the active bank of the contest's organizing unit cannot satisfy, saying which rule falls short. */
function checkBank(settings: DrawSettingsLike, ownerUnitId: number | null): { ok: true } | { ok: false; error: string; field: string } {
  const db = getDb();
  const result = checkDrawRules(loadBankOf(db, ownerUnitId), settings);
  if (result.ok) return { ok: true };
  if (result.rule === null && result.needed > settings.questionCount) {
    return {
      ok: false,
      error: `Các quy tắc rút câu cộng lại ${result.needed} câu, nhiều hơn số câu của đề (${settings.questionCount}).`,
      field: "questionCount",
    };
  }
  const cats = new Map(org.listCategories(db).map((c) => [c.id, c.name]));
  const rule = result.rule;
  const what = rule
    ? [
        rule.categoryId ? `chủ đề "${cats.get(rule.categoryId) ?? rule.categoryId}"` : null,
        rule.difficulty ? `độ khó ${({ de: "Dễ", trung_binh: "Trung bình", kho: "Khó" } as const)[rule.difficulty]}` : null,
      ]
        .filter(Boolean)
        .join(", ") || "mọi chủ đề"
    : "phần còn lại của đề";
  return {
    ok: false,
    error: `Ngân hàng không đủ câu hỏi đang dùng cho ${what}: cần ${result.needed}, chỉ có ${result.available}.`,
    field: rule ? "drawRules" : "questionCount",
  };
}

const FAIRNESS_FIELDS = [
  ["questionCount", "số câu"],
  ["timeLimitS", "thời gian làm bài"],
  ["attemptsAllowed", "số lượt thi"],
  ["shuffleQuestions", "trộn câu hỏi"],
  ["shuffleOptions", "trộn phương án"],
  ["reviewPolicy", "thời điểm xem đáp án"],
  ["drawRules", "quy tắc rút câu"],
  ["predictionPrompt", "câu hỏi dự đoán"],
  ["predictionTarget", "con số cần dự đoán"],
  ["opensAt", "giờ mở"],
] as const;

export function roundPage(user: CurrentUser, roundId: number) {
  const { round, contest } = requireRound(user, roundId);
  const db = getDb();
  const attemptCount = org.attemptCountOfRound(db, roundId);
  return {
    round: {
      ...round,
      opensLocal: utcToVnLocal(round.opensAt),
      closesLocal: utcToVnLocal(round.closesAt),
      phase: roundPhase(round, Date.now()),
    },
    contest: { id: contest.id, title: contest.title },
    locked: attemptCount > 0,
    attemptCount,
    categories: org.listCategories(db),
  };
}

/** Saves a round's settings; once anyone has started it, the settings that bear on fairness cannot change. */
export async function saveRound(user: CurrentUser, roundId: number, input: z.infer<typeof roundSchema>) {
  const { round, contest } = requireRound(user, roundId);
  if (round.kind !== "quiz") return { ok: false as const, error: "Vòng sáng kiến không có cài đặt trắc nghiệm.", field: "" };
  const db = getDb();
  const values = roundValues(input);
  if (org.attemptCountOfRound(db, roundId) > 0) {
    const changed = FAIRNESS_FIELDS.filter(([key]) => JSON.stringify(round[key]) !== JSON.stringify(values[key])).map(
      ([, label]) => label
    );
    if (changed.length)
      return { ok: false as const, error: `Đã có người làm bài nên không thể đổi: ${changed.join(", ")}.`, field: "" };
  }
  const check = checkBank(values, contest.organizerUnitId);
  if (!check.ok) return check;
  org.updateRound(db, roundId, values);
  audit(user, "round.update", "round", roundId, { title: values.title });
  if (round.status === "published" && values.closesAt !== round.closesAt) await enqueueRoundSettle(roundId, values.closesAt);
  return { ok: true as const };
}

// ---------- legal flags ----------

let legalCache: SupersededText[] | null = null;
export function legalTable(): SupersededText[] {
  if (!legalCache) {
    const file = path.resolve(process.env.CONTENT_DIR ?? "content", "legal-texts.yaml");
    legalCache = fs.existsSync(file) ? parseLegalTexts(fs.readFileSync(file, "utf8")) : [];
  }
  return legalCache;
}

const todayVn = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Why a question is flagged: it rests on a superseded text, or it is correct only as of a date before `before`. */
export function questionFlags(q: { legalBasis: string; asOf: string | null }, before: string | null): string[] {
  const flags = supersededBasis(q.legalBasis, legalTable(), todayVn()).map(
    (s) => `Căn cứ ${s.text} đã được thay bằng ${s.replaced_by} từ ${s.from.split("-").reverse().join("/")}`
  );
  if (before && (q.asOf === null || q.asOf < before))
    flags.push(q.asOf ? `Chỉ đúng đến ngày ${q.asOf.split("-").reverse().join("/")}` : "Chưa ghi ngày câu hỏi còn đúng");
  return flags;
}

/**
 * Publishes a round. The bank must satisfy its draw rules; when the questions it may draw include flagged
 * ones (superseded legal basis, or older than the date the organizer picked), the organizer confirms first.
 */
export async function publishRound(user: CurrentUser, roundId: number, options: { confirm: boolean; before: string | null }) {
  const { round, contest } = requireRound(user, roundId);
  const db = getDb();
  if (round.kind !== "quiz") {
    org.updateRound(db, roundId, { status: "published" });
    audit(user, "round.publish", "round", roundId);
    return { ok: true as const, error: null, flagged: [] as { id: number; stem: string; flags: string[] }[] };
  }
  const check = checkBank(round, contest.organizerUnitId);
  if (!check.ok)
    return { ok: false as const, error: check.error, flagged: [] as { id: number; stem: string; flags: string[] }[] };
  const ruleTotal = round.drawRules.reduce((s, r) => s + r.count, 0);
  const pool = org
    .bankForExport(db, { owners: null, folded: null, categoryId: null, difficulty: null, status: "active", use: null })
    .filter((q) => q.ownerUnitId === contest.organizerUnitId)
    .filter(
      (q) =>
        ruleTotal < round.questionCount ||
        round.drawRules.some(
          (r) =>
            (r.categoryId === null || r.categoryId === q.categoryId) && (r.difficulty === null || r.difficulty === q.difficulty)
        )
    );
  const flagged = pool
    .map((q) => ({ id: q.id, stem: q.stem, flags: questionFlags(q, options.before) }))
    .filter((q) => q.flags.length);
  if (flagged.length && !options.confirm) return { ok: false as const, error: null, flagged };
  org.updateRound(db, roundId, { status: "published" });
  audit(user, "round.publish", "round", roundId, { flaggedAccepted: flagged.length });
  // Committed first: a lost job leaves the button on the results page to count the figure.
  if (round.predictionPrompt && round.predictionTarget !== "manual") await enqueueRoundSettle(roundId, round.closesAt);
  return { ok: true as const, error: null, flagged: [] };
}

export function unpublishRound(user: CurrentUser, roundId: number) {
  requireRound(user, roundId);
  org.updateRound(getDb(), roundId, { status: "draft" });
  audit(user, "round.unpublish", "round", roundId);
}

/**
 * A draw as a participant would get it (a fixed seed: the same preview on each reload), from the bank of the
 * contest's organizing unit. It carries the key and the explanation so the contest's organizers (the only
 * ones requireRound lets in) can proofread it.
 */
export function roundPreview(user: CurrentUser, roundId: number, seed: number) {
  const { round, contest } = requireRound(user, roundId);
  const db = getDb();
  const drawn = drawQuestions(loadBankOf(db, contest.organizerUnitId), round, seededRng(seed));
  if (!drawn.ok) return { round, contest, items: null };
  const versions = new Map(
    org
      .previewVersions(
        db,
        drawn.items.map((i) => i.versionId)
      )
      .map((v) => [v.id, v])
  );
  const items = drawn.items.map((item) => {
    const v = versions.get(item.versionId)!;
    return {
      stem: v.stem,
      options: item.optionOrder.map((i) => v.options[i]),
      // Shown position of the correct option after the option shuffle.
      answer: item.optionOrder.indexOf(v.answerIndex),
      explanation: v.explanation,
      legalBasis: v.legalBasis,
    };
  });
  return { round, contest, items };
}

// ---------- the question bank ----------

/**
 * The banks an organizer may see and change: those of their organizing units and every unit below (null: all,
 * for admins). A question of no unit is an admin's only.
 */
export function bankOwners(user: CurrentUser): number[] | null {
  return scopeUnits(user);
}

/** The unit a new question (or an import) goes to: the organizer's own organizing unit, or one they chose in scope. */
export function ownerForNew(user: CurrentUser, chosen: number | null): number | null {
  const owners = bankOwners(user);
  if (chosen !== null) {
    if (owners !== null && !owners.includes(chosen)) throw new Response("Bạn không quản lý ngân hàng câu hỏi của đơn vị này.", { status: 403 });
    return chosen;
  }
  return roleUnitIds(user, "organizer")?.[0] ?? null;
}

/** The banks an organizer can put a question in (their organizing units), for the form's picker. */
export function bankChoices(user: CurrentUser) {
  const owners = bankOwners(user);
  const units = org.organizingUnits(getDb());
  return owners === null ? units : units.filter((u) => owners.includes(u.id));
}

/**
 * A question of the organizer's bank scope, or 404 (another unit's bank does not exist for them). A question
 * drawn in a round still open is readable only by that round's organizers, whatever the bank.
 */
export function requireQuestion(user: CurrentUser, questionId: number) {
  const db = getDb();
  const row = Number.isInteger(questionId) ? org.getQuestionWithVersion(db, questionId) : undefined;
  if (!row) throw notFound("câu hỏi");
  const owners = bankOwners(user);
  if (owners !== null && (row.question.ownerUnitId === null || !owners.includes(row.question.ownerUnitId))) throw notFound("câu hỏi");
  if (row.uses > 0 && !org.openRoundOwnersUsing(db, questionId, Date.now()).every((unitId) => inScope(user, unitId))) throw notFound("câu hỏi");
  return row;
}

export function bankPage(user: CurrentUser, params: URLSearchParams) {
  const db = getDb();
  const q = (params.get("q") ?? "").slice(0, 200);
  const num = (k: string) => (/^\d+$/.test(params.get(k) ?? "") ? Number(params.get(k)) : null);
  const pick = <T extends string>(k: string, allowed: readonly T[]) =>
    allowed.includes(params.get(k) as T) ? (params.get(k) as T) : null;
  const filter = {
    owners: bankOwners(user),
    folded: q ? foldVietnamese(q) : null,
    categoryId: num("chu-de"),
    difficulty: pick("do-kho", ["de", "trung_binh", "kho"] as const),
    status: pick("trang-thai", ["active", "draft", "archived"] as const),
    use: pick("su-dung", ["used", "unused"] as const),
  };
  // Typed as dd/mm/yyyy; what does not parse is kept to show back with a message, and filters nothing.
  const beforeRaw = (params.get("truoc") ?? "").trim();
  const before = beforeRaw ? parseVnDate(beforeRaw) : null;
  const beforeText = beforeRaw && !before ? beforeRaw : null;
  const page = Math.max(1, num("trang") ?? 1);
  const { rows, total } = org.searchQuestions(db, { ...filter, limit: 50, offset: (page - 1) * 50 });
  return {
    q,
    filter,
    before,
    beforeText,
    page,
    total,
    rows: rows.map((r) => ({ ...r, flags: questionFlags(r, before) })),
    categories: org.listCategories(db),
  };
}

export function questionPage(user: CurrentUser, questionId: number | null) {
  const db = getDb();
  const categories = org.listCategories(db);
  const banks = bankChoices(user);
  if (questionId === null) return { question: null, categories, versions: [], flags: [], banks, copyTargets: [] };
  const row = requireQuestion(user, questionId);
  return {
    question: {
      ...row.question,
      ...row.version,
      id: row.question.id,
      versionId: row.version.id,
      categoryName: row.categoryName,
      uses: row.uses,
      ownerName: org.organizingUnits(db).find((u) => u.id === row.question.ownerUnitId)?.name ?? null,
    },
    categories,
    versions: org.versionsOf(db, questionId),
    flags: questionFlags(row.version, null),
    banks,
    copyTargets: org.organizingUnits(db).filter((u) => u.id !== row.question.ownerUnitId),
  };
}

export function saveQuestion(
  user: CurrentUser,
  questionId: number | null,
  input: z.output<typeof questionSchema>,
  chosenOwner: number | null = null
) {
  const db = getDb();
  if (!org.listCategories(db).some((c) => c.id === input.categoryId)) return { ok: false as const, error: "Chủ đề không có." };
  const fields = {
    stem: input.stem,
    stemFolded: foldVietnamese(input.stem),
    options: input.options,
    answerIndex: input.answerIndex,
    pinOptions: input.pinOptions,
    explanation: input.explanation,
    legalBasis: input.legalBasis,
    asOf: input.asOf ?? null,
    difficulty: input.difficulty,
  };
  if (questionId === null) {
    const ownerUnitId = ownerForNew(user, chosenOwner);
    const id = db.transaction(() =>
      questionsDb.insertQuestion(
        db,
        { externalId: null, categoryId: input.categoryId, ownerUnitId, ...fields },
        Date.now(),
        input.status
      )
    );
    audit(user, "question.create", "question", id, { ownerUnitId });
    return { ok: true as const, id, newVersion: false };
  }
  requireQuestion(user, questionId);
  const saved = org.saveQuestionEdit(
    db,
    questionId,
    { categoryId: input.categoryId, status: input.status, ...fields },
    Date.now()
  );
  audit(user, saved.newVersion ? "question.new_version" : "question.update", "question", questionId, {
    versionId: saved.versionId,
  });
  return { ok: true as const, id: questionId, newVersion: saved.newVersion };
}

/**
 * Shares a question with another organizing unit by copying it into that unit's bank, as a draft its own
 * organizers review before any draw uses it. The original stays as it is; later edits of either do not travel.
 */
export function copyQuestionToUnit(user: CurrentUser, questionId: number, targetUnitId: number) {
  const db = getDb();
  const row = requireQuestion(user, questionId);
  const target = org.organizingUnits(db).find((u) => u.id === targetUnitId);
  if (!target) return { ok: false as const, error: "Đơn vị nhận không phải đơn vị tổ chức." };
  if (target.id === row.question.ownerUnitId) return { ok: false as const, error: "Câu hỏi đã thuộc ngân hàng của đơn vị này." };
  const v = row.version;
  const id = db.transaction(() =>
    questionsDb.insertQuestion(
      db,
      {
        externalId: null,
        categoryId: row.question.categoryId,
        ownerUnitId: target.id,
        stem: v.stem,
        stemFolded: v.stemFolded,
        options: v.options,
        answerIndex: v.answerIndex,
        pinOptions: v.pinOptions,
        explanation: v.explanation,
        legalBasis: v.legalBasis,
        asOf: v.asOf,
        difficulty: v.difficulty,
      },
      Date.now(),
      "draft"
    )
  );
  audit(user, "question.copy", "question", questionId, { copyId: id, toUnitId: target.id });
  return { ok: true as const, copyId: id, unitName: target.name };
}

/** A used question is archived (attempts keep pointing at it); an unused one may be deleted. */
export function removeQuestion(user: CurrentUser, questionId: number, mode: "archive" | "delete" | "restore") {
  const db = getDb();
  const row = requireQuestion(user, questionId);
  if (mode === "restore") {
    org.setQuestionStatus(db, questionId, "draft");
    audit(user, "question.restore", "question", questionId);
    return { ok: true as const, deleted: false };
  }
  if (mode === "delete" && row.uses === 0 && org.deleteUnusedQuestion(db, questionId)) {
    audit(user, "question.delete", "question", questionId, { stem: row.version.stem.slice(0, 120) });
    return { ok: true as const, deleted: true };
  }
  org.setQuestionStatus(db, questionId, "archived");
  audit(user, "question.archive", "question", questionId);
  return { ok: true as const, deleted: false };
}

// ---------- background tasks: imports and exports ----------

export function filesDir(): string {
  const dir = path.join(path.dirname(databasePath()), "files");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function startTask(user: CurrentUser, kind: OrganizerTaskKind, input: Record<string, unknown>) {
  const task = createTask(getDb(), { kind, input, createdBy: user.id });
  const queued = await enqueueOrganizerTask(kind, task.id);
  return { taskId: task.id, queued };
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Keeps an uploaded file and asks the worker for a preview; nothing reaches the bank yet. */
export async function startImportPreview(user: CurrentUser, file: File, defaultCategoryId: number | null, chosenOwner: number | null = null) {
  const ownerUnitId = ownerForNew(user, chosenOwner);
  const bytes = Buffer.from(await file.arrayBuffer());
  const format = detectFormat(file.name, file.name.toLowerCase().endsWith(".txt") ? bytes.toString("utf8") : undefined);
  if (!format) return { ok: false as const, error: "Chỉ nhận tệp .xlsx, .csv, .gift, .aiken hoặc .txt (GIFT/Aiken)." };
  if (bytes.length === 0) return { ok: false as const, error: "Tệp rỗng." };
  const stored = path.join(filesDir(), `upload-${randomBytes(8).toString("hex")}.${format === "xlsx" ? "xlsx" : "txt"}`);
  fs.writeFileSync(stored, bytes);
  const started = await startTask(user, ORGANIZER_TASK.importPreview, {
    file: stored,
    fileName: file.name.slice(0, 200),
    format,
    defaultCategoryId,
    ownerUnitId,
  });
  audit(user, "question.import_preview", "task", started.taskId, { file: file.name });
  return { ok: true as const, ...started };
}

export async function confirmImport(user: CurrentUser, previewTaskId: number) {
  const preview = isAdmin(user) ? getTask(getDb(), previewTaskId) : getOwnTask(getDb(), previewTaskId, user.id);
  if (!preview || preview.kind !== ORGANIZER_TASK.importPreview) throw notFound("bản xem trước");
  const result = preview.result as { errorCount?: number; count?: number } | null;
  if (preview.status !== "done" || (result?.errorCount ?? 1) > 0)
    return { ok: false as const, error: "Tệp còn lỗi: hãy sửa tệp rồi tải lên lại." };
  if (result?.count === 0)
    return { ok: false as const, error: "Không có câu hỏi mới để nhập: mọi dòng của tệp đều trùng hoặc bị bỏ qua." };
  return { ok: true as const, ...(await startTask(user, ORGANIZER_TASK.importCommit, { previewTaskId })) };
}

export function importTask(user: CurrentUser, taskId: number) {
  const task = isAdmin(user) ? getTask(getDb(), taskId) : getOwnTask(getDb(), taskId, user.id);
  if (!task || (task.kind !== ORGANIZER_TASK.importPreview && task.kind !== ORGANIZER_TASK.importCommit)) return null;
  return { id: task.id, kind: task.kind, status: task.status, result: task.result, error: task.error, input: task.input };
}

export async function startQuestionExport(user: CurrentUser, format: "xlsx" | "gift", params: URLSearchParams) {
  const { filter } = bankPage(user, params);
  const started = await startTask(user, ORGANIZER_TASK.questionExport, { format, filter });
  audit(user, "question.export", "task", started.taskId, { format });
  return started;
}

export async function startRankingExport(user: CurrentUser, roundId: number) {
  requireRound(user, roundId);
  const started = await startTask(user, ORGANIZER_TASK.rankingExport, { roundId });
  audit(user, "ranking.export", "round", roundId, { taskId: started.taskId });
  return started;
}

/** A finished export's file, for its owner (or an admin). */
export function downloadable(user: CurrentUser, taskId: number) {
  const task = isAdmin(user) ? getTask(getDb(), taskId) : getOwnTask(getDb(), taskId, user.id);
  const result = task?.result as { file?: string; downloadName?: string; count?: number } | null | undefined;
  if (!task || task.status !== "done" || !result?.file || !result.downloadName) return null;
  const file = path.resolve(result.file);
  if (path.dirname(file) !== path.resolve(filesDir()) || !fs.existsSync(file)) return null;
  return { file, downloadName: result.downloadName, kind: task.kind, count: typeof result.count === "number" ? result.count : null, input: task.input };
}

/**
 * A finished export for its organizer, with its download logged: a ranking names people (phone, position,
 * unit), so it is a personal-data export with its row count; a question bank names nobody and has its own action.
 */
export function downloadTaskFile(user: CurrentUser, taskId: number) {
  const file = downloadable(user, taskId);
  if (!file) return null;
  const rows = file.count ?? 0;
  if (file.kind === ORGANIZER_TASK.rankingExport) {
    const roundId = (file.input as { roundId?: unknown } | null)?.roundId;
    logPersonalDataExport(user, "quiz_ranking", rows, { taskId, roundId: typeof roundId === "number" ? roundId : null });
  } else if (file.kind === ORGANIZER_TASK.questionExport) {
    audit(user, "question.export_download", "task", taskId, { file: file.downloadName, rows });
  } else {
    audit(user, "task.download", "task", taskId, { file: file.downloadName, rows });
  }
  return file;
}

// ---------- results ----------

export function resultRounds(user: CurrentUser) {
  const db = getDb();
  return contestList(user).map((c) => ({
    id: c.id,
    title: c.title,
    rounds: org
      .roundsOfContest(db, c.id)
      .filter((r) => r.round.kind === "quiz")
      .map((r) => ({
        id: r.round.id,
        title: r.round.title,
        closesAt: r.round.closesAt,
        attemptCount: r.attemptCount,
        status: r.round.status,
      })),
  }));
}

export function resultsPage(user: CurrentUser, roundId: number) {
  const { round, contest } = requireRound(user, roundId);
  const db = getDb();
  const standing = roundStanding(db, roundId)!;
  return {
    round: { ...standing.round, phase: roundPhase(round, Date.now()) },
    contest: { id: contest.id, title: contest.title },
    rows: standing.rows.map((r) => ({
      userId: r.userId,
      rank: r.rank,
      tied: r.tied,
      fullName: r.fullName,
      unitName: r.unitName,
      verified: r.verified === 1,
      score: r.score,
      durationMs: r.durationMs,
      submittedAt: r.submittedAt,
      prediction: r.prediction,
      predictionGap: r.predictionGap,
      prize: r.prize,
      prizeTied: r.prizeTied,
    })),
    weekAwards: round.weekNo === null ? null : standing.weekAwards,
    exclusions: org.exclusionsOf(db, contest.id),
    items: roundItemStats(db, roundId),
  };
}

/**
 * The certificates (giấy chứng nhận) of a round's prize winners, one per person, from the same standing
 * as the results page (so exclusions and the one-prize-per-week rule hold), with the organizing body's
 * header and the place-and-date line.
 */
export function certificatesPage(user: CurrentUser, roundId: number, now = Date.now()) {
  const { round, contest } = requireRound(user, roundId);
  const db = getDb();
  const standing = roundStanding(db, roundId)!;
  const organizer = contest.organizerUnitId !== null ? getUnit(db, contest.organizerUnitId) : undefined;
  const parent = organizer?.parentId != null ? getUnit(db, organizer.parentId) : undefined;
  const place = placeOf(parent?.name ?? organizer?.name ?? "");
  return {
    round: { id: round.id, title: round.title, weekNo: round.weekNo, questionCount: round.questionCount, phase: roundPhase(round, now) },
    contest: { id: contest.id, title: contest.title },
    agency: parent ? agencyLine(parent.name) : null,
    organizerName: organizer?.name ?? "Ban Tổ chức",
    dateLine: placeDateLine(place || "……", now),
    winners: standing.rows
      .filter((r) => r.prize !== null)
      .map((r) => ({ userId: r.userId, fullName: r.fullName, unitName: r.unitName, prize: r.prize!, rank: r.rank, score: r.score, durationMs: r.durationMs })),
  };
}

/** The true figure of the prediction question: counted from the round (once it has closed), or entered by hand. */
export function settleFigure(user: CurrentUser, roundId: number, manual: number | null) {
  const { round } = requireRound(user, roundId);
  const db = getDb();
  if (round.predictionTarget !== "manual" && roundPhase(round, Date.now()) !== "closed") {
    return { ok: false as const, error: "Con số thật chỉ được tính khi vòng thi đã đóng." };
  }
  const actual = round.predictionTarget === "manual" ? manual : org.roundFigure(db, roundId, round.predictionTarget);
  if (actual === null) return { ok: false as const, error: "Vui lòng nhập con số thật." };
  org.updateRound(db, roundId, { predictionActual: actual });
  audit(user, "round.settle_figure", "round", roundId, { actual });
  return { ok: true as const, actual };
}

export function excludePerson(user: CurrentUser, roundId: number, phone: string, reason: string) {
  const { contest } = requireRound(user, roundId);
  const db = getDb();
  const person = findUserByPhone(db, phone);
  if (!person) return { ok: false as const, error: "Không có ai dùng số điện thoại này." };
  org.addExclusion(db, { contestId: contest.id, userId: person.id, reason, createdBy: user.id, createdAt: Date.now() });
  audit(user, "ranking.exclude", "contest", contest.id, { userId: person.id, reason });
  return { ok: true as const };
}

export function includePerson(user: CurrentUser, roundId: number, userId: number) {
  const { contest } = requireRound(user, roundId);
  org.removeExclusion(getDb(), contest.id, userId);
  audit(user, "ranking.include", "contest", contest.id, { userId });
}

// ---------- dashboard, audit, people ----------

export function dashboard(user: CurrentUser, now = Date.now(), query: { contestId: number | null } = { contestId: null }) {
  const db = getDb();
  const scope = scopeUnits(user);
  const roundIds =
    scope === null
      ? null
      : org.roundIdsOfContests(
          db,
          contestList(user).map((c) => c.id)
        );
  const since = vnMidnight(todayVn());
  const hours = org.attemptsByHour(db, since, roundIds);
  const byHour = Array.from({ length: 24 }, (_, h) => {
    const row = hours.find((r) => r.hour === h);
    return { hour: h, attempts: row?.attempts ?? 0, people: row?.people ?? 0, avgScore: row?.avgScore ?? null };
  });
  const contest = contestDashboard(user, query.contestId);
  return {
    totals: org.dayTotals(db, since, roundIds),
    byHour,
    at: now,
    day: todayVn(),
    contest,
    charts: {
      attempts: hourBarsSvg(byHour.map((h) => h.attempts), { yLabel: "Số lượt thi", label: "Biểu đồ cột: số lượt thi theo giờ hôm nay" }),
      score: hourBarsSvg(
        byHour.map((h) => (h.avgScore === null ? 0 : Math.round(h.avgScore * 10) / 10)),
        { yLabel: "Điểm trung bình (điểm)", label: "Biểu đồ cột: điểm trung bình theo giờ hôm nay", decimals: true, yMax: contest?.totals.maxQuestions ?? undefined },
      ),
      gaps: contest ? unitGapSvg(contest.furthest.map((u) => ({ name: u.name, rate: u.rate ?? 0 })), "Biểu đồ thanh: các đơn vị có tỷ lệ tham gia thấp nhất") : null,
    },
  };
}

/**
 * The chosen contest (the first the organizer runs by default) since it began: totals, its participation
 * rate from the stored numbers (round 0 = the whole contest), and the ten units with their own staff that
 * are furthest from 100%.
 */
function contestDashboard(user: CurrentUser, contestId: number | null) {
  const db = getDb();
  const contests = organizerContests(user);
  const contest = (contestId === null ? undefined : contests.find((c) => c.id === contestId)) ?? contests[0];
  if (!contest) return null;
  const totals = org.contestTotals(db, contest.id);
  // The contest's units are those of the people's committee the organizing office serves (Phòng Nội vụ serves
  // Huyện Thăng Bình in the demo); units of other trees (the movements' own) are not its concern.
  const office = contest.organizerUnitId === null ? undefined : getUnit(db, contest.organizerUnitId);
  const root = office ? (office.parentId ?? office.id) : null;
  const stats = unitStats(db, contest.id, 0, contestUnitScope(contest));
  // The contest's rate is that of the smallest unit holding everyone counted (the district in the demo):
  // the organizing office itself counts only its own few staff.
  const most = Math.max(0, ...stats.map((s) => s.denominator));
  const widest = stats.filter((s) => s.denominator === most);
  const unit = stats.find((s) => s.unitId === root) ?? widest.find((s) => !widest.some((o) => o.parentId === s.unitId)) ?? null;
  const furthest = stats
    .filter((s) => s.ownDenominator > 0 && s.participants < s.denominator)
    .map((s) => ({ unitId: s.unitId, name: s.name, participants: s.participants, denominator: s.denominator, rate: rate(s.participants, s.denominator) }))
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || b.denominator - a.denominator || a.name.localeCompare(b.name, "vi"))
    .slice(0, 10);
  return {
    id: contest.id,
    title: contest.title,
    choices: contests.map((c) => ({ id: c.id, title: c.title })),
    totals,
    rate: unit ? { unitName: unit.name, participants: unit.participants, denominator: unit.denominator, rate: rate(unit.participants, unit.denominator), updatedAt: unit.updatedAt } : null,
    furthest,
  };
}

export const AUDIT_PAGE_SIZE = 50;
const AUDIT_EXPORT_MAX = 50_000;

/** The filters of the audit log from the address bar; a bad value is named and its filter left out. */
function auditFilter(params: URLSearchParams) {
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(params));
  const errors: string[] = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const raw = parsed.success ? parsed.data : { ai: undefined, "thao-tac": undefined, tu: undefined, den: undefined, trang: 1 };
  const day = (text: string | undefined, label: string) => {
    if (!text) return null;
    const iso = parseVnDay(text);
    if (!iso) errors.push(`${label} "${text}" không phải ngày có thật`);
    return iso;
  };
  const fromDay = day(raw.tu, "Ngày bắt đầu");
  const toDay = day(raw.den, "Ngày kết thúc");
  const kind = raw["thao-tac"] ? parseAuditKind(raw["thao-tac"]) : null;
  const filter: org.AuditFilter = {
    userId: raw.ai === "he-thong" ? "system" : raw.ai ? Number(raw.ai) : null,
    action: kind?.action ?? null,
    entity: kind?.entity ?? null,
    from: fromDay ? vnMidnight(fromDay) : null,
    // "Đến ngày" includes that whole day in Vietnam.
    to: toDay ? vnMidnight(toDay) + 86_400_000 : null,
  };
  if (filter.from !== null && filter.to !== null && filter.from >= filter.to) errors.push("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc");
  return { filter, errors, page: raw.trang, values: { ai: raw.ai ?? "", thaoTac: raw["thao-tac"] ?? "", tu: raw.tu ?? "", den: raw.den ?? "" } };
}

const auditRowView = (r: { entry: typeof import("../../db/schema").auditLog.$inferSelect; fullName: string | null }) => ({
  id: r.entry.id,
  at: r.entry.at,
  who: r.fullName ?? "Hệ thống",
  what: auditActionText(r.entry.action, r.entry.entity),
  code: r.entry.action,
  object: auditEntityText(r.entry.entity, r.entry.entityId),
  detail: auditDetailParts(r.entry.detail),
});

/** The audit log for organizers: labelled in Vietnamese, filtered, a page at a time. */
export function auditPage(user: CurrentUser, params: URLSearchParams) {
  const db = getDb();
  const { filter, errors, page, values } = auditFilter(params);
  const total = org.auditCount(db, filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = org.auditSearch(db, filter, AUDIT_PAGE_SIZE, (current - 1) * AUDIT_PAGE_SIZE).map(auditRowView);
  const choices = org.auditChoices(db);
  const kinds = [...new Map(choices.kinds.map((k) => [auditKindKey(k.action, k.entity), auditActionText(k.action, k.entity)])).entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, "vi"));
  return { rows, total, page: current, pages, errors, values, actors: choices.actors.map((a) => ({ value: String(a.userId), label: a.fullName })), kinds };
}

/** The filtered log as an Excel workbook; it names people, so it is logged as a personal-data export. */
export async function auditWorkbook(user: CurrentUser, params: URLSearchParams) {
  const { filter, errors } = auditFilter(params);
  if (errors.length) throw new Response(errors.join(". "), { status: 400 });
  const rows = org.auditSearch(getDb(), filter, AUDIT_EXPORT_MAX, 0).map(auditRowView);
  const body = await writeWorkbook([
    {
      name: "Nhật ký thao tác",
      columns: [
        { header: "Lúc", width: 18, format: "dateTime" },
        { header: "Người thực hiện", width: 28 },
        { header: "Thao tác", width: 36 },
        { header: "Mã thao tác", width: 26 },
        { header: "Đối tượng", width: 28 },
        { header: "Chi tiết", width: 80 },
      ],
      rows: rows.map((r) => [excelVietnamTime(r.at), r.who, r.what, r.code, r.object, r.detail.map((p) => `${p.label}: ${p.value}`).join("; ")]),
    },
  ]);
  logPersonalDataExport(user, "audit_log", rows.length, { filter: params.toString() });
  return { body, rows: rows.length };
}

export function staffPage() {
  return org.listStaff(getDb());
}

export async function createOrganizer(
  user: CurrentUser,
  input: { fullName: string; phone: string; password?: string; unitId: number }
) {
  if (!isAdmin(user)) throw new Response("Chỉ quản trị hệ thống được tạo tài khoản Ban Tổ chức.", { status: 403 });
  const db = getDb();
  const existing = findUserByPhone(db, input.phone);
  if (!existing && !input.password)
    return { ok: false as const, field: "password", error: "Tài khoản mới cần mật khẩu (ít nhất 8 ký tự)." };
  const hash = existing ? null : await hashPassword(input.password!);
  const userId = db.transaction(() => {
    const person =
      existing ??
      insertUser(db, {
        fullName: input.fullName,
        phone: input.phone,
        unitId: input.unitId,
        passwordHash: hash!,
        createdAt: Date.now(),
      });
    grantRole(db, person.id, "organizer", input.unitId);
    return person.id;
  });
  audit(user, "role.grant", "user", userId, { role: "organizer", unitId: input.unitId });
  return { ok: true as const, existing: !!existing };
}
