import { describe, expect, it } from "vitest";
import { type BankItem, checkDrawRules, drawQuestions, optionOrder } from "../../app/core/quiz/draw";
import { seededRng } from "../../app/core/random";

const bank: BankItem[] = Array.from({ length: 30 }, (_, i) => ({
  versionId: i + 1,
  categoryId: i < 15 ? 1 : 2,
  difficulty: (["de", "trung_binh", "kho"] as const)[i % 3],
  optionCount: 4,
  pinOptions: i % 4 === 0,
}));
const byId = new Map(bank.map((b) => [b.versionId, b]));

describe("drawing the questions of an attempt", () => {
  it("takes each rule's count from the matching category and difficulty, without repeating a question", () => {
    const result = drawQuestions(
      bank,
      {
        questionCount: 10,
        drawRules: [
          { categoryId: 1, difficulty: "de", count: 3 },
          { categoryId: 2, difficulty: null, count: 5 },
        ],
        shuffleQuestions: true,
        shuffleOptions: true,
      },
      seededRng(7),
    );
    if (!result.ok) throw new Error("draw failed");
    const items = result.items.map((i) => byId.get(i.versionId)!);
    expect(items).toHaveLength(10);
    expect(new Set(result.items.map((i) => i.versionId)).size).toBe(10);
    expect(items.filter((i) => i.categoryId === 1 && i.difficulty === "de").length).toBeGreaterThanOrEqual(3);
    expect(items.filter((i) => i.categoryId === 2).length).toBeGreaterThanOrEqual(5);
  });

  it("is the same draw for the same seed and a different one for another seed", () => {
    const settings = { questionCount: 10, drawRules: [], shuffleQuestions: true, shuffleOptions: true };
    const a = drawQuestions(bank, settings, seededRng(1));
    const b = drawQuestions(bank, settings, seededRng(1));
    const c = drawQuestions(bank, settings, seededRng(2));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("refuses when a rule asks for more questions than the bank holds", () => {
    const result = drawQuestions(
      bank,
      { questionCount: 10, drawRules: [{ categoryId: 1, difficulty: "kho", count: 6 }], shuffleQuestions: true, shuffleOptions: false },
      seededRng(3),
    );
    expect(result).toEqual({ ok: false, rule: { categoryId: 1, difficulty: "kho", count: 6 }, needed: 6, available: 5 });
  });

  it("refuses rules whose counts add up to more than the question count", () => {
    const result = checkDrawRules(bank, {
      questionCount: 4,
      drawRules: [{ categoryId: null, difficulty: "de", count: 5 }],
      shuffleQuestions: false,
      shuffleOptions: false,
    });
    expect(result.ok).toBe(false);
  });

  it("keeps the bank's order within each rule when questions are not shuffled", () => {
    const result = drawQuestions(
      bank,
      { questionCount: 30, drawRules: [], shuffleQuestions: false, shuffleOptions: false },
      seededRng(9),
    );
    if (!result.ok) throw new Error("draw failed");
    expect(result.items.map((i) => i.versionId)).toEqual(bank.map((b) => b.versionId));
    expect(result.items.every((i) => i.optionOrder.join() === "0,1,2,3")).toBe(true);
  });

  it("keeps a pinned question's options in place while shuffling the others", () => {
    const rng = seededRng(11);
    const pinned = Array.from({ length: 50 }, () => optionOrder({ optionCount: 4, pinOptions: true }, true, rng));
    const free = Array.from({ length: 50 }, () => optionOrder({ optionCount: 4, pinOptions: false }, true, rng));
    expect(pinned.every((o) => o.join() === "0,1,2,3")).toBe(true);
    expect(free.some((o) => o.join() !== "0,1,2,3")).toBe(true);
    expect(free.every((o) => [...o].sort().join() === "0,1,2,3")).toBe(true);
  });
});
