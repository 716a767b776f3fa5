import { describe, expect, it } from "vitest";
import { conflictOfInterest, moderationAllowed, overlapPercent, similarityQuery } from "../../app/core/initiatives/initiatives";
import { blend, judgeEntryScores, publicScores, rankEntries, weightedMean, zNormalize } from "../../app/core/initiatives/jury";

describe("a judge's weighted mean", () => {
  it("brings each criterion to its own scale before weighting: (3×8/10 + 1×40/100) / 4 = 70", () => {
    const criteria = [
      { id: 1, weight: 3, maxScore: 10 },
      { id: 2, weight: 1, maxScore: 100 },
    ];
    expect(weightedMean(criteria, new Map([[1, 8], [2, 40]]))).toBeCloseTo(70, 10);
  });
  it("is not given until every criterion is scored", () => {
    expect(weightedMean([{ id: 1, weight: 1, maxScore: 10 }, { id: 2, weight: 1, maxScore: 10 }], new Map([[1, 5]]))).toBeNull();
  });
});

describe("z-score normalization", () => {
  // Judge 1 scores entries 1..3 at 60, 70, 80 (mean 70, sd √(200/3) = 8.165); judge 2 at 80, 85, 90 (mean 85,
  // sd 4.082). Pooled: mean 77.5, sd √(587.5/6) = 9.8953. Both judges give z = −1.2247, 0, +1.2247, so each
  // entry gets 77.5 + 9.8953 z: 65.38, 77.5, 89.62 from both judges.
  const byJudge = new Map([
    [1, new Map([[1, 60], [2, 70], [3, 80]])],
    [2, new Map([[1, 80], [2, 85], [3, 90]])],
  ]);
  it("maps every judge onto the pooled scale", () => {
    const z = zNormalize(byJudge);
    for (const judge of [1, 2]) {
      expect(z.get(judge)!.get(1)).toBeCloseTo(65.3808, 3);
      expect(z.get(judge)!.get(2)).toBeCloseTo(77.5, 10);
      expect(z.get(judge)!.get(3)).toBeCloseTo(89.6192, 3);
    }
  });
  it("lets a judge who gave everyone the same score count as the pooled mean", () => {
    const z = zNormalize(new Map([[1, new Map([[1, 50], [2, 50]])], [2, new Map([[1, 40], [2, 60]])]]));
    expect(z.get(1)!.get(1)).toBeCloseTo(50, 10);
  });
});

describe("the public vote and the ranking", () => {
  it("blends 70% jury and 30% public: 0.7 × 80 + 0.3 × 50 = 71", () => {
    expect(blend(80, 50, 30)).toBeCloseTo(71, 10);
    expect(blend(80, 50, 0)).toBe(80);
  });
  it("gives the most voted entry 100 and the others in proportion", () => {
    expect(publicScores([1, 2, 3], new Map([[1, 10], [2, 5]]))).toEqual(new Map([[1, 100], [2, 50], [3, 0]]));
  });
  it("ranks by final score, shares a rank on a tie, lists unscored entries last, and gives prizes in table order", () => {
    const criteria = [{ id: 1, weight: 1, maxScore: 10 }];
    const scores = [
      { entryId: 1, judgeId: 7, criterionId: 1, score: 6 },
      { entryId: 2, judgeId: 7, criterionId: 1, score: 9 },
      { entryId: 3, judgeId: 7, criterionId: 1, score: 9 },
      { entryId: 1, judgeId: 8, criterionId: 1, score: 8 },
    ];
    const ranked = rankEntries({
      criteria,
      scores,
      entryIds: [1, 2, 3, 4],
      votes: new Map(),
      voteWeight: 0,
      zScore: false,
      prizes: [{ name: "Giải Nhất", count: 1 }, { name: "Giải Nhì", count: 1 }, { name: "Giải Ba", count: 1 }],
    });
    expect(ranked.map((r) => [r.entryId, r.final, r.rank, r.prize])).toEqual([
      [2, 90, 1, "Giải Nhất"],
      [3, 90, 1, "Giải Nhất"],
      [1, 70, 3, "Giải Ba"],
      [4, null, null, null],
    ]);
    expect(ranked[2].judges).toBe(2);
  });
  it("computes the sheets of each judge from per-criterion rows", () => {
    const sheets = judgeEntryScores([{ id: 1, weight: 1, maxScore: 10 }, { id: 2, weight: 1, maxScore: 10 }], [
      { entryId: 1, judgeId: 1, criterionId: 1, score: 10 },
      { entryId: 1, judgeId: 1, criterionId: 2, score: 5 },
      { entryId: 2, judgeId: 1, criterionId: 1, score: 10 },
    ]);
    expect(sheets.get(1)).toEqual(new Map([[1, 75]]));
  });
});

describe("conflict of interest", () => {
  const entry = { ownerId: 10, unitId: 3, ownerUnitId: 4, authorUnitIds: [5] };
  it.each([
    [{ userId: 10, unitId: 99 }, /của chính mình/],
    [{ userId: 1, unitId: 3 }, /đơn vị mình/],
    [{ userId: 1, unitId: 4 }, /đơn vị mình/],
    [{ userId: 1, unitId: 5 }, /đơn vị mình/],
  ])("refuses judge %o", (judge, message) => {
    expect(conflictOfInterest(judge, entry)).toMatch(message);
  });
  it("lets a judge of another unit score, unless recused", () => {
    expect(conflictOfInterest({ userId: 1, unitId: 8 }, entry)).toBeNull();
    expect(conflictOfInterest({ userId: 1, unitId: null }, entry)).toBeNull();
    expect(conflictOfInterest({ userId: 1, unitId: 8 }, entry, true)).toMatch(/xin không chấm/);
  });
});

describe("moderation and similarity helpers", () => {
  it("publishes only accepted entries", () => {
    expect(moderationAllowed("submitted", false, "publish")).toBe(false);
    expect(moderationAllowed("accepted", false, "publish")).toBe(true);
    expect(moderationAllowed("draft", false, "accept")).toBe(false);
  });
  it("builds a diacritic-free OR query of syllables and syllable pairs", () => {
    expect(similarityQuery("Bưu điện tiếp nhận hồ sơ")).toBe('"buu dien" OR "buu" OR "dien tiep" OR "dien" OR "tiep nhan" OR "tiep" OR "nhan ho" OR "nhan" OR "ho so" OR "ho" OR "so"');
    expect(overlapPercent("Ngày không hẹn ở một cửa", "ngay khong hen tai mot cua")).toBe(100);
  });
});
