import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startAttempt } from "../../app/quiz/quiz.server";
import { saveParticipationSettings } from "../../app/participation/participation.server";
import { roundStanding } from "../../db/quiz/standings";
import { getSettings } from "../../db/participation/participation";
import { voteCounts } from "../../db/initiatives/initiatives";
import type { CurrentUser } from "../../app/account/session.server";
import {
  attempts,
  contests,
  questions,
  initiativeEntries,
  initiativeVotes,
  rosterEntries,
  roundResults,
  rounds,
} from "../../db/schema";
import { grantRole, insertUser } from "../../db/account/users";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("verification");
const { db } = env;
afterAll(() => env.cleanup());
const now = Date.now();
const fx = seedQuizFixture(db, { people: 3, round: { questionCount: 5 } });
db.update(contests)
  .set({ organizerUnitId: fx.unit.id })
  .where(eq(contests.id, fx.contest.id))
  .run();
// The bank belongs to the contest's organizing unit, as the draw requires.
db.update(questions).set({ ownerUnitId: fx.unit.id }).run();
const [verifiedPerson, unverified, another] = fx.people;
db.insert(rosterEntries)
  .values({
    unitId: fx.unit.id,
    fullName: verifiedPerson.fullName,
    nameFolded: "x",
    userId: verifiedPerson.id,
    createdAt: now,
  })
  .run();
const orgUser = insertUser(db, {
  fullName: "Ban Tổ chức",
  phone: "0930000001",
  unitId: fx.unit.id,
  passwordHash: "x",
  createdAt: now,
});
grantRole(db, orgUser.id, "organizer", fx.unit.id);
const organizer: CurrentUser = {
  id: orgUser.id,
  fullName: "",
  phone: "",
  unitId: fx.unit.id,
  unitName: null,
  position: null,
  roles: [{ role: "organizer", unitId: fx.unit.id }],
};
const settingsForm = (o: Record<string, boolean>) => {
  const f = new FormData();
  f.set("intent", "settings");
  f.set("contestId", String(fx.contest.id));
  for (const [k, v] of Object.entries(o)) if (v) f.set(k, "on");
  return f;
};

describe("per-contest rules for unverified accounts", () => {
  it("defaults: the vote counts verified people only; ranking and taking part stay open", () => {
    expect(getSettings(db, fx.contest.id)).toMatchObject({
      unverifiedMayVote: false,
      unverifiedRanked: true,
      unverifiedMayTakePart: true,
    });
    const round = db
      .insert(rounds)
      .values({
        contestId: fx.contest.id,
        kind: "initiative",
        title: "Sáng kiến",
        opensAt: now - 1000,
        closesAt: now + 86_400_000,
        createdAt: now,
      })
      .returning()
      .get();
    const entry = db
      .insert(initiativeEntries)
      .values({
        roundId: round.id,
        ownerId: another.id,
        unitId: fx.unit.id,
        entrantKind: "unit",
        title: "Bài",
        novelty: "",
        searchFolded: "bai",
        appliedAt: "2026-01-01",
        videoProvider: "youtube",
        videoKey: "x",
        durationS: 60,
        updatedAt: now,
        summary: "",
        theme: "",
        videoUrl: "https://youtu.be/x",
        status: "accepted",
        createdAt: now,
      })
      .returning()
      .get();
    for (const u of [verifiedPerson, unverified])
      db.insert(initiativeVotes)
        .values({ entryId: entry.id, userId: u.id, roundId: round.id, at: now })
        .run();
    expect(voteCounts(db, round.id).get(entry.id)).toBe(1);
    // The organizer opens the vote to everyone: both votes count.
    expect(
      saveParticipationSettings(
        organizer,
        settingsForm({
          unverifiedMayVote: true,
          unverifiedRanked: true,
          unverifiedMayTakePart: true,
        })
      )
    ).toMatchObject({ ok: true });
    expect(voteCounts(db, round.id).get(entry.id)).toBe(2);
  });

  it("an organizer can keep unverified people from starting an attempt; one already started goes on", () => {
    const started = startAttempt(db, {
      userId: another.id,
      roundId: fx.round.id,
      now,
    });
    expect(started.ok).toBe(true);
    expect(
      saveParticipationSettings(
        organizer,
        settingsForm({ unverifiedRanked: true })
      )
    ).toMatchObject({ ok: true });
    expect(
      startAttempt(db, { userId: unverified.id, roundId: fx.round.id, now })
    ).toMatchObject({ ok: false, status: 403, code: "notVerified" });
    expect(
      startAttempt(db, { userId: verifiedPerson.id, roundId: fx.round.id, now })
    ).toMatchObject({ ok: true });
    if (started.ok)
      expect(
        startAttempt(db, {
          userId: another.id,
          roundId: fx.round.id,
          now: now + 1000,
        })
      ).toMatchObject({ ok: true, attemptId: started.attemptId });
  });

  it("an organizer can leave unverified people out of the ranking and prizes, and the list shows who is verified", () => {
    for (const [u, score] of [
      [verifiedPerson, 3],
      [another, 5],
    ] as const) {
      const a = db
        .insert(attempts)
        .values({
          roundId: fx.round.id,
          userId: u.id,
          attemptNo: 9,
          startedAt: now,
          deadlineAt: now + 1,
          questionCount: 5,
          submittedAt: now,
          endReason: "submitted",
          score,
          durationMs: 1000,
          scoredAt: now,
        })
        .returning()
        .get();
      db.insert(roundResults)
        .values({
          roundId: fx.round.id,
          userId: u.id,
          attemptId: a.id,
          score,
          durationMs: 1000,
          submittedAt: now,
        })
        .onConflictDoNothing()
        .run();
    }
    const open = roundStanding(db, fx.round.id)!;
    expect(open.rows.map((r) => [r.userId, r.rank, r.verified])).toEqual([
      [another.id, 1, 0],
      [verifiedPerson.id, 2, 1],
    ]);
    saveParticipationSettings(
      organizer,
      settingsForm({ unverifiedMayTakePart: true })
    );
    expect(
      roundStanding(db, fx.round.id)!.rows.map((r) => [r.userId, r.rank])
    ).toEqual([[verifiedPerson.id, 1]]);
  });
});
