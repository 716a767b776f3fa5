import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";

export { expect };

/**
 * A refusal the app sends on purpose (a 4xx on a Remix data request or a page) is logged by Chromium as
 * "Failed to load resource"; that is the page working, not an error. Anything else on the console is.
 */
function deliberateRefusal(text: string, url: string): boolean {
  return /^Failed to load resource: the server responded with a status of 4\d\d\b/.test(text) && !/\/build\/|\.(js|css|png|svg|ico|woff2?)(\?|$)/.test(url);
}

type ConsoleProblem = { kind: "console" | "pageerror"; text: string; url: string };

/** Listens on every context the worker's browser opens, the test's own and those a spec opens itself. */
function watchBrowser(browser: Browser, sink: ConsoleProblem[]): () => void {
  const original = browser.newContext.bind(browser);
  const watch = (context: BrowserContext) => {
    context.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const url = msg.location().url;
      if (!deliberateRefusal(msg.text(), url)) sink.push({ kind: "console", text: msg.text(), url: msg.page()?.url() ?? url });
    });
    context.on("weberror", (e) => sink.push({ kind: "pageerror", text: String(e.error()), url: e.page()?.url() ?? "" }));
    return context;
  };
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => watch(await original(...args));
  return () => {
    browser.newContext = original;
  };
}

/**
 * Every spec imports `test` from here: a test fails when any page it opened logged a console error or threw
 * (a hydration mismatch, a failed script, an unhandled rejection). A spec that provokes one on purpose
 * names it with `test.use({ allowedConsoleErrors: [/…/] })`.
 */
export const test = base.extend<{ allowedConsoleErrors: RegExp[]; failOnConsoleErrors: void }, { consoleProblems: ConsoleProblem[] }>({
  allowedConsoleErrors: [[], { option: true }],
  consoleProblems: [
    async ({ browser }, use) => {
      const sink: ConsoleProblem[] = [];
      const restore = watchBrowser(browser, sink);
      await use(sink);
      restore();
    },
    { scope: "worker" },
  ],
  failOnConsoleErrors: [
    async ({ consoleProblems, allowedConsoleErrors }, use) => {
      // What a beforeAll or an earlier test left is counted by the test that follows it.
      await use();
      const problems = consoleProblems.splice(0).filter((p) => !allowedConsoleErrors.some((re) => re.test(p.text)));
      expect(problems, "console errors and page errors while the test ran").toEqual([]);
    },
    { auto: true },
  ],
});

export const DEMO_PASSWORD = "demo12345";
export const PARTICIPANTS = { an: "0900000010", binh: "0900000011", chau: "0900000012" } as const;

/** The e2e web server's database (see playwright.config.ts), opened the way the app opens it. */
export const DB_FILE = path.resolve("test/.tmp/e2e/db.sqlite");

export function openDb(): Database.Database {
  const db = new Database(DB_FILE);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  return db;
}

export function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = openDb();
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Signs in through the login form and waits to be sent on (to `redirectTo`, or home). */
export async function login(page: Page, phone: string, password = DEMO_PASSWORD, redirectTo?: string): Promise<void> {
  await page.goto(redirectTo ? `/dang-nhap?redirectTo=${encodeURIComponent(redirectTo)}` : "/dang-nhap");
  await page.getByLabel("Số điện thoại", { exact: true }).fill(phone);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await page.waitForURL((url) => url.pathname === (redirectTo ?? "/"));
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

/** From the round page, "Bắt đầu làm bài" (or "Tiếp tục làm bài" when one is open); returns the attempt id. */
export async function startQuiz(page: Page, roundId: number): Promise<number> {
  await page.goto(`/vong-thi/${roundId}`);
  const resume = page.getByRole("link", { name: "Tiếp tục làm bài" });
  if (await resume.isVisible()) {
    await resume.click();
  } else {
    await page.getByRole("button", { name: /^Bắt đầu (làm bài|lượt thi thứ \d+)$/ }).click();
  }
  await page.waitForURL(/\/bai-thi\/\d+$/);
  await expect(page.getByRole("heading", { name: /^Câu 1\/\d+$/ })).toBeVisible();
  return Number(new URL(page.url()).pathname.split("/").pop());
}

/** The quiz page's locators, by role and label. */
export function quiz(page: Page) {
  return {
    timer: page.getByTestId("timer"),
    saveState: page.getByTestId("save-state"),
    heading: page.getByRole("heading", { name: /^Câu \d+\/\d+$/ }),
    options: page.getByRole("radio"),
    next: page.getByRole("button", { name: "Câu sau →" }),
    previous: page.getByRole("button", { name: "← Câu trước" }),
    palette: page.getByRole("navigation", { name: "Danh sách câu hỏi" }),
    paletteButton: (n: number) =>
      page.getByRole("navigation", { name: "Danh sách câu hỏi" }).getByRole("button", { name: new RegExp(`^Câu ${n},`) }),
    prediction: page.getByRole("spinbutton"),
    submit: page.getByRole("button", { name: "Nộp bài" }),
    dialog: page.getByRole("dialog", { name: "Nộp bài?" }),
  };
}

/**
 * Chooses an option of the question on screen: the `wanted`-th, or fewer when the question has fewer
 * options (a true/false question has two). Returns the index chosen.
 */
export async function chooseOption(page: Page, wanted: number): Promise<number> {
  const options = page.getByRole("radio");
  await expect(options.first()).toBeVisible();
  const index = wanted % (await options.count());
  await options.nth(index).check();
  await expect(options.nth(index)).toBeChecked();
  return index;
}

/** "mm:ss" to seconds. */
export function clockSeconds(text: string): number {
  const m = /^(\d+):(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`not a clock: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Runs axe on the page as it is now; the violations are printed readably when there are some. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, "axe ran its rules").toBeGreaterThan(0);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page), `axe on ${new URL(page.url()).pathname}`).toEqual([]);
}
