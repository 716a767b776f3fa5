import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, login, PARTICIPANTS, withDb } from "./helpers";

/** Issue 12, item 10 and "what a district organizer expects": the dashboard, share links, the reminder, print pages. */

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const consoleErrors: string[] = [];
test.beforeEach(({ page }) => {
  consoleErrors.length = 0;
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
});
test.afterEach(() => expect(consoleErrors, "no console errors (CSP, hydration)").toEqual([]));

const clipboard = (page: import("@playwright/test").Page) => page.evaluate(() => navigator.clipboard.readText());

test("a visitor shares the contest and a round: preview tags, a Facebook link and a copied address", async ({ page, baseURL }) => {
  await page.goto("/");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /cải cách hành chính/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", `${baseURL}/og-image.png`);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", `${baseURL}/`);
  const contestShare = page.getByRole("group", { name: "Chia sẻ cuộc thi:" });
  await expect(contestShare.getByRole("link", { name: /Facebook/ })).toHaveAttribute("href", `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`${baseURL}/`)}`);
  await contestShare.getByRole("button", { name: "Sao chép liên kết" }).click();
  await expect(contestShare.getByRole("status")).toHaveText(/Đã sao chép/);
  expect(await clipboard(page)).toBe(`${baseURL}/`);
  await expectNoAxeViolations(page);

  // The round page opens for a visitor too, with its own preview and a login button.
  await page.goto("/vong-thi/1");
  await expect(page.getByRole("link", { name: "Đăng nhập để dự thi" })).toBeVisible();
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", `${baseURL}/vong-thi/1`);
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute("content", /^Mở từ \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await page.getByRole("group", { name: "Chia sẻ phần thi:" }).getByRole("button", { name: "Sao chép liên kết" }).click();
  expect(await clipboard(page)).toBe(`${baseURL}/vong-thi/1`);
  await expectNoAxeViolations(page);
  const image = await page.request.get("/og-image.png");
  expect(image.headers()["content-type"]).toContain("image/png");

  await page.goto("/thu-vien-sang-kien");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Thư viện sáng kiến cải cách hành chính");
  await expectNoAxeViolations(page);
});

test("the unit head copies a reminder, sees the phones, and prints the list with the official header", async ({ page, baseURL }) => {
  await login(page, "0900000003");
  await page.goto("/don-vi");
  const list = page.getByTestId("not-yet");
  await expect(list.getByRole("link", { name: /0900000003/ })).toHaveAttribute("href", "tel:0900000003");
  await page.getByTestId("copy-reminder").click();
  const text = await clipboard(page);
  expect(text).toContain("Cuộc thi trực tuyến tìm hiểu, tuyên truyền cải cách hành chính");
  expect(text).toMatch(/trước \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
  expect(text).toContain(`${baseURL}/`);
  await expectNoAxeViolations(page);
  // Seeing the phones was logged as personal data.
  const logged = withDb((db) => db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'export_personal_data' AND entity_id = 'participation_not_yet_view'").get() as { n: number });
  expect(logged.n).toBeGreaterThan(0);

  await page.getByRole("link", { name: "In danh sách chưa tham gia" }).click();
  await expect(page.getByRole("heading", { name: "DANH SÁCH CÁN BỘ, CÔNG CHỨC CHƯA THAM GIA CUỘC THI" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByText("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBeVisible();
  await expect(page.getByText("UBND HUYỆN THĂNG BÌNH")).toBeVisible();
  await expect(page.getByText(/^Thăng Bình, ngày \d{2} tháng \d{2} năm \d{4}$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "In danh sách" })).toBeHidden();
  await expect(page.getByRole("navigation").first()).toBeHidden();
  await page.screenshot({ path: "test/.tmp/e2e-results/print-not-yet.png", fullPage: true });
});

test("the organizer sees the contest's figures, prints the results and one certificate per winner", async ({ page }) => {
  withDb((db) => {
    const an = (db.prepare("SELECT id FROM users WHERE phone = ?").get(PARTICIPANTS.an) as { id: number }).id;
    const now = Date.now();
    const attempt = db
      .prepare(
        "INSERT INTO attempts (round_id, user_id, attempt_no, started_at, deadline_at, question_count, submitted_at, end_reason, score, correct_count, duration_ms, scored_at) VALUES (1, ?, 9, ?, ?, 20, ?, 'submitted', 18, 18, 200000, ?)",
      )
      .run(an, now - 300_000, now + 600_000, now - 100_000, now - 100_000).lastInsertRowid;
    db.prepare("INSERT OR REPLACE INTO round_results (round_id, user_id, attempt_id, score, duration_ms, submitted_at) VALUES (1, ?, ?, 18, 200000, ?)").run(an, attempt, now - 100_000);
  });
  await login(page, "0900000002");
  await page.goto("/quan-tri");
  const totals = page.getByTestId("contest-totals");
  await expect(totals.getByText("Tỷ lệ tham gia")).toBeVisible();
  // Out of the question count: "x/20 điểm", or the range when other tests made rounds of other sizes.
  await expect(totals).toContainText(/\/20 điểm|đề \d+–20 câu/);
  await expect(page.getByRole("img", { name: "Biểu đồ cột: số lượt thi theo giờ hôm nay" })).toBeVisible();
  await expect(page.getByTestId("furthest-units").getByRole("row")).toHaveCount(11);
  await expectNoAxeViolations(page);

  await page.goto("/quan-tri/ket-qua/1");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "In kết quả" })).toBeHidden();
  await expect(page.getByRole("heading", { name: /^Kết quả: / })).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("link", { name: "Giấy chứng nhận người đoạt giải" }).click();
  const certificate = page.getByRole("article", { name: "Giấy chứng nhận của Phạm Văn An" });
  await expect(certificate.getByText("Đã đạt Giải Nhất")).toBeVisible();
  await expect(certificate.getByText(/18\/20 câu đúng/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: "print" });
  await expect(certificate.getByRole("heading", { name: "GIẤY CHỨNG NHẬN" })).toBeVisible();
  await expect(page.getByRole("button", { name: "In giấy chứng nhận" })).toBeHidden();
  await page.screenshot({ path: "test/.tmp/e2e-results/print-certificates.png", fullPage: true });
});
