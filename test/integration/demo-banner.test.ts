import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactPhones, demoAccountGroups, demoBannerLines } from "../../db/account/demo-accounts";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/** The start-up banner lists every demo account of the README's table, grouped by role, read from what the seeds wrote. */

const env = useFreshDatabase("demo-banner");
beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.parse("2026-12-01T03:00:00Z"), hashPassword: async () => "x" });
});
afterAll(() => env.cleanup());

const expand = (s: string) =>
  s.split(", ").flatMap((p) => {
    const m = /^(\d{8})(\d\d)–(\d\d)$/.exec(p);
    if (!m) return [p];
    return Array.from({ length: Number(m[3]) - Number(m[2]) + 1 }, (_, i) => `${m[1]}${String(Number(m[2]) + i).padStart(2, "0")}`);
  });

describe("the start-up banner's demo accounts", () => {
  it("lists every phone of the README's demo table once, under its role", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const table = readme.split("\n").filter((l) => /^\| 09\d{8}/.test(l));
    const inReadme = new Set(table.flatMap((l) => l.split("|")[1].match(/09\d{8}/g) ?? []));
    expect(inReadme.size).toBeGreaterThan(15);
    const lines = demoBannerLines(env.db);
    const listed = lines.flatMap((l) => expand(l.replace(/^\s+[^:]+:\s+/, "")));
    expect(new Set(listed).size).toBe(listed.length);
    for (const p of inReadme) expect(listed, p).toContain(p);
    // The newer accounts, by role: the demo commune, the register's, the awards'.
    const byGroup = Object.fromEntries(demoAccountGroups(env.db).map((g) => [g.group, g.phones]));
    expect(byGroup["Ban Tổ chức"]).toEqual(expect.arrayContaining(["0900000002", "0900000020", "0900000030", "0900000040", "0900000050"]));
    expect(byGroup["Thủ trưởng đơn vị"]).toEqual(expect.arrayContaining(["0900000003", "0900000021", "0900000041", "0900000042", "0900000043"]));
    expect(byGroup["Hội đồng"]).toEqual(expect.arrayContaining(["0900000022", "0900000025", "0900000051", "0900000052"]));
    expect(byGroup["Người dự thi, tác giả"]).toEqual(expect.arrayContaining(["0900000010", "0900000053", "0900000054", "0900000055"]));
    console.log(lines.join("\n"));
  });

  it("shortens runs of consecutive phones", () => {
    expect(compactPhones(["0900000043", "0900000041", "0900000042", "0900000001", "0900000010", "0900000011"])).toBe("0900000001, 0900000010, 0900000011, 0900000041–43");
  });
});
