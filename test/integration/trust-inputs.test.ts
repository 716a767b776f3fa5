import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { registerSchema } from "../../app/account/auth.schemas";
import { foldVietnamese } from "../../app/core/text";
import { type Actor, saveEntry } from "../../app/initiatives/initiatives.server";
import { entrySchema } from "../../app/initiatives/initiatives.schemas";
import { roundSchema, weeklySchema } from "../../app/organizer/organizer.schemas";
import { personSearchSchema } from "../../app/account/privacy.schemas";
import { searchPeopleForReset } from "../../app/account/privacy.server";
import { saveAnswer, saveAnswerGrouped, startAttempt } from "../../app/quiz/quiz.server";
import { answerSaveSchema } from "../../app/quiz/quiz.schemas";
import { handleHot } from "../../app/server/hot";
import type { CurrentUser } from "../../app/account/session.server";
import { answers, initiativeEntries, units } from "../../db/schema";
import { grantRole, insertUser } from "../../db/account/users";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("trust-inputs");
const { db } = env;
afterAll(() => env.cleanup());
const fx = seedQuizFixture(db, { people: 2 });
const now = Date.now();

const registration = (over: Record<string, string>) =>
  registerSchema.safeParse({
    fullName: "Nguyễn Văn An",
    birthDate: "1990-02-28",
    phone: "0912345678",
    unitId: "1",
    position: "Chuyên viên",
    password: "matkhau-123",
    consent: "on",
    ...over,
  });
const messageOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message ?? "";

describe("names and dates are refused with a Vietnamese message", () => {
  it("refuses a name of zero-width characters only", () => {
    const r = registration({ fullName: "\u200b\u200b\u200c\u2060" });
    expect(r.success).toBe(false);
    expect(messageOf(r)).toMatch(/ký tự ẩn/);
  });
  it("refuses a name with a right-to-left override or another hidden character, and accepts the honest one (NFC)", () => {
    for (const name of ["Nguyễn Văn \u202eAn", "Nguyễn\u00adVăn An", "Nguyễn Văn\u0007 An", "Nguyễn Văn An\u2066"]) {
      const r = registration({ fullName: name });
      expect(r.success, name).toBe(false);
      expect(messageOf(r)).toMatch(/ký tự ẩn/);
    }
    const decomposed = "Nguye\u0302\u0303n Va\u0306n An";
    const ok = registration({ fullName: decomposed });
    expect(ok.success).toBe(true);
    if (ok.success) expect(ok.data.fullName).toBe("Nguyễn Văn An");
    expect(registration({ fullName: "12345" }).success).toBe(false);
  });
  it("refuses dates that do not exist in the calendar", () => {
    for (const d of ["1990-02-31", "1990-13-01", "1990-04-31", "1991-02-29"]) {
      const r = registration({ birthDate: d });
      expect(r.success, d).toBe(false);
      expect(messageOf(r)).toMatch(/Ngày sinh không hợp lệ/);
    }
    expect(registration({ birthDate: "1992-02-29" }).success).toBe(true);
    const week = weeklySchema.safeParse({ firstDay: "2026-02-30", lastDay: "2026-03-10", questionCount: 10, timeLimitMinutes: 10 });
    expect(week.success).toBe(false);
    expect(messageOf(week)).toMatch(/không hợp lệ: nhập ngày\/tháng\/năm/);
    const round = roundSchema.safeParse({
      title: "Vòng một", part: 1, opensAt: "2026-04-31T08:00", closesAt: "2026-05-02T08:00",
      questionCount: 10, timeLimitMinutes: 10, attemptsAllowed: 1, reviewPolicy: "after_close",
    });
    expect(round.success).toBe(false);
    expect(messageOf(round)).toMatch(/Giờ mở không hợp lệ/);
  });
  it("refuses an initiative title or author with hidden characters", () => {
    const base = {
      intent: "save", title: "Bưu điện xã nhận hồ sơ", entrantKind: "people", unitId: "1", theme: "thu-tuc-bo-may-chinh-quyen-so",
      summary: "x".repeat(40), novelty: "y".repeat(20), appliedAt: "Xã Thử", videoUrl: "https://youtu.be/dQw4w9WgXcQ", duration: "4:30",
    };
    expect(entrySchema.safeParse({ ...base, authors: "Nguyễn Văn An" }).success).toBe(true);
    const bad = entrySchema.safeParse({ ...base, authors: "Nguyễn \u202eVăn An" });
    expect(bad.success).toBe(false);
    expect(messageOf(bad)).toMatch(/ký tự ẩn/);
    expect(entrySchema.safeParse({ ...base, title: "\u200b\u200b\u200b\u200b\u200b\u200b", authors: "An" }).success).toBe(false);
  });
});

describe("an initiative is sent for one's own unit or its subtree only", () => {
  const province = db.insert(units).values({ code: "P", name: "Tỉnh Thử", nameFolded: foldVietnamese("Tỉnh Thử"), kind: "tinh" }).returning().get();
  const child = db.insert(units).values({ code: "C1", name: "Thôn Một", nameFolded: "thon mot", kind: "thon", parentId: fx.unit.id }).returning().get();
  it("refuses the province, accepts one's own unit and a unit below it", async () => {
    const { rounds } = await import("../../db/schema");
    const round = db.insert(rounds).values({ contestId: fx.contest.id, kind: "initiative", title: "Sáng kiến", opensAt: now - 1000, closesAt: now + 3_600_000, status: "published", createdAt: now }).returning().get();
    const actor: Actor = { id: fx.people[0].id, unitId: fx.unit.id, roles: [] };
    const values = (unitId: number, video: string) =>
      entrySchema.parse({
        intent: "save", title: "Bưu điện xã nhận hồ sơ thay một cửa", entrantKind: "unit", unitId: String(unitId), theme: "thu-tuc-bo-may-chinh-quyen-so",
        summary: "Xã giao cho bưu điện văn hóa xã tiếp nhận hồ sơ, trả kết quả ngay tại điểm bưu điện.", novelty: "Không phải đến trụ sở xã.",
        appliedAt: "Xã Thử Nghiệm", videoUrl: `https://youtu.be/${video}`, duration: "4:30",
      });
    const before = db.select().from(initiativeEntries).all().length;
    const refused = saveEntry(db, actor, { roundId: round.id, entryId: null, values: values(province.id, "dQw4w9WgXcQ") }, now);
    expect(refused).toMatchObject({ ok: false, status: 403, field: "unitId" });
    if (!refused.ok) expect(refused.message).toMatch(/đơn vị của mình/);
    expect(db.select().from(initiativeEntries).all().length).toBe(before);
    expect(saveEntry(db, actor, { roundId: round.id, entryId: null, values: values(fx.unit.id, "aaaaaaaaaaa") }, now).ok).toBe(true);
    expect(saveEntry(db, actor, { roundId: round.id, entryId: null, values: values(child.id, "bbbbbbbbbbb") }, now).ok).toBe(true);
  });
});

describe("answer saves: seq is bounded and an acknowledged answer is always stored", () => {
  it("refuses seq 1e300 and a seq far ahead of the server's clock; later honest saves are stored", async () => {
    expect(answerSaveSchema.safeParse({ position: 0, choice: 1, seq: 1e300 }).success).toBe(false);
    expect(answerSaveSchema.safeParse({ position: 0, choice: 1, seq: 2 ** 60 }).success).toBe(false);
    const userId = fx.people[1].id;
    const s = startAttempt(db, { userId, roundId: fx.round.id, now });
    if (!s.ok) throw new Error(s.message);
    const far = saveAnswer(db, { userId, attemptId: s.attemptId, now, answer: { position: 0, choice: 1, seq: Number.MAX_SAFE_INTEGER } });
    expect(far).toMatchObject({ ok: false, status: 400, code: "badSeq" });
    expect(db.select().from(answers).where(eq(answers.attemptId, s.attemptId)).all()).toHaveLength(0);
    // Every acknowledged save is the stored answer.
    for (const [i, choice] of [2, 0, 3, 1].entries()) {
      const r = await saveAnswerGrouped(db, { userId, attemptId: s.attemptId, now: now + i, answer: { position: 0, choice, seq: now + i } });
      expect(r.ok).toBe(true);
      expect(db.select().from(answers).where(eq(answers.attemptId, s.attemptId)).get()?.choice).toBe(choice);
    }
    // An older replay with another choice is not acknowledged.
    const stale = await saveAnswerGrouped(db, { userId, attemptId: s.attemptId, now: now + 10, answer: { position: 0, choice: 2, seq: now - 5 } });
    expect(stale).toMatchObject({ ok: false, status: 409, code: "superseded" });
    expect(db.select().from(answers).where(eq(answers.attemptId, s.attemptId)).get()?.choice).toBe(1);
  });
});

describe("the Origin check compares the scheme", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (!handleHot(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  it("refuses https://same-host on an http request, and passes http://same-host on to the session check", async () => {
    const host = base.slice("http://".length);
    const post = (origin: string) => fetch(`${base}/api/rounds/${fx.round.id}/start`, { method: "POST", headers: { Origin: origin } });
    const other = await post(`https://${host}`);
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: string }).error).toMatch(/không hợp lệ/);
    expect((await post(`http://${host}`)).status).toBe(401);
    expect((await post(`http://evil.example`)).status).toBe(403);
  });
});

describe("people are searched by a whole phone number only", () => {
  const org = insertUser(db, { fullName: "Ban Tổ Chức", phone: "0917000001", unitId: fx.unit.id, passwordHash: "x", createdAt: now });
  grantRole(db, org.id, "organizer", fx.unit.id);
  const target = insertUser(db, { fullName: "Lê Thị Hoa", phone: "0917345678", unitId: fx.unit.id, passwordHash: "x", createdAt: now });
  const organizer: CurrentUser = { id: org.id, fullName: org.fullName, phone: org.phone, unitId: fx.unit.id, unitName: null, position: null, roles: [{ role: "organizer", unitId: fx.unit.id }] };
  it("finds nobody by a fragment; finds the person by the whole number in any written form", () => {
    for (const fragment of ["0917", "345678", "091734567", "78", "0917***678", "+8491734567"]) {
      expect(searchPeopleForReset(organizer, "organizer", fragment), fragment).toEqual([]);
    }
    for (const whole of ["0917345678", "0917 345 678", "+84917345678", "84 917 345 678", "0917.345.678"]) {
      expect(searchPeopleForReset(organizer, "organizer", whole).map((p) => p.id), whole).toEqual([target.id]);
    }
    expect(searchPeopleForReset(organizer, "organizer", "0917345678")[0].phone).toBe("0917***678");
    // Recovering the hidden digits one query at a time finds nothing for any guess of one digit.
    const hits = Array.from({ length: 10 }, (_, d) => searchPeopleForReset(organizer, "organizer", `0917${d}`).length);
    expect(hits.every((n) => n === 0)).toBe(true);
  });
  it("tells the searcher a phone must be whole", () => {
    const r = personSearchSchema.safeParse({ q: "0917345" });
    expect(r.success).toBe(false);
    expect(messageOf(r)).toMatch(/đủ 10 chữ số/);
    expect(personSearchSchema.safeParse({ q: "Lê Thị Hoa" }).success).toBe(true);
  });
});
