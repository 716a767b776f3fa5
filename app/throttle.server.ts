import { queueConfig, webQueues } from "../workers/queues";

/**
 * Login throttling kept in Redis, so it holds across web processes: per account (phone) and per address.
 * Only failures count; a success clears the account's count. When Redis is away the check lets people in
 * rather than lock a whole district out on contest day.
 */
const WINDOW_S = 15 * 60;
export const LIMITS = { account: 5, address: 30 } as const;

const key = (kind: "account" | "address", id: string) => `${queueConfig().QUEUE_PREFIX}:login:${kind}:${id}`;

export async function loginBlocked(phone: string, address: string): Promise<{ blocked: boolean; retryInMin: number }> {
  try {
    const redis = webQueues().connection;
    const [acct, addr, ttl] = await Promise.all([
      redis.get(key("account", phone)),
      redis.get(key("address", address)),
      redis.ttl(key("account", phone)),
    ]);
    const blocked = Number(acct ?? 0) >= LIMITS.account || Number(addr ?? 0) >= LIMITS.address;
    return { blocked, retryInMin: Math.max(1, Math.ceil((ttl > 0 ? ttl : WINDOW_S) / 60)) };
  } catch {
    return { blocked: false, retryInMin: 0 };
  }
}

export async function recordLoginFailure(phone: string, address: string): Promise<void> {
  try {
    const redis = webQueues().connection;
    await redis
      .multi()
      .incr(key("account", phone))
      .expire(key("account", phone), WINDOW_S)
      .incr(key("address", address))
      .expire(key("address", address), WINDOW_S)
      .exec();
  } catch {
    // Redis away: nothing to count with.
  }
}

export async function clearLoginFailures(phone: string): Promise<void> {
  try {
    await webQueues().connection.del(key("account", phone));
  } catch {
    // ignore
  }
}
