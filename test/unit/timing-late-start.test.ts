import { describe, expect, it } from "vitest";
import { timeIfStartedNow, wholeMinutes } from "../../app/core/quiz/timing";

const minute = 60_000;

describe("the time a late start really leaves", () => {
  it("gives the full limit when the round closes after start plus limit", () => {
    expect(timeIfStartedNow(0, 11 * 60, 60 * minute)).toEqual({ availableMs: 11 * minute, cutByClose: false });
  });
  it("says the close cuts the time: 11 minutes promised, 4 left before the close", () => {
    expect(timeIfStartedNow(0, 11 * 60, 4 * minute)).toEqual({ availableMs: 4 * minute, cutByClose: true });
  });
  it("is not cut when the close falls exactly at start plus limit", () => {
    expect(timeIfStartedNow(0, 600, 10 * minute).cutByClose).toBe(false);
  });
  it("is not cut for a round without a time limit: the close is its only deadline", () => {
    expect(timeIfStartedNow(0, 0, 4 * minute)).toEqual({ availableMs: 4 * minute, cutByClose: false });
  });
  it("never goes below zero after the close", () => {
    expect(timeIfStartedNow(10 * minute, 600, 5 * minute).availableMs).toBe(0);
  });
  it("rounds minutes down, so that “about 4 minutes” is never more than there is", () => {
    expect(wholeMinutes(4 * minute + 59_999)).toBe(4);
    expect(wholeMinutes(59_000)).toBe(0);
    expect(wholeMinutes(-5)).toBe(0);
  });
});
