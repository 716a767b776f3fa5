/** Answers arriving this long after the deadline are still taken: the network of a cheap phone is slow. */
export const GRACE_MS = 10_000;

export function computeDeadline(startedAt: number, timeLimitS: number, roundClosesAt: number): number {
  if (timeLimitS <= 0) return roundClosesAt;
  return Math.min(startedAt + timeLimitS * 1000, roundClosesAt);
}

export function acceptsAnswers(now: number, deadlineAt: number, graceMs = GRACE_MS): boolean {
  return now <= deadlineAt + graceMs;
}

/** The time an attempt took: a late submission counts only up to its deadline. */
export function attemptDuration(startedAt: number, endedAt: number, deadlineAt: number): number {
  return Math.max(0, Math.min(endedAt, deadlineAt) - startedAt);
}

export type RoundWindow = { opensAt: number; closesAt: number };

export function roundPhase(round: RoundWindow, now: number): "upcoming" | "open" | "closed" {
  if (now < round.opensAt) return "upcoming";
  if (now >= round.closesAt) return "closed";
  return "open";
}

/**
 * The phone's clock is often wrong by minutes; the browser measures the offset to the server's clock
 * from one request (half its round trip on each side) and counts down to the server's deadline.
 */
export function clockOffset(sentAt: number, serverNow: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2;
}

export function remainingMs(deadlineAt: number, clientNow: number, offset: number): number {
  return Math.max(0, deadlineAt - (clientNow + offset));
}

/**
 * What a person who starts now really gets: the round's limit, or less when the round closes first
 * (the deadline is the earlier of the two, so a late start is silently shorter unless we say so).
 */
export function timeIfStartedNow(now: number, timeLimitS: number, closesAt: number): { availableMs: number; cutByClose: boolean } {
  const deadline = computeDeadline(now, timeLimitS, closesAt);
  return { availableMs: Math.max(0, deadline - now), cutByClose: timeLimitS > 0 && deadline < now + timeLimitS * 1000 };
}

/** Whole minutes left, rounded down: "about 4 minutes" must not promise a minute that is not there. */
export function wholeMinutes(ms: number): number {
  return Math.max(0, Math.floor(ms / 60_000));
}
