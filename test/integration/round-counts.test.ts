import { afterAll, describe, expect, it } from "vitest";
import { insertRounds, listContests, roundsOfContest } from "../../db/organizer/organizer";
import { attempts } from "../../db/schema";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("round-counts");
const { db } = env;
const fx = seedQuizFixture(db, { people: 3 });
afterAll(() => env.cleanup());

const now = Date.now();
const [second, initiative] = insertRounds(db, [
  { contestId: fx.contest.id, kind: "quiz", title: "Vòng hai", opensAt: now, closesAt: now + 3_600_000, createdAt: now },
  { contestId: fx.contest.id, kind: "initiative", title: "Sáng kiến", opensAt: now, closesAt: now + 3_600_000, createdAt: now },
]);

function attempt(roundId: number, userId: number, attemptNo: number) {
  db.insert(attempts)
    .values({ roundId, userId, attemptNo, startedAt: now, deadlineAt: now + 600_000, questionCount: 10 })
    .run();
}

describe("attempt counts per round on the contest page and the results index", () => {
  it("counts each round's own attempts: 2, 0 and 0, not the attempts whose id matches the round", () => {
    attempt(fx.round.id, fx.people[0]!.id, 1);
    attempt(fx.round.id, fx.people[1]!.id, 1);
    const counts = Object.fromEntries(roundsOfContest(db, fx.contest.id).map((r) => [r.round.title, r.attemptCount]));
    expect(counts).toEqual({ "Vòng thử": 2, "Vòng hai": 0, "Sáng kiến": 0 });
  });

  it("keeps counting per round when more attempts arrive in another round", () => {
    attempt(second!.id, fx.people[0]!.id, 1);
    attempt(second!.id, fx.people[0]!.id, 2);
    attempt(second!.id, fx.people[2]!.id, 1);
    const counts = new Map(roundsOfContest(db, fx.contest.id).map((r) => [r.round.id, r.attemptCount]));
    expect(counts.get(fx.round.id)).toBe(2);
    expect(counts.get(second!.id)).toBe(3);
    expect(counts.get(initiative!.id)).toBe(0);
  });

  it("counts the rounds of each contest on the contest list", () => {
    const row = listContests(db, null).find((c) => c.contest.id === fx.contest.id)!;
    expect(row.roundCount).toBe(3);
  });
});
