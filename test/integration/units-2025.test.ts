import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { confirmUnitImport, previewUnitImport } from "../../app/participation/units-admin.server";
import type { CurrentUser } from "../../app/account/session.server";
import { listUnits } from "../../db/participation/units";
import { insertUser } from "../../db/account/users";
import { closeWebQueues } from "../../workers/queues";
import { useFreshDatabase } from "../helpers/db";

// content/units-2025.xlsx is the unit tree after 01/7/2025 (no district level): an organizer starts a new
// contest from it. It must go through the same preview and confirmation as any organizer's file.
const env = useFreshDatabase("units-2025");

afterAll(async () => {
  await closeWebQueues();
  env.cleanup();
});

describe("the post-2025 unit tree shipped in content/", () => {
  it("imports cleanly through the unit-tree importer: Đà Nẵng with the six communes of former Thăng Bình, no district", async () => {
    const user = insertUser(env.db, { fullName: "Ban Tổ chức", phone: "0911000001", passwordHash: "x", createdAt: Date.now() });
    const organizer: CurrentUser = { id: user.id, fullName: user.fullName, phone: user.phone, unitId: null, unitName: null, position: null, roles: [{ role: "organizer", unitId: null }] };
    const bytes = fs.readFileSync(path.resolve("content/units-2025.xlsx"));
    const form = new FormData();
    form.set("file", new File([new Uint8Array(bytes)], "units-2025.xlsx"));

    const preview = await previewUnitImport(organizer, form);
    expect(preview, JSON.stringify(preview)).toMatchObject({ ok: true, preview: { kind: "units", count: 7, note: "7 đơn vị mới, 0 đơn vị cập nhật." } });
    if (!preview.ok || !preview.preview) throw new Error("no preview");

    const done = await confirmUnitImport(organizer, preview.preview.taskId);
    expect(done).toEqual({ ok: true, message: "Đã nhập: 7 đơn vị mới, 0 đơn vị cập nhật." });

    const units = listUnits(env.db);
    const city = units.find((u) => u.code === "48");
    expect(city).toMatchObject({ name: "Thành phố Đà Nẵng", kind: "tinh", parentId: null });
    const communes = units.filter((u) => u.parentId === city!.id);
    expect(communes.map((u) => u.name).sort()).toEqual(
      ["Xã Thăng An", "Xã Thăng Bình", "Xã Thăng Điền", "Xã Thăng Phú", "Xã Thăng Trường", "Xã Đồng Dương"].sort(),
    );
    expect(communes.every((u) => u.kind === "xa")).toBe(true);
    expect(units.some((u) => u.kind === "huyen")).toBe(false);
  });
});
