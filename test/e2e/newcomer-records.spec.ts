import { expect, expectNoAxeViolations, login, PARTICIPANTS, startQuiz, test, withDb } from "./helpers";

/** Issue 12, items 9 and 11: the unit picker and the account page on a phone, and the organizer's audit log. */

test("the unit picker shows plain unit names on a phone, with parents only where a name repeats", async ({ page }) => {
  await page.goto("/dang-ky");
  const list = page.getByRole("listbox", { name: "Đơn vị công tác" });
  await expect(list).toBeVisible();
  const labels = await list.getByRole("option").allTextContents();
  expect(labels.length).toBeGreaterThan(10);
  expect(labels.filter((l) => l.includes("Tỉnh Quảng Nam"))).toEqual([]);
  expect(new Set(labels).size).toBe(labels.length);
  // The search still reads the parents: the district's name finds its units.
  await page.getByLabel("Tìm đơn vị công tác").fill("thang binh");
  await expect(page.getByText(/\d+ đơn vị phù hợp/)).toBeVisible();
  expect(await list.getByRole("option").count()).toBeGreaterThan(5);
  const box = await list.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});

test("the account page lists attempts in cards that fit 390 px", async ({ page }) => {
  await login(page, PARTICIPANTS.chau);
  await startQuiz(page, 1);
  await page.goto("/tai-khoan");
  const section = page.getByRole("region", { name: "Các lượt thi" });
  // Other tests may have left attempts of Châu's too: the newest card is the one just started.
  await expect(section.getByText("Bắt đầu").first()).toBeVisible();
  await expect(section.getByText("Chưa nộp").first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});

test("the audit log reads in Vietnamese, filters by who, what and a dd/mm/yyyy range, and exports to Excel", async ({ page }) => {
  const at = Date.UTC(2026, 2, 3, 2, 0); // 03/03/2026 09:00 in Vietnam
  withDb((db) => {
    const organizerId = (db.prepare("SELECT id FROM users WHERE phone = ?").get("0900000002") as { id: number }).id;
    const ins = db.prepare("INSERT INTO audit_log (user_id, action, entity, entity_id, detail, at) VALUES (?, ?, ?, ?, ?, ?)");
    ins.run(organizerId, "export_personal_data", "export", "quiz_ranking", JSON.stringify({ what: "quiz_ranking", rows: 124, roundId: 1 }), at);
    ins.run(null, "round.settle_figure", "round", "1", JSON.stringify({ actual: 1530, automatic: true }), at + 86_400_000);
  });
  await login(page, "0900000002");
  await page.goto("/quan-tri/nhat-ky");
  await expect(page.getByRole("heading", { name: "Nhật ký thao tác" })).toBeVisible();
  await expect(page.getByText("export_personal_data")).toHaveCount(0);
  await page.getByLabel("Thao tác").selectOption({ label: "Xuất dữ liệu cá nhân" });
  await page.getByLabel("Từ ngày (dd/mm/yyyy)").fill("03/03/2026");
  await page.getByLabel("Đến ngày (dd/mm/yyyy)").fill("03/03/2026");
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page.getByText("1 thao tác")).toBeVisible();
  const entry = page.locator(".audit-list > li");
  await expect(entry).toHaveCount(1);
  await expect(entry.getByText("Tệp xuất: xếp hạng vòng thi")).toBeVisible();
  await expect(entry.getByText("124", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Xuất Excel" }).click();
  expect((await download).suggestedFilename()).toBe("nhat-ky-thao-tac.xlsx");

  await page.getByLabel("Từ ngày (dd/mm/yyyy)").fill("31/02/2026");
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page.getByRole("alert")).toContainText("không phải ngày có thật");
  await expectNoAxeViolations(page);
});
