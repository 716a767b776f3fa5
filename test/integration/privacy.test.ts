import { afterAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../../app/core/text";
import { RESET_LINK_TTL_MS } from "../../app/core/account/privacy";
import { hashPassword, verifyPassword } from "../../app/account/password.server";
import { createResetLink, ownDataExport, redeemResetLink, resetLinkState, searchPeopleForReset, logoutEverywhere } from "../../app/account/privacy.server";
import { createSession, type CurrentUser } from "../../app/account/session.server";
import { integritySignals } from "../../app/account/integrity.server";
import { loader as headExportLoader } from "../../app/routes/don-vi.xuat";
import { loader as ownDataLoader } from "../../app/routes/tai-khoan.du-lieu";
import { answers, attemptItems, attempts, auditLog, contests, passwordResetTokens, questionVersions, rounds, sessions, units } from "../../db/schema";
import { recordSignupAddress } from "../../db/account/privacy";
import { findUserById, grantRole, insertUser } from "../../db/account/users";
import { useFreshDatabase } from "../helpers/db";
import { seedQuizFixture } from "../helpers/db";
import { eq } from "drizzle-orm";

const env = useFreshDatabase("privacy");
const { db } = env;
afterAll(() => env.cleanup());

const now = Date.now();
const fx = seedQuizFixture(db, { people: 0, round: { reviewPolicy: "after_close", questionCount: 3 } });
db.update(contests).set({ organizerUnitId: fx.unit.id }).where(eq(contests.id, fx.contest.id)).run();
const unit = (code: string, parentId: number | null) =>
  db.insert(units).values({ code, name: `Đơn vị ${code}`, nameFolded: foldVietnamese(`Đơn vị ${code}`), kind: "xa", parentId, headcount: 5 }).returning().get();
// fx.unit (T1) > A > A1; T1 > B
const A = unit("A", fx.unit.id);
const A1 = unit("A1", A.id);
const B = unit("B", fx.unit.id);
const hash = await hashPassword("matkhau-cu-123");
const person = (name: string, phone: string, unitId: number, extra: Partial<{ cccd: string; email: string }> = {}) =>
  insertUser(db, { fullName: name, phone, unitId, passwordHash: hash, consentAt: now - 1000, createdAt: now - 1000, ...extra });
const an = person("Phạm Văn An", "0911000001", A1.id, { cccd: "001234567834", email: "an@example.vn" });
const binh = person("Võ Thị Bình", "0911000002", B.id, { cccd: "009876543210" });
const headUser = person("Trần Thủ Trưởng", "0911000003", A.id);
grantRole(db, headUser.id, "unit_head", A.id);
const orgUser = person("Ban Tổ Chức", "0911000004", fx.unit.id);
grantRole(db, orgUser.id, "organizer", fx.unit.id);
const otherOrg = person("Tổ chức khác", "0911000005", A1.id);
grantRole(db, otherOrg.id, "organizer", B.id);

const asUser = (u: { id: number; fullName: string; phone: string; unitId: number | null }, roles: CurrentUser["roles"] = []): CurrentUser => ({
  id: u.id,
  fullName: u.fullName,
  phone: u.phone,
  unitId: u.unitId,
  unitName: null,
  position: null,
  roles,
});
const head = asUser(headUser, [{ role: "unit_head", unitId: A.id }]);
const organizer = asUser(orgUser, [{ role: "organizer", unitId: fx.unit.id }]);
const cookieOf = (userId: number) => createSession(userId).split(";")[0];
const sessionCount = (userId: number) => db.select().from(sessions).where(eq(sessions.userId, userId)).all().length;
const audits = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const tokenOf = (url: string) => url.split("/dat-lai-mat-khau/")[1];

/** A submitted, scored attempt of three questions with the given shown choices. */
function attemptOf(userId: number, choices: number[], durationMs = 400_000) {
  const versions = db.select().from(questionVersions).limit(3).all();
  const a = db
    .insert(attempts)
    .values({ roundId: fx.round.id, userId, attemptNo: 1, startedAt: now - 500_000, deadlineAt: now + 100_000, questionCount: 3, submittedAt: now - 100_000, endReason: "submitted", score: 3, correctCount: choices.filter((c) => c === 1).length, durationMs, scoredAt: now - 90_000 })
    .returning()
    .get();
  versions.forEach((v, position) => {
    db.insert(attemptItems).values({ attemptId: a.id, position, questionVersionId: v.id, optionOrder: [0, 1, 2, 3] }).run();
    db.insert(answers).values({ attemptId: a.id, position, choice: choices[position], seq: 1, savedAt: now - 200_000 }).run();
  });
  return a;
}

describe("password reset through a one-time link", () => {
  it("a unit head's link works once, stores only a hash, sets the password and ends every session", async () => {
    cookieOf(an.id);
    cookieOf(an.id);
    expect(sessionCount(an.id)).toBe(2);
    const link = createResetLink(head, "unit_head", an.id, "http://thi.test", now);
    if (!link.ok) throw new Error(link.message);
    expect(link.url).toMatch(/^http:\/\/thi\.test\/dat-lai-mat-khau\/[A-Za-z0-9_-]{43}$/);
    expect(link.person.phone).toBe("0911***001");
    const token = tokenOf(link.url);
    const stored = db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, an.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(resetLinkState(token, now + 1000)).toMatchObject({ ok: true, fullName: "Phạm Văn An", phone: "0911***001" });

    const first = await redeemResetLink(token, "mat-khau-moi-456", now + 2000);
    expect(first.ok).toBe(true);
    expect(await verifyPassword("mat-khau-moi-456", findUserById(db, an.id)!.passwordHash)).toBe(true);
    expect(sessionCount(an.id)).toBe(0);

    const second = await redeemResetLink(token, "lan-thu-hai-789", now + 3000);
    expect(second).toMatchObject({ ok: false });
    expect(await verifyPassword("mat-khau-moi-456", findUserById(db, an.id)!.passwordHash)).toBe(true);
    expect(resetLinkState(token, now + 3000)).toMatchObject({ ok: false, state: "used" });
    expect(audits("create_password_reset_link").map((r) => r.userId)).toContain(headUser.id);
    expect(audits("password_reset_by_link").map((r) => r.entityId)).toContain(String(an.id));
  });

  it("a link expires after 24 hours and then changes nothing", async () => {
    const link = createResetLink(organizer, "organizer", binh.id, "http://thi.test", now);
    if (!link.ok) throw new Error(link.message);
    const before = findUserById(db, binh.id)!.passwordHash;
    const late = await redeemResetLink(tokenOf(link.url), "qua-han-12345", now + RESET_LINK_TTL_MS + 1);
    expect(late).toMatchObject({ ok: false, message: expect.stringContaining("hết hạn") });
    expect(findUserById(db, binh.id)!.passwordHash).toBe(before);
  });

  it("a new link retires the earlier one", async () => {
    const one = createResetLink(organizer, "organizer", binh.id, "http://thi.test", now);
    const two = createResetLink(organizer, "organizer", binh.id, "http://thi.test", now + 1);
    if (!one.ok || !two.ok) throw new Error("links");
    expect(resetLinkState(tokenOf(one.url), now + 2)).toMatchObject({ ok: false });
    expect(resetLinkState(tokenOf(two.url), now + 2)).toMatchObject({ ok: true });
  });

  it("a unit head cannot create a link for someone outside the subtree, and does not find them", () => {
    const before = db.select().from(passwordResetTokens).all().length;
    const r = createResetLink(head, "unit_head", binh.id, "http://thi.test", now);
    expect(r).toMatchObject({ ok: false, status: 404 });
    expect(db.select().from(passwordResetTokens).all().length).toBe(before);
    expect(searchPeopleForReset(head, "unit_head", "Bình")).toEqual([]);
    expect(searchPeopleForReset(head, "unit_head", "pham van an").map((p) => p.id)).toEqual([an.id]);
    expect(searchPeopleForReset(head, "unit_head", "0911000001")[0].phone).toBe("0911***001");
  });

  it("an organizer reaches every participant, but an organizer's account only when an admin asks", () => {
    const narrow = asUser(otherOrg, [{ role: "organizer", unitId: B.id }]);
    expect(searchPeopleForReset(narrow, "organizer", "Ban To Chuc")).toMatchObject([{ id: orgUser.id, allowed: false }]);
    expect(createResetLink(narrow, "organizer", an.id, "http://x", now)).toMatchObject({ ok: true });
    expect(createResetLink(organizer, "organizer", otherOrg.id, "http://x", now)).toMatchObject({ ok: false, status: 403 });
    const admin = asUser(orgUser, [{ role: "admin", unitId: null }]);
    expect(createResetLink(admin, "organizer", otherOrg.id, "http://x", now)).toMatchObject({ ok: true });
  });

  it("a participant without the role is refused", () => {
    expect(() => createResetLink(asUser(binh), "unit_head", an.id, "http://x", now)).toThrow();
  });
});

describe("one's own data and logging out everywhere", () => {
  const anAttempt = attemptOf(an.id, [1, 1, 1], 2_000);
  attemptOf(binh.id, [1, 1, 1], 2_000);

  it("the download holds the person's data, none of another person's, and no key before review", async () => {
    const res = await ownDataLoader({ request: new Request("http://x/tai-khoan/du-lieu", { headers: { Cookie: cookieOf(an.id) } }), params: {}, context: {} });
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({ fullName: "Phạm Văn An", phone: "0911000001", cccd: "001234567834", email: "an@example.vn" });
    expect(data.profile.consentAt).toBe(new Date(now - 1000).toISOString());
    expect(data.attempts).toHaveLength(1);
    expect(data.attempts[0].answers).toHaveLength(3);
    expect(data.attempts[0].answers[0]).toMatchObject({ question: expect.stringContaining("Câu hỏi thử"), chosen: "Hai" });
    expect(text).not.toContain("correct\"");
    expect(data.attempts[0].correctCount).toBeNull();
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("scrypt$");
    for (const other of ["Võ Thị Bình", "0911000002", "009876543210", "Trần Thủ Trưởng"]) expect(text).not.toContain(other);
    expect(audits("export_personal_data").some((r) => r.userId === an.id && r.entityId === "own_data")).toBe(true);
  });

  it("after the round closes the review policy allows, the key is in the download", () => {
    const data = ownDataExport(asUser(an), fx.round.closesAt + 1);
    expect(data.attempts[0].answers[0].correct).toBe("Hai");
    expect(data.attempts[0].attemptNo).toBe(anAttempt.attemptNo);
  });

  it("logging out everywhere deletes every session of the person and no one else's", () => {
    cookieOf(an.id);
    cookieOf(an.id);
    cookieOf(binh.id);
    const binhBefore = sessionCount(binh.id);
    expect(logoutEverywhere(asUser(an))).toBeGreaterThanOrEqual(2);
    expect(sessionCount(an.id)).toBe(0);
    expect(sessionCount(binh.id)).toBe(binhBefore);
  });
});

describe("exports of personal data are logged", () => {
  it("the unit head's Excel file writes an audit row with who, what and the row count", async () => {
    const before = audits("export_personal_data").length;
    const res = await headExportLoader({ request: new Request(`http://x/don-vi/xuat?u=${A.id}&c=${fx.contest.id}`, { headers: { Cookie: cookieOf(headUser.id) } }), params: {}, context: {} });
    expect(res.status).toBe(200);
    const rows = audits("export_personal_data");
    expect(rows.length).toBe(before + 1);
    const last = rows[rows.length - 1];
    expect(last.userId).toBe(headUser.id);
    expect(last.detail).toMatchObject({ what: "participation_not_yet", rows: expect.any(Number), unitId: A.id });
  });
});

describe("integrity signals", () => {
  it("show a burst of registrations, the fast full scores and identical sheets within the organizer's scope", () => {
    const burst = [0, 1, 2, 3, 4].map((i) => person(`Ảo ${i}`, `09220000${i}0`, A1.id));
    burst.forEach((p, i) => recordSignupAddress(db, p.id, "203.0.113.7", now - 10 * 60_000 + i * 60_000));
    const d = integritySignals(organizer, { s: 3, n: 5, h: 1, d: 30, m: 3 }, now);
    expect(d.bursts).toHaveLength(1);
    expect(d.bursts[0].people.map((p) => p.userId)).toEqual(burst.map((p) => p.id));
    expect(d.fast.map((a) => a.userId).sort()).toEqual([an.id, binh.id].sort());
    expect(d.identical).toHaveLength(1);
    expect(d.identical[0].attempts.map((a) => a.userId).sort()).toEqual([an.id, binh.id].sort());
    // An organizer of none of these contests sees no attempt signals.
    const narrow = integritySignals(asUser(otherOrg, [{ role: "organizer", unitId: B.id }]), { s: 3, n: 5, h: 1, d: 30, m: 3 }, now);
    expect(narrow.fast).toEqual([]);
    expect(narrow.identical).toEqual([]);
  });
});
