import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { foldVietnamese } from "../../app/core/text";
import {
  bankPage,
  copyQuestionToUnit,
  questionPage,
  roundPreview,
  saveQuestion,
} from "../../app/organizer/organizer.server";
import { questionSchema } from "../../app/organizer/organizer.schemas";
import { getAttemptItems } from "../../db/quiz/attempts";
import { startAttempt } from "../../app/quiz/quiz.server";
import type { CurrentUser } from "../../app/account/session.server";
import { insertQuestion } from "../../db/quiz/questions";
import { auditLog, contests, questions, units } from "../../db/schema";
import { grantRole, insertUser } from "../../db/account/users";
import { runOrganizerTask } from "../../workers/organizer";
import { createTask } from "../../db/tasks";
import { ORGANIZER_TASK } from "../../workers/queues";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

/** The question bank belongs to an organizing unit (issue 11.13), its search reads options too (12.15), Xem thử shows the key (12.13). */

const env = useFreshDatabase("trust-bank");
const { db } = env;
afterAll(() => env.cleanup());
const fx = seedQuizFixture(db, { people: 2, bankSize: 0, round: { questionCount: 5, attemptsAllowed: 1 } });
const now = Date.now();
const mkUnit = (code: string, name: string, parentId: number | null = null) =>
  db.insert(units).values({ code, name, nameFolded: foldVietnamese(name), kind: "phong", parentId }).returning().get();
const home = fx.unit; // organizes the contest
const child = mkUnit("C", "Phòng con", home.id);
const other = mkUnit("O", "Sở khác");
db.update(contests).set({ organizerUnitId: home.id }).where(eq(contests.id, fx.contest.id)).run();

function organizerOf(unitId: number, phone: string): CurrentUser {
  const u = insertUser(db, { fullName: `Ban Tổ Chức ${phone}`, phone, unitId, passwordHash: "x", createdAt: now });
  grantRole(db, u.id, "organizer", unitId);
  return { id: u.id, fullName: u.fullName, phone, unitId, unitName: null, position: null, roles: [{ role: "organizer", unitId }] };
}
const homeOrg = organizerOf(home.id, "0940000001");
const childOrg = organizerOf(child.id, "0940000002");
const otherOrg = organizerOf(other.id, "0940000003");
const admin: CurrentUser = { ...homeOrg, id: homeOrg.id, roles: [{ role: "admin", unitId: null }] };

const question = (i: number, ownerUnitId: number | null, over: Partial<{ stem: string; options: string[]; explanation: string }> = {}) =>
  insertQuestion(
    db,
    {
      externalId: `b-${ownerUnitId}-${i}`,
      categoryId: fx.categoryId,
      ownerUnitId,
      stem: over.stem ?? `Câu của ${ownerUnitId} số ${i}?`,
      stemFolded: foldVietnamese(over.stem ?? `Câu của ${ownerUnitId} số ${i}?`),
      options: over.options ?? ["Sai một", "Đúng", "Sai hai", "Sai ba"],
      answerIndex: 1,
      pinOptions: false,
      explanation: over.explanation ?? "Vì đó là quy định.",
      legalBasis: "Nghị quyết 76/NQ-CP",
      asOf: "2026-11-01",
      difficulty: "de",
    },
    now,
  );
const homeIds = Array.from({ length: 6 }, (_, i) => question(i, home.id));
const otherIds = Array.from({ length: 6 }, (_, i) => question(i, other.id));
const vneid = question(99, home.id, { stem: "Ứng dụng nào dùng để định danh điện tử?", options: ["Zalo", "Ứng dụng VNeID", "Facebook"], explanation: "Căn cước điện tử tích hợp trên ứng dụng định danh quốc gia." });

const params = (q: Record<string, string> = {}) => new URLSearchParams(q);
const thrownStatus = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
};

describe("the bank belongs to an organizing unit", () => {
  it("draws a contest's rounds only from its organizing unit's bank", () => {
    for (let i = 0; i < 20; i++) {
      const person = insertUser(db, { fullName: `Người ${i}`, phone: `09500000${String(i).padStart(2, "0")}`, unitId: home.id, passwordHash: "x", createdAt: now });
      const s = startAttempt(db, { userId: person.id, roundId: fx.round.id, now, seed: i });
      if (!s.ok) throw new Error(s.message);
      const drawn = getAttemptItems(db, s.attemptId).map((it) => it.stem);
      expect(drawn.every((stem) => stem.startsWith(`Câu của ${home.id} `) || stem.includes("định danh"))).toBe(true);
    }
  });
  it("shows an organizer their unit's and subtree's bank only; an admin every bank", () => {
    const ids = (u: CurrentUser) => bankPage(u, params()).rows.map((r) => r.id).sort((a, b) => a - b);
    expect(ids(otherOrg)).toEqual([...otherIds].sort((a, b) => a - b));
    expect(ids(homeOrg)).toEqual([...homeIds, vneid].sort((a, b) => a - b));
    expect(ids(childOrg)).toEqual([]);
    expect(ids(admin)).toHaveLength(homeIds.length + otherIds.length + 1);
  });
  it("refuses another unit's organizer the question page (its key) and its edit, changing nothing", () => {
    const used = homeIds[0];
    expect(thrownStatus(() => questionPage(otherOrg, used))).toBe(404);
    const edit = questionSchema.parse({ categoryId: fx.categoryId, stem: "Bị sửa?", options: ["A", "B"], answer: "A", difficulty: "de", status: "active" });
    expect(thrownStatus(() => saveQuestion(otherOrg, used, edit))).toBe(404);
    expect(db.select().from(questions).where(eq(questions.id, used)).get()?.currentVersionId).toBe(
      questionPage(homeOrg, used).question?.versionId,
    );
    expect(questionPage(homeOrg, used).question?.answerIndex).toBe(1);
  });
  it("hides a question drawn in an open round from organizers outside that round, even if its bank were theirs", () => {
    const drawn = db.$client.prepare(`SELECT DISTINCT v.question_id AS id FROM attempt_items ai JOIN question_versions v ON v.id = ai.question_version_id`).all() as { id: number }[];
    const inUse = drawn[0].id;
    // Suppose the question were moved into the child unit's bank: the child's organizer still may not read it.
    db.update(questions).set({ ownerUnitId: child.id }).where(eq(questions.id, inUse)).run();
    expect(thrownStatus(() => questionPage(childOrg, inUse))).toBe(404);
    expect(questionPage(homeOrg, inUse).question?.id).toBe(inUse);
    db.update(questions).set({ ownerUnitId: home.id }).where(eq(questions.id, inUse)).run();
  });
  it("puts a new question in the organizer's own unit's bank, and refuses a bank outside their scope", () => {
    const input = questionSchema.parse({ categoryId: fx.categoryId, stem: "Câu mới của phòng con?", options: ["A", "B"], answer: "A", difficulty: "de", status: "draft" });
    const created = saveQuestion(childOrg, null, input);
    expect(created.ok).toBe(true);
    if (created.ok) expect(db.select().from(questions).where(eq(questions.id, created.id)).get()?.ownerUnitId).toBe(child.id);
    expect(thrownStatus(() => saveQuestion(childOrg, null, input, other.id))).toBe(403);
  });
  it("shares a question by copying it, as a draft, into the other unit's bank; the original does not change", () => {
    const copied = copyQuestionToUnit(homeOrg, homeIds[1], other.id);
    expect(copied).toMatchObject({ ok: true, unitName: "Sở khác" });
    if (!copied.ok) return;
    const copy = db.select().from(questions).where(eq(questions.id, copied.copyId)).get()!;
    expect(copy).toMatchObject({ ownerUnitId: other.id, status: "draft", externalId: null });
    expect(questionPage(otherOrg, copied.copyId).question?.stem).toBe(questionPage(homeOrg, homeIds[1]).question?.stem);
    expect(db.select().from(questions).where(eq(questions.id, homeIds[1])).get()?.ownerUnitId).toBe(home.id);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "question.copy")).all()).toHaveLength(1);
    expect(thrownStatus(() => copyQuestionToUnit(otherOrg, homeIds[2], other.id))).toBe(404);
  });
  it("exports only the organizer's bank", async () => {
    const task = createTask(db, {
      kind: ORGANIZER_TASK.questionExport,
      input: { format: "gift", filter: bankPage(otherOrg, params()).filter },
      createdBy: otherOrg.id,
    });
    await runOrganizerTask(db, task.id);
    const { getTask } = await import("../../db/tasks");
    const result = getTask(db, task.id)?.result as { count: number };
    expect(result.count).toBe(otherIds.length + 1); // its six and the copy
  });
});

describe("the bank search reads stem, options and explanation, folded", () => {
  it("finds VNeID by an option and by the explanation, without diacritics, within the bank", () => {
    expect(bankPage(homeOrg, params({ q: "vneid" })).rows.map((r) => r.id)).toEqual([vneid]);
    expect(bankPage(homeOrg, params({ q: "dinh danh quoc gia" })).rows.map((r) => r.id)).toEqual([vneid]);
    expect(bankPage(homeOrg, params({ q: "ĐỊNH DANH" })).rows.map((r) => r.id)).toEqual([vneid]);
    expect(bankPage(otherOrg, params({ q: "vneid" })).rows).toEqual([]);
    // A LIKE wildcard typed into the box is a character, not a pattern.
    expect(bankPage(homeOrg, params({ q: "%" })).rows).toEqual([]);
  });
  it("keeps the search fast on a bank of 5,000 questions", () => {
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) question(1000 + i, home.id, { stem: `Câu hỏi lớn số ${i} về thủ tục hành chính?` });
    });
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) bankPage(homeOrg, params({ q: "vneid" }));
    const perSearch = (performance.now() - t0) / 10;
    console.log(`bank search over 5,000 questions: ${perSearch.toFixed(1)} ms`);
    expect(perSearch).toBeLessThan(150);
  });
});

describe("Xem thử shows the key to the contest's organizers only", () => {
  it("marks the correct option after the shuffle and gives the explanation", () => {
    const preview = roundPreview(homeOrg, fx.round.id, 3);
    expect(preview.items).not.toBeNull();
    for (const item of preview.items!) {
      expect(item.options[item.answer]).toMatch(/Đúng|VNeID/);
      expect(item.explanation.length).toBeGreaterThan(0);
    }
    expect(thrownStatus(() => roundPreview(otherOrg, fx.round.id, 3))).toBe(403);
  });
});
