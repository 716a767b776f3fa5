import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { detectFormat, type ImportFormat } from "./core/organizer/import";
import { logAudit } from "../db/audit";
import { closeDb, getDb, migrateDatabase } from "../db/connection";
import { runBackupCommand, runRestoreCommand } from "../db/backup-cli";
import { commitImport, prepareImport, readImportFile } from "../workers/organizer";
import { movementCommands } from "./emulation/cli";
import { registerIndexCommands } from "./reform-index/cli-commands";

/**
 * The command line: `npm run cli -- <group> <command>`. A dispatcher: each group registers its commands
 * here (questions, backup, restore).
 */

type ImportReport = {
  imported: number;
  skipped: { line: number; reason: string }[];
  errors: { line: number; column: string; message: string }[];
};

async function importQuestions(file: string, options: { dryRun?: boolean; json?: boolean; format?: string }): Promise<number> {
  const resolved = path.resolve(file);
  const report: ImportReport = { imported: 0, skipped: [], errors: [] };
  let format: ImportFormat | null = null;
  if (!fs.existsSync(resolved)) {
    report.errors.push({ line: 0, column: "", message: `Không tìm thấy tệp ${file}` });
  } else {
    const chosen =
      options.format ?? detectFormat(resolved, resolved.endsWith(".txt") ? fs.readFileSync(resolved, "utf8") : undefined);
    if (chosen === "xlsx" || chosen === "csv" || chosen === "gift" || chosen === "aiken") format = chosen;
    else
      report.errors.push({
        line: 0,
        column: "",
        message: "Không nhận ra định dạng tệp: dùng .xlsx, .csv, .gift hoặc .aiken, hoặc --format",
      });
  }
  if (format) {
    const db = getDb();
    migrateDatabase(db);
    const prepared = prepareImport(db, await readImportFile(resolved, format), {
      today: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10),
    });
    report.skipped = prepared.skipped;
    report.errors = prepared.errors;
    if (!options.dryRun && prepared.errors.length === 0) {
      report.imported = commitImport(db, prepared, Date.now(), () =>
        logAudit(db, {
          userId: null,
          action: "question.import",
          entity: "question",
          detail: { file: path.basename(resolved), imported: prepared.questions.length, via: "cli" },
        })
      );
    } else if (options.dryRun && prepared.errors.length === 0 && !options.json) {
      process.stdout.write(`Xem trước: ${prepared.questions.length} câu hỏi sẽ được nhập (chưa ghi gì).\n`);
    }
    closeDb();
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    for (const e of report.errors)
      process.stdout.write(`Lỗi dòng ${e.line}${e.column ? `, cột ${e.column}` : ""}: ${e.message}\n`);
    for (const s of report.skipped) process.stdout.write(`Bỏ qua dòng ${s.line}: ${s.reason}\n`);
    if (report.errors.length) process.stdout.write("Tệp có lỗi: không nhập câu hỏi nào.\n");
    else if (!options.dryRun) process.stdout.write(`Đã nhập ${report.imported} câu hỏi.\n`);
  }
  return report.errors.length ? 1 : 0;
}

export function buildProgram(): Command {
  const program = new Command("cuocthi").description("Công cụ dòng lệnh của cuocthi").exitOverride();
  const questions = program.command("questions").description("Ngân hàng câu hỏi");
  questions
    .command("import")
    .description("Nhập câu hỏi từ tệp Excel (.xlsx), CSV, GIFT hoặc Aiken; có lỗi thì không nhập gì")
    .argument("<file>", "tệp cần nhập")
    .option("--dry-run", "chỉ kiểm tra, không ghi vào cơ sở dữ liệu")
    .option("--json", 'in kết quả dạng JSON: {"imported", "skipped", "errors"}')
    .option("--format <format>", "xlsx, csv, gift hoặc aiken (mặc định: theo phần mở rộng)")
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean; format?: string }) => {
      process.exitCode = await importQuestions(file, options);
    });
  program
    .command("backup")
    .description("Sao lưu trực tuyến cơ sở dữ liệu (SQLite online backup) vào một tệp hoặc thư mục")
    .argument("<path>", "tệp .sqlite hoặc thư mục đích")
    .action(async (target: string) => {
      process.exitCode = await runBackupCommand([target]);
    });
  program
    .command("restore")
    .description("Khôi phục từ một bản sao lưu (dừng web và workers trước)")
    .argument("<file>", "tệp sao lưu")
    .action(async (file: string) => {
      process.exitCode = await runRestoreCommand([file]);
    });
  movementCommands(program);
  registerIndexCommands(program);
  return program;
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"));
if (isEntry) {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    process.exitCode = err.exitCode;
  }
}
