import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flagDuplicates, parseAiken, parseCsv, parseGift, parseQuestionRows, TABLE_COLUMNS, toGift } from "~/core/organizer/import";

const moodle = (name: string) => fs.readFileSync(path.resolve("../shared/external/moodle", name), "utf8");
const fixture = (name: string) => {
  for (const dir of ["../shared/external/moodle", "/work/shared/external/moodle"]) {
    const file = path.resolve(dir, name);
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  }
  return moodle(name);
};

describe("GIFT import agrees with Moodle's fixtures", () => {
  it("imports the multiple-choice, multiple-response and three true/false questions, and skips the other kinds with their lines", () => {
    const r = parseGift(fixture("questions.gift.txt"));
    expect(r.errors).toEqual([]);
    expect(r.skipped.map((s) => s.line)).toEqual([2, 5, 31, 34]);
    expect(r.skipped[0].reason).toMatch(/tự luận/);
    expect(r.skipped[1].reason).toMatch(/ghép cặp/);
    expect(r.skipped[2].reason).toMatch(/số/);
    expect(r.skipped[3].reason).toMatch(/trả lời ngắn/);
    expect(r.questions.map((q) => q.line)).toEqual([14, 22, 41, 46, 49]);
    const [mc, multi, f, t, tt] = r.questions;
    expect(mc.stem).toBe("What's between orange and green in the spectrum?");
    expect(mc.options).toEqual(["yellow", "red", "blue"]);
    expect(mc.answerIndex).toBe(0);
    expect(multi.options).toEqual(["yellow", "red", "off-beige", "blue"]);
    expect(multi.draft).toBe(true);
    expect(multi.warnings[0]).toMatch(/nhiều đáp án đúng/);
    // True/false becomes a two-option question with its order pinned.
    expect(f.options).toEqual(["Đúng", "Sai"]);
    expect(f.answerIndex).toBe(1);
    expect(f.pinOptions).toBe(true);
    expect(f.stem).toBe("42 is the Absolute Answer to everything.");
    expect([t.answerIndex, tt.answerIndex]).toEqual([0, 0]);
  });

  it("reads $CATEGORY:, unescapes \\= and \\:, and keeps HTML as text", () => {
    const r = parseGift(fixture("questions_in_category.gift.txt"));
    expect(r.errors).toEqual([]);
    expect(r.skipped.map((s) => s.line)).toEqual([54, 71].map((l) => l - 49));
    const greeting = r.questions.find((q) => q.stem.includes("What language"))!;
    expect(greeting.category).toBe("Default for New Features");
    expect(greeting.stem).toBe(
      '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">Listen to this greeting:</a><br /><br />What language is being spoken?'
    );
    expect(greeting.options).toEqual(["English", "French", "German", "Spanish"]);
    expect(greeting.answerIndex).toBe(1);
    const acronym = r.questions.find((q) => q.stem.startsWith("Moodle is an acronym"))!;
    expect(acronym.stem).toContain('<span style="font-style: italic;">');
    expect(acronym.options).toEqual(["Đúng", "Sai"]);
  });

  it("writes GIFT that reads back the same", () => {
    const text = toGift([
      {
        title: "q-1",
        category: "Cải cách hành chính",
        stem: "Tỷ lệ = 1:2 {đúng}?",
        options: ["Có ~ một", "Không # hai"],
        answerIndex: 1,
        explanation: "Vì: thế",
      },
    ]);
    const back = parseGift(text);
    expect(back.errors).toEqual([]);
    expect(back.questions[0]).toMatchObject({
      category: "Cải cách hành chính",
      stem: "Tỷ lệ = 1:2 {đúng}?",
      options: ["Có ~ một", "Không # hai"],
      answerIndex: 1,
    });
  });
});

describe("Aiken import agrees with Moodle's fixtures", () => {
  it("reads both questions and keeps HTML in a stem as text", () => {
    const r = parseAiken(fixture("questions.aiken.txt"));
    expect(r.errors).toEqual([]);
    expect(r.questions).toHaveLength(2);
    expect(r.questions[0]).toMatchObject({
      line: 1,
      options: ["Petr Skoda", "Martin Dougiamas", "Eloy Lafuente", "Tim Hunt"],
      answerIndex: 1,
    });
    expect(r.questions[1].stem).toBe(
      'Moodle\'s abilities include handling user input that includes <html class="cool"> & images:'
    );
  });

  it("names the line of each error, as Moodle does, and still finds the two good questions", () => {
    const r = parseAiken(fixture("aiken_errors.txt"));
    expect(r.errors.find((e) => e.line === 3)?.message).toBe("Câu hỏi phải có ít nhất 2 phương án (dòng 3)");
    expect(r.errors.find((e) => e.line === 18)?.message).toMatch(
      /chưa có dòng ANSWER trước khi câu hỏi tiếp theo bắt đầu \(dòng 18\)/
    );
    expect(r.errors.map((e) => e.line)).toEqual([3, 5, 7, 18]);
    expect(r.questions.map((q) => q.stem)).toEqual(["A good question", "A second good question"]);
    expect(r.questions[1]).toMatchObject({ options: ["Incorrect (No space)", "Correct (No space)"], answerIndex: 1 });
  });
});

describe("spreadsheet and CSV rows", () => {
  const header = TABLE_COLUMNS.map((c) => c.header);
  const row = (over: Record<string, string> = {}) =>
    TABLE_COLUMNS.map(
      (c) =>
        ({
          externalId: "",
          category: "Thủ tục hành chính",
          stem: "Bộ phận Một cửa cấp xã thuộc cơ quan nào?",
          A: "UBND xã",
          B: "HĐND xã",
          C: "",
          D: "",
          E: "",
          F: "",
          answer: "A",
          difficulty: "Dễ",
          legalBasis: "Nghị định 118/2025/NĐ-CP",
          asOf: "01/07/2025",
          explanation: "",
          pinOptions: "",
          ...over,
        }[c.key])
    );

  it("reads a good row, with a Vietnamese date and difficulty", () => {
    const r = parseQuestionRows([header, row()]);
    expect(r.errors).toEqual([]);
    expect(r.questions[0]).toMatchObject({
      line: 2,
      options: ["UBND xã", "HĐND xã"],
      answerIndex: 0,
      difficulty: "de",
      asOf: "2025-07-01",
    });
  });

  it("names the row, the column and the reason of every error", () => {
    const r = parseQuestionRows([header, row(), row({ answer: "C" }), row({ difficulty: "rất khó", asOf: "31/02/2025" })]);
    expect(r.errors).toEqual([
      { line: 3, column: "J (Đáp án)", message: "Đáp án C chỉ tới một phương án để trống" },
      { line: 4, column: "K (Độ khó)", message: 'Độ khó "rất khó" phải là Dễ, Trung bình hoặc Khó' },
      { line: 4, column: "M (Đúng đến ngày)", message: 'Ngày "31/02/2025" không hợp lệ; ghi dạng dd/mm/yyyy' },
    ]);
  });

  it("finds columns by header ignoring diacritics, and says which required column is missing", () => {
    expect(
      parseQuestionRows([
        ["cau hoi", "phuong an a", "phuong an b", "dap an"],
        ["Câu hỏi dài đủ?", "x", "y", "b"],
      ]).questions[0].answerIndex
    ).toBe(1);
    expect(parseQuestionRows([["Câu hỏi", "Phương án A"]]).errors.map((e) => e.message)).toEqual([
      'Thiếu cột "Phương án B" ở dòng tiêu đề',
      'Thiếu cột "Đáp án" ở dòng tiêu đề',
    ]);
  });

  it("reads CSV with quoted commas and line breaks", () => {
    const csv = `Câu hỏi,Phương án A,Phương án B,Đáp án\n"Một câu, có dấu phẩy?","Dòng 1\nDòng 2",Không,A\n`;
    const r = parseCsv(csv);
    expect(r.errors).toEqual([]);
    expect(r.questions[0].stem).toBe("Một câu, có dấu phẩy?");
  });

  it("flags duplicate stems after folding, within the file and against the bank", () => {
    const r = parseQuestionRows([
      header,
      row(),
      row({ stem: "bo phan mot cua cap xa thuoc co quan nao?" }),
      row({ stem: "Câu đã có trong ngân hàng?" }),
    ]);
    const { questions, duplicates } = flagDuplicates(r, new Map([["cau da co trong ngan hang?", 7]]));
    expect(questions).toHaveLength(1);
    expect(duplicates).toEqual([
      { line: 3, reason: "Trùng nội dung với câu ở dòng 2 của tệp" },
      { line: 4, reason: "Trùng nội dung với câu hỏi #7 đã có trong ngân hàng" },
    ]);
  });
});
