/**
 * The first step of `npm test`: the machine has what the suite needs, or the run stops here at once.
 * redis-server is always needed (the fault tests start and stop Redis instances of their own), Chromium
 * for the browser tests, and a Redis answering at REDIS_URL (default 127.0.0.1:6379) for the rest.
 * As root with apt-get, what is missing is installed from Debian's packages; otherwise one line says what to run.
 */
import { ensurePrograms, ensureRedis } from "../../app/server/machine";

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
ensurePrograms(["redis-server", "chromium"]);
await ensureRedis(url, { kind: "daemon" });
console.error(`Máy đã sẵn sàng / machine ready: redis-server, chromium, Redis tại ${url}`);
