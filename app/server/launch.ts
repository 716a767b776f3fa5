import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { databasePath, migrateDatabase, openDatabase } from "../../db/connection";
import { demoBannerLines } from "../../db/account/demo-accounts";
import { DEMO_PASSWORD, isEmpty, seedDemo } from "../../db/seed";
import { queueConfig } from "../../workers/queues";
import { env } from "../env.server";
import { hashPassword } from "../account/password.server";
import { ensureRedis } from "./machine";

/**
 * `npm start`: make sure Redis answers (starting, or as root installing, redis-server; see ./machine.ts),
 * migrate, seed the demo into an empty database, then run the web server and the workers as separate
 * processes until Ctrl-C.
 */

function runTs(entry: string, name: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry], { stdio: "inherit", env: process.env });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`Tiến trình ${name} dừng (mã ${code ?? signal}); dừng toàn bộ.`);
      void stop(1);
    }
  });
  return child;
}

let stopping = false;
const children: ChildProcess[] = [];
let ownRedis: ChildProcess | null = null;

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  const exits = children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r))));
  for (const c of children) c.kill("SIGTERM");
  await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 8000))]);
  if (ownRedis) {
    const done = new Promise((r) => ownRedis!.once("exit", r));
    ownRedis.kill("SIGTERM");
    await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
  }
  process.exit(code);
}

// `npm start` is the production run (no stack traces in error pages, React's production build) unless the
// caller says otherwise: `npm run dev` sets NODE_ENV=development. Set here, not in the npm script, so that it
// holds on every shell; the web and worker processes inherit it.
if (!process.env.NODE_ENV) process.env.NODE_ENV = "production";
const config = env();
const dbFile = databasePath();
// Redis first: a machine without it stops at once, before the database is touched.
ownRedis = await ensureRedis(queueConfig().REDIS_URL, { kind: "own", dir: path.join(path.dirname(dbFile), "redis") });
const db = openDatabase(dbFile);
migrateDatabase(db);
if (isEmpty(db)) {
  await seedDemo(db, { contentDir: path.resolve(process.env.CONTENT_DIR ?? "content"), now: Date.now(), hashPassword });
  console.log("Đã tạo dữ liệu mẫu: cuộc thi, đơn vị huyện Thăng Bình, ngân hàng câu hỏi, tài khoản mẫu.");
}
// The demo accounts as the seeds wrote them, read before the database is handed to the web and workers.
const demoLines = demoBannerLines(db);
db.$client.close();

process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));
children.push(runTs("workers/main.ts", "workers"), runTs("app/server/index.ts", "web"));

const host = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
console.log(`
cuocthi đang chạy: http://${host}:${config.PORT}
Cơ sở dữ liệu: ${dbFile}
${demoLines.length ? `Tài khoản mẫu theo vai trò (mật khẩu ${DEMO_PASSWORD}; chi tiết trong README):\n${demoLines.join("\n")}\n` : ""}Nhấn Ctrl-C để dừng.
`);
