import { DEMO_PASSWORD, expect, expectNoAxeViolations, login, PARTICIPANTS, test } from "./helpers";

test("the organizer and jury pages refuse a participant, and an empty entry form shows its errors by the fields", async ({ page }) => {
  await login(page, PARTICIPANTS.binh, DEMO_PASSWORD);
  for (const path of ["/quan-tri/sang-kien", "/quan-tri/sang-kien/cai-dat", "/quan-tri/sang-kien/xuat-excel", "/giam-khao"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  const post = await page.request.post("/quan-tri/sang-kien?index", { form: { intent: "accept", entryId: "1" } });
  expect(post.status()).toBe(403);
  expect((await page.goto("/sang-kien/999999"))?.status()).toBe(404);

  // The empty form's errors are tied to their fields, in Vietnamese, and axe finds nothing.
  await page.goto("/sang-kien/moi");
  await page.getByRole("button", { name: "Nộp bài dự thi" }).click();
  await expect(page.getByText("Vui lòng chọn chủ đề.")).toBeVisible();
  await expect(page.getByLabel("Tên sáng kiến, giải pháp")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await page.goto("/sang-kien");
  await expect(page.getByText("Bạn chưa có bài dự thi nào.")).toBeVisible();
});

test("a visitor sees the gallery and is asked to sign in before voting", async ({ page }) => {
  await page.goto("/thu-vien-sang-kien");
  await expect(page.getByRole("heading", { name: "Thư viện sáng kiến cải cách hành chính" })).toBeVisible();
  await expectNoAxeViolations(page);
  const vote = await page.request.post("/thu-vien-sang-kien", { form: { intent: "vote", entryId: "1" }, maxRedirects: 0 });
  expect(vote.status()).toBe(302);
  expect(vote.headers().location).toMatch(/^\/dang-nhap/);
});
