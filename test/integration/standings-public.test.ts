import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { attempts, roundResults, rounds } from "../../db/schema";
import { myPlace, publicResults } from "../../app/quiz/standings.server";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("standings-public");
const { db } = env;
// The fixture's round is open for another hour; prizes: one first, one second.
const fx = seedQuizFixture(db, { people: 4, round: { prizeTable: [{ name: "Giải Nhất", count: 1 }, { name: "Giải Nhì", count: 1 }] } });
afterAll(() => env.cleanup());

const now = Date.now();
// Scores 9, 7, 7 (equal on every criterion: a tie for 2nd), 5.
fx.people.forEach((p, i) => {
  const score = [9, 7, 7, 5][i]!;
  const attempt = db
    .insert(attempts)
    .values({ roundId: fx.round.id, userId: p.id, attemptNo: 1, startedAt: now - 600_000, deadlineAt: now, questionCount: 10, submittedAt: now - 1_000, endReason: "submitted", score, correctCount: score, durationMs: 300_000, scoredAt: now })
    .returning()
    .get();
  db.insert(roundResults).values({ roundId: fx.round.id, userId: p.id, attemptId: attempt.id, score, durationMs: 300_000, submittedAt: now - 1_000 }).run();
});

const setPolicy = (rankPublication: "live" | "after_close" | "withheld") =>
  db.update(rounds).set({ rankPublication }).where(eq(rounds.id, fx.round.id)).run();

describe("a participant's place and the public results, by the round's publication setting", () => {
  it("hides places while the round is open under “after the close” (the default)", () => {
    expect(myPlace(fx.round.id, fx.people[0]!.id, now)).toBeNull();
    const round = publicResults(fx.contest.id, now)!.rounds[0]!;
    expect(round.visible).toBe(false);
    expect(round.winners).toEqual([]);
  });

  it("shows places live as provisional, with ties as “đồng hạng 2”", () => {
    setPolicy("live");
    expect(myPlace(fx.round.id, fx.people[0]!.id, now)).toMatchObject({ rank: 1, sharedWith: 0, ranked: 4, prize: "Giải Nhất", provisional: true });
    const second = myPlace(fx.round.id, fx.people[2]!.id, now)!;
    expect(second).toMatchObject({ rank: 2, sharedWith: 1 });
    expect(myPlace(fx.round.id, fx.people[3]!.id, now)).toMatchObject({ rank: 4, prize: null });
  });

  it("shows final places after the close, and the public page lists the winners with a masked phone", () => {
    setPolicy("after_close");
    const later = fx.round.closesAt + 1;
    expect(myPlace(fx.round.id, fx.people[0]!.id, later)).toMatchObject({ rank: 1, provisional: false });
    const round = publicResults(fx.contest.id, later)!.rounds[0]!;
    expect(round.visible).toBe(true);
    expect(round.winners[0]).toMatchObject({ prize: "Giải Nhất", rank: 1, tied: false, fullName: "Người thử 0", unitName: "Xã Thử Nghiệm", phone: "0910***000" });
    expect(round.winners[1]).toMatchObject({ prize: "Giải Nhì", rank: 2, tied: true });
    expect(JSON.stringify(round)).not.toContain(fx.people[0]!.phone);
  });

  it("withholds everything, even after the close, until the organizer publishes", () => {
    setPolicy("withheld");
    const later = fx.round.closesAt + 1;
    expect(myPlace(fx.round.id, fx.people[0]!.id, later)).toBeNull();
    expect(publicResults(fx.contest.id, later)!.rounds[0]!.winners).toEqual([]);
  });

  it("has no public page for a contest without published rounds", () => {
    expect(publicResults(999_999, now)).toBeNull();
  });
});
