import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import {
  type Actor,
  assignJudge,
  castVote,
  importArchive,
  judgeEntry,
  judgeWorklist,
  listCriteriaFor,
  moderateEntry,
  ranking,
  recuse,
  saveEntry,
  saveCriterion,
  scoreEntry,
  similarTo,
  updateSettings,
} from "../../app/initiatives/initiatives.server";
import { entrySchema, type EntryInput } from "../../app/initiatives/initiatives.schemas";
import { auditLog, initiativeEntries, initiativeScores, rosterEntries, rounds, units } from "../../db/schema";
import { grantRole, insertUser } from "../../db/account/users";
import { foldVietnamese } from "../../app/core/text";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("initiatives");
const { db } = env;
const fx = seedQuizFixture(db, { people: 3, round: { kind: "initiative", title: "Vòng sáng kiến" } });
afterAll(() => env.cleanup());

const now = Date.now();
const otherUnit = db.insert(units).values({ code: "T2", name: "Phòng Nội vụ", nameFolded: foldVietnamese("Phòng Nội vụ"), kind: "phong" }).returning().get();
const actorOf = (user: { id: number; unitId: number | null }, roles: Actor["roles"] = []): Actor => ({ id: user.id, unitId: user.unitId, roles });
const [alice, bob] = fx.people.map((p) => actorOf(p));
const mkUser = (phone: string, unitId: number) => insertUser(db, { fullName: `Người ${phone}`, phone, unitId, passwordHash: "x", createdAt: now });
const orgUser = mkUser("0920000001", otherUnit.id);
grantRole(db, orgUser.id, "organizer", null);
const organizer = actorOf(orgUser, [{ role: "organizer", unitId: null }]);
const judgeOther = mkUser("0920000002", otherUnit.id);
const judgeSame = mkUser("0920000003", fx.unit.id);
const judgeUnassigned = mkUser("0920000004", otherUnit.id);
for (const j of [judgeOther, judgeSame, judgeUnassigned]) grantRole(db, j.id, "judge");
const [jOther, jSame, jNone] = [judgeOther, judgeSame, judgeUnassigned].map((j) => actorOf(j, [{ role: "judge", unitId: null }]));

function values(over: Partial<Record<string, string>> = {}): EntryInput {
  const parsed = entrySchema.safeParse({
    intent: "save",
    title: "Bưu điện xã nhận hồ sơ và trả kết quả thủ tục hành chính thay bộ phận một cửa",
    entrantKind: "unit",
    unitId: String(fx.unit.id),
    theme: "thu-tuc-bo-may-chinh-quyen-so",
    summary: "Xã giao cho bưu điện văn hóa xã tiếp nhận hồ sơ, trả kết quả thủ tục hành chính cho người dân ngay tại điểm bưu điện gần nhà.",
    novelty: "Người dân không phải đến trụ sở xã.",
    appliedAt: "Xã Thử Nghiệm, từ tháng 3/2024",
    videoUrl: "https://youtu.be/dQw4w9WgXcQ",
    duration: "4:30",
    ...over,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const archiveYaml = fs.readFileSync("content/initiatives-archive.yaml", "utf8");
let entryId = 0;
let secondId = 0;

describe("the archive", () => {
  it("imports all 46 real initiatives once, and a second import adds nothing", () => {
    expect(importArchive(db, organizer, archiveYaml, now)).toEqual({ ok: true, added: 46, total: 46 });
    expect(importArchive(db, organizer, archiveYaml, now)).toEqual({ ok: true, added: 0, total: 46 });
  });
  it("refuses a bad file whole, naming the item and field", () => {
    const r = importArchive(db, organizer, "initiatives:\n  - title: Một sáng kiến mới\n    unit: UBND xã\n    province: Quảng Nam\n    source: không-phải-link\n    summary: Tóm tắt đủ dài để qua.\n", now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(/Mục 1, trường “source”/);
  });
});

describe("an entry's life", () => {
  it("is saved as a draft, then submitted by its owner", () => {
    const saved = saveEntry(db, alice, { roundId: fx.round.id, entryId: null, values: values() }, now);
    expect(saved).toMatchObject({ ok: true, status: "draft" });
    if (!saved.ok) return;
    entryId = saved.entryId;
    const row = db.select().from(initiativeEntries).where(eq(initiativeEntries.id, entryId)).get()!;
    expect(row.videoUrl).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    expect(row.durationS).toBe(270);
    expect(saveEntry(db, alice, { roundId: fx.round.id, entryId, values: values({ intent: "submit" }) }, now)).toMatchObject({ ok: true, status: "submitted" });
  });

  it("refuses the same video under another link shape in another entry", () => {
    const r = saveEntry(db, bob, { roundId: fx.round.id, entryId: null, values: values({ videoUrl: "https://www.youtube.com/shorts/dQw4w9WgXcQ", title: "Một sáng kiến khác hẳn" }) }, now);
    expect(r).toMatchObject({ ok: false, status: 409, field: "videoUrl" });
  });

  it("does not let another participant edit it", () => {
    const r = saveEntry(db, bob, { roundId: fx.round.id, entryId, values: values({ title: "Đã bị sửa trộm" }) }, now);
    expect(r).toMatchObject({ ok: false, status: 404 });
    expect(db.select().from(initiativeEntries).where(eq(initiativeEntries.id, entryId)).get()!.title).not.toMatch(/trộm/);
  });

  it("does not let its owner edit it after the round closes", () => {
    const r = saveEntry(db, alice, { roundId: fx.round.id, entryId, values: values({ title: "Sửa sau hạn chót" }) }, fx.round.closesAt + 1);
    expect(r).toMatchObject({ ok: false, status: 409 });
  });

  it("finds a reworded idea in the archive and in the contest, diacritics or not", () => {
    const reworded = saveEntry(
      db,
      bob,
      {
        roundId: fx.round.id,
        entryId: null,
        values: values({
          intent: "submit",
          title: "Buu dien van hoa xa lam diem tiep nhan ho so cho nguoi dan",
          summary: "Nguoi dan nop ho so thu tuc va nhan ket qua tai buu dien xa thay vi den bo phan mot cua cua UBND xa.",
          videoUrl: "https://vimeo.com/76979871",
        }),
      },
      now,
    );
    expect(reworded.ok).toBe(true);
    if (!reworded.ok) return;
    secondId = reworded.entryId;
    const similar = similarTo(db, reworded.entryId, { forOrganizer: true });
    expect(similar.entries[0]?.id).toBe(entryId);
    expect(similar.archive.slice(0, 3).map((a) => a.title)).toContain("Bộ phận một cửa cấp xã chuyển sang tiếp nhận và trả hồ sơ tại bưu điện xã");
    // The author sees titles only, not who sent the other entry.
    expect(similarTo(db, reworded.entryId, { forOrganizer: false }).entries[0]?.unit).toBeNull();
  });
});

describe("moderation and the jury", () => {
  it("needs a reason to reject, and only organizers moderate", () => {
    expect(moderateEntry(db, organizer, { entryId, action: "reject" }, now)).toMatchObject({ ok: false, status: 400 });
    expect(moderateEntry(db, alice, { entryId, action: "accept" }, now)).toMatchObject({ ok: false, status: 403 });
    expect(moderateEntry(db, organizer, { entryId, action: "publish" }, now)).toMatchObject({ ok: false, status: 409 });
    expect(moderateEntry(db, organizer, { entryId, action: "accept" }, now)).toEqual({ ok: true });
    expect(moderateEntry(db, organizer, { entryId, action: "publish" }, now)).toEqual({ ok: true });
    expect(db.select().from(auditLog).where(eq(auditLog.action, "initiative.accept")).all()).toHaveLength(1);
  });

  it("no longer lets the author edit an accepted entry", () => {
    expect(saveEntry(db, alice, { roundId: fx.round.id, entryId, values: values() }, now)).toMatchObject({ ok: false, status: 409 });
  });

  it("enforces assignment and conflict of interest", () => {
    saveCriterion(db, organizer, fx.round.id, { name: "Tính mới", weight: 3, maxScore: 10 }, now);
    saveCriterion(db, organizer, fx.round.id, { name: "Chất lượng video", weight: 1, maxScore: 100 }, now);
    expect(assignJudge(db, organizer, fx.round.id, { userId: judgeOther.id, theme: null }, now)).toEqual({ ok: true });
    expect(assignJudge(db, organizer, fx.round.id, { userId: judgeSame.id, theme: "thu-tuc-bo-may-chinh-quyen-so" }, now)).toEqual({ ok: true });
    expect(assignJudge(db, organizer, fx.round.id, { userId: alice.id, theme: null }, now)).toMatchObject({ ok: false, status: 400 });
    const [c1, c2] = listCriteriaFor(db, fx.round.id);
    const sheet = { [c1.id]: "8", [c2.id]: "40" };
    expect(scoreEntry(db, jNone, entryId, { scores: sheet, comment: null }, now)).toMatchObject({ ok: false, status: 403, message: /không được phân công/ });
    expect(scoreEntry(db, jSame, entryId, { scores: sheet, comment: null }, now)).toMatchObject({ ok: false, status: 403, message: /đơn vị mình/ });
    expect(scoreEntry(db, jOther, entryId, { scores: { [c1.id]: "11", [c2.id]: "40" }, comment: null }, now)).toMatchObject({ ok: false, status: 400 });
    expect(db.select().from(initiativeScores).all()).toHaveLength(0);
    expect(scoreEntry(db, jOther, entryId, { scores: sheet, comment: "Ý tưởng tốt." }, now)).toEqual({ ok: true });
    expect(judgeWorklist(db, jSame)[0].items.find((i) => i.id === entryId)?.state).toBe("excluded");
    const ranked = ranking(db, organizer, fx.round.id);
    expect(ranked.ok && ranked.rows.find((r) => r.entryId === entryId)).toMatchObject({ jury: 70, final: 70, rank: 1, prize: "Giải Nhất" });
  });

  it("lets a judge recuse with a reason, which drops their scores", () => {
    expect(recuse(db, jOther, entryId, "", now)).toMatchObject({ ok: false, status: 400 });
    expect(recuse(db, jOther, entryId, "Tôi từng góp ý cho sáng kiến này.", now)).toEqual({ ok: true });
    expect(db.select().from(initiativeScores).all()).toHaveLength(0);
    expect(scoreEntry(db, jOther, entryId, { scores: {}, comment: null }, now)).toMatchObject({ ok: false, status: 403, message: /xin không chấm/ });
  });
});

describe("the public vote", () => {
  it("takes one vote per person per entry, up to the cap, and only when the round opens the vote", () => {
    expect(castVote(db, bob, entryId, "vote", now)).toMatchObject({ ok: false, status: 409 });
    updateSettings(db, organizer, fx.round.id, { blindReview: true, zScore: false, resultsPublished: false, voteWeight: 30, voteCap: 1, providers: ["youtube", "vimeo"], govSuffixes: [], prizes: [] }, now);
    expect(castVote(db, alice, entryId, "vote", now)).toMatchObject({ ok: false, message: /của mình/ });
    // The vote counts verified people only by default: bob is matched to his unit's staff list first.
    expect(castVote(db, bob, entryId, "vote", now)).toMatchObject({ ok: false, status: 403, message: /đã khớp danh sách/ });
    db.insert(rosterEntries).values({ unitId: fx.unit.id, fullName: "Bob", nameFolded: "bob", userId: bob.id, createdAt: now }).run();
    expect(castVote(db, bob, entryId, "vote", now)).toEqual({ ok: true });
    expect(castVote(db, bob, entryId, "vote", now)).toMatchObject({ ok: false, status: 409 });
    const ranked = ranking(db, organizer, fx.round.id);
    expect(ranked.ok && ranked.rows.find((r) => r.entryId === entryId)?.votes).toBe(1);
  });
  it("hides the entrant and unit from judges under blind review", () => {
    moderateEntry(db, organizer, { entryId: secondId, action: "accept" }, now);
    const view = judgeEntry(db, jOther, secondId);
    expect(view.ok && view.entry).toMatchObject({ unitName: null, authors: [], entrantKind: null });
    expect(judgeWorklist(db, jOther)[0].items.find((i) => i.id === secondId)?.unitName).toBeNull();
  });

  it("applies the round's list of video sites to new links", () => {
    const r = saveEntry(db, fx.people[2] && actorOf(fx.people[2]), { roundId: fx.round.id, entryId: null, values: values({ videoUrl: "https://www.tiktok.com/@a/video/7301234567890123456", title: "Sáng kiến thứ ba" }) }, now);
    expect(r).toMatchObject({ ok: false, status: 400, message: /không nhận video từ TikTok/ });
    expect(db.select().from(rounds).where(eq(rounds.id, fx.round.id)).get()!.kind).toBe("initiative");
  });
});
