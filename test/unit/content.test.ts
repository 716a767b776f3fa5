import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLegalTexts, supersededBasis } from "../../app/core/organizer/legal";
import { loadQuestionFiles } from "../../db/seed";

// The question bank the platform ships: checked as an organizer would check a file before loading it.
const contentDir = path.resolve("content");
const files = loadQuestionFiles(contentDir);
const questions = files.flatMap((f) => f.questions.map((q) => ({ ...q, category: f.slug })));
const table = parseLegalTexts(fs.readFileSync(path.join(contentDir, "legal-texts.yaml"), "utf8"));

describe("the shipped question bank", () => {
  it("holds at least 200 questions in every file's category, with unique ids and stems", () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => q.stem)).size).toBe(questions.length);
    for (const f of files) expect(f.questions.length).toBeGreaterThanOrEqual(15);
  });

  it("gives each question four options, a key, an explanation, a legal basis and a date", () => {
    for (const q of questions) {
      expect(q.options, q.id).toHaveLength(4);
      expect(q.explanation.length, q.id).toBeGreaterThan(10);
      expect(q.legal_basis.length, q.id).toBeGreaterThan(5);
      expect(Number.isNaN(Date.parse(q.as_of)), q.id).toBe(false);
    }
  });

  it("uses all three difficulties, enough for the demo round's draw (8 easy, 8 medium, 4 hard)", () => {
    const count = (d: string) => questions.filter((q) => q.difficulty === d).length;
    expect(count("de")).toBeGreaterThanOrEqual(8);
    expect(count("trung_binh")).toBeGreaterThanOrEqual(8);
    expect(count("kho")).toBeGreaterThanOrEqual(4);
  });

  it("pins the option order wherever an option refers to others by letter", () => {
    const refers = /(Cả [A-D](, [A-D])* và [A-D])|(Tất cả các (đáp án|phương án))/;
    for (const q of questions) {
      if (q.options.some((o) => refers.test(o))) expect(q.pin_options, q.id).toBe(true);
    }
  });

  it("marks every question resting on a replaced text as historical: dated before the change, with the period in its stem", () => {
    for (const q of questions) {
      const rows = supersededBasis(q.legal_basis, table, "2026-11-01");
      for (const row of rows) {
        expect(q.as_of < row.from, `${q.id} rests on ${row.text}`).toBe(true);
      }
      if (rows.length) expect(q.stem, q.id).toMatch(/hiệu lực|trước|đến|năm \d{4}|\d{4}/);
    }
  });

  it("keeps no live question on a superseded text: every question dated to the bank rests on law in force on that date", () => {
    const bankDate = "2026-11-01";
    const live = questions.filter((q) => q.as_of >= bankDate);
    expect(live.length).toBeGreaterThan(150);
    for (const q of live) {
      const rows = supersededBasis(q.legal_basis, table, bankDate).map((r) => r.text);
      expect(rows, `${q.id} is dated ${q.as_of} but rests on a replaced text`).toEqual([]);
    }
  });

  it("records that Nghị định 152/2025/NĐ-CP replaced Nghị định 98/2023/NĐ-CP on 01/7/2025, and the bank follows it", () => {
    const row = table.find((r) => r.text === "Nghị định 98/2023/NĐ-CP");
    expect(row).toMatchObject({ replaced_by: "Nghị định 152/2025/NĐ-CP", from: "2025-07-01" });
    const onOld = questions.filter((q) => q.legal_basis.includes("98/2023/NĐ-CP"));
    expect(onOld.map((q) => q.id).sort()).toEqual(["tdsk-015", "tdsk-016", "tdsk-017", "tdsk-018", "tdsk-019"]);
    // The seed loads these as drafts (historical): out of every live draw on today's date.
    for (const q of onOld) {
      expect(q.as_of, q.id).toBe("2025-06-30");
      expect(q.stem, q.id).toContain("hiệu lực đến 30/6/2025");
      expect(supersededBasis(q.legal_basis, table, "2026-11-01"), q.id).toHaveLength(1);
    }
    const onNew = questions.filter((q) => q.legal_basis.startsWith("Nghị định 152/2025/NĐ-CP") && q.as_of === "2026-11-01");
    expect(onNew.length).toBeGreaterThanOrEqual(10);
    for (const q of onNew) expect(q.category).toBe("thi-dua-sang-kien");
  });
});
