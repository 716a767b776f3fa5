import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextFromData, evaluateMovement, isStoredEvaluation } from "../../app/core/emulation";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { movementInputs } from "../../db/emulation/inputs";
import { getMovementBySlug, listMovements, upsertDeclaration } from "../../db/emulation/queries";
import { latestSnapshot, snapshotById } from "../../db/emulation/snapshots";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/**
 * An evaluation is stored compact (outcomes, the schemes and candidates, beside its inputs) and its reasons are
 * written again when shown. What a council saw must come back word for word, even after the data moved on.
 */
const env = useFreshDatabase("emulation-snapshot");
beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.parse("2026-01-05T02:00:00Z"), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

describe("a stored evaluation", () => {
  it("keeps outcomes, not reasons, and shows exactly what the rules with reasons give on the same inputs", () => {
    for (const m of listMovements(env.db)) {
      const snap = latestSnapshot(env.db, m.id);
      if (!snap) continue;
      const raw = env.db.$client.prepare("SELECT result FROM evaluation_snapshots WHERE id = ?").pluck().get(snap.id) as string;
      const stored = JSON.parse(raw) as unknown;
      expect(isStoredEvaluation(stored)).toBe(true);
      // No reason text in the stored result: a reason of the engine never appears in it.
      const someReason = snap.result.flatMap((s) => s.candidates.flatMap((c) => c.results.map((r) => r.reason)))[0];
      if (someReason) expect(raw).not.toContain(someReason);
      const inputs = movementInputs(env.db, m.id)!;
      const direct = evaluateMovement(inputs.schemes, inputs.candidates, contextFromData(inputs.data));
      expect(snap.result).toEqual(direct);
    }
  });

  it("shows the same reasons after the declarations, the index results and the criteria changed", () => {
    const mv = getMovementBySlug(env.db, "ninh-thuan-skhcn-2022")!;
    const first = evaluateAndSnapshot(env.db, mv.id, { reason: "Hội đồng họp lần 1", now: Date.now() })!;
    const seen = JSON.parse(JSON.stringify(snapshotById(env.db, mv.id, first.id)!.result));
    const tt = env.db.$client.prepare("SELECT id FROM units WHERE code = 'NT-TT'").pluck().get() as number;
    const reasonOf = (result: typeof seen, criterionId: string) =>
      (result[0].candidates as { unitId: number; results: { criterionId: string; reason: string }[] }[]).find((c) => c.unitId === tt)!.results.find((r) => r.criterionId === criterionId)!.reason;
    expect(reasonOf(seen, "giai-ngan")).toBe("Còn thiếu: tài liệu kiểm chứng (tệp hoặc đường dẫn).");

    // The data moves on: evidence arrives and is accepted, every index result of the year drops, and the
    // organizer raises a criterion's threshold.
    upsertDeclaration(env.db, { movementId: mv.id, candidateKey: `unit:${tt}`, criterionCode: "giai-ngan", value: 100, evidence: "https://x.gov.vn/giai-ngan.pdf", status: "accepted", now: Date.now() });
    env.db.$client.prepare("UPDATE index_results SET index_value = 40, band = 'Yếu', band_by_points = 'Yếu' WHERE year = ?").run(mv.year);
    const crit = env.db.$client.prepare("SELECT c.id, c.rule FROM emulation_criteria c JOIN emulation_schemes s ON s.id = c.scheme_id WHERE s.movement_id = ? AND c.code = 'gio-giac'").get(mv.id) as { id: number; rule: string };
    env.db.$client.prepare("UPDATE emulation_criteria SET rule = ? WHERE id = ?").run(JSON.stringify({ ...JSON.parse(crit.rule), maxShare: 0.01 }), crit.id);

    // Not evaluated again: the stored snapshot shows what it showed, word for word.
    expect(latestSnapshot(env.db, mv.id)!.result).toEqual(seen);
    expect(snapshotById(env.db, mv.id, first.id)!.result).toEqual(seen);

    // Evaluated again: a new snapshot with the new reasons, and the first one still as the council saw it.
    const second = evaluateAndSnapshot(env.db, mv.id, { reason: "Hội đồng họp lần 2", now: Date.now() + 1 })!;
    expect(second.created).toBe(true);
    expect(reasonOf(second.result, "giai-ngan")).toBe("Kê khai 100 %, đạt yêu cầu từ 100 %.");
    expect(reasonOf(second.result, "xep-loai-tot")).toContain('"Yếu"');
    expect(second.result).not.toEqual(seen);
    expect(snapshotById(env.db, mv.id, first.id)!.result).toEqual(seen);
    expect(snapshotById(env.db, mv.id, first.id)!.schemes!.flatMap((s) => s.criteria).find((c) => c.id === "gio-giac")).toMatchObject({ maxShare: 0.1 });
  });

  it("a unit's view explains only that unit's candidates, with the same words", () => {
    const mv = getMovementBySlug(env.db, "ninh-thuan-skhcn-2022")!;
    const all = latestSnapshot(env.db, mv.id)!.result;
    const tt = env.db.$client.prepare("SELECT id FROM units WHERE code = 'NT-TT'").pluck().get() as number;
    const mine = latestSnapshot(env.db, mv.id, undefined, { keep: (c) => c.unitId === tt })!.result;
    expect(mine.map((s) => s.candidates)).toEqual(all.map((s) => s.candidates.filter((c) => c.unitId === tt)));
  });
});
