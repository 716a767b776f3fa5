import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readIndexSetFile } from "../../app/core/reform-index/content";
import { leaves } from "../../app/core/reform-index/index-set";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { getMovementBySlug } from "../../db/emulation/queries";
import { ensureAssessment, insertIndexSet, loadIndexSet, publishSetResults, saveEntry, updateAssessment } from "../../db/reform-index";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/**
 * The emulation movements of seeds 000 (Tuy Phước) and 001 (Giếng Đáy) read the reform index that the platform
 * publishes, not only the figures imported for past years: a unit whose appraised set is published at the top
 * of the scale now meets the index criteria it missed with its imported figure.
 */
const env = useFreshDatabase("reform-index-emulation");
const db = env.db;
beforeAll(async () => {
  await seedDemo(db, { contentDir: path.resolve("content"), now: Date.parse("2026-01-05T02:00:00Z"), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

const unitId = (code: string) => db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number;

/** A set of the demo's rows for one unit and year, every row at its top value, appraised and published. */
function publishFull(year: number, code: string, organizer: string) {
  const demo = readIndexSetFile(parse(fs.readFileSync("content/reform-index/demo-set.yaml", "utf8")));
  if (!demo.ok) throw new Error("demo set");
  const { setId } = insertIndexSet(db, { year, groupCode: `${code.toLowerCase()}-thu`, title: `Chỉ số CCHC ${year}`, bands: demo.bands, rows: demo.rows, organizerUnitId: unitId(organizer), unitIds: [unitId(code)] });
  const set = loadIndexSet(db, setId)!;
  const a = ensureAssessment(db, setId, unitId(code));
  for (const row of leaves(set.rows) as typeof set.rows) {
    const m = row.method;
    const declared = m.kind === "yes_no" ? "Có" : m.kind === "levels" ? m.levels[0].label : m.kind === "ratio" ? "100" : m.kind === "steps" ? String(m.steps[0].min) : null;
    saveEntry(db, { assessmentId: a, row, userId: null, save: { declared, entered: m.kind === "manual" ? row.maxPoints : null, notApplicable: false, explanation: "", links: [], seq: 1 } });
  }
  updateAssessment(db, a, { state: "appraised" });
  return publishSetResults(db, setId);
}

const standingOf = (slug: string, scheme: string, code: string) => {
  const mv = getMovementBySlug(db, slug)!;
  const r = evaluateAndSnapshot(db, mv.id, { reason: "Theo yêu cầu", now: Date.now() })!;
  const c = r.result.find((s) => s.schemeId === scheme)!.candidates.find((x) => x.unitId === unitId(code))!;
  return { standing: c.standing, results: Object.fromEntries(c.results.map((x) => [x.criterionId, x.outcome])) };
};

describe("emulation movements read the published reform index", () => {
  it("seed 000: Xã Phước Lộc, 89.9% imported for 2025, reaches 90% once its appraised 2025 index is published", () => {
    expect(standingOf("tuy-phuoc-2021-2025", "gk-tap-the-hang-nam", "TPH-PL")).toMatchObject({ standing: "not_met", results: { "chi-so-90": "not_met" } });
    expect(publishFull(2025, "TPH-PL", "TPH-NV")).toMatchObject([{ index: 100, band: "Xuất sắc" }]);
    const after = standingOf("tuy-phuoc-2021-2025", "gk-tap-the-hang-nam", "TPH-PL");
    expect(after.results["chi-so-90"]).toBe("met");
    expect(after.standing).toBe("selected");
  });

  it("seed 001: Công an phường Giếng Đáy (Tốt, 84% in 2024) becomes Xuất sắc for the provincial certificate once published", () => {
    expect(standingOf("gieng-day-2024", "bang-khen-tinh", "GD-CA")).toMatchObject({ standing: "not_met", results: { "xuat-sac-2024": "not_met" } });
    publishFull(2024, "GD-CA", "GD-VP");
    expect(standingOf("gieng-day-2024", "bang-khen-tinh", "GD-CA")).toMatchObject({ standing: "selected", results: { "xuat-sac-2024": "met" } });
  });
});
