import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { OUTCOME_LABEL, parseResultRows, STANDING_LABEL, type ImportError } from "../core/emulation";
import { closeDb, getDb, migrateDatabase } from "../../db/connection";
import { logAudit } from "../../db/audit";
import { evaluateAndSnapshot } from "../../db/emulation/evaluation";
import { getMovementBySlug, importResults, listMovements } from "../../db/emulation/queries";
import { units } from "../../db/schema";
import { readSheet } from "../excel.server";
import { evaluationReport } from "./report";

/** `npm run cli -- movements evaluate|import-results`: the emulation commands of the command line. */
export function movementCommands(program: Command): void {
  const movements = program.command("movements").description("Phong trào thi đua");
  movements
    .command("evaluate")
    .description("Xét từng ứng viên theo từng tiêu chí của mọi hình thức khen thưởng và lưu kết quả")
    .argument("<slug>", "mã phong trào, ví dụ tuy-phuoc-2021-2025")
    .option("--year <year>", "năm xét (mặc định: năm của phong trào)")
    .option("--json", "in kết quả dạng JSON")
    .action((slug: string, options: { year?: string; json?: boolean }) => {
      process.exitCode = evaluate(slug, options);
    });
  movements
    .command("import-results")
    .description("Nhập kết quả Chỉ số CCHC và sáng kiến theo đơn vị và năm từ tệp .xlsx; có lỗi thì không nhập gì")
    .argument("<file>", "tệp .xlsx")
    .option("--json", 'in kết quả dạng JSON: {"imported", "errors"}')
    .action(async (file: string, options: { json?: boolean }) => {
      process.exitCode = await importFile(file, options);
    });
}

function evaluate(slug: string, options: { year?: string; json?: boolean }): number {
  const db = getDb();
  migrateDatabase(db);
  try {
    const m = getMovementBySlug(db, slug);
    if (!m) {
      const known = listMovements(db).map((x) => x.slug).join(", ");
      process.stderr.write(`Không có phong trào "${slug}". Các phong trào: ${known || "(chưa có)"}.\n`);
      return 1;
    }
    const year = options.year === undefined ? undefined : Number(options.year);
    if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) {
      process.stderr.write("--year phải là năm có 4 chữ số, ví dụ 2024.\n");
      return 1;
    }
    const ev = evaluateAndSnapshot(db, m.id, { year, reason: "Dòng lệnh", now: Date.now() })!;
    const report = evaluationReport(m, ev.inputs.year, ev.id, ev.inputs.schemes, ev.result);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    process.stdout.write(`${report.movement.title} — năm ${report.year}\n`);
    for (const s of report.schemes) {
      process.stdout.write(`\n${s.title} (${s.quotaText})\n`);
      for (const c of s.candidates) {
        process.stdout.write(`  ${c.name}: ${STANDING_LABEL[c.standing]}${c.note ? ` — ${c.note}` : ""}\n`);
        for (const r of c.criteria) process.stdout.write(`    · ${r.label}: ${OUTCOME_LABEL[r.outcome]} — ${r.reason}\n`);
      }
      process.stdout.write(`  Danh sách đủ điều kiện trong chỉ tiêu: ${s.qualified.map((q) => q.name).join("; ") || "(không có)"}\n`);
    }
    return 0;
  } finally {
    closeDb();
  }
}

async function importFile(file: string, options: { json?: boolean }): Promise<number> {
  const resolved = path.resolve(file);
  let errors: ImportError[] = [];
  let imported = { index: 0, initiatives: 0, recognitions: 0 };
  if (!fs.existsSync(resolved)) errors = [{ row: 0, column: "", message: `Không tìm thấy tệp ${file}.` }];
  else if (!resolved.toLowerCase().endsWith(".xlsx")) errors = [{ row: 0, column: "", message: "Chỉ nhận tệp Excel .xlsx." }];
  else {
    const bytes = fs.readFileSync(resolved);
    const sheet = await readSheet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 12);
    if (!sheet.ok) errors = [{ row: 0, column: "", message: sheet.message }];
    else {
      const db = getDb();
      migrateDatabase(db);
      const codes = new Map(db.select({ id: units.id, code: units.code }).from(units).all().map((u) => [u.code, u.id]));
      const parsed = parseResultRows(sheet.rows, codes);
      if (!parsed.ok) errors = parsed.errors;
      else {
        importResults(db, parsed.results, Date.now());
        imported = { index: parsed.results.index.length, initiatives: parsed.results.initiatives.length, recognitions: parsed.results.recognitions.length };
        logAudit(db, { userId: null, action: "emulation.import_results", entity: "index_results", detail: { file: path.basename(resolved), ...imported, via: "cli" } });
      }
      closeDb();
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ imported, errors })}\n`);
  else if (errors.length) {
    for (const e of errors) process.stdout.write(`Lỗi dòng ${e.row}${e.column ? `, cột ${e.column}` : ""}: ${e.message}\n`);
    process.stdout.write("Tệp có lỗi: không nhập dòng nào.\n");
  } else process.stdout.write(`Đã nhập ${imported.index} kết quả chỉ số, ${imported.initiatives} dòng số sáng kiến, ${imported.recognitions} sáng kiến được công nhận.\n`);
  return errors.length ? 1 : 0;
}
