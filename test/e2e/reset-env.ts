import fs from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";

/**
 * Run by the e2e web server command before the launcher: removes the previous run's database directory
 * and the "e2e" BullMQ keys, so that a delayed job left by an earlier run (jobIds are derived from attempt
 * ids, which restart at 1 in a fresh database) cannot collide with this run's attempts.
 */

fs.rmSync(path.resolve("test/.tmp/e2e"), { recursive: true, force: true });

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = process.env.QUEUE_PREFIX ?? "e2e";
const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1500 });
redis.on("error", () => {});
try {
  await redis.connect();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
} catch {
  // No Redis yet: the launcher starts its own, which is empty.
} finally {
  redis.disconnect();
}
