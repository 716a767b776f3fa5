import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { itemFlags, itemStats } from "~/core/organizer/item-stats";
import { awardPrizes, awardWeek } from "~/core/organizer/prizes";
import { rankResults } from "~/core/organizer/ranking";
import { vnDate, weeklyWindows } from "~/core/organizer/weeks";

const r = (userId: number, score: number, durationMs: number, submittedAt: number, prediction: number | null = null) => ({
  userId,
  score,
  durationMs,
  submittedAt,
  prediction,
});

describe("ranking", () => {
  it("orders by score, then prediction closeness, then time taken, then submission time", () => {
    const ranked = rankResults(
      [r(1, 8, 100, 5, 50), r(2, 9, 900, 9, null), r(3, 8, 100, 5, 45), r(4, 8, 50, 5, 55), r(5, 8, 50, 4, 55)],
      { actual: 47 }
    );
    expect(ranked.map((x) => x.userId)).toEqual([2, 3, 1, 5, 4]);
    expect(ranked.map((x) => x.predictionGap)).toEqual([null, 2, 3, 8, 8]);
  });

  it("shows ties with the same rank and skips the next", () => {
    const ranked = rankResults([r(1, 5, 10, 1), r(2, 5, 10, 1), r(3, 4, 10, 1)], { actual: null });
    expect(ranked.map((x) => [x.rank, x.tied])).toEqual([
      [1, true],
      [1, true],
      [3, false],
    ]);
  });

  it("leaves excluded people out", () => {
    expect(
      rankResults([r(1, 5, 10, 1), r(2, 9, 10, 1)], { actual: null, excluded: new Set([2]) }).map((x) => [x.userId, x.rank])
    ).toEqual([[1, 1]]);
  });
});

describe("prizes", () => {
  const table = [
    { name: "Giải Nhất", count: 1 },
    { name: "Giải Nhì", count: 2 },
  ];
  it("gives prizes down the ranking", () => {
    const ranked = rankResults([r(1, 9, 1, 1), r(2, 8, 1, 1), r(3, 7, 1, 1), r(4, 6, 1, 1)], { actual: null });
    expect(awardPrizes(ranked, table).map((a) => [a.userId, a.prize])).toEqual([
      [1, "Giải Nhất"],
      [2, "Giải Nhì"],
      [3, "Giải Nhì"],
    ]);
  });

  it("gives one prize per person per week: an earlier winner is passed over", () => {
    const a = rankResults([r(1, 9, 1, 1), r(2, 8, 1, 1)], { actual: null });
    const b = rankResults([r(1, 9, 1, 1), r(3, 8, 1, 1), r(4, 7, 1, 1)], { actual: null });
    const week = awardWeek([
      { roundId: 10, ranked: a, table: [{ name: "Giải Nhất", count: 1 }] },
      { roundId: 11, ranked: b, table: [{ name: "Giải Nhất", count: 1 }] },
    ]);
    expect(week.get(10)!.map((x) => x.userId)).toEqual([1]);
    expect(week.get(11)!.map((x) => x.userId)).toEqual([3]);
  });

  it("marks a prize whose last winner ties with the first person left out", () => {
    const ranked = rankResults([r(1, 9, 1, 1), r(2, 8, 1, 1), r(3, 8, 1, 1)], { actual: null });
    const awards = awardPrizes(ranked, [{ name: "Giải Nhất", count: 2 }]);
    expect(awards.map((a) => a.tiedAtBoundary)).toEqual([false, true]);
  });
});

describe("item statistics agree with Moodle's statistics_qstats00.csv", () => {
  const dir = fs.existsSync(path.resolve("../shared/external/moodle"))
    ? "../shared/external/moodle"
    : "/work/shared/external/moodle";
  const parse = (name: string) =>
    fs
      .readFileSync(path.resolve(dir, name), "utf8")
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(","));
  const [, ...results] = parse("statistics_results00.csv");
  const [header, ...expected] = parse("statistics_qstats00.csv");
  const col = (name: string) => header.indexOf(name);

  it.each(expected.map((row) => [Number(row[0]), row] as const))("question %i", (slot, row) => {
    const marks = results.map((a) => Number(a[slot]));
    // The total is the sum of the marks (the summarks column is rounded to 5 decimals).
    const totals = results.map((a) => a.slice(1, 8).reduce((s, m) => s + Number(m), 0));
    const s = itemStats(marks, totals)!;
    expect(s.facility).toBeCloseTo(Number(row[col("facility")]), 5);
    expect(s.sd).toBeCloseTo(Number(row[col("sd")]), 5);
    expect(s.discriminationIndex!).toBeCloseTo(Number(row[col("discriminationindex")]), 4);
    expect(s.discriminativeEfficiency!).toBeCloseTo(Number(row[col("discriminativeefficiency")]), 4);
  });

  it("flags too easy, too hard and negatively discriminating questions", () => {
    expect(itemFlags({ n: 30, facility: 0.95, sd: 0.1, discriminationIndex: 10, discriminativeEfficiency: 10 })).toEqual([
      "too_easy",
    ]);
    expect(itemFlags({ n: 30, facility: 0.1, sd: 0.1, discriminationIndex: -5, discriminativeEfficiency: -5 })).toEqual([
      "too_hard",
      "negative",
    ]);
    expect(itemFlags({ n: 2, facility: 1, sd: 0, discriminationIndex: null, discriminativeEfficiency: null })).toEqual([]);
  });
});

describe("weekly rounds", () => {
  it("cuts a period into weeks opening at Vietnam midnight, the last one shorter", () => {
    const weeks = weeklyWindows("2026-12-01", "2026-12-17");
    expect(weeks.map((w) => [w.weekNo, w.firstDay, w.lastDay])).toEqual([
      [1, "2026-12-01", "2026-12-07"],
      [2, "2026-12-08", "2026-12-14"],
      [3, "2026-12-15", "2026-12-17"],
    ]);
    expect(new Date(weeks[0].opensAt).toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(vnDate(weeks[2].closesAt)).toBe("2026-12-18");
  });
});
