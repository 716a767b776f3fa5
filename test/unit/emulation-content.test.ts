import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contextFromData, evaluateScheme } from "../../app/core/emulation";
import { type DemoIds, demoCandidates, demoData, parseCatalogue, parseMovementFile } from "../../app/emulation/content";

const dir = path.resolve("content/emulation");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "catalogue.yaml");
const catalogue = parseCatalogue(fs.readFileSync(path.join(dir, "catalogue.yaml"), "utf8"));
const baseUnits = (JSON.parse(fs.readFileSync(path.resolve("content/units.json"), "utf8")) as { units: { code: string; name: string; parent: string | null; headcount: number }[] }).units;

describe("content/emulation", () => {
  it("ships the four seeds' movements, the Thăng Bình one and the demo commune with a parent unit's approval", () => {
    const parsed = files.map((f) => parseMovementFile(fs.readFileSync(path.join(dir, f), "utf8"), f));
    expect(parsed.map((m) => m.seed).filter(Boolean).sort()).toEqual(["000", "001", "002", "003", "004"]);
    const demo = parsed.find((m) => m.slug === "xa-minh-hoa-2026")!;
    // The centre takes part with its two service points below it, and its head is a demo account.
    expect(demo.units.filter((u) => u.parent === "MH-TTHCC").map((u) => u.code)).toEqual(["MH-DPV1", "MH-DPV2"]);
    expect(demo.demo.accounts.find((a) => a.unit === "MH-TTHCC")?.role).toBe("unit_head");
  });

  it("refuses a movement whose registration names a scheme it does not have", () => {
    const text = fs.readFileSync(path.join(dir, "gieng-day-2024.yaml"), "utf8").replace("schemes: [giay-khen-thanh-pho, giay-khen-phuong] }", "schemes: [khong-co] }");
    expect(() => parseMovementFile(text, "x.yaml")).toThrow(/khong-co/);
  });

  const outcomes = new Set<string>();
  for (const f of files) {
    it(`${f}: every scheme's form is in the catalogue and the demo evaluates as the file says`, () => {
      const m = parseMovementFile(fs.readFileSync(path.join(dir, f), "utf8"), f);
      for (const s of m.schemes) expect(catalogue.forms.map((x) => x.id)).toContain(s.form);
      // Ids for the engine: units in file order, people numbered per key.
      const units = [...baseUnits.map((u) => ({ ...u, womenShare: undefined as number | undefined })), ...m.units];
      const unitIdx = new Map(units.map((u, i) => [u.code, i + 1]));
      const people = new Map<string, number>();
      const ids: DemoIds = {
        unitId: (code) => unitIdx.get(code) ?? (() => { throw new Error(`unit ${code}`); })(),
        personId: (_u, key) => people.get(key) ?? (people.set(key, 1000 + people.size), people.get(key)!),
        unit: (code) => {
          const u = units[unitIdx.get(code)! - 1];
          return { parentId: u.parent ? unitIdx.get(u.parent)! : null, name: u.name, headcount: u.headcount, womenShare: u.womenShare ?? null };
        },
      };
      const cands = demoCandidates(m, ids);
      const ctx = contextFromData(demoData(m, ids));
      for (const s of m.schemes) {
        const ev = evaluateScheme(s, cands.get(s.id)!, ctx);
        const want = m.demo.expect[s.id] ?? {};
        const got: Record<string, string> = {};
        for (const c of ev.candidates) {
          const id = Number(c.key.split(":")[1]);
          const label = c.target === "collective" ? [...unitIdx].find(([, v]) => v === id)![0] : [...people].find(([, v]) => v === id)![0];
          got[label] = c.standing;
          outcomes.add(c.standing);
          if (c.note?.includes("Điều 4")) outcomes.add("tie_broken");
        }
        expect(got).toEqual(want);
      }
    });
  }

  it("together the demos show every kind of outcome, including a tie broken by NĐ 152/2025 Điều 4", () => {
    expect([...outcomes].sort()).toEqual(["disqualified", "missing_evidence", "not_met", "over_quota", "selected", "tie_broken"]);
  });
});
