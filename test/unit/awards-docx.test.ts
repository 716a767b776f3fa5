import fs from "node:fs";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { baoCaoThanhTich, type Figures, type ReportSubject } from "../../app/core/awards/docx/documents";
import { parseTemplate } from "../../app/core/awards/templates";

/** The Báo cáo thành tích from plain data: no database, no files but the template's text. */
const template = parseTemplate("bao-cao-thanh-tich", fs.readFileSync("content/awards/templates/bao-cao-thanh-tich.yaml", "utf8"));
const subject: ReportSubject = {
  target: "collective",
  name: "Xã Phước Sơn",
  position: null,
  gender: null,
  form: "Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
  movement: "phong trào thi đua đẩy mạnh cải cách hành chính",
  year: 2025,
  proposerParent: "Huyện Tuy Phước",
  proposer: "Xã Phước Sơn",
  place: "Tuy Phước",
  achievement: "",
};
const figures: Figures = {
  unit: { id: 1, name: "Xã Phước Sơn", headcount: 22, womenShare: 0.41, parentName: "Huyện Tuy Phước" },
  contests: [{ title: "Cuộc thi tìm hiểu CCHC", participants: 20, denominator: 22, averageScore: 8.25, personBest: null }],
  index: [{ year: 2025, index: 96.5, band: "Tốt", rank: 1, groupSize: 6 }],
  initiatives: [],
  history: [{ year: 2024, title: "Giấy khen của Chủ tịch Ủy ban nhân dân huyện", decision: "12/QĐ-UBND", date: "2025-01-20", issuer: "UBND huyện Tuy Phước" }],
};

describe("the Báo cáo thành tích builder (app/core/awards/docx)", () => {
  it("turns data and a template into a .docx that reads back with the three parts and the figures", async () => {
    const text = (await mammoth.extractRawText({ buffer: await baoCaoThanhTich(template, subject, figures) })).value;
    expect(text).toContain("BÁO CÁO THÀNH TÍCH");
    expect(text).toContain("Tổng số cán bộ, công chức, viên chức, người lao động: 22 người; trong đó nữ: 9 người (41%)");
    expect(text).toContain("Tham gia Cuộc thi tìm hiểu CCHC: 20/22 người, tỷ lệ tham gia 90,9%; điểm bình quân 8,25.");
    expect(text).toContain('Chỉ số cải cách hành chính năm 2025 của Xã Phước Sơn: 96,5 điểm, xếp loại "Tốt", xếp hạng 1/6.');
    expect(text).toContain("12/QĐ-UBND, 20/01/2025");
  });
  it("refuses a template with a missing part, naming the field", () => {
    expect(() => parseTemplate("bao-cao-thanh-tich", "kind: BÁO CÁO\n")).toThrow(/title/);
  });
});
