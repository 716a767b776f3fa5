import { describe, expect, it } from "vitest";
import { type AnswerItem, fastFullScores, identicalAnswerSequences, isImplausiblyFast, originalChoice, signupBursts } from "../../app/core/account/integrity";

const MIN = 60_000;

describe("many accounts from one address in a short time", () => {
  const at = (m: number) => 1_800_000_000_000 + m * MIN;
  const rows = [
    ...[0, 5, 10, 20, 30].map((m, i) => ({ userId: i + 1, fullName: `A${i}`, address: "10.0.0.1", at: at(m) })),
    { userId: 10, fullName: "Later", address: "10.0.0.1", at: at(300) },
    ...[0, 1].map((m, i) => ({ userId: 20 + i, fullName: `B${i}`, address: "10.0.0.2", at: at(m) })),
    ...[0, 1, 2, 3, 4].map((m, i) => ({ userId: 30 + i, fullName: `U${i}`, address: "unknown", at: at(m) })),
  ];
  it("finds five registrations within an hour from one address, and not the one hours later", () => {
    const bursts = signupBursts(rows, { windowMs: 60 * MIN, minAccounts: 5 });
    expect(bursts).toHaveLength(1);
    expect(bursts[0].address).toBe("10.0.0.1");
    expect(bursts[0].people.map((p) => p.userId)).toEqual([1, 2, 3, 4, 5]);
  });
  it("ignores addresses below the threshold and an unknown address", () => {
    expect(signupBursts(rows, { windowMs: 60 * MIN, minAccounts: 6 })).toEqual([]);
    expect(signupBursts(rows, { windowMs: 60 * MIN, minAccounts: 2 }).map((b) => b.address).sort()).toEqual(["10.0.0.1", "10.0.0.2"]);
  });
  it("a tighter window splits the run", () => {
    expect(signupBursts(rows, { windowMs: 10 * MIN, minAccounts: 3 }).map((b) => b.people.length)).toEqual([3]);
  });
});

describe("implausibly fast full-score attempts", () => {
  const base = { attemptId: 1, userId: 1, fullName: "A", roundId: 1, questionCount: 20, correctCount: 20, durationMs: 0 };
  it("flags a full score under N seconds per question", () => {
    expect(isImplausiblyFast({ ...base, durationMs: 59_000 }, 3)).toBe(true);
    expect(isImplausiblyFast({ ...base, durationMs: 60_000 }, 3)).toBe(false);
  });
  it("does not flag a fast attempt that is not a full score, nor one without a duration", () => {
    expect(isImplausiblyFast({ ...base, correctCount: 19, durationMs: 10_000 }, 3)).toBe(false);
    expect(isImplausiblyFast({ ...base, durationMs: null }, 3)).toBe(false);
    expect(isImplausiblyFast({ ...base, questionCount: 0, correctCount: 0, durationMs: 1 }, 3)).toBe(false);
  });
  it("lists the fastest first", () => {
    const list = fastFullScores([{ ...base, attemptId: 1, durationMs: 30_000 }, { ...base, attemptId: 2, durationMs: 10_000 }, { ...base, attemptId: 3, durationMs: 90_000 }], 3);
    expect(list.map((a) => a.attemptId)).toEqual([2, 1]);
  });
});

describe("identical answer sequences", () => {
  // Three questions (versions 11, 12, 13) in the same shown order; options shuffled differently per attempt.
  function sheet(attemptId: number, userId: number, orders: number[][], shownChoices: (number | null)[], versions = [11, 12, 13], roundId = 1): AnswerItem[] {
    return versions.map((v, position) => ({ attemptId, userId, fullName: `P${userId}`, roundId, position, questionVersionId: v, optionOrder: orders[position], choice: shownChoices[position] }));
  }
  const id = [0, 1, 2, 3];
  const rev = [3, 2, 1, 0];
  it("maps the shown choice back to the question's own option", () => {
    expect(originalChoice(rev, 0)).toBe(3);
    expect(originalChoice(rev, null)).toBeNull();
    expect(originalChoice(rev, 9)).toBeNull();
  });
  it("groups two people who chose the same original options, even with shuffled options", () => {
    const items = [
      ...sheet(1, 1, [id, id, id], [0, 1, 2]),
      ...sheet(2, 2, [rev, rev, rev], [3, 2, 1]), // same original choices 0, 1, 2
      ...sheet(3, 3, [id, id, id], [0, 1, 3]),
    ];
    const groups = identicalAnswerSequences(items, 3);
    expect(groups).toHaveLength(1);
    expect(groups[0].attempts.map((a) => a.attemptId)).toEqual([1, 2]);
  });
  it("does not group one person's own attempts, different question orders, or short sheets", () => {
    expect(identicalAnswerSequences([...sheet(1, 1, [id, id, id], [0, 1, 2]), ...sheet(2, 1, [id, id, id], [0, 1, 2])], 3)).toEqual([]);
    expect(identicalAnswerSequences([...sheet(1, 1, [id, id, id], [0, 1, 2]), ...sheet(2, 2, [id, id, id], [1, 0, 2], [12, 11, 13])], 3)).toEqual([]);
    expect(identicalAnswerSequences([...sheet(1, 1, [id, id, id], [0, null, null]), ...sheet(2, 2, [id, id, id], [0, null, null])], 3)).toEqual([]);
  });
  it("does not group the same sheet in different rounds", () => {
    expect(identicalAnswerSequences([...sheet(1, 1, [id, id, id], [0, 1, 2], [11, 12, 13], 1), ...sheet(2, 2, [id, id, id], [0, 1, 2], [11, 12, 13], 2)], 3)).toEqual([]);
  });
});
