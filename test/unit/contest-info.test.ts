import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { prizeSummary, rulesOutline, telHref } from "../../app/core/quiz/contest-info";

describe("what the folded rules and the footer say", () => {
  it("lists the rules' subheadings as the line of contents, leaving out a repeated 'Thể lệ cuộc thi'", () => {
    expect(rulesOutline("## Thể lệ cuộc thi\n\n### Đối tượng dự thi\ntext\n### **Giải thưởng**\n#### Liên hệ ##")).toEqual([
      "Đối tượng dự thi",
      "Giải thưởng",
      "Liên hệ",
    ]);
    expect(rulesOutline("Chỉ có một đoạn văn.")).toEqual([]);
  });

  it("writes a prize table as a Vietnamese phrase and skips empty rows", () => {
    expect(prizeSummary([{ name: "Giải Nhất", count: 1 }, { name: "Giải Nhì", count: 2 }, { name: "Giải Ba", count: 0 }, { name: "Giải Khuyến khích", count: 10 }])).toBe(
      "1 giải Nhất, 2 giải Nhì và 10 giải Khuyến khích",
    );
    expect(prizeSummary([{ name: "Giải Nhất", count: 1 }])).toBe("1 giải Nhất");
    expect(prizeSummary([])).toBe("");
  });

  it("dials the number of a hotline line that carries a note, and nothing when there is no number", () => {
    expect(telHref("0900 000 000 (số minh họa của bản trình diễn)")).toBe("tel:0900000000");
    expect(telHref("0235.3874.123")).toBe("tel:02353874123");
    expect(telHref("Liên hệ Phòng Nội vụ")).toBeNull();
  });

  it("the demo contest names its organizing body, a hotline marked as a placeholder, and the 2023 notice", () => {
    const demo = parse(fs.readFileSync("content/demo-contest.yaml", "utf8"));
    expect(demo.organizer_name).toContain("Thăng Bình");
    expect(demo.contact_phone).toMatch(/minh họa/);
    expect(demo.notice).toMatch(/2023/);
    expect(demo.notice).toMatch(/01\/7\/2025/);
    expect(rulesOutline(demo.rules_md).length).toBeGreaterThanOrEqual(5);
    expect(demo.rounds[0].prizes.length).toBeGreaterThan(0);
  });
});
