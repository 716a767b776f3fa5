import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, PARTICIPANTS, startQuiz, test } from "./helpers";

/**
 * The newcomer's walkthrough of issue 12 as one file: a visitor, a participant on a phone, the organizer on a
 * laptop, a unit head on a phone and a judge. Each page is checked with axe, must show its heading, and leaves
 * a screenshot in test/.tmp/walkthrough for a person to look at.
 */
const dir = path.resolve("test/.tmp/walkthrough");
fs.mkdirSync(dir, { recursive: true });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" };
const LAPTOP = { viewport: { width: 1280, height: 800 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" };

async function visit(page: Page, who: string, url: string, heading: RegExp) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoAxeViolations(page);
  // Nothing wider than the screen: a phone page never scrolls sideways.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${url} is wider than the screen`).toBeLessThanOrEqual(page.viewportSize()!.width);
  const name = `${who}-${url.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"}.png`;
  await page.screenshot({ path: path.join(dir, name), fullPage: true });
}

async function newPage(browser: Browser, size: typeof PHONE | typeof LAPTOP) {
  return (await browser.newContext({ ...size, baseURL: test.info().project.use.baseURL })).newPage();
}

test("a visitor reads the rules, the results and the rankings without an account", async ({ browser }) => {
  const page = await newPage(browser, PHONE);
  await visit(page, "visitor", "/", /Cuộc thi trực tuyến tìm hiểu/);
  await visit(page, "visitor", "/the-le/1", /Cuộc thi trực tuyến tìm hiểu/);
  await visit(page, "visitor", "/ket-qua-cuoc-thi/1", /Kết quả/);
  await visit(page, "visitor", "/thu-vien-sang-kien", /Thư viện sáng kiến/);
  await visit(page, "visitor", "/chi-so-cchc", /Chỉ số cải cách hành chính/);
  await visit(page, "visitor", "/chi-so-cchc/xep-hang/2022", /Xếp hạng Chỉ số cải cách hành chính năm 2022/);
  await visit(page, "visitor", "/dang-nhap", /Đăng nhập/);
});

test("a participant on a phone opens the round, starts, and finds their account", async ({ browser }) => {
  const page = await newPage(browser, PHONE);
  await login(page, PARTICIPANTS.binh);
  await visit(page, "participant", "/", /Cuộc thi trực tuyến tìm hiểu/);
  await visit(page, "participant", "/vong-thi/1", /Phần 1/);
  await startQuiz(page, 1);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: path.join(dir, "participant-bai-thi.png"), fullPage: true });
  await visit(page, "participant", "/tai-khoan", /Tài khoản/);
  await visit(page, "participant", "/sang-kien", /Sáng kiến/);
  await visit(page, "participant", "/thi-dua", /Phong trào thi đua/);
});

test("the organizer on a laptop goes through the console", async ({ browser }) => {
  const page = await newPage(browser, LAPTOP);
  await login(page, "0900000002");
  for (const [url, heading] of [
    ["/quan-tri", /Tổng quan/],
    ["/quan-tri/cuoc-thi", /Cuộc thi/],
    ["/quan-tri/cau-hoi", /Ngân hàng câu hỏi/],
    ["/quan-tri/ket-qua", /Kết quả/],
    ["/quan-tri/tham-gia", /Tỷ lệ tham gia/],
    ["/quan-tri/don-vi", /Đơn vị/],
    ["/quan-tri/nhat-ky", /Nhật ký/],
    ["/quan-tri/thi-dua", /Phong trào thi đua/],
    ["/quan-tri/chi-so-cchc", /Bộ chỉ số cải cách hành chính/],
    ["/quan-tri/so-sang-kien", /Sổ sáng kiến/],
  ] as const) {
    await visit(page, "organizer", url, heading);
  }
});

test("a unit head on a phone sees the unit, the movement and the index to fill", async ({ browser }) => {
  const page = await newPage(browser, PHONE);
  await login(page, "0900000003");
  await visit(page, "head", "/don-vi", /Xã Bình Dương/);
  await visit(page, "head", "/thi-dua", /Phong trào thi đua/);
  await visit(page, "head", "/chi-so-cchc", /Chỉ số cải cách hành chính/);
  await visit(page, "head", "/thong-bao", /Thông báo/);
});

test("a judge sees the entries to score and the council's queue", async ({ browser }) => {
  const page = await newPage(browser, PHONE);
  await login(page, "0900000004");
  await visit(page, "judge", "/giam-khao", /Bài dự thi được phân công chấm/);
  await visit(page, "judge", "/hoi-dong-sang-kien", /Hội đồng sáng kiến/);
});
