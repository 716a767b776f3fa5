import type { Command } from "commander";
import { closeDb, getDb, migrateDatabase } from "../../db/connection";
import { type CliReport, importIndexScores, importIndexSet, indexResultsReport } from "./cli.server";

/** `npm run cli -- par-index ...`: the reform index's commands, registered by app/cli.ts. */

const year = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new Error(`Năm "${v}" không hợp lệ.`);
  return n;
};

function print(report: CliReport, json: boolean | undefined, done: string): number {
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (!report.ok) {
    for (const e of report.errors) process.stdout.write(`Lỗi dòng ${e.row}${e.column ? `, cột ${e.column}` : ""}: ${e.message}\n`);
    process.stdout.write("Tệp có lỗi: không nhập gì.\n");
  } else process.stdout.write(`${done}\n`);
  return report.ok ? 0 : 1;
}

function withDb<T>(fn: (db: ReturnType<typeof getDb>) => Promise<T> | T): Promise<T> {
  const db = getDb();
  migrateDatabase(db);
  return Promise.resolve(fn(db)).finally(() => closeDb());
}

export function registerIndexCommands(program: Command): void {
  const group = program.command("par-index").description("Chỉ số cải cách hành chính của các đơn vị");
  group
    .command("import-set")
    .description("Nhập bộ chỉ số từ tệp Excel (STT, tiêu chí, điểm tối đa, cách tính điểm, tài liệu kiểm chứng) hoặc YAML")
    .argument("<file>")
    .requiredOption("--year <year>", "năm đánh giá", year)
    .requiredOption("--group <group>", "nhóm đơn vị (ví dụ: so-nganh, xa-phuong)")
    .option("--title <title>", "tên bộ chỉ số")
    .option("--json", "in kết quả dạng JSON")
    .action(async (file: string, o: { year: number; group: string; title?: string; json?: boolean }) => {
      const report = await withDb((db) => importIndexSet(db, file, o));
      process.exitCode = print(report, o.json, `Đã nhập bộ chỉ số: ${report.rows} dòng, tối đa ${report.maximum} điểm (phiên bản ${report.version}).`);
    });
  group
    .command("import-scores")
    .description("Nhập kết quả chỉ số đã thẩm định của một năm (Mã đơn vị, Chỉ số CCHC (%), Nhóm, Xếp loại)")
    .argument("<file>")
    .requiredOption("--year <year>", "năm đánh giá", year)
    .option("--json", "in kết quả dạng JSON")
    .action(async (file: string, o: { year: number; json?: boolean }) => {
      const report = await withDb((db) => importIndexScores(db, file, o));
      process.exitCode = print(report, o.json, `Đã nhập kết quả của ${report.imported} đơn vị năm ${o.year}.`);
    });
  group
    .command("results")
    .description("Kết quả chỉ số đã công bố của một năm")
    .requiredOption("--year <year>", "năm đánh giá", year)
    .option("--json", "in kết quả dạng JSON")
    .action(async (o: { year: number; json?: boolean }) => {
      const rows = await withDb((db) => indexResultsReport(db, o.year));
      if (o.json) process.stdout.write(`${JSON.stringify({ year: o.year, results: rows })}\n`);
      else for (const r of rows) process.stdout.write(`${r.rank}. ${r.name} (${r.unit}): ${r.index}% – ${r.band}${r.cappedReason ? ` (${r.cappedReason})` : ""}\n`);
    });
}
