import { createHash } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { movementInputs, serializeInputs } from "../../db/emulation/inputs";
import { readStats } from "../../db/emulation/worker-connection";
import { getMovementBySlug, listMovements, upsertDeclaration } from "../../db/emulation/queries";
import { initiativeFigures } from "../../db/initiative-register/figures";
import { deleteMovement } from "../../db/emulation/editor";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/**
 * An evaluation's large reads run on a second connection in a worker thread (db/emulation/worker-connection.ts).
 * They must give, byte for byte, what the same statements give on the caller's connection, and a read inside
 * a write transaction must see that transaction's own changes.
 */
const env = useFreshDatabase("emulation-inputs");
beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.parse("2026-01-05T02:00:00Z"), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

describe("an evaluation's inputs", () => {
  it("are the same bytes read in a worker thread as on this connection, for every demo movement", () => {
    const movements = listMovements(env.db);
    expect(movements.length).toBeGreaterThanOrEqual(4);
    for (const m of movements) {
      const before = { ...readStats };
      const parallel = movementInputs(env.db, m.id, undefined, { parallel: true })!;
      expect(readStats).toEqual({ worker: before.worker + 6, here: before.here });
      const here = movementInputs(env.db, m.id, undefined, { parallel: false })!;
      expect(readStats).toEqual({ worker: before.worker + 6, here: before.here + 6 });
      expect(parallel.parts.map((p) => p.name)).toEqual(here.parts.map((p) => p.name));
      parallel.parts.forEach((p, i) => {
        expect(p.bytes.equals(here.parts[i].bytes)).toBe(true);
        expect(p.sha256).toBe(here.parts[i].sha256);
        expect(p.sha256).toBe(createHash("sha256").update(p.bytes).digest("hex"));
      });
      expect(parallel.data).toEqual(here.data);
      expect(parallel.candidates).toEqual(here.candidates);
      expect(serializeInputs(parallel).hash).toBe(serializeInputs(here).hash);
      // The stored parts are the data itself.
      for (const p of parallel.parts) expect(JSON.parse(p.bytes.toString("utf8"))).toEqual(parallel.data[p.name]);
    }
  });

  it("leave out the imported recognitions of a unit whose year the initiatives register holds, as initiativeFigures counts it", () => {
    let held = 0;
    let excluded = 0;
    for (const m of listMovements(env.db)) {
      const inputs = movementInputs(env.db, m.id)!;
      const unitIds = [...new Set([...inputs.candidates.values()].flat().map((c) => c.unitId))];
      const register = new Set(initiativeFigures(env.db, { years: [inputs.year], unitIds }).units.map((u) => u.unitId));
      held += register.size;
      const imported = env.db.$client
        .prepare("SELECT unit_id AS unitId, title FROM initiative_recognitions WHERE year = ? AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY id")
        .all(inputs.year, JSON.stringify(unitIds)) as { unitId: number; title: string }[];
      const fromImport = inputs.data.recognitions.filter((r) => r.personIds === undefined).map((r) => ({ unitId: r.unitId, title: r.title }));
      expect(fromImport).toEqual(imported.filter((r) => !register.has(r.unitId)));
      excluded += imported.filter((r) => register.has(r.unitId)).length;
    }
    // The demo has a unit whose year the register holds and which also has an imported recognition (Cần Thơ).
    expect(held).toBeGreaterThan(0);
    expect(excluded).toBeGreaterThan(0);
  });

  it("inside a write transaction are read on that transaction's connection, and see its changes", () => {
    const mv = getMovementBySlug(env.db, "ninh-thuan-skhcn-2022")!;
    const tt = env.db.$client.prepare("SELECT id FROM units WHERE code = 'NT-TT'").pluck().get() as number;
    const find = (inputs: ReturnType<typeof movementInputs>) => inputs!.data.declarations.find((d) => d.candidateKey === `unit:${tt}` && d.criterionId === "giai-ngan");
    const before = find(movementInputs(env.db, mv.id));
    let inside: ReturnType<typeof find>;
    let fromWorker = -1;
    try {
      env.db.transaction((tx) => {
        upsertDeclaration(tx as never, { movementId: mv.id, candidateKey: `unit:${tt}`, criterionCode: "giai-ngan", value: 77, evidence: "https://x.gov.vn/a.pdf", status: "accepted", now: Date.now() });
        const before = readStats.worker;
        inside = find(movementInputs(env.db, mv.id, undefined, { parallel: true }));
        fromWorker = readStats.worker - before;
        throw new Error("roll back");
      });
    } catch {
      // rolled back on purpose
    }
    expect(inside!).toMatchObject({ value: 77, status: "accepted" });
    expect(fromWorker).toBe(0);
    expect(find(movementInputs(env.db, mv.id))).toEqual(before);
  });

  it("are stored once per part; a deleted movement's parts that no other snapshot names go with it", () => {
    const c = env.db.$client;
    const mv = getMovementBySlug(env.db, "ninh-thuan-skhcn-2022")!;
    evaluateAndSnapshot(env.db, mv.id, { reason: "Thử", now: Date.now() });
    const named = () => new Set(c.prepare("SELECT p.value FROM evaluation_snapshots s, json_each(s.input_parts, '$.parts') p WHERE s.input_parts IS NOT NULL").pluck().all() as string[]);
    const stored = () => new Set(c.prepare("SELECT hash FROM evaluation_input_parts").pluck().all() as string[]);
    expect(stored()).toEqual(named());
    const own = new Set(c.prepare("SELECT p.value FROM evaluation_snapshots s, json_each(s.input_parts, '$.parts') p WHERE s.movement_id = ?").pluck().all(mv.id) as string[]);
    deleteMovement(env.db, mv.id);
    expect(stored()).toEqual(named());
    // Parts it shared with another movement (an empty list, say) stay; its own went.
    expect([...own].some((h) => !stored().has(h))).toBe(true);
  });
});
