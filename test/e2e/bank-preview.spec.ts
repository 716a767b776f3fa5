import { expect, expectNoAxeViolations, login, test } from "./helpers";

/** "Xem thử" lets the contest's organizer proofread a draw: each question's correct option and explanation, on a phone. */

test("the organizer sees the key and explanation of every drawn question in the phone layout", async ({ page }) => {
  await login(page, "0900000002");
  await page.goto("/quan-tri/cuoc-thi/1/vong-thi/1/xem-thu");
  const cards = page.locator(".preview-list > li");
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  // One marked correct option per question, and its letter stated.
  await expect(page.getByText("(đáp án đúng)")).toHaveCount(count);
  await expect(cards.first().getByText(/^Đáp án: [A-F]$/)).toBeVisible();
  await expect(page.getByText(/^Giải thích:/).first()).toBeVisible();
  // Nothing wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});

test("a participant never reaches the preview", async ({ page }) => {
  await login(page, "0900000010");
  const res = await page.goto("/quan-tri/cuoc-thi/1/vong-thi/1/xem-thu");
  expect(res?.status()).toBeGreaterThanOrEqual(400);
  await expect(page.getByText("(đáp án đúng)")).toHaveCount(0);
});
