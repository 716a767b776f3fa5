import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import {
  type Actor,
  assignJudge,
  judgeEntry,
  judgeWorklist,
  moderateEntry,
  ranking,
  recuse,
  reopenScoring,
  saveCriterion,
  saveEntry,
  scoreEntry,
  updateSettings,
  settingsOf,
} from "../../app/initiatives/initiatives.server";
import { entrySchema } from "../../app/initiatives/initiatives.schemas";
import { auditLog, initiativeRecusals, initiativeScores } from "../../db/schema";
import { grantRole, insertUser } from "../../db/account/users";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

/** Publishing an initiative round's results freezes the judges' scores until an organizer reopens with a reason. */

const env = useFreshDatabase("trust-freeze");
const { db } = env;
afterAll(() => env.cleanup());
const fx = seedQuizFixture(db, { people: 1, round: { kind: "initiative", title: "Vòng sáng kiến" } });
const now = Date.now();
const actorOf = (u: { id: number; unitId: number | null }, roles: Actor["roles"] = []): Actor => ({ id: u.id, unitId: u.unitId, roles });
const orgUser = insertUser(db, { fullName: "Ban Tổ Chức", phone: "0930000001", unitId: null, passwordHash: "x", createdAt: now });
grantRole(db, orgUser.id, "organizer", null);
const organizer = actorOf(orgUser, [{ role: "organizer", unitId: null }]);
const judgeUser = insertUser(db, { fullName: "Giám Khảo", phone: "0930000002", unitId: null, passwordHash: "x", createdAt: now });
grantRole(db, judgeUser.id, "judge");
const judge = actorOf(judgeUser, [{ role: "judge", unitId: null }]);
const author = actorOf(fx.people[0]);
const settings = (resultsPublished: boolean) => ({ ...settingsOf(db, fx.round.id), resultsPublished });

const saved = saveEntry(
  db,
  author,
  {
    roundId: fx.round.id,
    entryId: null,
    values: entrySchema.parse({
      intent: "submit", title: "Bưu điện xã nhận hồ sơ thay một cửa", entrantKind: "unit", unitId: String(fx.unit.id),
      theme: "thu-tuc-bo-may-chinh-quyen-so", summary: "Xã giao cho bưu điện văn hóa xã tiếp nhận hồ sơ, trả kết quả ngay tại điểm bưu điện.",
      novelty: "Không phải đến trụ sở xã.", appliedAt: "Xã Thử Nghiệm", videoUrl: "https://youtu.be/dQw4w9WgXcQ", duration: "4:30",
    }),
  },
  now,
);
if (!saved.ok) throw new Error(saved.message);
const entryId = saved.entryId;
moderateEntry(db, organizer, { entryId, action: "accept" }, now);
saveCriterion(db, organizer, fx.round.id, { name: "Tính mới", weight: 1, maxScore: 10 }, now);
assignJudge(db, organizer, fx.round.id, { userId: judgeUser.id, theme: null }, now);
const criterionId = judgeEntry(db, judge, entryId).ok ? (judgeEntry(db, judge, entryId) as { criteria: { id: number }[] }).criteria[0].id : 0;
const scoreOf = () =>
  db.select().from(initiativeScores).where(and(eq(initiativeScores.entryId, entryId), eq(initiativeScores.judgeId, judgeUser.id))).get()?.score;

describe("publishing freezes the scores", () => {
  it("refuses a judge's score change and recusal after publishing, with a Vietnamese message; the ranking stays", () => {
    expect(scoreEntry(db, judge, entryId, { scores: { [criterionId]: "7" }, comment: null }, now)).toEqual({ ok: true });
    expect(updateSettings(db, organizer, fx.round.id, settings(true), now)).toEqual({ ok: true });
    const before = ranking(db, null, fx.round.id);

    const changed = scoreEntry(db, judge, entryId, { scores: { [criterionId]: "2" }, comment: null }, now + 1);
    expect(changed).toMatchObject({ ok: false, status: 409 });
    if (!changed.ok) expect(changed.message).toMatch(/đã khóa/);
    expect(scoreOf()).toBe(7);
    const out = recuse(db, judge, entryId, "Tôi quen người dự thi", now + 2);
    expect(out).toMatchObject({ ok: false, status: 409 });
    expect(db.select().from(initiativeRecusals).all()).toHaveLength(0);
    expect(ranking(db, null, fx.round.id)).toEqual(before);

    // The judge's pages say so.
    expect(judgeEntry(db, judge, entryId)).toMatchObject({ ok: true, frozen: true });
    expect(judgeWorklist(db, judge)[0].frozen).toBe(true);
  });
  it("does not let the settings form quietly unpublish, nor change criteria or weights behind published results", () => {
    expect(updateSettings(db, organizer, fx.round.id, settings(false), now)).toMatchObject({ ok: false, status: 409 });
    expect(updateSettings(db, organizer, fx.round.id, { ...settings(true), voteWeight: 50 }, now)).toMatchObject({ ok: false, status: 409 });
    expect(saveCriterion(db, organizer, fx.round.id, { name: "Hiệu quả", weight: 5, maxScore: 10 }, now)).toMatchObject({ ok: false, status: 409 });
    expect(settingsOf(db, fx.round.id).resultsPublished).toBe(true);
  });
  it("lets an organizer reopen with a reason, kept in the audit log; then the judge may change the score", () => {
    expect(reopenScoring(db, organizer, fx.round.id, "ngắn", now)).toMatchObject({ ok: false, status: 400 });
    expect(reopenScoring(db, judge, fx.round.id, "Giám khảo nhập nhầm điểm tiêu chí", now)).toMatchObject({ ok: false, status: 403 });
    expect(reopenScoring(db, organizer, fx.round.id, "Giám khảo nhập nhầm điểm tiêu chí", now)).toEqual({ ok: true });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "initiative.scoring.reopen")).get();
    expect(entry?.userId).toBe(orgUser.id);
    expect(JSON.stringify(entry?.detail)).toContain("Giám khảo nhập nhầm điểm tiêu chí");
    expect(settingsOf(db, fx.round.id).resultsPublished).toBe(false);
    expect(scoreEntry(db, judge, entryId, { scores: { [criterionId]: "2" }, comment: null }, now + 3)).toEqual({ ok: true });
    expect(scoreOf()).toBe(2);
  });
});
