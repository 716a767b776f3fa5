import fs from "node:fs";
import path from "node:path";
import { backupDatabase, backupFileName, restoreDatabase } from "./backup";
import { databasePath, openDatabase } from "./connection";

/**
 * `npm run cli -- backup PATH`: an online backup of the database at DATABASE_PATH, safe while the web and
 * the workers run. PATH is a file, or a directory (ending in / or existing) that gets a dated file name.
 * Returns the process exit code.
 */
export async function runBackupCommand(args: string[]): Promise<number> {
  const target = args[0];
  if (!target || args.length > 1) {
    console.error("Cách dùng: npm run cli -- backup ĐƯỜNG_DẪN (một tệp .sqlite, hoặc một thư mục)");
    return 2;
  }
  const isDir = target.endsWith("/") || (fs.existsSync(target) && fs.statSync(target).isDirectory());
  const file = isDir ? path.join(target, backupFileName(Date.now())) : target;
  const source = databasePath();
  if (!fs.existsSync(source)) {
    console.error(`Không tìm thấy cơ sở dữ liệu ${source} (DATABASE_PATH).`);
    return 1;
  }
  const db = openDatabase(source);
  try {
    const result = await backupDatabase(db, file);
    console.log(
      `Đã sao lưu ${source} sang ${result.path}: ${result.pages} trang, ${(result.bytes / 1_048_576).toFixed(1)} MB, ` +
        `${result.ms} ms; kiểm tra toàn vẹn: ok.`,
    );
    return 0;
  } catch (err) {
    console.error(`Sao lưu không thành công: ${(err as Error).message}`);
    return 1;
  } finally {
    db.$client.close();
  }
}

/** `restore BACKUP`: puts a backup in place of DATABASE_PATH. Stop the web and the workers first. */
export async function runRestoreCommand(args: string[]): Promise<number> {
  const source = args[0];
  if (!source || args.length > 1) {
    console.error("Cách dùng: restore TỆP_SAO_LƯU (dừng web và workers trước)");
    return 2;
  }
  try {
    const { path: restored, previous } = restoreDatabase(source, databasePath());
    console.log(`Đã khôi phục ${path.resolve(source)} vào ${restored}.${previous ? ` Tệp cũ được giữ ở ${previous}.` : ""}`);
    return 0;
  } catch (err) {
    console.error(`Khôi phục không thành công: ${(err as Error).message}`);
    return 1;
  }
}

// Until the project CLI calls these: `node --import tsx db/backup-cli.ts backup PATH` or `... restore FILE`.
const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"));
if (isEntry) {
  const [command, ...rest] = process.argv.slice(2);
  const run = command === "backup" ? runBackupCommand : command === "restore" ? runRestoreCommand : null;
  if (!run) {
    console.error("Cách dùng: backup ĐƯỜNG_DẪN | restore TỆP_SAO_LƯU");
    process.exit(2);
  }
  process.exit(await run(rest));
}
