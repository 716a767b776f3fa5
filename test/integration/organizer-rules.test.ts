import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startAttempt } from "../../app/quiz/quiz.server";
import {
  createContest,
  publishRound,
  questionPage,
  removeQuestion,
  requireRound,
  saveQuestion,
  saveRound,
  settleFigure,
} from "../../app/organizer/organizer.server";
import type { CurrentUser } from "../../app/account/session.server";
import {
  attemptItems,
  attempts,
  auditLog,
  contests,
  questions,
  questionVersions,
  roundResults,
  rounds,
  units,
} from "../../db/schema";
import { roundStanding } from "../../db/quiz/standings";
import { grantRole, insertUser } from "../../db/account/users";
import { insertQuestion } from "../../db/quiz/questions";
import { foldVietnamese } from "../../app/core/text";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";
import { closeWebQueues } from "../../workers/queues";
import { settleRoundFigure } from "../../workers/organizer";

const env = useFreshDatabase("organizer-rules");
const { db } = env;
const fx = seedQuizFixture(db, { people: 2, bankSize: 12 });
afterAll(async () => {
  await closeWebQueues();
  env.cleanup();
});

const child = db
  .insert(units)
  .values({ code: "T1-A", name: "Phòng con", nameFolded: "phong con", kind: "phong", parentId: fx.unit.id })
  .returning()
  .get();
const other = db.insert(units).values({ code: "T2", name: "Xã khác", nameFolded: "xa khac", kind: "xa" }).returning().get();
db.update(contests).set({ organizerUnitId: child.id }).where(eq(contests.id, fx.contest.id)).run();
// The contest draws from its organizing unit's bank.
db.update(questions).set({ ownerUnitId: child.id }).run();

const organizer = (unitId: number): CurrentUser => ({
  id: fx.people[0].id,
  fullName: "Ban Tổ chức",
  phone: "0900000002",
  unitId,
  unitName: null,
  position: null,
  roles: [{ role: "organizer", unitId }],
});

const settings = (over: Record<string, unknown> = {}) => ({
  title: "Vòng thử",
  part: 1,
  opensAt: "2026-01-01T08:00",
  closesAt: "2030-01-01T08:00",
  questionCount: 10,
  timeLimitMinutes: 10,
  attemptsAllowed: 2,
  shuffleQuestions: true,
  shuffleOptions: true,
  reviewPolicy: "after_close" as const,
  predictionPrompt: null,
  predictionTarget: "participants" as const,
  drawRules: [],
  prizes: [1, 2, 3, 5],
  ...over,
});

describe("an organizer's scope", () => {
  it("reaches contests of their unit and the units below it, not others", () => {
    expect(requireRound(organizer(fx.unit.id), fx.round.id).contest.id).toBe(fx.contest.id);
    expect(() => requireRound(organizer(other.id), fx.round.id)).toThrow(Response);
    expect(
      createContest(organizer(fx.unit.id), { title: "Cuộc thi khác", rulesMd: "", partsText: "", organizerUnitId: other.id }).ok
    ).toBe(false);
  });
});

describe("round settings", () => {
  it("refuses draw rules the bank cannot satisfy, naming the rule", async () => {
    const result = await saveRound(
      organizer(fx.unit.id),
      fx.round.id,
      settings({ drawRules: [{ difficulty: "kho", count: 5 }] }) as never
    );
    expect(result).toMatchObject({ ok: false, error: "Ngân hàng không đủ câu hỏi đang dùng cho độ khó Khó: cần 5, chỉ có 4." });
  });

  it("locks the settings that bear on fairness once anyone has started, and still lets the title change", async () => {
    const started = startAttempt(db, { userId: fx.people[1].id, roundId: fx.round.id, now: Date.now(), seed: 1 });
    expect(started.ok).toBe(true);
    const before = db.select().from(rounds).where(eq(rounds.id, fx.round.id)).get()!;
    const refused = await saveRound(
      organizer(fx.unit.id),
      fx.round.id,
      settings({ questionCount: 5, timeLimitMinutes: 10 }) as never
    );
    expect(refused).toMatchObject({ ok: false });
    expect((refused as { error: string }).error).toMatch(/^Đã có người làm bài nên không thể đổi: số câu/);
    expect(db.select().from(rounds).where(eq(rounds.id, fx.round.id)).get()!.questionCount).toBe(before.questionCount);
    const same = settings({
      title: "Vòng thử (đổi tên)",
      opensAt: new Date(before.opensAt + 7 * 3_600_000).toISOString().slice(0, 16),
      questionCount: before.questionCount,
      timeLimitMinutes: before.timeLimitS / 60,
      attemptsAllowed: before.attemptsAllowed,
      reviewPolicy: before.reviewPolicy,
      prizes: [],
    });
    // The fixture's opening time has seconds; a form can only send minutes, so align it first.
    db.update(rounds)
      .set({ opensAt: Math.floor(before.opensAt / 60_000) * 60_000 })
      .where(eq(rounds.id, fx.round.id))
      .run();
    expect(await saveRound(organizer(fx.unit.id), fx.round.id, same as never)).toEqual({ ok: true });
  });

  it("asks before publishing a round that may draw questions resting on a superseded text", async () => {
    insertQuestion(
      db,
      {
        externalId: "cu",
        categoryId: fx.categoryId,
        ownerUnitId: child.id,
        stem: "Theo Nghị định 61/2018/NĐ-CP, ...?",
        stemFolded: foldVietnamese("Theo Nghị định 61/2018/NĐ-CP, ...?"),
        options: ["A", "B"],
        answerIndex: 0,
        pinOptions: false,
        explanation: "",
        legalBasis: "Nghị định 61/2018/NĐ-CP",
        asOf: "2020-01-01",
        difficulty: "de",
      },
      Date.now()
    );
    db.update(rounds).set({ status: "draft" }).where(eq(rounds.id, fx.round.id)).run();
    const asked = await publishRound(organizer(fx.unit.id), fx.round.id, { confirm: false, before: null });
    expect(asked.ok).toBe(false);
    expect(asked.flagged.map((f) => f.stem)).toEqual(["Theo Nghị định 61/2018/NĐ-CP, ...?"]);
    expect(asked.flagged[0].flags[0]).toMatch(/Nghị định 118\/2025\/NĐ-CP từ 01\/07\/2025/);
    expect(db.select().from(rounds).where(eq(rounds.id, fx.round.id)).get()!.status).toBe("draft");
    expect((await publishRound(organizer(fx.unit.id), fx.round.id, { confirm: true, before: null })).ok).toBe(true);
    expect(db.select().from(rounds).where(eq(rounds.id, fx.round.id)).get()!.status).toBe("published");
  });

  it("counts the prediction's true figure only once the round has closed, at its close time, once", () => {
    expect(settleFigure(organizer(fx.unit.id), fx.round.id, null)).toMatchObject({ ok: false });
    db.update(rounds)
      .set({ predictionPrompt: "Bao nhiêu người dự thi?", predictionTarget: "participants" })
      .where(eq(rounds.id, fx.round.id))
      .run();
    const round = db.select().from(rounds).where(eq(rounds.id, fx.round.id)).get()!;
    expect(() => settleRoundFigure(db, round.id, round.closesAt, round.closesAt - 1)).toThrow();
    expect(settleRoundFigure(db, round.id, round.closesAt - 5, round.closesAt + 1)).toBe("stale");
    // One person started, nobody submitted yet.
    expect(settleRoundFigure(db, round.id, round.closesAt, round.closesAt + 1)).toBe("settled");
    expect(db.select().from(rounds).where(eq(rounds.id, fx.round.id)).get()!.predictionActual).toBe(0);
    expect(settleRoundFigure(db, round.id, round.closesAt, round.closesAt + 2)).toBe("nothing_to_do");
  });
});

describe("editing questions", () => {
  it("gives a used question a new version, keeps the attempt's, and archives instead of deleting", () => {
    const used = db.select({ versionId: attemptItems.questionVersionId }).from(attemptItems).limit(1).get()!;
    const questionId = db.select().from(questionVersions).where(eq(questionVersions.id, used.versionId)).get()!.questionId;
    const user = organizer(fx.unit.id);
    const saved = saveQuestion(user, questionId, {
      categoryId: fx.categoryId,
      stem: "Câu hỏi đã sửa sau khi dùng?",
      options: ["Một", "Hai"],
      answer: "A",
      answerIndex: 0,
      difficulty: "de",
      legalBasis: "Luật 1/2025",
      asOf: undefined,
      explanation: "",
      pinOptions: false,
      status: "active",
    });
    expect(saved).toMatchObject({ ok: true, newVersion: true });
    const page = questionPage(user, questionId);
    expect(page.question!.version).toBe(2);
    expect(page.question!.stem).toBe("Câu hỏi đã sửa sau khi dùng?");
    expect(db.select().from(attemptItems).where(eq(attemptItems.questionVersionId, used.versionId)).all().length).toBeGreaterThan(
      0
    );
    expect(removeQuestion(user, questionId, "delete")).toEqual({ ok: true, deleted: false });
    expect(db.select().from(questions).where(eq(questions.id, questionId)).get()!.status).toBe("archived");
    expect(db.select().from(auditLog).where(eq(auditLog.action, "question.new_version")).all()).toHaveLength(1);
  });
});

describe("prizes over a week", () => {
  it("gives one prize per person per week and leaves organizers out of the ranking", () => {
    const now = Date.now();
    const mk = (title: string) =>
      db
        .insert(rounds)
        .values({
          contestId: fx.contest.id,
          kind: "quiz",
          title,
          weekNo: 7,
          opensAt: now,
          closesAt: now + 1000,
          prizeTable: [{ name: "Giải Nhất", count: 1 }],
          createdAt: now,
        })
        .returning()
        .get();
    const [first, second] = [mk("Tuần 7, phần 1"), mk("Tuần 7, phần 2")];
    const staff = insertUser(db, { fullName: "Người của Ban Tổ chức", phone: "0919999999", passwordHash: "x", createdAt: now });
    grantRole(db, staff.id, "organizer", fx.unit.id);
    const result = (roundId: number, userId: number, score: number) => {
      const a = db
        .insert(attempts)
        .values({ roundId, userId, attemptNo: 1, startedAt: now, deadlineAt: now + 1, questionCount: 10 })
        .returning()
        .get();
      db.insert(roundResults).values({ roundId, userId, attemptId: a.id, score, durationMs: 1000, submittedAt: now }).run();
    };
    result(first.id, fx.people[0].id, 9);
    result(second.id, staff.id, 10);
    result(second.id, fx.people[0].id, 9);
    result(second.id, fx.people[1].id, 8);
    const standing = roundStanding(db, second.id)!;
    expect(standing.rows.map((r) => r.fullName)).toEqual(["Người thử 0", "Người thử 1"]);
    // Người thử 0 already won in part 1 of the week: the prize of part 2 goes to the next person.
    expect(standing.awards.map((a) => a.userId)).toEqual([fx.people[1].id]);
    expect(standing.weekAwards.map((w) => w.awards.map((a) => a.fullName))).toEqual([["Người thử 0"], ["Người thử 1"]]);
  });
});
