import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { findUserByPhone, grantRole, insertUser } from "../account/users";
import type { Db } from "../connection";
import { foldVietnamese } from "../../app/core/text";
import { saveSettings, setCouncilMember } from "./queries";

/** The awards part of the demo: settings, the council and the accounts of the two seeds' movements. */

const phone = z.string().regex(/^0\d{9}$/);
const demoFile = z.object({
  movements: z.array(
    z.object({
      slug: z.string(),
      /** The level above the movement's tree that forwarded proposals go to; the tree's root is put under it. */
      above: z.object({ code: z.string(), name: z.string().min(1), kind: z.string(), below: z.string() }).optional(),
      settings: z.object({
        deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
        ballotMode: z.enum(["open", "secret"]),
        passMark: z.enum(["more_than_half", "two_thirds"]),
        quorum: z.enum(["more_than_half", "two_thirds"]),
        issuingBody: z.string().min(1),
        issuingParent: z.string().nullable(),
        symbol: z.string().min(1),
        place: z.string().min(1),
        signerTitle: z.string().min(1),
        signerName: z.string(),
      }),
      accounts: z.array(
        z.object({
          phone,
          fullName: z.string().min(1),
          unit: z.string(),
          position: z.string(),
          role: z.enum(["organizer", "unit_head"]).optional(),
          council: z.enum(["chu_tich", "pho_chu_tich", "thu_ky", "thanh_vien"]).optional(),
          person: z.boolean().optional(),
          /** The council seat belongs to this existing account instead (one person, two hats). */
          same: phone.optional(),
        }),
      ),
    }),
  ),
});

export function seedAwards(db: Db, contentDir: string, now: number, passwordHash: string): void {
  const file = path.join(contentDir, "awards", "demo.yaml");
  if (!fs.existsSync(file)) return;
  const demo = demoFile.parse(parseYaml(fs.readFileSync(file, "utf8")));
  const unitId = (code: string) => db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number | undefined;
  db.transaction(() => {
    for (const mv of demo.movements) {
      const m = db.$client.prepare("SELECT id, organizer_unit_id AS organizerUnitId FROM movements WHERE slug = ?").get(mv.slug) as { id: number; organizerUnitId: number } | undefined;
      if (!m) continue;
      if (mv.above) {
        const a = mv.above;
        db.$client.prepare("INSERT INTO units (code, name, name_folded, kind, parent_id, headcount, sort_order) VALUES (?, ?, ?, ?, NULL, 0, 9999) ON CONFLICT DO NOTHING").run(a.code, a.name, foldVietnamese(a.name), a.kind);
        db.$client.prepare("UPDATE units SET parent_id = (SELECT id FROM units WHERE code = ?) WHERE code = ? AND parent_id IS NULL").run(a.code, a.below);
      }
      saveSettings(db, { movementId: m.id, ...mv.settings, certOffsetX: 0, certOffsetY: 0, certBlank: false, updatedAt: now });
      for (const a of mv.accounts) {
        const uid = unitId(a.unit);
        if (uid === undefined) throw new Error(`awards/demo.yaml: không có đơn vị mã ${a.unit}.`);
        let user = findUserByPhone(db, a.same ?? a.phone);
        if (!user) user = insertUser(db, { fullName: a.fullName, phone: a.phone, unitId: uid, position: a.position, passwordHash, consentAt: now, createdAt: now });
        if (a.role) grantRole(db, user.id, a.role, uid);
        if (a.council) setCouncilMember(db, { levelUnitId: m.organizerUnitId, userId: user.id, role: a.council, title: a.position });
        if (a.person) {
          // The registered candidate of that name in the unit is this account: their awards reach /tai-khoan.
          db.$client
            .prepare(`UPDATE emulation_people SET user_id = ? WHERE full_name = ? AND registration_id IN (SELECT id FROM emulation_registrations WHERE unit_id = ? AND movement_id = ?)`)
            .run(user.id, a.fullName, uid, m.id);
        }
      }
    }
  });
}
