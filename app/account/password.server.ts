import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";

// scrypt with N=2^15, r=8, p=1 (OWASP's recommended floor), stored with its parameters so they can grow.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEYLEN = 32;

/**
 * Hashes at once, at most: each holds 128·N·r bytes (32 MB at these parameters) while it runs, and libuv runs four
 * at a time by default, so 100 wrong logins at once held 128 MB more in the web process (its peak RSS in the bench
 * went from 239 to 372 MB). scrypt is CPU-bound: more hashes than cores, less one for the event loop, only wait
 * their turn on the threads anyway, and keep the threadpool from the file and DNS work the pages need.
 */
export const HASHES_AT_ONCE = Math.max(1, Math.min(4, availableParallelism() - 1));
let running = 0;
const waiting: (() => void)[] = [];
/** The hashes running now and waiting their turn (read by the tests). */
export const hashQueue = () => ({ running, waiting: waiting.length });

async function derive(password: string, salt: Buffer, options: ScryptOptions, keylen: number): Promise<Buffer> {
  if (running >= HASHES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize("NFC"), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    // The slot passes straight to the next in line (first come, first served), or is freed.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, KEYLEN);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem }, expected.length);
  return timingSafeEqual(key, expected);
}
