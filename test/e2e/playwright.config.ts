import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

/**
 * Browser tests of cuocthi on a phone-sized Chromium from the system (nothing is downloaded).
 * The web server is the real launcher: a fresh SQLite file under test/.tmp/e2e, the demo seeded from
 * E2E_CONTENT_DIR (default: the repository's content/), BullMQ queues under the "e2e" prefix.
 * `npm test` builds the app before this runs; the config does not build.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: `${root}test/.tmp/e2e-results`,
  use: {
    baseURL: BASE_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    // A mid-range phone.
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    userAgent:
      "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    // Clean slate (database directory and the e2e queues in Redis), then the launcher in the foreground.
    command: "node --import tsx test/e2e/reset-env.ts && exec node --import tsx app/server/launch.ts",
    cwd: root,
    url: `${BASE_URL}/api/time`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_PATH: "test/.tmp/e2e/db.sqlite",
      QUEUE_PREFIX: process.env.E2E_QUEUE_PREFIX ?? "e2e",
      CONTENT_DIR: process.env.E2E_CONTENT_DIR ?? "content",
      NODE_ENV: "production",
    },
  },
});
