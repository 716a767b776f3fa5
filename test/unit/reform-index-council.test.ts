import { describe, expect, it } from "vitest";
import { councilProgress, coversRow, partsFor, scopesFromChoice } from "../../app/core/reform-index/council";

describe("the council's assignments", () => {
  it("stands a form's choice for pairs: nothing chosen on an axis means all of it", () => {
    expect(scopesFromChoice([], [])).toEqual([{ unitId: null, partCode: null }]);
    expect(scopesFromChoice([5, 7], [])).toEqual([{ unitId: 5, partCode: null }, { unitId: 7, partCode: null }]);
    expect(scopesFromChoice([5], ["I", "II", "I"])).toEqual([{ unitId: 5, partCode: "I" }, { unitId: 5, partCode: "II" }]);
  });

  it("reaches a row when some pair names its unit (or every unit) and its part (or every part)", () => {
    const scopes = [{ unitId: 5, partCode: "II" }, { unitId: null, partCode: "IV" }];
    expect(partsFor(scopes, 5)).toEqual(["II", "IV"]);
    expect(partsFor(scopes, 6)).toEqual(["IV"]);
    expect(coversRow(scopes, 5, "II.3.2")).toBe(true);
    expect(coversRow(scopes, 6, "II.3.2")).toBe(false);
    expect(coversRow(scopes, 6, "IV.1")).toBe(true);
    expect(coversRow([{ unitId: 5, partCode: null }], 6, "I.1")).toBe(false);
    expect(coversRow([{ unitId: null, partCode: null }], 6, "I.1")).toBe(true);
  });

  it("counts rows appraised out of rows to appraise per member, and per unit with the rows nobody is assigned", () => {
    const leaves = [{ id: 1, code: "I.1" }, { id: 2, code: "I.2" }, { id: 3, code: "II.1" }];
    const p = councilProgress({
      leaves,
      assessments: [{ id: 10, unitId: 5 }, { id: 11, unitId: 6 }],
      members: [{ userId: 100, scopes: [{ unitId: null, partCode: "I" }] }, { userId: 101, scopes: [{ unitId: 6, partCode: null }] }],
      marks: [{ assessmentId: 10, rowId: 1, memberUserId: 100 }, { assessmentId: 11, rowId: 1, memberUserId: 100 }, { assessmentId: 11, rowId: 1, memberUserId: 101 }],
      finals: [{ assessmentId: 11, rowId: 1 }],
    });
    expect(p.members).toEqual([{ userId: 100, toAppraise: 4, appraised: 2 }, { userId: 101, toAppraise: 3, appraised: 1 }]);
    expect(p.units).toEqual([{ unitId: 5, rows: 3, appraised: 1, finalized: 0, unassigned: 1 }, { unitId: 6, rows: 3, appraised: 1, finalized: 1, unassigned: 0 }]);
  });
});

describe("an index set written as YAML", () => {
  it("refuses a row whose unquoted comma split a title into a stray key, rather than cutting the title short", async () => {
    const { parse } = await import("yaml");
    const { readIndexSetFile } = await import("../../app/core/reform-index/content");
    const file = parse(`title: Bộ thử\ngroup: thu\nbands: [{ label: Tốt, min: 80 }, { label: Khá, min: 0 }]\nrows:\n  - { stt: "I", title: Công tác chỉ đạo, điều hành, max: 2 }\n`);
    const r = readIndexSetFile(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ row: 1, message: "Có cột không thuộc mẫu: giá trị có dấu phẩy phải đặt trong ngoặc kép." });
    const fs = await import("node:fs");
    const demo = readIndexSetFile(parse(fs.readFileSync("content/reform-index/demo-set.yaml", "utf8")));
    expect(demo.ok && demo.rows.find((x) => x.code === "I.1")?.title).toBe("Mức độ hoàn thành các chỉ tiêu, nhiệm vụ được giao trong năm");
  });
});
