import { afterAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../../app/core/text";
import { dashboard } from "../../app/organizer/organizer.server";
import { notYetPrint, unitHeadDashboard } from "../../app/participation/participation.server";
import type { CurrentUser } from "../../app/account/session.server";
import { attempts, auditLog, contests, rosterEntries, rounds, units } from "../../db/schema";
import { insertUser } from "../../db/account/users";
import { recomputeContest } from "../../workers/participation";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("newcomer-dashboard");
const { db } = env;
afterAll(() => env.cleanup());
const now = Date.now();

// District D (organizes) > communes X (roster of 4), Y (headcount 10), Z (headcount 5, everyone took part).
const unit = (code: string, name: string, parentId: number | null, headcount: number) =>
  db.insert(units).values({ code, name, nameFolded: foldVietnamese(name), kind: "xa", parentId, headcount }).returning().get();
const D = unit("D", "Huyện Thử", null, 0);
const X = unit("X", "Xã Một", D.id, 0);
const Y = unit("Y", "Xã Hai", D.id, 10);
const Z = unit("Z", "Xã Ba", D.id, 5);
const contest = db.insert(contests).values({ slug: "c", title: "Cuộc thi thử", organizerUnitId: D.id, createdAt: now }).returning().get();
const round = db
  .insert(rounds)
  .values({ contestId: contest.id, kind: "quiz", title: "Tuần 1", opensAt: now - 86_400_000, closesAt: Date.UTC(2030, 0, 15, 10, 0), status: "published", questionCount: 10, timeLimitS: 600, createdAt: now })
  .returning()
  .get();
let n = 0;
const person = (unitId: number, phone = `0912${String(n++).padStart(6, "0")}`) =>
  insertUser(db, { fullName: `Người ${n}`, phone, unitId, passwordHash: "x", createdAt: now });
function submit(userId: number, score: number, attemptNo = 1) {
  db.insert(attempts)
    .values({ roundId: round.id, userId, attemptNo, startedAt: now - 60_000, deadlineAt: now + 600_000, questionCount: 10, submittedAt: now - 30_000, endReason: "submitted", score, scoredAt: now - 30_000 })
    .run();
}
// X's roster: Lan and Minh have accounts, Lan took part; Hoa and Tuấn have phones but did not.
const lan = person(X.id, "0912000101");
const minh = person(X.id, "0912000102");
db.insert(rosterEntries)
  .values(
    [
      ["Lê Thị Lan", "0912000101"],
      ["Trần Minh", "0912000102"],
      ["Phạm Thị Hoa", "0912000103"],
      ["Võ Tuấn", null],
    ].map(([fullName, phone]) => ({
      unitId: X.id,
      fullName: fullName!,
      nameFolded: foldVietnamese(fullName!),
      phone,
      position: "Công chức",
      // Lan's and Minh's accounts are linked to their rows, as a match by two identifiers leaves them.
      userId: phone === lan.phone ? lan.id : phone === minh.phone ? minh.id : null,
      createdAt: now,
    })),
  )
  .run();
submit(lan.id, 8);
submit(lan.id, 6, 2); // a second attempt counts as an attempt, not as a second participant
const y = Array.from({ length: 3 }, () => person(Y.id));
y.forEach((p, i) => submit(p.id, 4 + i)); // 4, 5, 6
const z = Array.from({ length: 5 }, () => person(Z.id));
z.forEach((p) => submit(p.id, 10));
recomputeContest(db, contest.id, now);

const admin: CurrentUser = { id: 1, fullName: "Quản trị", phone: "0", unitId: D.id, unitName: null, position: null, roles: [{ role: "admin", unitId: null }] };
const head: CurrentUser = { id: minh.id, fullName: "Trần Minh", phone: "0912000102", unitId: X.id, unitName: null, position: "Chủ tịch UBND xã", roles: [{ role: "unit_head", unitId: X.id }] };
const phoneViews = () => db.select().from(auditLog).all().filter((r) => r.action === "export_personal_data" && r.entityId === "participation_not_yet_view");

describe("the organizer's dashboard for the whole contest", () => {
  const d = dashboard(admin, now, { contestId: contest.id });

  it("counts participants once, every attempt, and the average out of the question count", () => {
    // 1 + 3 + 5 people; 2 + 3 + 5 attempts; (8 + 6 + 4 + 5 + 6 + 5×10) / 10 = 7.9 out of 10.
    expect(d.contest?.totals).toMatchObject({ participants: 9, attempts: 10, minQuestions: 10, maxQuestions: 10 });
    expect(d.contest?.totals.avgScore).toBeCloseTo(7.9, 5);
  });

  it("gives the contest's rate from the stored numbers of the unit holding everyone", () => {
    // 9 of 4 + 10 + 5 = 19.
    expect(d.contest?.rate).toMatchObject({ unitName: "Huyện Thử", participants: 9, denominator: 19 });
    expect(d.contest?.rate?.rate).toBeCloseTo(9 / 19, 5);
  });

  it("lists the units furthest from 100% first, and leaves out those at 100%", () => {
    expect(d.contest?.furthest.map((u) => [u.name, u.participants, u.denominator])).toEqual([
      ["Xã Một", 1, 4],
      ["Xã Hai", 3, 10],
    ]);
  });

  it("draws the charts as SVG with named axes, escaping unit names", () => {
    expect(d.charts.attempts).toMatch(/^<svg[^>]*role="img"/);
    expect(d.charts.attempts).toContain("Số lượt thi");
    expect(d.charts.attempts).toContain("Giờ trong ngày (giờ Việt Nam)");
    expect(d.charts.score).toContain("Điểm trung bình (điểm)");
    expect(d.charts.gaps).toContain("Xã Một");
    expect(d.charts.gaps).toContain("Tỷ lệ tham gia (%)");
  });
});

describe("the unit head's not-yet list", () => {
  it("shows the full phones of the head's own staff and logs the view once per half hour", () => {
    const page = unitHeadDashboard(head, { unitId: null, contestId: null, roundId: round.id }, now, { origin: "https://thi.example.vn" });
    expect(page.notYet.map((p) => [p.fullName, p.phone])).toEqual([
      ["Phạm Thị Hoa", "0912000103"],
      ["Trần Minh", "0912000102"],
      ["Võ Tuấn", null],
    ]);
    expect(phoneViews()).toHaveLength(1);
    expect(phoneViews()[0]).toMatchObject({ userId: minh.id, detail: { what: "participation_not_yet_view", rows: 2, unitId: X.id, contestId: contest.id, roundId: round.id } });
    // The page refreshes itself: the same view ten seconds later is not logged again; after half an hour it is.
    unitHeadDashboard(head, { unitId: null, contestId: null, roundId: round.id }, now + 10_000, { origin: "https://thi.example.vn" });
    expect(phoneViews()).toHaveLength(1);
    unitHeadDashboard(head, { unitId: null, contestId: null, roundId: round.id }, now + 31 * 60_000, { origin: "https://thi.example.vn" });
    expect(phoneViews()).toHaveLength(2);
  });

  it("writes a reminder with the contest, the deadline in Vietnam time and the round's link", () => {
    const page = unitHeadDashboard(head, { unitId: null, contestId: null, roundId: round.id }, now, { origin: "https://thi.example.vn" });
    expect(page.reminder).toContain('"Cuộc thi thử" (Tuần 1) trước 15/01/2030 17:00 (giờ Việt Nam)');
    expect(page.reminder).toContain("https://thi.example.vn/vong-thi/" + round.id);
  });

  it("prints the list with the official header parts and logs it as personal data", () => {
    const before = db.select().from(auditLog).all().length;
    const p = notYetPrint(head, { unitId: null, contestId: null, roundId: round.id }, Date.UTC(2030, 0, 4, 3, 0));
    expect(p.agency).toBe("UBND HUYỆN THỬ");
    expect(p.dateLine).toBe("Thử, ngày 04 tháng 01 năm 2030");
    expect(p.rows.map((r) => r.fullName)).toEqual(["Phạm Thị Hoa", "Trần Minh", "Võ Tuấn"]);
    expect(p.signer).toEqual({ name: minh.fullName, position: "Thủ trưởng đơn vị" });
    const logged = db.select().from(auditLog).all().slice(before);
    expect(logged).toMatchObject([{ action: "export_personal_data", entityId: "participation_not_yet_print", detail: { rows: 3 } }]);
  });

  it("refuses a head a unit outside their subtree", () => {
    const refused = (() => {
      try {
        notYetPrint(head, { unitId: Y.id, contestId: null, roundId: null });
      } catch (e) {
        return e instanceof Response ? e.status : -1;
      }
      return 200;
    })();
    expect(refused).toBe(404);
  });
});
