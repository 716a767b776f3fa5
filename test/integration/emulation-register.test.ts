import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../../app/core/text";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { getMovementBySlug } from "../../db/emulation/queries";
import { irCouncils, irRequests } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { eq } from "drizzle-orm";
import { useFreshDatabase } from "../helpers/db";

/**
 * Seed 004: each department needs an initiative recognised by the office's council. The movement's file brings
 * imported recognitions; once the initiatives register holds a department's year, the criterion reads the
 * register instead, and follows its decisions.
 */
const env = useFreshDatabase("emulation-register");
const db = env.db;
beforeAll(async () => {
  await seedDemo(db, { contentDir: path.resolve("content"), now: Date.parse("2026-01-05T02:00:00Z"), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

const COUNCIL = "Hội đồng Sáng kiến Văn phòng UBND thành phố";
const unitId = (code: string) => db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number;

function vanXaResult() {
  const mv = getMovementBySlug(db, "can-tho-vp-ubnd-2019")!;
  const ev = evaluateAndSnapshot(db, mv.id, { reason: "Sổ sáng kiến thay đổi", now: Date.now() })!;
  const scheme = ev.result.find((s) => s.schemeId === "giay-khen-tap-the")!;
  const vx = scheme.candidates.find((c) => c.unitId === unitId("CT-VX"))!;
  return vx.results.find((r) => r.criterionId === "sang-kien-phong")!;
}

describe("the emulation criteria read the initiatives register where it has data", () => {
  it("uses the imported recognition while the register is silent, then the register's, and follows its decision", () => {
    expect(vanXaResult()).toMatchObject({ outcome: "met" });
    expect(vanXaResult().reason).toContain("Lịch họp điện tử");

    const now = Date.now();
    const council = db
      .insert(irCouncils)
      .values({ unitId: unitId("CT"), level: "district", name: COUNCIL, criteria: [{ key: "moi", name: "Tính mới", maxPoints: 100 }], passMark: 50, createdAt: now, updatedAt: now })
      .returning()
      .get();
    const title = "Phần mềm quản lý lịch công tác của phòng";
    const request = db
      .insert(irRequests)
      .values({ unitId: unitId("CT-VX"), councilId: council.id, title, field: "Cải cách hành chính", state: "recognised", decidedScope: "co_so", year: 2019, searchFolded: foldVietnamese(title), createdAt: now, updatedAt: now })
      .returning()
      .get();
    const fromRegister = vanXaResult();
    expect(fromRegister.outcome).toBe("met");
    expect(fromRegister.reason).toContain(title);
    expect(fromRegister.reason).not.toContain("Lịch họp điện tử");

    // The council does not recognise it after all: the department now has none for 2019.
    db.update(irRequests).set({ state: "not_recognised" }).where(eq(irRequests.id, request.id)).run();
    const after = vanXaResult();
    expect(after.outcome).toBe("not_met");
    expect(after.reason).toContain("Có 0 sáng kiến được công nhận");
  });
});
