import { execFileSync } from "node:child_process";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "../../db/connection";
import { seedDemo } from "../../db/seed";
import { IMPORT_COLUMNS } from "../../app/core/initiative-register/import";
import { yearInVietnam } from "../../app/core/initiative-register/rules";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("ir-cli");
const year = yearInVietnam(Date.now());

beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
  closeDb();
});
afterAll(() => env.cleanup());

function cli(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", "app/cli.ts", ...args], { env: { ...process.env, DATABASE_PATH: env.file }, encoding: "utf8" });
    return { code: 0, out };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

async function workbook(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("So sang kien");
  ws.addRow([...IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  const file = path.resolve("test/.tmp", `${name}-${process.pid}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

type Stat = { unitCode: string; registered: number; recognised: number; applied: number; shareApplied: number };
const statOf = (code: string, y = year - 1) => (JSON.parse(cli("initiatives", "stats", "--year", String(y), "--json").out) as Stat[]).find((r) => r.unitCode === code);

describe("npm run cli -- initiatives import / stats", () => {
  it("imports nothing from a file with errors and names row, column and problem", async () => {
    const file = await workbook("ir-bad", [
      ["Một cửa liên thông điện tử cấp xã", "CCHC", "20794", "Nguyễn Văn A (60%); Trần B (30%)", "10/QĐ-UBND", new Date(Date.UTC(year - 1, 4, 2)), "Cơ sở"],
      ["Ứng dụng tra cứu thủ tục hành chính", "CCHC", "KHONG-CO", "Lê C", "11/QĐ-UBND", "31/02/2025", "Cấp xã"],
    ]);
    const res = cli("initiatives", "import", file, "--json");
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out);
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([
      { row: 2, column: "Tác giả", message: "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)." },
      { row: 3, column: "Mã đơn vị", message: 'Không có đơn vị mã "KHONG-CO".' },
      { row: 3, column: "Ngày quyết định", message: "Ngày quyết định không hợp lệ (ô ngày, hoặc dd/mm/yyyy)." },
      { row: 3, column: "Phạm vi ảnh hưởng", message: 'Phạm vi ảnh hưởng là "Cơ sở", "Cấp huyện/sở" hoặc "Cấp tỉnh".' },
    ]);
    expect(statOf("20794")).toBeUndefined();
  });

  it("imports past recognitions, and stats prints the unit's counts and share", async () => {
    const file = await workbook("ir-ok", [
      ["Một cửa liên thông điện tử cấp xã", "CCHC", "20794", "Nguyễn Văn A (60%); Trần B (40%)", "10/QĐ-UBND", new Date(Date.UTC(year - 1, 4, 2)), "Cơ sở", "Tóm tắt", "20791"],
      ["Ứng dụng tra cứu thủ tục hành chính", "CCHC", "20794", "Lê C; Phan D", "11/QĐ-UBND", `15/09/${year - 1}`, "Cấp huyện/sở"],
    ]);
    const res = cli("initiatives", "import", file, "--json");
    expect(JSON.parse(res.out)).toEqual({ imported: 2, errors: [] });
    expect(res.code).toBe(0);
    expect(statOf("20794")).toMatchObject({ registered: 2, recognised: 2, applied: 1, shareApplied: 0.5 });
    const current = statOf("20794", year)!;
    expect(current.recognised).toBeGreaterThanOrEqual(1);
    expect(cli("initiatives", "stats", "--year", "abc").code).toBe(2);
  });
});
