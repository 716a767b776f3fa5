import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = path.resolve("test/.tmp", `cli-${process.pid}`);
const dbFile = path.join(dir, "db.sqlite");
const moodle = fs.existsSync(path.resolve("../shared/external/moodle"))
  ? path.resolve("../shared/external/moodle")
  : "/work/shared/external/moodle";
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", "app/cli.ts", ...args], {
      env: { ...process.env, DATABASE_PATH: dbFile },
      encoding: "utf8",
    });
    return { code: 0, out };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

describe("npm run cli -- questions import", () => {
  it("prints the agreed JSON, and a dry run writes nothing", () => {
    fs.mkdirSync(dir, { recursive: true });
    const dry = cli("questions", "import", path.join(moodle, "questions.gift.txt"), "--dry-run", "--json");
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.out);
    expect(Object.keys(report)).toEqual(["imported", "skipped", "errors"]);
    expect(report.imported).toBe(0);
    expect(report.skipped.map((s: { line: number }) => s.line)).toEqual([2, 5, 22, 31, 34, 49]);
    const real = JSON.parse(cli("questions", "import", path.join(moodle, "questions.gift.txt"), "--json").out);
    expect(real.imported).toBe(3);
  });

  it("exits 1 with every error and imports nothing when a file has errors", () => {
    const res = cli("questions", "import", path.join(moodle, "aiken_errors.txt"), "--format", "aiken", "--json");
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out);
    expect(report.imported).toBe(0);
    expect(report.errors[0]).toEqual({ line: 3, column: "phương án", message: "Câu hỏi phải có ít nhất 2 phương án (dòng 3)" });
  });
});
