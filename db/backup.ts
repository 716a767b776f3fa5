import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import type { Db } from "./connection";

/**
 * Online backups of the SQLite file with SQLite's backup API (better-sqlite3's `db.backup()`): a
 * consistent copy taken while the web and the workers keep writing, checked with `PRAGMA integrity_check`
 * before it takes its final name. A scheduled job in the workers writes one a day into BACKUP_DIR and
 * keeps the last BACKUP_KEEP files. Restoring is done with the processes stopped (README, "Sao lưu").
 */

const backupEnv = z.object({
  // Default: a backups folder beside the database (./data/backups for the default DATABASE_PATH).
  BACKUP_DIR: z.string().min(1, "BACKUP_DIR không được để trống").optional(),
  DATABASE_PATH: z.string().min(1).default("data/cuocthi.sqlite"),
  BACKUP_KEEP: z.coerce.number().int().min(1, "BACKUP_KEEP phải từ 1 trở lên").max(1000).default(7),
  // Cron pattern in Asia/Ho_Chi_Minh time: every day at 02:30 by default.
  BACKUP_PATTERN: z
    .string()
    .regex(/^\S+( \S+){4,5}$/, "BACKUP_PATTERN phải là một biểu thức cron, ví dụ 30 2 * * *")
    .default("30 2 * * *"),
  // 0 turns the scheduled backup off (for example where the disk is backed up by other means).
  BACKUP_ENABLED: z.enum(["0", "1"]).default("1"),
});

export type BackupConfig = { dir: string; keep: number; pattern: string; enabled: boolean };

export function backupConfig(source: NodeJS.ProcessEnv = process.env): BackupConfig {
  const parsed = backupEnv.safeParse(source);
  if (!parsed.success) throw new Error(`Cấu hình sai ở ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  const c = parsed.data;
  const dir = c.BACKUP_DIR ?? path.join(path.dirname(c.DATABASE_PATH), "backups");
  return { dir: path.resolve(dir), keep: c.BACKUP_KEEP, pattern: c.BACKUP_PATTERN, enabled: c.BACKUP_ENABLED === "1" };
}

export type BackupResult = { path: string; bytes: number; pages: number; ms: number };

/** `PRAGMA integrity_check` of a file, opened read-only: "ok" or the first problems SQLite reports. */
export function checkDatabaseFile(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check(20)") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

const PAGES_PER_STEP = 4096;

/**
 * Copies the live database behind `db` to `targetPath`. The copy is written beside the target under a
 * temporary name, checked, and renamed, so a target path never holds half a backup. The copy goes in steps
 * of PAGES_PER_STEP pages, letting other work run between them; when another process writes meanwhile
 * SQLite starts the copy again, and after such a restart the rest is copied in one step so that a busy
 * contest day cannot keep a backup from finishing.
 */
export async function backupDatabase(db: Db | Database.Database, targetPath: string): Promise<BackupResult> {
  const client = "$client" in db ? db.$client : db;
  const started = Date.now();
  const target = path.resolve(targetPath);
  if (target === path.resolve(client.name)) throw new Error("Không thể sao lưu đè lên chính cơ sở dữ liệu đang dùng.");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.part-${process.pid}`;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(partial + suffix, { force: true });
  try {
    let lastRemaining = Infinity;
    let restarted = false;
    const { totalPages } = await client.backup(partial, {
      progress({ remainingPages }) {
        if (remainingPages > lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        return restarted ? 0x7fffffff : PAGES_PER_STEP;
      },
    });
    // The copy keeps the source's WAL flag in its header; make it a plain single file.
    const copy = new Database(partial);
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const check = checkDatabaseFile(partial);
    if (check !== "ok") throw new Error(`Bản sao lưu không toàn vẹn: ${check}`);
    fs.renameSync(partial, target);
    return { path: target, bytes: fs.statSync(target).size, pages: totalPages, ms: Date.now() - started };
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(partial + suffix, { force: true });
  }
}

const NAME = /^cuocthi-\d{8}-\d{6}\.sqlite$/;

/** `cuocthi-YYYYMMDD-HHMMSS.sqlite`, in Vietnam time (UTC+7, no daylight saving). */
export function backupFileName(now: number): string {
  const t = new Date(now + 7 * 3_600_000).toISOString();
  return `cuocthi-${t.slice(0, 10).replace(/-/g, "")}-${t.slice(11, 19).replace(/:/g, "")}.sqlite`;
}

/** The backups in `dir`, oldest first (the names sort by time). */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Removes all but the newest `keep` backups; returns the removed paths. */
export function pruneBackups(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const file of old) fs.rmSync(file, { force: true });
  return old;
}

/** The scheduled job: one backup into the configured directory, then the oldest beyond `keep` removed. */
export async function runScheduledBackup(db: Db, config: BackupConfig = backupConfig(), now = Date.now()) {
  const result = await backupDatabase(db, path.join(config.dir, backupFileName(now)));
  const removed = pruneBackups(config.dir, config.keep);
  return { ...result, removed };
}

/**
 * Puts a backup in place of the database at `databasePath`. Only with the web and worker processes stopped:
 * the backup is checked, copied under a temporary name and renamed over the database; the old file and its
 * -wal/-shm are kept as `<name>.before-restore` (and -wal/-shm), so a restore can itself be undone.
 */
export function restoreDatabase(backupPath: string, databasePath: string): { path: string; previous: string | null } {
  const source = path.resolve(backupPath);
  const target = path.resolve(databasePath);
  if (source === target) throw new Error("Bản sao lưu và cơ sở dữ liệu là cùng một tệp.");
  const check = checkDatabaseFile(source);
  if (check !== "ok") throw new Error(`Bản sao lưu không toàn vẹn, không khôi phục: ${check}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  fs.copyFileSync(source, incoming);
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore`;
    for (const suffix of ["", "-wal", "-shm"]) {
      fs.rmSync(previous + suffix, { force: true });
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, previous + suffix);
    }
  }
  // A -wal or -shm left beside the restored file would be replayed onto it: there must be none.
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(incoming, target);
  return { path: target, previous };
}
