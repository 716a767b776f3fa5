import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { logAudit } from "../../db/audit";
import { closeDb, type Db, getDb, migrateDatabase } from "../../db/connection";
import { initiativeFigures } from "../../db/initiative-register/figures";
import { insertApplication, insertRequest } from "../../db/initiative-register/queries";
import { listUnits } from "../../db/participation/units";
import { readSheet } from "../excel.server";
import { searchText } from "../core/initiatives/initiatives";
import { IMPORT_COLUMNS, type ImportError, parseRecognitions } from "../core/initiative-register/import";

/** Loads past recognitions from an .xlsx file: all rows or none. */
export async function importRecognitions(db: Db, file: string, now: number): Promise<{ imported: number; errors: ImportError[] }> {
  if (!fs.existsSync(file)) return { imported: 0, errors: [{ row: 0, column: "", message: `Không tìm thấy tệp ${file}` }] };
  const buf = fs.readFileSync(file);
  const sheet = await readSheet(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, IMPORT_COLUMNS.length);
  if (!sheet.ok) return { imported: 0, errors: [{ row: 0, column: "", message: sheet.message }] };
  const units = listUnits(db);
  const byCode = new Map(units.map((u) => [u.code, u.id]));
  const { items, errors } = parseRecognitions(sheet.rows, new Set(byCode.keys()));
  if (errors.length) return { imported: 0, errors };
  db.transaction(() => {
    for (const it of items) {
      const unitId = byCode.get(it.unitCode)!;
      const req = insertRequest(
        db,
        {
          ownerId: null,
          unitId,
          title: it.title,
          field: it.field,
          problem: it.summary,
          state: "recognised",
          year: Number(it.decisionDate.slice(0, 4)),
          decisionNumber: it.decisionNumber,
          decisionDate: it.decisionDate,
          decidedScope: it.scope,
          claimedScope: it.scope,
          importedFrom: path.basename(file),
          searchFolded: searchText([it.title, it.summary]),
          createdAt: now,
          updatedAt: now,
          decidedAt: now,
        },
        it.authors.map((a) => ({ fullName: a.fullName, share: a.share, unitId, userId: null, position: null })),
      );
      for (const code of it.appliedUnitCodes)
        insertApplication(db, { requestId: req.id, unitId: byCode.get(code)!, since: it.decisionDate, effect: "Đã áp dụng (nhập từ sổ sáng kiến cũ).", recordedBy: null, createdAt: now });
    }
    logAudit(db, { userId: null, action: "initiative_register.import", entity: "ir_request", detail: { file: path.basename(file), imported: items.length, via: "cli" } }, now);
  });
  return { imported: items.length, errors: [] };
}

export function statsRows(db: Db, year: number) {
  const units = new Map(listUnits(db).map((u) => [u.id, u]));
  return initiativeFigures(db, { years: [year] }).units.map((f) => ({ unitCode: units.get(f.unitId)?.code ?? "", unitName: units.get(f.unitId)?.name ?? "", ...f }));
}

/** `initiatives import FILE` and `initiatives stats --year Y [--json]`. */
export function registerInitiativeCommands(program: Command): void {
  const group = program.command("initiatives").description("Sổ sáng kiến");
  group
    .command("import")
    .description(`Nhập các sáng kiến đã được công nhận từ tệp .xlsx (cột: ${IMPORT_COLUMNS.join(", ")}); có lỗi thì không nhập gì`)
    .argument("<file>", "tệp .xlsx")
    .option("--json", 'in kết quả dạng JSON: {"imported", "errors"}')
    .action(async (file: string, options: { json?: boolean }) => {
      const db = getDb();
      migrateDatabase(db);
      const report = await importRecognitions(db, path.resolve(file), Date.now());
      closeDb();
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        for (const e of report.errors) process.stdout.write(`Lỗi dòng ${e.row}${e.column ? `, cột ${e.column}` : ""}: ${e.message}\n`);
        process.stdout.write(report.errors.length ? "Tệp có lỗi: không nhập sáng kiến nào.\n" : `Đã nhập ${report.imported} sáng kiến.\n`);
      }
      process.exitCode = report.errors.length ? 1 : 0;
    });
  group
    .command("stats")
    .description("Số sáng kiến đăng ký, được công nhận, được áp dụng và tỷ lệ áp dụng theo đơn vị trong một năm")
    .requiredOption("--year <year>", "năm")
    .option("--json", "in dạng JSON")
    .action((yearText: string | { year: string; json?: boolean }, maybe?: { year: string; json?: boolean }) => {
      const options = (typeof yearText === "object" ? yearText : maybe)!;
      const year = Number(options.year);
      if (!Number.isInteger(year) || year < 1990 || year > 2100) {
        process.stderr.write("Năm không hợp lệ: dùng --year 2025.\n");
        process.exitCode = 2;
        return;
      }
      const db = getDb();
      migrateDatabase(db);
      const rows = statsRows(db, year);
      closeDb();
      if (options.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else
        for (const r of rows)
          process.stdout.write(`${r.unitCode}\t${r.unitName}\tđăng ký ${r.registered}\tcông nhận ${r.recognised}\táp dụng ${r.applied}\t${(r.shareApplied * 100).toFixed(1)}%\n`);
    });
}
