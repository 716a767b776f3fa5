import { describe, expect, it } from "vitest";
import { ranksVisible, sharedWith } from "../../app/core/organizer/ranking";

describe("when places are published", () => {
  it("live: from the opening on, never before", () => {
    expect(ranksVisible("live", "upcoming")).toBe(false);
    expect(ranksVisible("live", "open")).toBe(true);
    expect(ranksVisible("live", "closed")).toBe(true);
  });
  it("after the close: only once the round has closed", () => {
    expect(ranksVisible("after_close", "open")).toBe(false);
    expect(ranksVisible("after_close", "closed")).toBe(true);
  });
  it("withheld: never, until the organizer changes the setting", () => {
    expect(ranksVisible("withheld", "closed")).toBe(false);
  });
  it("counts the others sharing a place (1, 2, 2, 4)", () => {
    const ranked = [{ rank: 1 }, { rank: 2 }, { rank: 2 }, { rank: 4 }];
    expect(sharedWith(ranked, 1)).toBe(0);
    expect(sharedWith(ranked, 2)).toBe(1);
  });
});
