import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { z } from "zod";
import { ensureExtraSql } from "./extra-sql";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const dbEnv = z.object({
  DATABASE_PATH: z.string().min(1, "DATABASE_PATH không được để trống").default("data/cuocthi.sqlite"),
  // How long a write waits for another writer before the request gets a 503.
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // A cap on the file's size in pages (PRAGMA max_page_count): the fault tests use it to make the disk "full".
  SQLITE_MAX_PAGE_COUNT: z.coerce.number().int().positive().optional(),
});

export function databasePath(): string {
  const parsed = dbEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(`Cấu hình sai: ${parsed.error.issues[0]?.message}`);
  return path.resolve(parsed.data.DATABASE_PATH);
}

export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const client = new Database(file);
  client.pragma("journal_mode = WAL");
  client.pragma("foreign_keys = ON");
  const config = dbEnv.parse(process.env);
  client.pragma(`busy_timeout = ${config.SQLITE_BUSY_TIMEOUT_MS}`);
  if (config.SQLITE_MAX_PAGE_COUNT) client.pragma(`max_page_count = ${config.SQLITE_MAX_PAGE_COUNT}`);
  client.pragma("synchronous = NORMAL");
  return drizzle(client, { schema }) as Db;
}

const migrationsFolder = path.join(path.dirname(new URL(import.meta.url).pathname), "migrations");

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: resolveMigrationsFolder() });
  ensureExtraSql(db);
}

// The Remix server bundle lives in build/, so the folder is found from the working directory as a fallback.
function resolveMigrationsFolder(): string {
  if (fs.existsSync(migrationsFolder)) return migrationsFolder;
  return path.resolve("db/migrations");
}

declare global {
  // One connection per process, shared by the HTTP entry and the Remix bundle (which has its own copy of this module).
  var __cuocthiDb: Db | undefined;
}

export function getDb(): Db {
  if (!globalThis.__cuocthiDb) globalThis.__cuocthiDb = openDatabase(databasePath());
  return globalThis.__cuocthiDb;
}

export function closeDb(): void {
  globalThis.__cuocthiDb?.$client.close();
  globalThis.__cuocthiDb = undefined;
}
