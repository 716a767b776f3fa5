import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readIndexSetFile } from "../../app/core/reform-index/content";
import { nominalMaximum, type IndexRow } from "../../app/core/reform-index/index-set";
import {
  DEFAULT_BANDS,
  applyParticipationCap,
  bandOf,
  changeFromLastYear,
  computeIndex,
  disagreements,
  rankByIndex,
  scoreRow,
} from "../../app/core/reform-index/scoring";
import { parseMethod, validateIndexSet } from "../../app/core/reform-index/set-import";

const demo = () => {
  const r = readIndexSetFile(parse(fs.readFileSync("content/reform-index/demo-set.yaml", "utf8")));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
};
const row = (code: string) => demo().rows.find((r) => r.code === code) as IndexRow;

describe("the demo index set", () => {
  it("reads as four parts worth 100 points, with 5 bonus points in part IV", () => {
    const set = demo();
    expect(set.rows.filter((r) => r.parentCode === null).map((r) => r.code)).toEqual(["I", "II", "III", "IV"]);
    expect(set.maximum).toBe(100);
    expect(nominalMaximum(set.rows)).toBe(100);
    expect(set.rows.filter((r) => r.bonus).map((r) => r.code)).toEqual(["IV", "IV.1", "IV.2"]);
    expect(set.rows.length).toBeGreaterThanOrEqual(40);
    expect(row("II.1.4").source).toBe("contest_participation");
    expect(row("II.3.2").method).toEqual({ kind: "steps", steps: [{ min: 100, points: 6 }, { min: 98, points: 4 }, { min: 95, points: 2 }] });
  });
});

describe("reading the province's table", () => {
  const rows = (cells: unknown[][]) => cells.map((c, i) => ({ row: i + 2, cells: c }));
  it("names the row and column of every error and imports nothing", () => {
    const r = validateIndexSet(
      rows([
        ["I", "Phần một", 5],
        ["1", "Tiêu chí", "hai", "Có/Không"],
        ["1.1.x", "Sai số thứ tự", 1],
        ["2", "Tiêu chí", 3, "Có: 5; Không: 0"],
        ["3", "Nguồn lạ", 1, "Theo tỷ lệ", "", "", "số lượt xem"],
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ row: 3, column: "Điểm tối đa", message: '"hai" không phải là số.' });
    expect(r.errors.find((e) => e.row === 4)?.column).toBe("STT");
    expect(r.errors).toContainEqual({ row: 5, column: "Cách tính điểm", message: "Cách tính điểm cho nhiều hơn điểm tối đa (3)." });
    expect(r.errors.find((e) => e.row === 6)?.column).toBe("Nguồn dữ liệu");
  });
  it("refuses a parent whose maximum is not the sum of its children", () => {
    const r = validateIndexSet(rows([["I", "Phần", 4], ["1", "A", 2, "Có/Không"], ["2", "B", 1, "Có/Không"]]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ row: 2, column: "Điểm tối đa", message: "Điểm tối đa 4 khác tổng điểm các tiêu chí bên dưới (3)." }]);
  });
  it("understands the usual ways of writing a method", () => {
    expect(parseMethod("Có/Không", 2)).toEqual({ ok: true, method: { kind: "yes_no" } });
    expect(parseMethod("Có: 2 điểm; Không: 0 điểm", 2)).toEqual({ ok: true, method: { kind: "yes_no" } });
    expect(parseMethod("Theo tỷ lệ", 3)).toEqual({ ok: true, method: { kind: "ratio" } });
    expect(parseMethod("Tốt: 2; Khá: 1; Trung bình: 0,5", 2)).toEqual({
      ok: true,
      method: { kind: "levels", levels: [{ label: "Tốt", points: 2 }, { label: "Khá", points: 1 }, { label: "Trung bình", points: 0.5 }] },
    });
    expect(parseMethod("trên 80%: 2; dưới 50%: 0,5", 2)).toEqual({ ok: true, method: { kind: "steps", steps: [{ min: 80.01, points: 2 }, { min: -1e9, points: 0.5 }] } });
    expect(parseMethod("Tự chấm", 2)).toEqual({ ok: true, method: { kind: "manual" } });
  });
});

describe("scoring a row", () => {
  it("computes what the method allows and keeps hand scores within the maximum", () => {
    expect(scoreRow(row("II.3.2"), { declared: "98,5", notApplicable: false, entered: null })).toEqual({ ok: true, points: 4, computed: true });
    expect(scoreRow(row("II.3.2"), { declared: "94", notApplicable: false, entered: null })).toEqual({ ok: true, points: 0, computed: true });
    expect(scoreRow(row("II.1.4"), { declared: "87,5", notApplicable: false, entered: null })).toEqual({ ok: true, points: 2.63, computed: true });
    expect(scoreRow(row("II.4.2"), { declared: "Khá", notApplicable: false, entered: null })).toEqual({ ok: true, points: 2, computed: true });
    expect(scoreRow(row("II.4.2"), { declared: "Rất tốt", notApplicable: false, entered: null })).toEqual({
      ok: false,
      message: "Mức kê khai phải là một trong: Tốt, Khá, Trung bình.",
    });
    expect(scoreRow(row("III.3"), { declared: null, notApplicable: false, entered: 7 })).toEqual({ ok: false, message: "Điểm không được vượt quá điểm tối đa 6." });
    expect(scoreRow(row("III.3"), { declared: null, notApplicable: false, entered: 5.5 })).toEqual({ ok: true, points: 5.5, computed: false });
  });
  it("lets only rows that allow it be declared not applicable", () => {
    expect(scoreRow(row("II.6.1"), { declared: null, notApplicable: true, entered: null })).toEqual({ ok: true, points: null, computed: false });
    expect(scoreRow(row("II.6.2"), { declared: null, notApplicable: true, entered: null }).ok).toBe(false);
  });
});

describe("the index", () => {
  it("is obtained points over the applicable maximum, bonus counted above it, capped at 100", () => {
    const rows = demo().rows;
    // A hand computation: every row at its maximum except II.3.2 (6 → 2), II.6.1 not applicable (2 leaves the
    // maximum), III.3 scored 4 of 6, and 3 bonus points: (100 − 2 − 4 − 2 + 3) / 98 = 95 / 98 = 96.94%.
    const points = new Map<string, number | null>();
    for (const r of rows) if (!rows.some((c) => c.parentCode === r.code)) points.set(r.code, r.maxPoints);
    points.set("II.3.2", 2);
    points.set("II.6.1", null);
    points.set("III.3", 4);
    points.set("IV.2", 0);
    const total = computeIndex(rows, points);
    expect(total.applicableMax).toBe(98);
    expect(total.obtained).toBe(95);
    expect(total.index).toBe(96.94);
    expect(total.byCode.get("II.3")).toEqual({ obtained: 10, max: 14 });
    expect(total.byCode.get("II.6")).toEqual({ obtained: 2, max: 2 });
    expect(total.missing).toEqual([]);
    points.set("III.1", 8);
    points.set("IV.2", 2);
    expect(computeIndex(rows, points).index).toBe(98.98); // (95 + 2) / 98
    points.delete("III.1");
    expect(computeIndex(rows, points).missing).toEqual(["III.1"]);
    const full = new Map<string, number | null>();
    for (const r of rows) if (!rows.some((c) => c.parentCode === r.code)) full.set(r.code, r.maxPoints);
    expect(computeIndex(rows, full)).toMatchObject({ obtained: 105, applicableMax: 100, index: 100 });
  });
  it("bands by the set's thresholds", () => {
    expect(bandOf(90, DEFAULT_BANDS).label).toBe("Xuất sắc");
    expect(bandOf(89.99, DEFAULT_BANDS).label).toBe("Tốt");
    expect(bandOf(70, DEFAULT_BANDS).label).toBe("Khá");
    expect(bandOf(12, DEFAULT_BANDS).label).toBe("Yếu");
  });
  it("applies the seed 003 rule: below 100% participation, not above Khá, with the reason", () => {
    const capped = applyParticipationCap(bandOf(92.5, DEFAULT_BANDS), DEFAULT_BANDS, [{ contestTitle: "Cuộc thi CCHC 2023", rate: 0.875 }]);
    expect(capped.band.label).toBe("Khá");
    expect(capped.capped).toBe(true);
    expect(capped.reason).toContain("87,5%");
    expect(applyParticipationCap(bandOf(92.5, DEFAULT_BANDS), DEFAULT_BANDS, [{ contestTitle: "x", rate: 1 }]).band.label).toBe("Xuất sắc");
    expect(applyParticipationCap(bandOf(60, DEFAULT_BANDS), DEFAULT_BANDS, [{ contestTitle: "x", rate: 0.5 }]).capped).toBe(false);
  });
  it("ranks with shared places and reports the change from last year", () => {
    const ranked = rankByIndex([{ u: "A", index: 91 }, { u: "B", index: 95 }, { u: "C", index: 91 }, { u: "D", index: 80 }]);
    expect(ranked.map((r) => [r.u, r.rank])).toEqual([["B", 1], ["A", 2], ["C", 2], ["D", 4]]);
    expect(changeFromLastYear({ index: 91, rank: 2 }, { index: 88.5, rank: 5 })).toEqual({ previous: 88.5, change: 2.5, rankChange: 3 });
    expect(disagreements(new Map([["I.1", 12], ["I.2.1", 6]]), new Map([["I.1", 9], ["I.2.1", 6]]))).toEqual([
      { code: "I.1", self: 12, appraised: 9, difference: -3 },
    ]);
  });
});
