import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMovementFile } from "../../app/emulation/content";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { getMovementBySlug, upsertDeclaration } from "../../db/emulation/queries";
import { latestSnapshot, snapshotById, snapshotsOf } from "../../db/emulation/snapshots";
import { writeStats } from "../../db/participation/participation";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("emulation-evaluate");
beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.parse("2026-01-05T02:00:00Z"), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

const dir = path.resolve("content/emulation");
// Thăng Bình's rate comes from the contest's own participation, tested below.
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml") && !["catalogue.yaml", "thang-binh-2023.yaml"].includes(f));

describe("the seeded movements, evaluated from the database", () => {
  for (const f of files) {
    it(`${f}: the stored snapshot gives each candidate the standing the file expects`, () => {
      const m = parseMovementFile(fs.readFileSync(path.join(dir, f), "utf8"), f);
      const mv = getMovementBySlug(env.db, m.slug)!;
      const snap = latestSnapshot(env.db, mv.id)!;
      expect(snap.reason).toBe("Dữ liệu mẫu");
      const unitName = new Map([...m.units.map((u) => [u.code, u.name] as const)]);
      for (const s of snap.result) {
        const want = m.demo.expect[s.schemeId] ?? {};
        const names = Object.fromEntries(
          Object.entries(want).map(([k, v]) => {
            const person = m.demo.registrations.flatMap((r) => r.people).find((p) => p.key === k);
            const name = person?.name ?? unitName.get(k) ?? env.db.$client.prepare("SELECT name FROM units WHERE code = ?").pluck().get(k);
            return [name, v];
          }),
        );
        expect(Object.fromEntries(s.candidates.map((c) => [c.name, c.standing]))).toEqual(names);
      }
    });
  }

  it("a new declaration changes the inputs: the next evaluation is a new snapshot, and the old one keeps what it saw", () => {
    const mv = getMovementBySlug(env.db, "ninh-thuan-skhcn-2022")!;
    const before = latestSnapshot(env.db, mv.id)!;
    const again = evaluateAndSnapshot(env.db, mv.id, { reason: "Theo yêu cầu", now: Date.now() })!;
    expect(again.created).toBe(false);
    const tt = env.db.$client.prepare("SELECT id FROM units WHERE code = 'NT-TT'").pluck().get() as number;
    upsertDeclaration(env.db, { movementId: mv.id, candidateKey: `unit:${tt}`, criterionCode: "giai-ngan", value: 100, evidence: "https://x.gov.vn/giai-ngan.pdf", status: "accepted", now: Date.now() });
    const after = evaluateAndSnapshot(env.db, mv.id, { reason: "Theo yêu cầu", now: Date.now() + 1 })!;
    expect(after.created).toBe(true);
    expect(snapshotsOf(env.db, mv.id)).toHaveLength(2);
    const old = snapshotById(env.db, mv.id, before.id)!.inputs;
    expect(old.declarations.find((d) => d.candidateKey === `unit:${tt}` && d.criterionId === "giai-ngan")!.evidence).toBeNull();
    // Only the part that changed was stored again: the two snapshots share every other part.
    const manifests = (env.db.$client.prepare("SELECT input_parts FROM evaluation_snapshots WHERE id IN (?, ?) ORDER BY id").pluck().all(before.id, after.id) as string[]).map(
      (m) => (JSON.parse(m) as { parts: Record<string, string> }).parts,
    );
    const changed = Object.keys(manifests[0]).filter((k) => manifests[0][k] !== manifests[1][k]);
    expect(changed).toEqual(["declarations"]);
    const ttRow = after.result[0].candidates.find((c) => c.unitId === tt)!;
    // Still missing: the "no late dossiers" evidence was returned.
    expect(ttRow.standing).toBe("missing_evidence");
    expect(ttRow.results.find((r) => r.criterionId === "khong-tre-hen")!.reason).toContain("Bộ phận Một cửa");
  });

  it("Thăng Bình: the '100%' rule reads the contest's participation as the platform computed it", () => {
    const mv = getMovementBySlug(env.db, "thang-binh-2023")!;
    const first = latestSnapshot(env.db, mv.id)!.result[0];
    expect(first.candidates.every((c) => c.results[0].reason === "Chưa có số liệu tham gia cuộc thi của đơn vị.")).toBe(true);
    const unit = (code: string) => env.db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number;
    const stat = (code: string, participants: number, denominator: number) => ({
      contestId: mv.linkedContestId!, roundId: 0, unitId: unit(code), basis: "headcount" as const, ownParticipants: participants, ownDenominator: denominator,
      ownScoreSum: 0, ownScoreN: 0, participants, denominator, scoreSum: 0, scoreN: 0, updatedAt: Date.now(),
    });
    writeStats(env.db, [stat("513-NV", 9, 9), stat("513-TCKH", 13, 14), stat("20794", 22, 22)], "2023-11-15");
    const ev = evaluateAndSnapshot(env.db, mv.id, { reason: "Tỷ lệ tham gia thay đổi", now: Date.now() })!;
    expect(Object.fromEntries(ev.result[0].candidates.map((c) => [c.name, c.standing]))).toEqual({
      "Phòng Nội vụ": "selected",
      "Phòng Tài chính - Kế hoạch": "not_met",
      "Xã Bình Dương": "selected",
    });
    expect(ev.result[0].candidates.find((c) => c.name === "Phòng Tài chính - Kế hoạch")!.results[0].reason).toContain("còn thiếu 1 người");
  });
});
