import { getDb } from "../../db/connection";
import { listUserAttempts } from "../../db/quiz/attempts";
import { attemptCounts, getRoundWithContest, publishedRoundsWithContest } from "../../db/quiz/contests";
import { getRoundResult } from "../../db/quiz/attempts";
import { acceptsAnswers, roundPhase, timeIfStartedNow } from "../core/quiz/timing";

export type RoundCard = {
  id: number;
  title: string;
  kind: "quiz" | "initiative";
  opensAt: number;
  closesAt: number;
  phase: "upcoming" | "open" | "closed";
  questionCount: number;
  timeLimitS: number;
  attemptsAllowed: number;
  attemptsUsed: number | null;
};

/** The contests with their published rounds, and for a signed-in person the attempts left in each. */
export function homeData(userId: number | null, now = Date.now()) {
  const db = getDb();
  const rows = publishedRoundsWithContest(db);
  const counts = userId === null ? null : attemptCounts(db, userId, rows.map((r) => r.round.id));
  const contests = new Map<number, { id: number; title: string; rulesMd: string; rounds: RoundCard[] }>();
  for (const { round, contest } of rows) {
    if (!contests.has(contest.id)) contests.set(contest.id, { id: contest.id, title: contest.title, rulesMd: contest.rulesMd, rounds: [] });
    contests.get(contest.id)!.rounds.push({
      id: round.id,
      title: round.title,
      kind: round.kind,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      phase: roundPhase(round, now),
      questionCount: round.questionCount,
      timeLimitS: round.timeLimitS,
      attemptsAllowed: round.attemptsAllowed,
      attemptsUsed: counts ? (counts.get(round.id) ?? 0) : null,
    });
  }
  return [...contests.values()];
}

/** A round as its participant sees it before starting: the window, the rules, their attempts and best result. */
/** A published round's page; for a visitor (userId null) without attempts, so a shared link previews and invites. */
export function roundPageData(roundId: number, userId: number | null, now = Date.now()) {
  const db = getDb();
  const row = getRoundWithContest(db, roundId);
  if (!row || row.round.status !== "published") return null;
  const { round, contest } = row;
  const mine = userId === null ? [] : listUserAttempts(db, round.id, userId);
  const open = mine.find((a) => a.submittedAt === null && acceptsAnswers(now, a.deadlineAt));
  const best = userId === null ? undefined : getRoundResult(db, round.id, userId);
  return {
    round: {
      id: round.id,
      title: round.title,
      kind: round.kind,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      phase: roundPhase(round, now),
      questionCount: round.questionCount,
      timeLimitS: round.timeLimitS,
      attemptsAllowed: round.attemptsAllowed,
      predictionPrompt: round.predictionPrompt,
    },
    // Measured on the server's clock when the page was made; the attempt's own deadline is fixed at start.
    startNow: timeIfStartedNow(now, round.timeLimitS, round.closesAt),
    contest: { id: contest.id, title: contest.title, rulesMd: contest.rulesMd },
    attempts: mine.map((a) => ({
      id: a.id,
      attemptNo: a.attemptNo,
      startedAt: a.startedAt,
      submittedAt: a.submittedAt,
      score: a.score,
      questionCount: a.questionCount,
    })),
    openAttemptId: open?.id ?? null,
    best: best ? { score: best.score, durationMs: best.durationMs } : null,
  };
}
