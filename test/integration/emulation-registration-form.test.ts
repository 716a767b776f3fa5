import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/account/session.server";
import { memberMovement, saveRegistration } from "../../app/emulation/movements.server";
import { findUserByPhone, rolesOf, userWithUnit } from "../../db/account/users";
import { getMovementBySlug } from "../../db/emulation/queries";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/**
 * The unit's registration form on the server (the schema the browser checks too): the schemes, the people put
 * forward for the individual schemes, the targets and the initiatives. Tuy Phước's movement is opened again
 * for registration and Xã Phước Sơn's approved registration returned, so its head (0900000021) edits it.
 * Every refusal names its field in Vietnamese and changes nothing; a save keeps the people's ids.
 */

const env = useFreshDatabase("emulation-registration-form");
const NOW = Date.parse("2026-12-01T03:00:00Z");
let mv = 0;
let ps = 0;
let head: CurrentUser;
beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: NOW, hashPassword: async () => "x" });
  mv = getMovementBySlug(env.db, "tuy-phuoc-2021-2025")!.id;
  ps = env.db.$client.prepare("SELECT id FROM units WHERE code = 'TPH-PS'").pluck().get() as number;
  env.db.$client.prepare("UPDATE movements SET state = 'launched' WHERE id = ?").run(mv);
  env.db.$client.prepare("UPDATE emulation_registrations SET status = 'tra_lai', return_reason = 'Bổ sung chỉ tiêu' WHERE movement_id = ? AND unit_id = ?").run(mv, ps);
  const u = findUserByPhone(env.db, "0900000021")!;
  head = { id: u.id, fullName: u.fullName, phone: u.phone, unitId: u.unitId, unitName: userWithUnit(env.db, u.id)!.unitName, position: u.position, roles: rolesOf(env.db, u.id) };
});
afterAll(() => env.cleanup());

const fd = (o: Record<string, string | number | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v)) for (const x of v) f.append(k, x);
    else f.set(k, String(v));
  }
  return f;
};
const state = () => ({
  reg: env.db.$client.prepare("SELECT * FROM emulation_registrations WHERE movement_id = ? AND unit_id = ?").get(mv, ps),
  people: env.db.$client.prepare("SELECT p.* FROM emulation_people p JOIN emulation_registrations r ON r.id = p.registration_id WHERE r.movement_id = ? ORDER BY p.id").all(mv),
  audits: env.db.$client.prepare("SELECT count(*) FROM audit_log").pluck().get(),
});
const lanId = () => env.db.$client.prepare("SELECT p.id FROM emulation_people p JOIN emulation_registrations r ON r.id = p.registration_id WHERE r.movement_id = ? AND r.unit_id = ? AND p.full_name = 'Nguyễn Thị Lan'").pluck().get(mv, ps) as number;
const otherPersonId = () => env.db.$client.prepare("SELECT p.id FROM emulation_people p JOIN emulation_registrations r ON r.id = p.registration_id JOIN units u ON u.id = r.unit_id WHERE r.movement_id = ? AND u.code = 'TPH-TT'").pluck().get(mv) as number;
const collective = "gk-tap-the-hang-nam";
const individual = "gk-ca-nhan-hang-nam";

describe("a unit's registration form, checked on the server", () => {
  it("the page gives the form what it needs: schemes, people with their ids, targets, initiatives, the save time", () => {
    const u = memberMovement(head, mv).units.find((x) => x.unitId === ps)!;
    expect(u.canEdit).toBe(true);
    expect(u.registration.people).toEqual([{ id: lanId(), fullName: "Nguyễn Thị Lan", gender: "nu", position: "Công chức Văn phòng - Thống kê" }]);
    expect(u.registration.initiatives).toBe("");
    expect(u.registration.updatedAt).toBeGreaterThan(0);
  });

  it("refuses, by field and in Vietnamese, and changes nothing", () => {
    const before = JSON.stringify(state());
    const cases: [Record<string, string | number | string[]>, { field: string; message: string }][] = [
      [{ unitId: ps, intent: "send" }, { field: "schemes", message: "Chọn ít nhất một hình thức khen thưởng trước khi gửi." }],
      [{ unitId: ps, intent: "send", schemes: [collective, individual] }, { field: "people", message: "Thêm ít nhất một cá nhân cho hình thức Giấy khen hằng năm cho cá nhân tham mưu CCHC của xã, thị trấn, hoặc bỏ chọn hình thức đó." }],
      [{ unitId: ps, intent: "save", schemes: ["khong-co"] }, { field: "schemes", message: "Có hình thức khen thưởng không thuộc phong trào." }],
      [{ unitId: ps, intent: "save", schemes: [individual], "people[0].fullName": "Lê Văn Tư" }, { field: "people[0].gender", message: "Chọn giới tính." }],
      [{ unitId: ps, intent: "save", schemes: [individual], "people[0].fullName": "L", "people[0].gender": "nam" }, { field: "people[0].fullName", message: "Nhập họ và tên người đăng ký." }],
      [{ unitId: ps, intent: "save", targets: "x".repeat(4001) }, { field: "targets", message: "Chỉ tiêu dài quá 4.000 ký tự." }],
      [{ unitId: ps, intent: "save", initiatives: "x".repeat(4001) }, { field: "initiatives", message: "Sáng kiến, mô hình dài quá 4.000 ký tự." }],
      // Another unit's person, by id: refused, not moved over.
      [{ unitId: ps, intent: "save", "people[0].id": otherPersonId(), "people[0].fullName": "Trần Văn Hùng", "people[0].gender": "nam" }, { field: "people[0].fullName", message: "Người này không có trong bản đăng ký của đơn vị; xóa dòng và thêm lại." }],
      [
        { unitId: ps, intent: "save", "people[0].id": lanId(), "people[0].fullName": "Nguyễn Thị Lan", "people[0].gender": "nu", "people[1].fullName": "nguyễn thị lan", "people[1].gender": "nu" },
        { field: "people[1].fullName", message: "Người này đã có trong danh sách đăng ký." },
      ],
    ];
    for (const [form, refusal] of cases) expect(saveRegistration(head, mv, fd(form), NOW + 1000), JSON.stringify(form).slice(0, 80)).toEqual({ ok: false, ...refusal });
    expect(JSON.stringify(state())).toBe(before);
  });

  it("saves the draft: Lan keeps her id (her results are keyed by it), a new person is added, the texts are kept", () => {
    const lan = lanId();
    const r = saveRegistration(
      head,
      mv,
      fd({
        unitId: ps,
        intent: "save",
        schemes: [collective, individual],
        "people[0].id": lan,
        "people[0].fullName": "Nguyễn Thị Lan",
        "people[0].gender": "nu",
        "people[0].position": "Công chức Văn phòng - Thống kê",
        "people[1].fullName": "Lê Văn Tư",
        "people[1].gender": "nam",
        targets: "100% hồ sơ trực tuyến toàn trình",
        initiatives: "Mô hình “Một cửa không chờ”",
      }),
      NOW + 2000,
    );
    expect(r).toEqual({ ok: true, message: "Đã lưu bản đăng ký (chưa gửi)." });
    const u = memberMovement(head, mv).units.find((x) => x.unitId === ps)!;
    expect(u.registration.status).toBe("tra_lai");
    expect(u.registration.people.map((p) => [p.id === lan, p.fullName, p.gender])).toEqual([
      [true, "Nguyễn Thị Lan", "nu"],
      [false, "Lê Văn Tư", "nam"],
    ]);
    expect([u.registration.targets, u.registration.initiatives, u.registration.updatedAt]).toEqual(["100% hồ sơ trực tuyến toàn trình", "Mô hình “Một cửa không chờ”", NOW + 2000]);
    // Removing a row removes that person only; then it is sent.
    expect(saveRegistration(head, mv, fd({ unitId: ps, intent: "send", schemes: [collective, individual], "people[0].id": lan, "people[0].fullName": "Nguyễn Thị Lan", "people[0].gender": "nu" }), NOW + 3000)).toEqual({
      ok: true,
      message: "Đã gửi bản đăng ký đến Ban Tổ chức, chờ duyệt.",
    });
    const after = memberMovement(head, mv).units.find((x) => x.unitId === ps)!.registration;
    expect([after.status, after.people.map((p) => p.id), after.targets]).toEqual(["cho_duyet", [lan], ""]);
  });
});
