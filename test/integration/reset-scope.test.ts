import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { foldVietnamese } from "../../app/core/text";
import {
  createResetLink,
  searchPeopleForReset,
} from "../../app/account/privacy.server";
import type { CurrentUser } from "../../app/account/session.server";
import {
  contests,
  initiativeJudges,
  passwordResetTokens,
  rounds,
  units,
} from "../../db/schema";
import { grantRole, insertUser } from "../../db/account/users";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("reset-scope");
const { db } = env;
afterAll(() => env.cleanup());
const now = Date.now();
const unit = (code: string, parentId: number | null) =>
  db
    .insert(units)
    .values({
      code,
      name: `Đơn vị ${code}`,
      nameFolded: foldVietnamese(`Đơn vị ${code}`),
      kind: "xa",
      parentId,
      headcount: 5,
    })
    .returning()
    .get();
// District D > communes X, Y; another district E.
const D = unit("D", null);
const X = unit("X", D.id);
const Y = unit("Y", D.id);
const E = unit("E", null);
let n = 0;
const person = (name: string, unitId: number) =>
  insertUser(db, {
    fullName: name,
    phone: `09220000${String(n++).padStart(2, "0")}`,
    unitId,
    passwordHash: "x",
    createdAt: now,
  });
const as = (
  u: { id: number; fullName: string; phone: string; unitId: number | null },
  roles: CurrentUser["roles"]
): CurrentUser => ({
  id: u.id,
  fullName: u.fullName,
  phone: u.phone,
  unitId: u.unitId,
  unitName: null,
  position: null,
  roles,
});

// The district-wide unit head works in commune X, but heads the whole district.
const districtHead = person("Thủ trưởng huyện", X.id);
grantRole(db, districtHead.id, "unit_head", D.id);
const communeHeadUser = person("Thủ trưởng xã", X.id);
grantRole(db, communeHeadUser.id, "unit_head", X.id);
const communeHead = as(communeHeadUser, [{ role: "unit_head", unitId: X.id }]);
const staff = person("Cán bộ xã", X.id);
// A judge of contest E (organized by district E) whose account sits in commune Y.
const judgeE = person("Giám khảo huyện E", Y.id);
grantRole(db, judgeE.id, "judge", null);
const contestE = db
  .insert(contests)
  .values({
    slug: "e",
    title: "Cuộc thi E",
    organizerUnitId: E.id,
    createdAt: now,
  })
  .returning()
  .get();
const roundE = db
  .insert(rounds)
  .values({
    contestId: contestE.id,
    kind: "initiative",
    title: "Sáng kiến E",
    opensAt: now,
    closesAt: now + 1,
    createdAt: now,
  })
  .returning()
  .get();
db.insert(initiativeJudges)
  .values({ roundId: roundE.id, userId: judgeE.id, theme: null })
  .run();
const orgDUser = person("Ban Tổ chức D", D.id);
grantRole(db, orgDUser.id, "organizer", D.id);
const orgD = as(orgDUser, [{ role: "organizer", unitId: D.id }]);
const orgEUser = person("Ban Tổ chức E", E.id);
grantRole(db, orgEUser.id, "organizer", E.id);
const orgE = as(orgEUser, [{ role: "organizer", unitId: E.id }]);
const tokens = () => db.select().from(passwordResetTokens).all().length;

describe("reset links reach only people all of whose roles lie in the creator's scope", () => {
  it("a commune head cannot reset the unit head of the whole district, though that head's account is in the commune", () => {
    const before = tokens();
    expect(
      createResetLink(
        communeHead,
        "unit_head",
        districtHead.id,
        "http://x",
        now
      )
    ).toMatchObject({ ok: false, status: 403 });
    expect(tokens()).toBe(before);
    expect(
      searchPeopleForReset(communeHead, "unit_head", "Thu truong huyen")
    ).toMatchObject([{ id: districtHead.id, allowed: false }]);
    // A participant of the commune is still reset by their head.
    expect(
      createResetLink(communeHead, "unit_head", staff.id, "http://x", now)
    ).toMatchObject({ ok: true });
  });

  it("an organizer cannot take over a judge outside their scope; the judge's own organizer can", () => {
    const before = tokens();
    expect(
      createResetLink(orgD, "organizer", judgeE.id, "http://x", now)
    ).toMatchObject({ ok: false, status: 403 });
    expect(tokens()).toBe(before);
    expect(searchPeopleForReset(orgD, "organizer", "Giam khao")).toMatchObject([
      { id: judgeE.id, allowed: false },
    ]);
    expect(
      createResetLink(orgE, "organizer", judgeE.id, "http://x", now)
    ).toMatchObject({ ok: true });
  });

  it("unit heads are reset by an organizer of their scope or an admin, not by an organizer elsewhere", () => {
    expect(
      createResetLink(orgE, "organizer", districtHead.id, "http://x", now)
    ).toMatchObject({ ok: false, status: 403 });
    expect(
      createResetLink(orgD, "organizer", districtHead.id, "http://x", now)
    ).toMatchObject({ ok: true });
    const admin = as(orgEUser, [{ role: "admin", unitId: null }]);
    expect(
      createResetLink(admin, "organizer", judgeE.id, "http://x", now)
    ).toMatchObject({ ok: true });
    // Participants stay reachable by any organizer, as before.
    expect(
      createResetLink(orgE, "organizer", staff.id, "http://x", now)
    ).toMatchObject({ ok: true });
  });
});
