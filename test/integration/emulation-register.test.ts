import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../../app/core/text";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { figuresFor } from "../../db/awards/figures";
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

function evaluate() {
  const mv = getMovementBySlug(db, "can-tho-vp-ubnd-2019")!;
  return evaluateAndSnapshot(db, mv.id, { reason: "Sổ sáng kiến thay đổi", now: Date.now() })!;
}

function ksttResult() {
  const scheme = evaluate().result.find((s) => s.schemeId === "giay-khen-tap-the")!;
  const unit = scheme.candidates.find((c) => c.unitId === unitId("CT-KSTT"))!;
  return unit.results.find((r) => r.criterionId === "sang-kien-phong")!;
}

describe("the emulation criteria read the initiatives register where it has data", () => {
  it("uses the imported recognition while the register is silent, then the register's, and follows its decision", () => {
    expect(ksttResult()).toMatchObject({ outcome: "met" });
    expect(ksttResult().reason).toContain("Tra cứu thủ tục bằng mã QR");

    const now = Date.now();
    const council = db
      .insert(irCouncils)
      .values({ unitId: unitId("CT"), level: "district", name: `${COUNCIL} (khóa mới)`, criteria: [{ key: "moi", name: "Tính mới", maxPoints: 100 }], passMark: 50, createdAt: now, updatedAt: now })
      .returning()
      .get();
    const title = "Phần mềm quản lý lịch công tác của phòng";
    const request = db
      .insert(irRequests)
      .values({ unitId: unitId("CT-KSTT"), councilId: council.id, title, field: "Cải cách hành chính", state: "recognised", decidedScope: "co_so", year: 2019, searchFolded: foldVietnamese(title), createdAt: now, updatedAt: now })
      .returning()
      .get();
    // Recognised by a council of another name: not the office's, so the department does not meet it.
    const otherCouncil = ksttResult();
    expect(otherCouncil.outcome).toBe("not_met");
    expect(otherCouncil.reason).not.toContain("Tra cứu thủ tục bằng mã QR");
    db.update(irCouncils).set({ name: COUNCIL }).where(eq(irCouncils.id, council.id)).run();
    const fromRegister = ksttResult();
    expect(fromRegister.outcome).toBe("met");
    expect(fromRegister.reason).toContain(title);

    // The council does not recognise it after all: the department now has none for 2019.
    db.update(irRequests).set({ state: "not_recognised" }).where(eq(irRequests.id, request.id)).run();
    const after = ksttResult();
    expect(after.outcome).toBe("not_met");
    expect(after.reason).toContain("Có 0 sáng kiến được công nhận");
  });

  it("keeps the office's recognition of Phòng Văn xã, carried into the demo register, for its department and its author", () => {
    const result = evaluate().result;
    const vx = result.find((s) => s.schemeId === "giay-khen-tap-the")!.candidates.find((c) => c.unitId === unitId("CT-VX"))!;
    expect(vx.results.find((r) => r.criterionId === "sang-kien-phong")).toMatchObject({ outcome: "met" });
    const people = result.find((s) => s.schemeId === "giay-khen-ca-nhan")!.candidates;
    const outcome = (name: string) => people.find((c) => c.name === name)!.results.find((r) => r.criterionId === "sang-kien-ca-nhan")!;
    expect(outcome("Ngô Văn Dũng")).toMatchObject({ outcome: "met" });
    expect(outcome("Ngô Văn Dũng").reason).toContain("Lịch họp điện tử");
    expect(outcome("Mai Thị Giang").outcome).toBe("not_met");
  });

  it("fills the báo cáo thành tích with the register's recognitions where it holds the unit's year, per author", () => {
    const vx = unitId("CT-VX");
    const person = (name: string) => db.$client.prepare("SELECT id, user_id AS userId FROM emulation_people WHERE full_name = ?").get(name) as { id: number; userId: number };
    const dung = person("Ngô Văn Dũng");
    const giang = person("Mai Thị Giang");
    const base = { unitId: vx, year: 2019, target: "individual" as const };
    expect(figuresFor(db, { ...base, candidateKey: `person:${dung.id}`, personUserId: dung.userId, emulationPersonId: dung.id }).initiatives).toEqual([
      { year: 2019, title: "Lịch họp điện tử", scope: "co_so", council: COUNCIL },
    ]);
    expect(figuresFor(db, { ...base, candidateKey: `person:${giang.id}`, personUserId: giang.userId, emulationPersonId: giang.id }).initiatives).toEqual([]);
    // Phòng Kinh tế's year is not in the register: its imported recognitions stay.
    const kt = figuresFor(db, { unitId: unitId("CT-KT"), year: 2019, target: "collective", candidateKey: `unit:${unitId("CT-KT")}`, personUserId: null, emulationPersonId: null }).initiatives;
    expect(kt.map((i) => i.title)).toEqual(["Bảng theo dõi văn bản đến hạn", "Mẫu hóa tờ trình kinh tế", "Số hóa sổ công văn"]);
  });
});
