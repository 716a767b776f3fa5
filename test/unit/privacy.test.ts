import { describe, expect, it } from "vitest";
import { maskCccd, maskPhone, RESET_LINK_TTL_MS, resetTokenState } from "../../app/core/account/privacy";

describe("masking phone and CCCD in lists", () => {
  it("keeps the first four and the last three digits of a phone", () => {
    expect(maskPhone("0912345678")).toBe("0912***678");
  });
  it("keeps the first four and the last two digits of a CCCD", () => {
    expect(maskCccd("001234567834")).toBe("0012******34");
    expect(maskCccd("001234567834")).toHaveLength(12);
  });
  it("shows nothing of a missing value and only stars of a short one", () => {
    expect(maskPhone(null)).toBe("");
    expect(maskCccd(undefined)).toBe("");
    expect(maskPhone("12345")).toBe("*****");
    expect(maskCccd("123")).toBe("***");
  });
  it("never shows the middle digits", () => {
    const masked = maskPhone("0987654321");
    expect(masked).not.toContain("765");
    expect(masked.length).toBe(10);
  });
});

describe("one-time reset links", () => {
  const now = 1_800_000_000_000;
  const fresh = { expiresAt: now + RESET_LINK_TTL_MS, usedAt: null };
  it("is valid until it expires, 24 hours after it was made", () => {
    expect(RESET_LINK_TTL_MS).toBe(86_400_000);
    expect(resetTokenState(fresh, now)).toBe("valid");
    expect(resetTokenState(fresh, now + RESET_LINK_TTL_MS - 1)).toBe("valid");
    expect(resetTokenState(fresh, now + RESET_LINK_TTL_MS)).toBe("expired");
  });
  it("is used once: a used link stays used, even after it would expire", () => {
    expect(resetTokenState({ ...fresh, usedAt: now }, now + 1)).toBe("used");
    expect(resetTokenState({ ...fresh, usedAt: now }, now + 2 * RESET_LINK_TTL_MS)).toBe("used");
  });
  it("an unknown token is unknown", () => {
    expect(resetTokenState(undefined, now)).toBe("unknown");
  });
});
