import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getResultView, startAttempt } from "../../app/quiz/quiz.server";
import { ownDataExport } from "../../app/account/privacy.server";
import type { CurrentUser } from "../../app/account/session.server";
import { attempts } from "../../db/schema";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("review-after-last");
const { db } = env;
afterAll(() => env.cleanup());
const fx = seedQuizFixture(db, { people: 2, round: { reviewPolicy: "after_submit", attemptsAllowed: 2, questionCount: 5 } });
const asUser = (u: { id: number; fullName: string; phone: string; unitId: number | null }): CurrentUser => ({
  id: u.id,
  fullName: u.fullName,
  phone: u.phone,
  unitId: u.unitId,
  unitName: null,
  position: null,
  roles: [],
});

/** Starts an attempt and marks it submitted and scored, as the worker would. */
function finishedAttempt(userId: number, now: number) {
  const s = startAttempt(db, { userId, roundId: fx.round.id, now });
  if (!s.ok) throw new Error(s.message);
  db.update(attempts).set({ submittedAt: now + 1000, endReason: "submitted", score: 0, correctCount: 0, durationMs: 1000, scoredAt: now + 2000 }).where(eq(attempts.id, s.attemptId)).run();
  return s.attemptId;
}

describe('review "after submit" with two attempts', () => {
  it("hides the key of the first attempt while a second is left or open, and shows it after the last", () => {
    const person = fx.people[0];
    const now = Date.now();
    const first = finishedAttempt(person.id, now);
    const view = (t: number) => getResultView(db, { userId: person.id, attemptId: first, now: t });
    const exportKeys = (t: number) => JSON.stringify(ownDataExport(asUser(person), t)).includes('"correct"');
    // One attempt left: no key, on the page or in the download.
    expect(view(now + 3000)).toMatchObject({ ok: true, result: { review: null, attemptsLeft: 1 } });
    expect(exportKeys(now + 3000)).toBe(false);
    // The second attempt is open: still no key for the first.
    const second = startAttempt(db, { userId: person.id, roundId: fx.round.id, now: now + 4000 });
    if (!second.ok) throw new Error(second.message);
    expect(view(now + 5000)).toMatchObject({ ok: true, result: { review: null, attemptsLeft: 0 } });
    expect(exportKeys(now + 5000)).toBe(false);
    // The last attempt ended: both attempts may be reviewed.
    db.update(attempts).set({ submittedAt: now + 6000, endReason: "submitted", score: 0, correctCount: 0, durationMs: 2000, scoredAt: now + 6500 }).where(eq(attempts.id, second.attemptId)).run();
    const after = view(now + 7000);
    expect(after.ok && after.result.review).toHaveLength(5);
    expect(exportKeys(now + 7000)).toBe(true);
  });

  it("shows the key once the round closes even when attempts were left", () => {
    const person = fx.people[1];
    const now = Date.now();
    const only = finishedAttempt(person.id, now);
    expect(getResultView(db, { userId: person.id, attemptId: only, now: now + 3000 })).toMatchObject({ ok: true, result: { review: null } });
    const closed = getResultView(db, { userId: person.id, attemptId: only, now: fx.round.closesAt + 1 });
    expect(closed.ok && closed.result.review).toHaveLength(5);
  });
});
