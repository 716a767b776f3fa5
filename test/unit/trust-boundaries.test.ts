import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/account/auth.schemas";
import { forwardedValue } from "../../app/server/proxy";
import { isPersonalPath } from "../../app/server/remix";
import { slowdownWaitS } from "../../app/account/throttle.server";

describe("a redirect target after login", () => {
  // Each as the login page receives it, already decoded once from the query string.
  const refused: [string, string][] = [
    ["a tab, which browsers drop", "/\t/127.0.0.1:3399/x"],
    ["a newline, which broke the Location header", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a backslash anywhere", "/ok\\..\\..\\evil"],
    ["a protocol-relative address", "//evil.example"],
    ["slash and backslash", "/\\evil.example"],
    ["the tab still percent-encoded (decoded once more by nobody)", "%09/evil"],
    ["encoded slashes", "%2F%2Fevil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["another site", "https://evil.example"],
    ["nothing", ""],
    ["a null byte", "/\u0000//evil.example"],
  ];
  it.each(refused)("sends the person home for %s", (_why, target) => {
    expect(safeRedirect(target)).toBe("/");
  });

  it("keeps a path of this site, with its query", () => {
    expect(safeRedirect("/ok/path?x=1")).toBe("/ok/path?x=1");
    expect(safeRedirect("/vong-thi/3")).toBe("/vong-thi/3");
  });

  it("keeps a percent-encoded tab inside one of our paths as a path, never as a way out", () => {
    // "/%09/evil" reaches the browser as an encoded path segment of this site.
    expect(safeRedirect("/%09/evil")).toBe("/%09/evil");
    expect(new URL(safeRedirect("/%09/evil"), "https://cuocthi.example").origin).toBe("https://cuocthi.example");
  });

  it("serializes what it keeps so the Location header never carries raw text", () => {
    expect(safeRedirect("/tìm kiếm")).toBe("/t%C3%ACm%20ki%E1%BA%BFm");
  });
});

describe("what a trusted proxy wrote", () => {
  it("is nothing when no proxy is trusted", () => {
    expect(forwardedValue("6.6.6.6", 0)).toBeUndefined();
  });
  it("is the right-most entry with one proxy, never the one the client wrote", () => {
    expect(forwardedValue("6.6.6.6, 10.0.0.7", 1)).toBe("10.0.0.7");
    expect(forwardedValue(["6.6.6.6", "10.0.0.7"], 1)).toBe("10.0.0.7");
  });
  it("counts hops from the right with several proxies", () => {
    expect(forwardedValue("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(forwardedValue("203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });
  it("falls back to what there is when fewer entries than proxies came", () => {
    expect(forwardedValue("203.0.113.9", 3)).toBe("203.0.113.9");
    expect(forwardedValue(undefined, 1)).toBeUndefined();
  });
});

describe("the login slowdown", () => {
  it("doubles the wait with each slowed attempt and stops at five minutes", () => {
    expect([0, 1, 2, 3, 4, 5, 30].map((n) => slowdownWaitS(n))).toEqual([15, 30, 60, 120, 240, 300, 300]);
  });
});

describe("personal pages", () => {
  it("are matched with their .data form and sub-pages, and public pages are not", () => {
    for (const p of ["/tai-khoan", "/tai-khoan.data", "/bai-thi/3", "/quan-tri/don-vi.data", "/dat-lai-mat-khau/abc"]) {
      expect(isPersonalPath(p), p).toBe(true);
    }
    for (const p of ["/", "/_root.data", "/thu-vien-sang-kien", "/ty-le-tham-gia/1", "/tai-khoanx"]) expect(isPersonalPath(p), p).toBe(false);
  });
});
