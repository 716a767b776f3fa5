import { describe, expect, it } from "vitest";
import { bestResult, compareResults, reviewAllowed, scoreAttempt } from "../../app/core/quiz/scoring";
import {
  acceptsAnswers,
  attemptDuration,
  clockOffset,
  computeDeadline,
  GRACE_MS,
  remainingMs,
  roundPhase,
} from "../../app/core/quiz/timing";

describe("the server's clock", () => {
  it("sets the deadline at start plus the time limit", () => {
    expect(computeDeadline(1_000, 900, 10_000_000)).toBe(901_000);
  });
  it("cuts the deadline at the round's close", () => {
    expect(computeDeadline(1_000, 900, 500_000)).toBe(500_000);
  });
  it("uses the round's close when the round has no time limit", () => {
    expect(computeDeadline(1_000, 0, 500_000)).toBe(500_000);
  });
  it("accepts an answer within the grace after the deadline and refuses one after it", () => {
    expect(acceptsAnswers(10_000 + GRACE_MS, 10_000)).toBe(true);
    expect(acceptsAnswers(10_001 + GRACE_MS, 10_000)).toBe(false);
  });
  it("counts a late submission's duration only up to the deadline", () => {
    expect(attemptDuration(1_000, 50_000, 20_000)).toBe(19_000);
    expect(attemptDuration(1_000, 5_000, 20_000)).toBe(4_000);
  });
  it("tells a round's phase from its window", () => {
    const round = { opensAt: 100, closesAt: 200 };
    expect(roundPhase(round, 99)).toBe("upcoming");
    expect(roundPhase(round, 100)).toBe("open");
    expect(roundPhase(round, 200)).toBe("closed");
  });
  it("corrects a phone clock that is five minutes fast", () => {
    const fast = 5 * 60_000;
    // The phone sent at its 1000 + fast, the server answered 1050 (its time), the phone received at 1100 + fast.
    const offset = clockOffset(1_000 + fast, 1_050, 1_100 + fast);
    expect(offset).toBe(-fast);
    expect(remainingMs(61_050, 1_100 + fast, offset)).toBe(60_000 - 50);
  });
});

describe("scoring an attempt", () => {
  const items = [
    { answerIndex: 1, optionOrder: [2, 1, 0, 3] }, // key shown at 1
    { answerIndex: 0, optionOrder: [3, 2, 1, 0] }, // key shown at 3
    { answerIndex: 3, optionOrder: [0, 1, 2, 3] }, // key shown at 3
  ];
  it("counts a chosen shown option as correct when the order maps it to the key", () => {
    const result = scoreAttempt(items, new Map([[0, 1], [1, 3], [2, 0]]));
    expect(result).toEqual({ correct: 2, total: 3, score: 2, perItem: [true, true, false] });
  });
  it("counts an unanswered question as wrong", () => {
    expect(scoreAttempt(items, new Map()).correct).toBe(0);
  });
});

describe("the attempt that counts", () => {
  const a = { attemptId: 1, score: 8, durationMs: 300_000, submittedAt: 1_000 };
  const b = { attemptId: 2, score: 9, durationMs: 500_000, submittedAt: 2_000 };
  const c = { attemptId: 3, score: 9, durationMs: 400_000, submittedAt: 3_000 };
  const d = { attemptId: 4, score: 9, durationMs: 400_000, submittedAt: 2_500 };
  it("is the highest score, then the shortest time, then the earliest", () => {
    expect(bestResult([a, b])).toBe(b);
    expect(bestResult([a, b, c])).toBe(c);
    expect(bestResult([a, b, c, d])).toBe(d);
    expect(compareResults(d, c)).toBeLessThan(0);
  });
  it("is none when nothing is scored", () => {
    expect(bestResult([])).toBeNull();
  });
});

describe("when answers may be reviewed", () => {
  it("follows the round's policy", () => {
    const s = (submitted: boolean, roundClosed: boolean, attemptsUsed = 1, attemptsAllowed = 1, anyOpen = false) => ({
      submitted,
      roundClosed,
      attemptsUsed,
      attemptsAllowed,
      anyOpen,
    });
    expect(reviewAllowed("never", s(true, true))).toBe(false);
    expect(reviewAllowed("after_submit", s(true, false))).toBe(true);
    expect(reviewAllowed("after_submit", s(false, false))).toBe(false);
    expect(reviewAllowed("after_close", s(true, false))).toBe(false);
    expect(reviewAllowed("after_close", s(true, true))).toBe(true);
    // "After submit" waits for the last attempt: one left, or one still open, keeps the key hidden.
    expect(reviewAllowed("after_submit", s(true, false, 1, 2))).toBe(false);
    expect(reviewAllowed("after_submit", s(true, false, 2, 2, true))).toBe(false);
    expect(reviewAllowed("after_submit", s(true, false, 2, 2, false))).toBe(true);
    expect(reviewAllowed("after_submit", s(true, true, 1, 3))).toBe(true);
  });
});
