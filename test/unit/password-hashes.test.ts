import { describe, expect, it } from "vitest";
import { HASHES_AT_ONCE, hashPassword, hashQueue, verifyPassword } from "../../app/account/password.server";

describe("password hashes", () => {
  it("runs at most HASHES_AT_ONCE scrypt hashes at a time, every one answered right, in turn", async () => {
    const stored = await hashPassword("mật-khẩu-đúng");
    expect(hashQueue()).toEqual({ running: 0, waiting: 0 });
    const tries = Array.from({ length: HASHES_AT_ONCE + 3 }, (_, i) => verifyPassword(i % 2 ? "mật-khẩu-đúng" : `sai-${i}`, stored));
    // Every call has entered derive() by now: the first HASHES_AT_ONCE run, the rest wait.
    await Promise.resolve();
    expect(hashQueue()).toEqual({ running: HASHES_AT_ONCE, waiting: 3 });
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, hashQueue().running)), 1);
    const results = await Promise.all(tries);
    clearInterval(watch);
    expect(results).toEqual(tries.map((_, i) => i % 2 === 1));
    expect(peak).toBeLessThanOrEqual(HASHES_AT_ONCE);
    expect(hashQueue()).toEqual({ running: 0, waiting: 0 });
  });

  it("frees its slot when a hash fails", async () => {
    // N not a power of two: scrypt refuses it; the next hash must still run.
    await expect(verifyPassword("x", "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).rejects.toThrow();
    expect(hashQueue()).toEqual({ running: 0, waiting: 0 });
    expect(await verifyPassword("a", await hashPassword("a"))).toBe(true);
  });
});
