import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Queue, QueueEvents } from "bullmq";
import { foldVietnamese } from "../../app/core/text";
import { attempts, contests, rosterEntries, rounds, units } from "../../db/schema";
import { insertUser } from "../../db/account/users";
import { unitStats } from "../../db/participation/participation";
import { linkRosterMatches, movePerson } from "../../db/participation/rosters";
import { registerParticipant } from "../../app/account/auth.server";
import { unitHeadDashboard } from "../../app/participation/participation.server";
import type { CurrentUser } from "../../app/account/session.server";
import { closeWebQueues, enqueueScoredParticipation, enqueueScoring, participationScoredJobId, participationWindow, QUEUE, queueConfig, redisConnection } from "../../workers/queues";
import { startWorkers, type RunningWorkers } from "../../workers/main";
import { recomputeContest } from "../../workers/participation";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("participation");
const { db } = env;
const now = Date.now();

// R > A > A1 (roster of 40), A2 (headcount 20); R > B > B1 (headcount 10)
const unit = (code: string, parentId: number | null, headcount: number) =>
  db.insert(units).values({ code, name: `Đơn vị ${code}`, nameFolded: foldVietnamese(`Đơn vị ${code}`), kind: "xa", parentId, headcount }).returning().get();
const R = unit("R", null, 0);
const A = unit("A", R.id, 0);
const A1 = unit("A1", A.id, 35);
const A2 = unit("A2", A.id, 20);
const B = unit("B", R.id, 0);
const B1 = unit("B1", B.id, 10);
const contest = db.insert(contests).values({ slug: "p", title: "Cuộc thi thử", createdAt: now }).returning().get();
const round = db
  .insert(rounds)
  .values({ contestId: contest.id, kind: "quiz", title: "Vòng 1", opensAt: now - 3_600_000, closesAt: now + 86_400_000, status: "published", questionCount: 0, timeLimitS: 600, createdAt: now })
  .returning()
  .get();

function person(i: number, unitId: number, extra: Partial<{ birthDate: string; cccd: string }> = {}) {
  return insertUser(db, { fullName: `Người ${i}`, phone: `0911${String(i).padStart(6, "0")}`, unitId, passwordHash: "x", createdAt: now, ...extra });
}
// A1's roster: 40 people; the first 30 have accounts (matched by phone), the other 10 never registered.
const a1People = Array.from({ length: 30 }, (_, i) => person(i, A1.id));
db.insert(rosterEntries)
  .values(
    Array.from({ length: 40 }, (_, i) => ({
      unitId: A1.id,
      fullName: `Người ${i}`,
      nameFolded: foldVietnamese(`Người ${i}`),
      phone: `0911${String(i).padStart(6, "0")}`,
      position: i % 2 ? "Chuyên viên" : "Công chức",
      createdAt: now,
    })),
  )
  .run();
const a2People = Array.from({ length: 25 }, (_, i) => person(100 + i, A2.id)); // more than A2's headcount of 20
const b1People = Array.from({ length: 10 }, (_, i) => person(200 + i, B1.id));

function submit(userId: number, score = 10) {
  return db
    .insert(attempts)
    .values({ roundId: round.id, userId, attemptNo: 1, startedAt: now, deadlineAt: now + 600_000, questionCount: 0, submittedAt: Date.now(), endReason: "submitted", score, scoredAt: Date.now() })
    .returning()
    .get();
}

const stat = (unitId: number, roundId = 0) => unitStats(db, contest.id, roundId, [unitId])[0];

async function waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function obliterateQueues() {
  const connection = redisConnection();
  const { QUEUE_PREFIX: prefix } = queueConfig();
  for (const name of Object.values(QUEUE)) {
    const q = new Queue(name, { connection, prefix });
    await q.obliterate({ force: true });
    await q.close();
  }
  connection.disconnect();
}

let workers: RunningWorkers | null = null;
let events: QueueEvents | null = null;
const completed: string[] = [];

beforeAll(async () => {
  await obliterateQueues();
});

afterAll(async () => {
  await workers?.close();
  await events?.close();
  await closeWebQueues();
  await obliterateQueues();
  env.cleanup();
});

describe("the full recompute", () => {
  it("links registered people to their roster rows and rolls the counts up, roster or headcount as the unit has", () => {
    for (const p of a1People.slice(0, 12)) submit(p.id, 16);
    for (const p of a2People.slice(0, 22)) submit(p.id, 10);
    recomputeContest(db, contest.id, Date.now());
    expect(stat(A1.id)).toMatchObject({ basis: "roster", participants: 12, denominator: 40, scoreSum: 12 * 16, scoreN: 12 });
    // A2 has 22 entrants for a headcount of 20: it counts as 20 in the roll-up.
    expect(stat(A2.id)).toMatchObject({ basis: "headcount", ownParticipants: 22, participants: 20, denominator: 20 });
    expect(stat(A.id)).toMatchObject({ participants: 32, denominator: 60 });
    expect(stat(R.id)).toMatchObject({ participants: 32, denominator: 70 });
    expect(stat(A1.id, round.id)).toMatchObject({ participants: 12, denominator: 40 });
    const again = recomputeContest(db, contest.id, Date.now());
    expect(again.units).toBe(6);
    expect(stat(R.id)).toMatchObject({ participants: 32, denominator: 70 });
  });

  it("writes only what changed, stamps every row and keeps a snapshot per day", () => {
    const t = Date.now();
    // Nothing new: no row is written, yet every row carries the time of the recompute.
    expect(recomputeContest(db, contest.id, t).written).toBe(0);
    expect(stat(R.id).updatedAt).toBe(t);
    expect(stat(A2.id).updatedAt).toBe(t);
    // One more entrant in B1: B1, B and R change, in round 0 and the round; A's side does not.
    const extra = submit(person(300, B1.id).id, 7);
    expect(recomputeContest(db, contest.id, t + 1).written).toBe(6);
    expect(stat(B1.id)).toMatchObject({ participants: 1, scoreSum: 7 });
    // The next day every row gets that day's snapshot, changed or not.
    const nextDay = t + 86_400_000;
    const rows = recomputeContest(db, contest.id, nextDay);
    expect(rows.written).toBe(rows.rows);
    const days = db.$client.prepare(`SELECT COUNT(DISTINCT day) FROM participation_snapshots WHERE contest_id = ? AND unit_id = ?`).pluck();
    expect(days.get(contest.id, A2.id)).toBe(2);
    // A round that is gone loses its rows.
    const second = db
      .insert(rounds)
      .values({ contestId: contest.id, kind: "quiz", title: "Vòng 2", opensAt: now, closesAt: now + 86_400_000, status: "draft", questionCount: 0, timeLimitS: 600, createdAt: now })
      .returning()
      .get();
    recomputeContest(db, contest.id, t + 2);
    expect(stat(R.id, second.id)).toMatchObject({ participants: 0 });
    db.delete(rounds).where(eq(rounds.id, second.id)).run();
    expect(recomputeContest(db, contest.id, t + 3).written).toBe(6);
    expect(stat(R.id, second.id)).toBeUndefined();
    db.delete(attempts).where(eq(attempts.id, extra.id)).run();
    recomputeContest(db, contest.id, t + 4);
    expect(stat(B1.id)).toMatchObject({ participants: 0 });
  });
});

describe("registration", () => {
  it("links a new account to its roster row by name and date of birth within the unit, and leaves a stranger for review", async () => {
    // A unit of its own, outside R's tree, so the numbers below are untouched.
    const C = unit("C", null, 0);
    db.insert(rosterEntries)
      .values({ unitId: C.id, fullName: "Đặng Thị Lan", nameFolded: foldVietnamese("Đặng Thị Lan"), birthDate: "1991-07-08", position: "Kế toán", createdAt: now })
      .run();
    const base = { email: undefined, cccd: undefined, position: "Kế toán", password: "matkhau123", consent: true as const, unitId: C.id };
    const lan = await registerParticipant({ ...base, fullName: "dang thi  lan", birthDate: "1991-07-08", phone: "0988000001" } as never);
    const other = await registerParticipant({ ...base, fullName: "Người Lạ", birthDate: "1991-07-08", phone: "0988000002" } as never);
    expect(lan.ok && other.ok).toBe(true);
    const linked = db.$client.prepare("SELECT user_id AS u FROM roster_entries WHERE full_name = 'Đặng Thị Lan'").get() as { u: number };
    expect(linked.u).toBe(lan.ok ? lan.userId : -1);
    const review = (await import("../../db/participation/rosters")).unmatchedRegistrations(db, [C.id]).map((r) => r.fullName);
    expect(review).toEqual(["Người Lạ"]);
  });
});

describe("who a unit head may see", () => {
  const head = (unitId: number): CurrentUser => ({ id: 999, fullName: "Thủ trưởng", phone: "0", unitId, unitName: null, position: null, roles: [{ role: "unit_head", unitId }] });

  it("shows the head of A their subtree with the named list of roster people who have not taken part", () => {
    const view = unitHeadDashboard(head(A.id), { unitId: A1.id, contestId: null, roundId: null });
    expect(view.unit).toMatchObject({ participants: 12, denominator: 40 });
    expect(view.notYetTotal).toBe(28);
    expect(view.notYet.every((p) => p.unitId === A1.id)).toBe(true);
    expect(view.notYet[0]).toHaveProperty("position");
    const own = unitHeadDashboard(head(A.id), { unitId: null, contestId: null, roundId: null });
    expect(own.children.map((c) => c.unitId).sort()).toEqual([A1.id, A2.id].sort());
  });

  it("refuses the head of B a unit of A's subtree, and a head of A1 the parent A", () => {
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof Response ? err.status : -1;
      }
      return 200;
    };
    expect(refused(() => unitHeadDashboard(head(B.id), { unitId: A1.id, contestId: null, roundId: null }))).toBe(404);
    expect(refused(() => unitHeadDashboard(head(A1.id), { unitId: A.id, contestId: null, roundId: null }))).toBe(404);
    expect(refused(() => unitHeadDashboard(head(B.id), { unitId: B1.id, contestId: null, roundId: null }))).toBe(200);
  });
});

describe("the participation worker", () => {
  it("coalesces many scorings into one job per window, and ends with the right numbers", async () => {
    const { QUEUE_PREFIX: prefix } = queueConfig();
    events = new QueueEvents(QUEUE.participation, { connection: redisConnection(), prefix });
    events.on("completed", ({ jobId }) => completed.push(jobId));
    await events.waitUntilReady();
    const queue = new Queue(QUEUE.participation, { connection: redisConnection(), prefix });
    const t = Date.now();
    for (const p of a1People.slice(12, 30)) {
      submit(p.id, 18);
      expect(await enqueueScoredParticipation(queue, t)).toBe(true);
    }
    expect(await queue.getDelayedCount()).toBe(1);
    await queue.close();
    workers = await startWorkers({ sweepEveryMs: 60_000 });
    // The start-up recompute may get there first; the coalesced job runs once either way.
    const job = participationScoredJobId(participationWindow(t));
    await waitFor(() => completed.includes(job), 10_000);
    expect(stat(A1.id)).toMatchObject({ participants: 30, denominator: 40, scoreSum: 12 * 16 + 18 * 18 });
    expect(stat(R.id)).toMatchObject({ participants: 50, denominator: 70 });
    expect(stat(A.id, round.id)).toMatchObject({ participants: 50, denominator: 60 });
    expect(completed.filter((id) => id === job)).toHaveLength(1);
  });

  it("updates a unit and its ancestors within seconds after its people's attempts are scored", async () => {
    const before = completed.length;
    b1People.forEach((p) =>
      db
        .insert(attempts)
        .values({ roundId: round.id, userId: p.id, attemptNo: 1, startedAt: now, deadlineAt: now + 600_000, questionCount: 0, submittedAt: Date.now(), endReason: "submitted" })
        .run(),
    );
    // Their ten submissions share the job of one scoring window.
    await enqueueScoring();
    await waitFor(() => stat(B1.id)?.participants === 10, 10_000);
    // A scheduled recompute may also get there; the job of the scoring's window must run all the same.
    await waitFor(() => completed.slice(before).some((id) => id.startsWith("part-scored-")), 10_000);
    expect(stat(B.id)).toMatchObject({ participants: 10, denominator: 10 });
    expect(stat(R.id)).toMatchObject({ participants: 60, denominator: 70 });
    const windowJobs = completed.slice(before).filter((id) => id.startsWith("part-scored-"));
    // Ten submissions scored in one batch: one job (two when the batch straddled a window's end).
    expect(windowJobs.length).toBeGreaterThanOrEqual(1);
    expect(windowJobs.length).toBeLessThanOrEqual(2);
  });

  it("moves a person with their roster row, and a recompute counts them in the new unit", () => {
    const moved = a1People[0];
    expect(movePerson(db, moved.id, B1.id)).toEqual({ fromUnitId: A1.id });
    linkRosterMatches(db, null);
    recomputeContest(db, contest.id, Date.now());
    // B1 now has a roster of one row (the moved person): its denominator becomes the roster's size.
    expect(stat(B1.id)).toMatchObject({ basis: "roster", participants: 1, denominator: 1 });
    expect(stat(A1.id)).toMatchObject({ participants: 29, denominator: 39 });
  });
});
