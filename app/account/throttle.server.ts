import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { queueConfig, webQueues } from "../../workers/queues";

/**
 * Login throttling in Redis (rate-limiter-flexible), so it holds across web processes. Every attempt takes
 * its point atomically *before* the password is checked, so a burst of any size sent at once is held to
 * the same numbers as one sent slowly.
 *
 * - Address: 30 failed attempts in 15 minutes, then refused until the window ends. A success gives its
 *   point back, so an office of a hundred people behind one address can all sign in.
 * - Phone: 5 attempts in 15 minutes go straight through. After that the account is slowed, not locked:
 *   one attempt per waiting time, which doubles with each further attempt (15 s, 30 s, 1 min, 2 min,
 *   then 5 min at most). Someone who only knows a phone cannot shut its owner out for 15 minutes; the owner
 *   waits at most a few minutes and the right password gets in. A success clears the phone's counters.
 * - Redis away: nothing to count with, and people are let in rather than a whole district locked out on
 *   contest day.
 */

export const LIMITS = { account: 5, address: 30, windowS: 15 * 60 } as const;
export const SLOWDOWN = { firstWaitS: 15, maxWaitS: 5 * 60 } as const;

/** The wait before the next attempt once `slowedSoFar` slowed attempts have been checked. */
export function slowdownWaitS(slowedSoFar: number, firstWaitS: number = SLOWDOWN.firstWaitS): number {
  return Math.min(firstWaitS * 2 ** Math.min(slowedSoFar, 20), SLOWDOWN.maxWaitS);
}

export type LoginGate = { allowed: true } | { allowed: false; retryInS: number; reason: "account" | "address" };

type Limiters = { redis: Redis; address: RateLimiterRedis; phone: RateLimiterRedis; slot: RateLimiterRedis; slowed: RateLimiterRedis };

export type ThrottleOptions = { redis?: Redis; prefix?: string; firstWaitS?: number };

const cache = new Map<string, Limiters>();

function limiters(options: ThrottleOptions): Limiters {
  const redis = options.redis ?? webQueues().connection;
  const prefix = `${options.prefix ?? queueConfig().QUEUE_PREFIX}:login`;
  let found = cache.get(prefix);
  if (!found || found.redis !== redis) {
    const make = (name: string, points: number) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:${name}`, points, duration: LIMITS.windowS });
    found = {
      redis,
      address: make("address", LIMITS.address),
      phone: make("phone", LIMITS.account),
      // One point per waiting time: the first attempt to take it is checked, the rest wait.
      slot: make("phone-slot", 1),
      slowed: make("phone-slowed", 1_000_000),
    };
    cache.set(prefix, found);
  }
  return found;
}

const refused = (res: RateLimiterRes, reason: "account" | "address"): LoginGate => ({
  allowed: false,
  retryInS: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  reason,
});

/**
 * Takes this attempt's points before the password is looked at. Allowed: check the password, then call
 * loginSucceeded or nothing (the failure is already counted).
 */
export async function reserveLoginAttempt(phone: string, address: string, options: ThrottleOptions = {}): Promise<LoginGate> {
  try {
    const l = limiters(options);
    try {
      await l.address.consume(address);
    } catch (err) {
      if (err instanceof RateLimiterRes) return refused(err, "address");
      throw err;
    }
    let attempts: number;
    try {
      attempts = (await l.phone.consume(phone)).consumedPoints;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      attempts = err.consumedPoints;
    }
    // The last free attempt already takes the first slot, so the next one waits even in a burst.
    if (attempts < LIMITS.account) return { allowed: true };
    const slowedSoFar = (await l.slowed.get(phone))?.consumedPoints ?? 0;
    const waitS = slowdownWaitS(slowedSoFar, options.firstWaitS);
    try {
      await l.slot.consume(phone, 1, { customDuration: waitS });
    } catch (err) {
      if (err instanceof RateLimiterRes) return refused(err, "account");
      throw err;
    }
    await l.slowed.penalty(phone);
    return { allowed: true };
  } catch {
    return { allowed: true };
  }
}

/** The right password: the phone starts afresh and the address gets its point back. */
export async function loginSucceeded(phone: string, address: string, options: ThrottleOptions = {}): Promise<void> {
  try {
    const l = limiters(options);
    await Promise.all([l.phone.delete(phone), l.slot.delete(phone), l.slowed.delete(phone), l.address.reward(address)]);
  } catch {
    // Redis away: nothing was counted either.
  }
}

/** After a password reset by link: the owner signs in with the new password at once. */
export async function clearLoginFailures(phone: string, options: ThrottleOptions = {}): Promise<void> {
  try {
    const l = limiters(options);
    await Promise.all([l.phone.delete(phone), l.slot.delete(phone), l.slowed.delete(phone)]);
  } catch {
    // ignore
  }
}

/** "30 giây", "5 phút": the wait in words a person reads at a glance. */
export function waitInWords(seconds: number): string {
  return seconds < 120 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

export type LookupGate = { allowed: true } | { allowed: false; retryInS: number };
const lookupCache = new Map<string, { redis: Redis; limiter: RateLimiterRedis }>();

/**
 * A plain per-key budget for a cheap lookup a page calls as someone types (e.g. the duplicate-idea check):
 * `points` calls per `durationS` seconds, counted in Redis across web processes. Redis away: allowed (a
 * lookup is not worth refusing a person over).
 */
export async function takeLookupPoint(
  name: string,
  key: string,
  limit: { points: number; durationS: number },
  options: { redis?: Redis; prefix?: string } = {},
): Promise<LookupGate> {
  try {
    const redis = options.redis ?? webQueues().connection;
    const prefix = `${options.prefix ?? queueConfig().QUEUE_PREFIX}:lookup:${name}:${limit.points}:${limit.durationS}`;
    let found = lookupCache.get(prefix);
    if (!found || found.redis !== redis) {
      found = { redis, limiter: new RateLimiterRedis({ storeClient: redis, keyPrefix: prefix, points: limit.points, duration: limit.durationS }) };
      lookupCache.set(prefix, found);
    }
    await found.limiter.consume(key);
    return { allowed: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { allowed: false, retryInS: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    return { allowed: true };
  }
}
