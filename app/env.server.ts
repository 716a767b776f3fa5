import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { trustProxySchema } from "./server/proxy";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535, "PORT phải từ 1 đến 65535").default(3000),
  HOST: z.string().default("0.0.0.0"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET cần ít nhất 32 ký tự").optional(),
  DATABASE_PATH: z.string().default("data/cuocthi.sqlite"),
  // How many reverse proxies stand in front (app/server/proxy.ts); checked here so a wrong value stops the start.
  TRUST_PROXY: z.preprocess((v) => (v === "" ? undefined : v), trustProxySchema),
  // The address people open (https://thi.example.gov.vn): share links, previews and reminders carry it.
  PUBLIC_ORIGIN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .url("PUBLIC_ORIGIN phải là một địa chỉ như https://thi.example.gov.vn")
      .transform((u) => new URL(u).origin)
      .optional(),
  ),
});

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string };

let cached: Env | undefined;

/**
 * Parsed once at start-up; a wrong value stops the process with a sentence naming it. Without
 * SESSION_SECRET a random one is kept beside the database, so sessions survive a restart.
 */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Cấu hình sai ở ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const secret = parsed.data.SESSION_SECRET ?? localSecret(parsed.data.DATABASE_PATH);
  cached = { ...parsed.data, SESSION_SECRET: secret };
  return cached;
}

function localSecret(databasePath: string): string {
  const file = path.join(path.dirname(path.resolve(databasePath)), "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
