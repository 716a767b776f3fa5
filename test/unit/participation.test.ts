import { describe, expect, it } from "vitest";
import {
  bottomUpOrder,
  type Counts,
  daysLeft,
  formatRate,
  rankUnits,
  rate,
  requiredRate,
  rollUp,
  rollUpChain,
  validateThresholds,
  vnDay,
} from "../../app/core/participation/participation";
import { checkSelfClaim, confirmedBySecond, matchAll, matchRoster, normalizeCccd, normalizePhone, parseBirthDate, parseRosterRows, type RosterCandidate } from "../../app/core/participation/roster";
import { foldVietnamese } from "../../app/core/text";
import { validateUnitImport } from "../../app/core/participation/unit-import";

const c = (participants: number, denominator: number, scoreSum = 0, scoreN = 0): Counts => ({ participants, denominator, scoreSum, scoreN });

describe("roll-up over the unit tree", () => {
  // 1 > 2 > 3 > 4 > 5 > 6 > 7 (depth 7), with a side branch 8 under 3 and 9 under 1.
  const nodes = [
    { id: 7, parentId: 6 },
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 2 },
    { id: 4, parentId: 3 },
    { id: 5, parentId: 4 },
    { id: 6, parentId: 5 },
    { id: 8, parentId: 3 },
    { id: 9, parentId: 1 },
  ];
  const own = new Map<number, Counts>([
    [7, c(3, 4, 24, 3)],
    [6, c(1, 2, 10, 1)],
    [8, c(5, 5, 40, 5)],
    [9, c(0, 10)],
    [3, c(2, 2, 12, 2)],
  ]);

  it("adds every descendant's counts into each ancestor, at depth 7, whatever order the units come in", () => {
    const totals = rollUp(nodes, own);
    expect(totals.get(7)).toEqual(c(3, 4, 24, 3));
    expect(totals.get(6)).toEqual(c(4, 6, 34, 4));
    expect(totals.get(4)).toEqual(c(4, 6, 34, 4));
    expect(totals.get(3)).toEqual(c(11, 13, 86, 11));
    expect(totals.get(1)).toEqual(c(11, 23, 86, 11));
    expect(rate(totals.get(1)!.participants, totals.get(1)!.denominator)).toBeCloseTo(11 / 23);
  });

  it("caps a unit's participants at its denominator, so extra entrants in one unit never hide a gap in another", () => {
    const totals = rollUp(
      [
        { id: 1, parentId: null },
        { id: 2, parentId: 1 },
        { id: 3, parentId: 1 },
      ],
      new Map([
        [2, c(15, 10)],
        [3, c(5, 10)],
      ]),
    );
    expect(totals.get(1)!.participants).toBe(15);
    expect(totals.get(1)!.denominator).toBe(20);
  });

  it("handles a tree 5,000 levels deep without recursion", () => {
    const deep = Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, parentId: i === 0 ? null : i }));
    const totals = rollUp(deep, new Map([[5000, c(1, 1)]]));
    expect(totals.get(1)).toEqual(c(1, 1));
  });

  it("refuses a loop", () => {
    expect(() =>
      bottomUpOrder([
        { id: 1, parentId: 2 },
        { id: 2, parentId: 1 },
      ]),
    ).toThrow(/vòng lặp/);
  });

  it("updates a unit's chain of ancestors from their other children's stored totals, as the full roll-up would", () => {
    const full = rollUp(nodes, own);
    const changed = new Map(own);
    changed.set(7, c(4, 4, 32, 4));
    const after = rollUp(nodes, changed);
    const chain = [7, 6, 5, 4, 3, 2, 1];
    const childrenOf = new Map<number, number[]>();
    for (const n of nodes) if (n.parentId !== null) childrenOf.set(n.parentId, [...(childrenOf.get(n.parentId) ?? []), n.id]);
    const incremental = rollUpChain(chain, changed, childrenOf, full);
    for (const id of chain) expect(incremental.get(id)).toEqual(after.get(id));
  });
});

describe("rates, thresholds and collective rankings", () => {
  it("shows the rate as a Vietnamese percentage and no rate without a denominator", () => {
    expect(formatRate(rate(7, 8))).toBe("87,5%");
    expect(formatRate(rate(0, 0))).toBe("—");
    expect(daysLeft(0, 36 * 3_600_000)).toBe(2);
    expect(vnDay(Date.UTC(2023, 9, 31, 18, 0))).toBe("2023-11-01");
  });

  const steps = [
    { minDenominator: 0, minRate: 1 },
    { minDenominator: 20, minRate: 0.9 },
    { minDenominator: 100, minRate: 0.8 },
  ];

  it("steps the required rate with the unit's size", () => {
    expect(requiredRate(steps, 5)).toBe(1);
    expect(requiredRate(steps, 20)).toBe(0.9);
    expect(requiredRate(steps, 99)).toBe(0.9);
    expect(requiredRate(steps, 400)).toBe(0.8);
    expect(requiredRate([], 400)).toBe(0);
    expect(validateThresholds([{ minDenominator: 0, minRate: 1.2 }])).toMatch(/0% đến 100%/);
    expect(validateThresholds([steps[0], steps[0]])).toMatch(/hai lần/);
    expect(validateThresholds(steps)).toBeNull();
  });

  it("ranks eligible units by rate then average score, and leaves out units below their threshold", () => {
    const { ranked, ineligible } = rankUnits(
      [
        { unitId: 1, participants: 10, denominator: 10, avgScore: 15 },
        { unitId: 2, participants: 9, denominator: 10, avgScore: 19 }, // 90% of 10 < 100% required
        { unitId: 3, participants: 25, denominator: 25, avgScore: 17 },
        { unitId: 4, participants: 90, denominator: 100, avgScore: 12 },
        { unitId: 5, participants: 10, denominator: 10, avgScore: 15 },
      ],
      steps,
    );
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      [3, 1],
      [1, 2],
      [5, 2],
      [4, 4],
    ]);
    expect(ineligible.map((r) => r.unitId)).toEqual([2]);
  });
});

describe("roster matching", () => {
  const rows: RosterCandidate[] = [
    { id: 1, unitId: 10, nameFolded: foldVietnamese("Nguyễn Văn Đạt"), birthDate: "1990-05-02", phone: "0905000001", cccd: "049090000001", userId: null },
    { id: 2, unitId: 10, nameFolded: foldVietnamese("Trần Thị Hoa"), birthDate: "1985-01-20", phone: null, cccd: null, userId: null },
    { id: 3, unitId: 11, nameFolded: foldVietnamese("Trần Thị Hoa"), birthDate: "1985-01-20", phone: null, cccd: null, userId: null },
    { id: 4, unitId: 10, nameFolded: foldVietnamese("Lê Văn Nam"), birthDate: "1970-03-03", phone: "0905000004", cccd: null, userId: 99 },
  ];
  const person = { id: 50, unitId: 10, fullName: "x", birthDate: null, phone: null, cccd: null };

  it("matches by CCCD first, then by phone (in any unit), normalising what people type", () => {
    expect(matchRoster({ ...person, unitId: 12, cccd: "049090000001" }, rows)?.id).toBe(1);
    expect(matchRoster({ ...person, unitId: 12, phone: "+84 905 000 001" }, rows)?.id).toBe(1);
  });

  it("else by folded name and date of birth within the person's own unit only", () => {
    expect(matchRoster({ ...person, fullName: "tran thi  HOA", birthDate: "1985-01-20" }, rows)?.id).toBe(2);
    expect(matchRoster({ ...person, unitId: 11, fullName: "Trần Thị Hoa", birthDate: "1985-01-20" }, rows)?.id).toBe(3);
    expect(matchRoster({ ...person, unitId: 12, fullName: "Trần Thị Hoa", birthDate: "1985-01-20" }, rows)).toBeNull();
    expect(matchRoster({ ...person, fullName: "Trần Thị Hoa", birthDate: "1985-01-21" }, rows)).toBeNull();
  });

  it("never takes a row linked to someone else, and leaves two equal candidates for review", () => {
    expect(matchRoster({ ...person, phone: "0905000004" }, rows)).toBeNull();
    const twins: RosterCandidate[] = [rows[1], { ...rows[1], id: 9 }];
    expect(matchRoster({ ...person, fullName: "Trần Thị Hoa", birthDate: "1985-01-20" }, twins)).toBeNull();
  });

  it("matches many at once, each row used once", () => {
    const pairs = matchAll(
      [
        { ...person, id: 60, cccd: "049090000001" },
        { ...person, id: 61, phone: "0905000001" },
        { ...person, id: 62, fullName: "Trần Thị Hoa", birthDate: "1985-01-20" },
      ],
      rows,
    );
    expect(pairs).toEqual([
      { userId: 60, entryId: 1, via: "cccd", confirmed: false },
      { userId: 62, entryId: 2, via: "name_dob", confirmed: true },
    ]);
  });

  it("confirms a CCCD or phone match only with a second identifier; one alone is a claim for review", () => {
    const dat = { ...person, unitId: 12, fullName: "Nguyen Van Dat" };
    expect(matchRoster({ ...person, unitId: 12, cccd: "049090000001" }, rows)).toMatchObject({ id: 1, via: "cccd", confirmed: false });
    expect(matchRoster({ ...dat, cccd: "049090000001" }, rows)).toMatchObject({ id: 1, via: "cccd", confirmed: true });
    expect(matchRoster({ ...person, cccd: "049090000001", birthDate: "1990-05-02" }, rows)).toMatchObject({ id: 1, confirmed: true });
    expect(matchRoster({ ...person, phone: "0905000001" }, rows)).toMatchObject({ id: 1, via: "phone", confirmed: false });
    expect(matchRoster({ ...person, phone: "0905000001", birthDate: "1990-05-02" }, rows)).toMatchObject({ id: 1, via: "phone", confirmed: true });
    expect(matchRoster({ ...dat, phone: "0905000001" }, rows)).toMatchObject({ confirmed: true });
    // A wrong date of birth does not confirm, and a phone with someone else's CCCD is not this row.
    expect(matchRoster({ ...person, phone: "0905000001", birthDate: "1991-05-02" }, rows)).toMatchObject({ confirmed: false });
    expect(matchRoster({ ...dat, phone: "0905000001", cccd: "049090000999" }, rows)).toBeNull();
  });

  it("a person picking their own row confirms it with a second identifier the row holds", () => {
    const row = { birthDate: "1990-05-02", cccd: "049090000001", phone: "0905000001" };
    expect(checkSelfClaim({ birthDate: "1990-05-02" }, row)).toBe("confirmed");
    expect(checkSelfClaim({ cccd: "049090000001" }, row)).toBe("confirmed");
    expect(checkSelfClaim({ birthDate: "1990-05-03" }, row)).toBe("mismatch");
    expect(checkSelfClaim({ birthDate: "1990-05-02", cccd: "049090000002" }, row)).toBe("mismatch");
    expect(checkSelfClaim({ birthDate: "1990-05-02" }, { birthDate: null, cccd: null, phone: null })).toBe("review");
    expect(confirmedBySecond({ ...person, fullName: "NGUYỄN văn đạt" }, { nameFolded: foldVietnamese("Nguyễn Văn Đạt"), birthDate: null })).toBe(true);
  });

  it("normalises phones, CCCDs and dates as Excel gives them", () => {
    expect(normalizePhone("905123456")).toBe("0905123456");
    expect(normalizePhone("12345")).toBeNull();
    expect(normalizeCccd("49090000001")).toBe("049090000001");
    expect(parseBirthDate("2/5/1990")).toBe("1990-05-02");
    expect(parseBirthDate("31/02/1990")).toBeNull();
    expect(parseBirthDate(new Date(Date.UTC(1990, 4, 2)))).toBe("1990-05-02");
  });

  it("reports every bad roster row with its row, column and reason, and imports nothing", () => {
    const result = parseRosterRows([
      { row: 2, cells: ["Nguyễn Văn A", "01/01/1990", "0905000001", "", "Chuyên viên"] },
      { row: 3, cells: ["", "32/01/1990", "0905000001", "123", ""] },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { row: 3, column: "Họ tên", message: "Thiếu họ tên." },
      { row: 3, column: "Ngày sinh", message: '"32/01/1990" không phải ngày hợp lệ (dd/mm/yyyy).' },
      { row: 3, column: "Số điện thoại", message: "Trùng với dòng 2." },
      { row: 3, column: "CCCD", message: '"123" không phải số CCCD (12 chữ số).' },
    ]);
  });
});

describe("unit tree import", () => {
  const existing = [
    { code: "49", parentCode: null },
    { code: "513", parentCode: "49" },
  ];
  const row = (r: number, ...cells: string[]) => ({ row: r, cells });

  it("accepts a good file and orders it parents first, whatever order the rows are in", () => {
    const result = validateUnitImport(
      [row(2, "513-A1", "Tổ A1", "513-A", "Khác", "3"), row(3, "513-A", "Phòng A", "513", "co_quan_chuyen_mon", "10")],
      existing,
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { code: "513-A", name: "Phòng A", parentCode: "513", kind: "co_quan_chuyen_mon", headcount: 10 },
        { code: "513-A1", name: "Tổ A1", parentCode: "513-A", kind: "khac", headcount: 3 },
      ],
    });
  });

  it("names duplicate codes, unknown parents, bad headcounts and loops, row by row", () => {
    const result = validateUnitImport(
      [
        row(2, "X1", "Một", "X2", "xa", "5"),
        row(3, "X2", "Hai", "X3", "xa", "5"),
        row(4, "X3", "Ba", "X1", "xa", "5"),
        row(5, "X1", "Trùng", "513", "xa", "5"),
        row(6, "Y", "Mồ côi", "KHONG-CO", "xa", "-1"),
        row(7, "Z", "Tự trỏ", "Z", "xa", "1"),
      ],
      existing,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.errors.map((e) => `${e.row}|${e.column}|${e.message}`);
    expect(messages).toContain('5|Mã|Mã "X1" trùng với dòng 2.');
    expect(messages).toContain('6|Mã đơn vị cấp trên|Không có đơn vị mã "KHONG-CO" trong tệp hay trong hệ thống.');
    expect(messages).toContain('6|Biên chế|"-1" không phải số nguyên không âm.');
    expect(messages).toContain("7|Mã đơn vị cấp trên|Đơn vị không thể là cấp trên của chính nó.");
    expect(messages.some((m) => /^\d\|Mã đơn vị cấp trên\|Vòng lặp cấp trên: X\d → X\d → X\d → X\d\.$/.test(m))).toBe(true);
  });

  it("finds a loop made with an existing unit moved under a new one", () => {
    const result = validateUnitImport([row(2, "49", "Tỉnh", "513", "tinh", "0")], existing);
    expect(result.ok).toBe(false);
  });
});
