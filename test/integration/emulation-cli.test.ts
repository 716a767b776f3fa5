import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "../../db/connection";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("emulation-cli");
const dir = path.resolve("test/.tmp", `emulation-cli-${process.pid}`);

beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
  closeDb();
  fs.mkdirSync(dir, { recursive: true });
});
afterAll(() => {
  env.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", "app/cli.ts", ...args], { env: { ...process.env, DATABASE_PATH: env.file }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { code: 0, out, err: "" };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout, err: x.stderr };
  }
}

async function xlsx(name: string, rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Kết quả");
  ws.addRow(["Loại dòng", "Mã đơn vị", "Năm", "Điểm", "Xếp loại", "Thứ hạng", "Đăng ký", "Áp dụng", "Tên sáng kiến", "Phạm vi", "Hội đồng", "Tác giả"]);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

type Report = { year: number; schemes: { id: string; candidates: { name: string; standing: string; criteria: { outcome: string; reason: string }[] }[]; qualified: { name: string }[] }[] };

describe("npm run cli -- movements", () => {
  it("evaluate --json prints every candidate with each criterion's outcome and reason, and the qualified list within the quota", () => {
    const res = cli("movements", "evaluate", "tuy-phuoc-2021-2025", "--json");
    expect(res.code).toBe(0);
    const report = JSON.parse(res.out) as Report;
    expect(report.year).toBe(2025);
    const yearly = report.schemes.find((s) => s.id === "gk-tap-the-hang-nam")!;
    expect(yearly.qualified.map((q) => q.name)).toEqual(["Xã Phước Sơn", "Thị trấn Tuy Phước", "Xã Phước Thuận"]);
    expect(yearly.candidates.find((c) => c.name === "Xã Phước Lộc")!.criteria[0]).toEqual({ id: "chi-so-90", label: "Chỉ số CCHC của năm đạt từ 90% trở lên", outcome: "not_met", reason: "Chỉ số CCHC năm 2025 đạt 89,9%, dưới 90%." });
  });

  it("evaluate of an unknown movement exits 1 and names the known ones", () => {
    const res = cli("movements", "evaluate", "khong-co");
    expect(res.code).toBe(1);
    expect(res.err).toContain("gieng-day-2024");
  });

  it("import-results refuses a file with errors, by row and column, and writes nothing", async () => {
    const file = await xlsx("loi.xlsx", [
      ["CHỈ SỐ", "TPH-PL", 2025, 93, "Xuất sắc", null],
      ["CHỈ SỐ", "KHONG-CO", 2025, 91, null, null],
      ["SÁNG KIẾN", "TPH-PS", 2025, null, null, null, 2, 3],
      ["CÔNG NHẬN", "TPH-PS", "năm nay", null, null, null, null, null, "Một cửa số", "Huyện"],
    ]);
    const res = cli("movements", "import-results", file, "--json");
    expect(res.code).toBe(1);
    expect(JSON.parse(res.out).errors).toEqual([
      { row: 3, column: "B", message: 'Không có đơn vị mã "KHONG-CO".' },
      { row: 4, column: "H", message: "Số được áp dụng không được lớn hơn số đăng ký." },
      { row: 5, column: "C", message: "Năm phải là số có 4 chữ số, ví dụ 2024." },
      { row: 5, column: "J", message: 'Phạm vi "Huyện" không hợp lệ: dùng Cơ sở, Tỉnh hoặc Toàn quốc.' },
    ]);
    const after = JSON.parse(cli("movements", "evaluate", "tuy-phuoc-2021-2025", "--json").out) as Report;
    expect(after.schemes[0].candidates.find((c) => c.name === "Xã Phước Lộc")!.standing).toBe("not_met");
  });

  it("import-results loads a good file, and the next evaluation uses the imported figure", async () => {
    const file = await xlsx("dung.xlsx", [
      ["CHỈ SỐ", "TPH-PL", 2025, 93, "Xuất sắc", null],
      ["SÁNG KIẾN", "TPH-PS", 2025, null, null, null, 2, 1],
      ["CÔNG NHẬN", "TPH-PS", 2025, null, null, null, null, null, "Một cửa số", "Cấp tỉnh", "Hội đồng sáng kiến tỉnh", "Nguyễn Thị Lan"],
    ]);
    const res = cli("movements", "import-results", file, "--json");
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toEqual({ imported: { index: 1, initiatives: 1, recognitions: 1 }, errors: [] });
    const report = JSON.parse(cli("movements", "evaluate", "tuy-phuoc-2021-2025", "--year", "2025", "--json").out) as Report;
    const yearly = report.schemes.find((s) => s.id === "gk-tap-the-hang-nam")!;
    // 93 puts Phước Lộc third, ahead of the two at 92 (now both over the quota).
    expect(yearly.qualified.map((q) => q.name)).toEqual(["Xã Phước Sơn", "Thị trấn Tuy Phước", "Xã Phước Lộc"]);
    expect(yearly.candidates.find((c) => c.name === "Xã Phước Thuận")!.standing).toBe("over_quota");
  });
});
