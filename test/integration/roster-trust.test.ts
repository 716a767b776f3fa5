import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Queue } from "bullmq";
import { foldVietnamese } from "../../app/core/text";
import { registerParticipant } from "../../app/account/auth.server";
import {
  claimOwnRow,
  ownRosterStatus,
  reviewAction,
  reviewData,
} from "../../app/participation/roster-link.server";
import { unitHeadDashboard } from "../../app/participation/participation.server";
import type { CurrentUser } from "../../app/account/session.server";
import {
  attempts,
  contests,
  rosterClaims,
  rosterEntries,
  rounds,
  units,
  users,
} from "../../db/schema";
import { grantRole, insertUser } from "../../db/account/users";
import {
  closeWebQueues,
  QUEUE,
  queueConfig,
  redisConnection,
} from "../../workers/queues";
import { recomputeContest } from "../../workers/participation";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("roster-trust");
const { db } = env;
afterAll(async () => {
  await closeWebQueues();
  const connection = redisConnection();
  for (const name of Object.values(QUEUE)) {
    const q = new Queue(name, {
      connection,
      prefix: queueConfig().QUEUE_PREFIX,
    });
    await q.obliterate({ force: true });
    await q.close();
  }
  connection.disconnect();
  env.cleanup();
});
const now = Date.now();
const unit = (code: string, parentId: number | null, headcount = 0) =>
  db
    .insert(units)
    .values({
      code,
      name: `Đơn vị ${code}`,
      nameFolded: foldVietnamese(`Đơn vị ${code}`),
      kind: "xa",
      parentId,
      headcount,
    })
    .returning()
    .get();
const D = unit("D", null);
const X = unit("X", D.id);
const Y = unit("Y", D.id);
const row = (
  unitId: number,
  fullName: string,
  extra: Partial<{ birthDate: string; phone: string; cccd: string }>
) =>
  db
    .insert(rosterEntries)
    .values({
      unitId,
      fullName,
      nameFolded: foldVietnamese(fullName),
      createdAt: now,
      ...extra,
    })
    .returning()
    .get();
const hoa = row(X.id, "Trần Thị Hoa", {
  birthDate: "1985-01-20",
  phone: "0905000001",
  cccd: "049085000001",
});
const nam = row(X.id, "Lê Văn Nam", { birthDate: "1979-03-03" });
for (let i = 0; i < 8; i++)
  row(X.id, `Cán bộ ${i}`, { birthDate: "1990-01-01" });
row(Y.id, "Người xã Y", { birthDate: "1990-01-01" });
const contest = db
  .insert(contests)
  .values({ slug: "r", title: "Cuộc thi", createdAt: now })
  .returning()
  .get();
const round = db
  .insert(rounds)
  .values({
    contestId: contest.id,
    kind: "quiz",
    title: "Vòng 1",
    opensAt: now - 3_600_000,
    closesAt: now + 86_400_000,
    status: "published",
    questionCount: 0,
    timeLimitS: 600,
    createdAt: now,
  })
  .returning()
  .get();
const headUser = insertUser(db, {
  fullName: "Thủ trưởng X",
  phone: "0909000001",
  unitId: X.id,
  passwordHash: "x",
  createdAt: now,
});
grantRole(db, headUser.id, "unit_head", X.id);
const headY = insertUser(db, {
  fullName: "Thủ trưởng Y",
  phone: "0909000002",
  unitId: Y.id,
  passwordHash: "x",
  createdAt: now,
});
grantRole(db, headY.id, "unit_head", Y.id);
const as = (
  id: number,
  unitId: number,
  roles: CurrentUser["roles"] = []
): CurrentUser => ({
  id,
  fullName: "",
  phone: "",
  unitId,
  unitName: null,
  position: null,
  roles,
});
const head = as(headUser.id, X.id, [{ role: "unit_head", unitId: X.id }]);
const otherHead = as(headY.id, Y.id, [{ role: "unit_head", unitId: Y.id }]);
const form = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};
const base = {
  position: "Chuyên viên",
  password: "matkhau-123",
  consent: "on" as const,
  email: undefined,
};
const linkedTo = (entryId: number) =>
  db.select().from(rosterEntries).where(eq(rosterEntries.id, entryId)).get()!
    .userId;

describe("roster matching needs two identifiers", () => {
  let intruderId = 0;
  it("someone who knows only a staff member's CCCD gets a pending claim, not the row", async () => {
    const r = await registerParticipant({
      ...base,
      fullName: "Kẻ Mạo Danh",
      birthDate: "1999-09-09",
      phone: "0977000001",
      cccd: "049085000001",
      unitId: Y.id,
    });
    expect(r).toMatchObject({ ok: true, link: "pending" });
    if (!r.ok) return;
    intruderId = r.userId;
    expect(linkedTo(hoa.id)).toBeNull();
    expect(
      db.select().from(users).where(eq(users.id, r.userId)).get()!.unitId
    ).toBe(Y.id);
    expect(ownRosterStatus({ id: r.userId, unitId: Y.id })).toMatchObject({
      verified: false,
      pending: { rowName: "Trần Thị Hoa" },
    });
  });

  it("the real person is told whom to ask; the head refuses the claim, and the real person then registers and is verified", async () => {
    const refused = await registerParticipant({
      ...base,
      fullName: "Trần Thị Hoa",
      birthDate: "1985-01-20",
      phone: "0905000001",
      cccd: "049085000001",
      unitId: X.id,
    });
    expect(refused).toMatchObject({
      ok: false,
      errors: { cccd: [expect.stringContaining("thủ trưởng đơn vị")] },
    });
    // Another unit's head does not see the claim, and cannot act on it.
    expect(reviewData(otherHead).claims).toHaveLength(0);
    const claim = reviewData(head).claims[0];
    expect(claim).toMatchObject({
      entryId: hoa.id,
      userId: intruderId,
      via: "cccd",
    });
    expect(
      await reviewAction(
        otherHead,
        form({ intent: "confirm-claim", claimId: claim.id })
      )
    ).toMatchObject({ ok: false });
    expect(
      await reviewAction(
        head,
        form({ intent: "refuse-claim", claimId: claim.id })
      )
    ).toMatchObject({
      ok: true,
      message: expect.stringContaining("gỡ số CCCD"),
    });
    expect(db.select().from(rosterClaims).all()).toHaveLength(0);
    const real = await registerParticipant({
      ...base,
      fullName: "Tran Thi Hoa",
      birthDate: "1985-01-20",
      phone: "0905000001",
      cccd: "049085000001",
      unitId: X.id,
    });
    expect(real).toMatchObject({ ok: true, link: "linked" });
    if (real.ok) expect(linkedTo(hoa.id)).toBe(real.userId);
  });

  it("a claimed row can be released from the review page", async () => {
    const wrong = await registerParticipant({
      ...base,
      fullName: "Lê Văn Nam",
      birthDate: "1979-03-03",
      phone: "0977000002",
      unitId: X.id,
    });
    expect(wrong).toMatchObject({ ok: true, link: "linked" });
    expect(reviewData(head).linkedRows.map((r) => r.entryId)).toContain(nam.id);
    expect(
      await reviewAction(
        otherHead,
        form({ intent: "release-row", entryId: nam.id })
      )
    ).toMatchObject({ ok: false });
    expect(
      await reviewAction(head, form({ intent: "release-row", entryId: nam.id }))
    ).toMatchObject({ ok: true, message: expect.stringContaining("Đã gỡ") });
    expect(linkedTo(nam.id)).toBeNull();
  });
});

describe("a person who took part but is not matched still counts for their unit", () => {
  it("counts unmatched participants of a unit with a roster, says how many, and lets the person pick their row", async () => {
    // Registered in X with a name the roster spells differently: not matched.
    const r = await registerParticipant({
      ...base,
      fullName: "Cán Bộ Số Không",
      birthDate: "1990-01-01",
      phone: "0977000003",
      unitId: X.id,
    });
    expect(r).toMatchObject({ ok: true, link: "none" });
    if (!r.ok) return;
    db.insert(attempts)
      .values({
        roundId: round.id,
        userId: r.userId,
        attemptNo: 1,
        startedAt: now,
        deadlineAt: now + 600_000,
        questionCount: 0,
        submittedAt: now,
        endReason: "submitted",
        score: 5,
        scoredAt: now,
      })
      .run();
    recomputeContest(db, contest.id, Date.now());
    const dash = unitHeadDashboard(head, {
      unitId: X.id,
      contestId: contest.id,
      roundId: null,
    });
    expect(dash.unit.participants).toBe(1);
    expect(dash.unit.denominator).toBe(10);
    expect(dash.unmatchedParticipants).toBe(1);
    expect(dash.review.unmatched.map((u) => u.id)).toContain(r.userId);
    // The person picks "Cán bộ 0" and confirms with the date of birth the row holds.
    const me = as(r.userId, X.id);
    const status = ownRosterStatus(me);
    expect(status.verified).toBe(false);
    const mine = status.freeRows.find((f) => f.fullName === "Cán bộ 0")!;
    expect(JSON.stringify(status.freeRows)).not.toContain("1990-01-01");
    expect(
      claimOwnRow(
        me,
        form({ intent: "claim-row", entryId: mine.id, birthDate: "1990-01-02" })
      )
    ).toMatchObject({ ok: false, status: 400 });
    expect(linkedTo(mine.id)).toBeNull();
    expect(
      claimOwnRow(
        me,
        form({ intent: "claim-row", entryId: mine.id, birthDate: "1990-01-01" })
      )
    ).toMatchObject({ ok: true });
    expect(linkedTo(mine.id)).toBe(r.userId);
    recomputeContest(db, contest.id, Date.now());
    const after = unitHeadDashboard(head, {
      unitId: X.id,
      contestId: contest.id,
      roundId: null,
    });
    expect(after.unit.participants).toBe(1);
    expect(after.unmatchedParticipants).toBe(0);
  });

  it("a head links an unmatched registration of their subtree to a row, and not one outside it", async () => {
    const r = await registerParticipant({
      ...base,
      fullName: "Người Mới",
      birthDate: "1992-02-02",
      phone: "0977000004",
      unitId: X.id,
    });
    if (!r.ok) throw new Error("register");
    const entry = reviewData(head).unmatched.find((u) => u.id === r.userId)!
      .candidates[0];
    expect(
      await reviewAction(
        otherHead,
        form({ intent: "link", userId: r.userId, entryId: entry.id })
      )
    ).toMatchObject({ ok: false });
    expect(
      await reviewAction(
        head,
        form({ intent: "link", userId: r.userId, entryId: entry.id })
      )
    ).toMatchObject({ ok: true, message: expect.stringContaining("Đã lưu") });
    expect(linkedTo(entry.id)).toBe(r.userId);
  });
});
