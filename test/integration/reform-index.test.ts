import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importIndexScores, importIndexSet } from "../../app/reform-index/cli.server";
import { readIndexSetFile } from "../../app/core/reform-index/content";
import { leaves } from "../../app/core/reform-index/index-set";
import {
  computeSetResults,
  ensureAssessment,
  updateAssessment,
  entriesOf,
  insertIndexSet,
  loadIndexSet,
  publishSetResults,
  publishedResults,
  saveEntry,
  saveFinalScore,
} from "../../db/reform-index";
import { contests, participationStats, units } from "../../db/schema";
import { foldVietnamese } from "../../app/core/text";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("reform-index");
const db = env.db;
afterAll(() => env.cleanup());

const demo = () => {
  const r = readIndexSetFile(parse(fs.readFileSync("content/reform-index/demo-set.yaml", "utf8")));
  if (!r.ok) throw new Error("demo set");
  return r;
};
const unit = (code: string, name: string) =>
  db.insert(units).values({ code, name, nameFolded: foldVietnamese(name), kind: "xa", headcount: 8 }).returning().get();

let a: ReturnType<typeof unit>, b: ReturnType<typeof unit>, c: ReturnType<typeof unit>;
let setId: number;
beforeAll(() => {
  a = unit("XA-A", "Xã An Phú");
  b = unit("XA-B", "Xã Bình Minh");
  c = unit("XA-C", "Xã Cẩm Hà");
  const contest = db.insert(contests).values({ slug: "cchc-2023", title: "Cuộc thi CCHC 2023", createdAt: 1 }).returning().get();
  const stat = (unitId: number, participants: number) => ({
    contestId: contest.id, roundId: 0, unitId, basis: "roster" as const, ownParticipants: participants, ownDenominator: 8,
    participants, denominator: 8, updatedAt: 1,
  });
  db.insert(participationStats).values([stat(a.id, 8), stat(b.id, 7), stat(c.id, 8)]).run();
  const set = demo();
  setId = insertIndexSet(db, { year: 2023, groupCode: "xa-phong", title: set.title, bands: set.bands, rows: set.rows, organizerUnitId: null, unitIds: [a.id, b.id, c.id], linkedContestIds: [contest.id] }).setId;
});

/** Fills every leaf of a unit's assessment at its maximum (yes, the top level, 100%), then applies overrides. */
function fillAll(unitId: number, overrides: Record<string, { declared?: string | null; entered?: number | null; notApplicable?: boolean }> = {}) {
  const set = loadIndexSet(db, setId)!;
  const assessmentId = ensureAssessment(db, setId, unitId);
  for (const row of leaves(set.rows) as typeof set.rows) {
    const m = row.method;
    const top =
      m.kind === "yes_no" ? "Có" : m.kind === "levels" ? m.levels[0].label : m.kind === "ratio" ? "100" : m.kind === "steps" ? String(m.steps[0].min) : null;
    const o = overrides[row.code] ?? {};
    const r = saveEntry(db, {
      assessmentId,
      row,
      userId: null,
      save: {
        declared: o.declared !== undefined ? o.declared : top,
        entered: o.entered !== undefined ? o.entered : m.kind === "manual" ? row.maxPoints : null,
        notApplicable: o.notApplicable ?? false,
        explanation: "",
        links: [],
        seq: 1,
      },
    });
    expect(r.ok, `${row.code}: ${JSON.stringify(r)}`).toBe(true);
  }
  return assessmentId;
}

describe("a year of the reform index", () => {
  it("keeps the newest save of a row when an older one arrives late", () => {
    const set = loadIndexSet(db, setId)!;
    const row = set.rows.find((r) => r.code === "II.3.2")!;
    const id = ensureAssessment(db, setId, c.id);
    expect(saveEntry(db, { assessmentId: id, row, userId: null, save: { declared: "99", entered: null, notApplicable: false, explanation: "mới", links: [], seq: 5 } })).toEqual({ ok: true, selfScore: 4, stale: false });
    expect(saveEntry(db, { assessmentId: id, row, userId: null, save: { declared: "94", entered: null, notApplicable: false, explanation: "cũ", links: [], seq: 3 } })).toEqual({ ok: true, selfScore: 0, stale: true });
    const stored = entriesOf(db, id).find((e) => e.rowId === row.id)!;
    expect([stored.declared, stored.selfScore, stored.explanation, stored.seq]).toEqual(["99", 4, "mới", 5]);
  });

  it("refuses a hand score above the maximum and stores nothing for it", () => {
    const set = loadIndexSet(db, setId)!;
    const row = set.rows.find((r) => r.code === "III.3")!;
    const id = ensureAssessment(db, setId, c.id);
    expect(saveEntry(db, { assessmentId: id, row, userId: null, save: { declared: null, entered: 9, notApplicable: false, explanation: "", links: [], seq: 1 } })).toEqual({
      ok: false,
      message: "Điểm không được vượt quá điểm tối đa 6.",
    });
    expect(entriesOf(db, id).some((e) => e.rowId === row.id)).toBe(false);
  });

  it("computes, caps and ranks: the council's score replaces the self-score, and a unit below 100% is held at Khá", () => {
    const idA = fillAll(a.id, { "II.6.1": { notApplicable: true }, "IV.2": { declared: "Không" } });
    const idB = fillAll(b.id);
    const idC = fillAll(c.id, { "I.1": { declared: "85" }, "II.3.2": { declared: "96" } });
    // Only what was sent is ranked: a draft has no index yet.
    expect(computeSetResults(db, setId)).toEqual([]);
    for (const id of [idA, idB, idC]) updateAssessment(db, id, { state: "appraised" });
    const set = loadIndexSet(db, setId)!;
    // The council lowers A's I.1 from 12 to 9 points.
    saveFinalScore(db, { assessmentId: idA, rowId: set.rows.find((r) => r.code === "I.1")!.id, points: 9, reason: "Chưa đủ số liệu so với kế hoạch", at: 2 });
    const results = computeSetResults(db, setId);
    const of = (id: number) => results.find((r) => r.unitId === id)!;
    // A: (98 − 3 + 3) / 98 = 100 → capped at 100. B: (100 + 5) / 100 → 100, but 7 of 8 took part. C: its seq-5 save of II.3.2 (99%: 4 points) outranks
    // this seq-1 one, so 100 − 6 (I.1 at 85%) − 2 + 5 = 97.
    expect(of(a.id)).toMatchObject({ index: 100, band: "Xuất sắc", cappedReason: null, rank: 1 });
    expect(of(b.id)).toMatchObject({ index: 100, bandByPoints: "Xuất sắc", band: "Khá", rank: 1 });
    expect(of(b.id).cappedReason).toContain("87,5%");
    expect(of(c.id)).toMatchObject({ index: 97, band: "Xuất sắc", rank: 3 });
    publishSetResults(db, setId, 10);
    const published = publishedResults(db, { years: [2023] });
    expect(published.map((p) => [p.unitCode, p.index, p.band, p.rank, p.source])).toEqual([
      ["XA-A", 100, "Xuất sắc", 1, "platform"],
      ["XA-B", 100, "Khá", 1, "platform"],
      ["XA-C", 97, "Xuất sắc", 3, "platform"],
    ]);
  });
});

describe("the command line's imports", () => {
  const dir = path.resolve("test/.tmp");
  async function xlsx(name: string, header: string[], rows: unknown[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    const file = path.join(dir, `${name}-${process.pid}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  it("imports a year's appraised results, all or nothing, with the row and column of each error", async () => {
    const bad = await xlsx("scores-bad", ["Mã đơn vị", "Chỉ số CCHC (%)", "Nhóm", "Xếp loại"], [["XA-A", 91.5, "xa", ""], ["XA-Z", 80, "xa", ""], ["XA-B", "chín mươi", "xa", ""]]);
    const r1 = await importIndexScores(db, bad, { year: 2022 });
    expect(r1.ok).toBe(false);
    expect(r1.errors).toEqual([
      { row: 3, column: "Mã đơn vị", message: 'Không có đơn vị mã "XA-Z" trong hệ thống.' },
      { row: 4, column: "Chỉ số CCHC (%)", message: '"chín mươi" không phải là số.' },
    ]);
    expect(publishedResults(db, { years: [2022] })).toEqual([]);
    const good = await xlsx("scores-good", ["Mã đơn vị", "Chỉ số CCHC (%)", "Nhóm", "Xếp loại"], [["XA-A", 91.5, "xa", ""], ["XA-B", "88,25", "xa", ""], ["XA-C", 91.5, "xa", "Tốt"]]);
    expect(await importIndexScores(db, good, { year: 2022 })).toMatchObject({ ok: true, imported: 3 });
    expect(publishedResults(db, { years: [2022] }).map((p) => [p.unitCode, p.index, p.band, p.rank, p.source])).toEqual([
      ["XA-A", 91.5, "Xuất sắc", 1, "imported"],
      ["XA-C", 91.5, "Tốt", 1, "imported"],
      ["XA-B", 88.25, "Tốt", 3, "imported"],
    ]);
  });

  it("imports an index set from the province's Excel layout, as a new version each time", async () => {
    const set = parse(fs.readFileSync("content/reform-index/demo-set.yaml", "utf8")) as { rows: Record<string, unknown>[] };
    const file = await xlsx(
      "set",
      ["STT", "Tiêu chí", "Điểm tối đa", "Cách tính điểm", "Tài liệu kiểm chứng", "Không áp dụng", "Nguồn dữ liệu"],
      set.rows.map((r) => [r.stt, r.title, r.max, r.method ?? "", r.evidence ?? "", r.na ?? "", r.source ?? ""]),
    );
    const first = await importIndexSet(db, file, { year: 2024, group: "xa-phong" });
    expect(first).toMatchObject({ ok: true, rows: 44, maximum: 100, version: 1 });
    expect(await importIndexSet(db, file, { year: 2024, group: "xa-phong" })).toMatchObject({ ok: true, version: 2 });
    const broken = await xlsx("set-bad", ["STT"], [["I", "Phần", 3], ["1", "A", 2, "Có/Không"]]);
    expect(await importIndexSet(db, broken, { year: 2024, group: "khac" })).toMatchObject({
      ok: false,
      errors: [{ row: 2, column: "Điểm tối đa", message: "Điểm tối đa 3 khác tổng điểm các tiêu chí bên dưới (2)." }],
    });
  });
});
