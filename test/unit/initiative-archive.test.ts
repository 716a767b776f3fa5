import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseArchiveFile } from "../../app/core/initiatives/archive-file";
import { foldVietnamese } from "../../app/core/text";

const file = fs.readFileSync("content/initiatives-archive.yaml", "utf8");
// The source list lives beside the repository (shared/domain); the checks against it run where it is.
const sourceFile = "../shared/domain/initiatives.json";
const source = fs.existsSync(sourceFile) ? (JSON.parse(fs.readFileSync(sourceFile, "utf8")) as { title: string; summary: string; source: string }[]) : null;

describe("the archive of earlier initiatives", () => {
  const parsed = parseArchiveFile(file);
  it.runIf(source)("holds the 46 real initiatives with their facts", () => {
    if (!source) return;
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.items).toHaveLength(46);
    expect(parsed.items.map((i) => i.source)).toEqual(source.map((s) => s.source));
    expect(parsed.items.map((i) => i.title)).toEqual(source.map((s) => s.title));
  });
  it.runIf(source)("words its summaries anew: no run of 8 words is taken from the source's summary", () => {
    if (!parsed.ok || !source) return;
    const runs = (t: string) => {
      const w = foldVietnamese(t).replace(/[^a-z0-9 ]/g, " ").split(/\s+/).filter(Boolean);
      return new Set(w.slice(0, Math.max(0, w.length - 7)).map((_, i) => w.slice(i, i + 8).join(" ")));
    };
    parsed.items.forEach((item, i) => {
      const ours = runs(item.summary);
      const shared = [...runs(source[i].summary)].filter((r) => ours.has(r));
      expect(shared, item.title).toEqual([]);
    });
  });
  it("refuses a file with errors whole, naming item and field", () => {
    const r = parseArchiveFile('[{"title": "Một cửa", "unit": "X", "province": "Y", "source": "https://a.gov.vn/1", "summary": "ngắn"}]');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(["Mục 1, trường “unit”: thiếu đơn vị", "Mục 1, trường “summary”: tóm tắt quá ngắn"]);
    expect(parseArchiveFile("initiatives: [").ok).toBe(false);
  });
});
