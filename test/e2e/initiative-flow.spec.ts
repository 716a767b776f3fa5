import { type Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectNoAxeViolations, login, PARTICIPANTS, test, withDb } from "./helpers";
import { maskPhone } from "../../app/core/account/privacy";

const TITLE = "Tổ hỗ trợ dịch vụ công trực tuyến tại nhà văn hóa thôn vào tối thứ Năm";
const ORGANIZER = "0900000002";
const JUDGE = "0900000004";
const JUDGE_TWO = "0900000099";

/** A second judge of another unit, made in the database with the demo password (copied hash). */
function createSecondJudge() {
  withDb((db) => {
    const judge = db.prepare("SELECT password_hash, unit_id FROM users WHERE phone = ?").get(JUDGE) as { password_hash: string };
    const unit = db.prepare("SELECT id FROM units WHERE code = '513-GDDT'").get() as { id: number };
    const user = db
      .prepare("INSERT INTO users (full_name, phone, unit_id, password_hash, consent_at, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
      .get("Hoàng Văn Giám Khảo Hai", JUDGE_TWO, unit.id, judge.password_hash, Date.now(), Date.now()) as { id: number };
    db.prepare("INSERT INTO role_grants (user_id, role) VALUES (?, 'judge')").run(user.id);
  });
}

async function signInAs(page: Page, phone: string, to: string) {
  await page.context().clearCookies();
  await login(page, phone, DEMO_PASSWORD, to);
}

async function scoreAll(page: Page, values: string[]) {
  await page.goto("/giam-khao");
  await expect(page.getByRole("heading", { name: "Bài dự thi được phân công chấm" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: "Phiếu chấm" })).toBeVisible();
  const inputs = page.locator("input[name^='c-']");
  await expect(inputs).toHaveCount(values.length);
  for (let i = 0; i < values.length; i++) await inputs.nth(i).fill(values[i]);
  await page.getByLabel("Nhận xét (không bắt buộc)").fill("Cách làm gần dân, dễ nhân rộng.");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Đã lưu điểm.")).toBeVisible();
  await expectNoAxeViolations(page);
}

test("an entry is submitted, accepted, scored by two judges, ranked and shown in the gallery", async ({ page }) => {
  test.setTimeout(90_000);

  // The participant sends an entry; a bad link is refused first.
  await login(page, PARTICIPANTS.an, DEMO_PASSWORD, "/sang-kien");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Gửi sáng kiến mới" }).first().click();
  await expect(page.getByRole("heading", { name: "Gửi sáng kiến mới" })).toBeVisible();
  await page.getByLabel("Tên sáng kiến, giải pháp").fill(TITLE);
  await page.getByLabel("Tập thể (một cơ quan, đơn vị)").check();
  await page.getByLabel("Chủ đề").selectOption("dich-vu-cong-truc-tuyen");
  await page.getByLabel("Tóm tắt nội dung").fill(
    "Đoàn thanh niên xã lập tổ trực tại nhà văn hóa thôn mỗi tối thứ Năm, hướng dẫn người dân tạo tài khoản định danh và nộp hồ sơ dịch vụ công trực tuyến.",
  );
  await page.getByLabel("Điểm mới so với cách làm trước đây").fill("Hỗ trợ ngoài giờ hành chính, ngay tại thôn.");
  await page.getByLabel("Đã áp dụng ở đâu, từ khi nào, kết quả").fill("Xã Bình Dương, từ tháng 5/2025, hơn 300 hồ sơ.");
  await page.getByLabel("Đường link video").fill("https://www.dropbox.com/s/abc/video.mp4");
  await page.getByLabel("Độ dài video (phút:giây)").fill("4:45");
  await page.getByRole("button", { name: "Nộp bài dự thi" }).click();
  await expect(page.getByText(/không nằm trong danh sách/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Đường link video").fill("https://youtu.be/dQw4w9WgXcQ?si=abc");
  await page.getByRole("button", { name: "Nộp bài dự thi" }).click();
  await page.waitForURL(/\/sang-kien\/\d+\?da-nop=1$/);
  await expect(page.getByText("Đã nộp bài dự thi.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sáng kiến gần giống" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Sáng kiến gần giống" }).getByRole("listitem").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The organizer accepts and publishes it, and assigns a second judge.
  createSecondJudge();
  await signInAs(page, ORGANIZER, "/quan-tri/sang-kien");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: TITLE }) });
  await expect(card).toBeVisible();
  await expectNoAxeViolations(page);
  await card.getByRole("button", { name: "Chấp nhận", exact: true }).click();
  await expect(card.getByText("Đã được chấp nhận", { exact: true })).toBeVisible();
  await card.getByRole("button", { name: "Đăng lên thư viện" }).click();
  await expect(card.getByText(/đã đăng thư viện/)).toBeVisible();
  await page.getByRole("link", { name: "Tiêu chí, giám khảo, cài đặt" }).click();
  await expect(page.getByRole("heading", { name: "Tiêu chí chấm" })).toBeVisible();
  await page.getByLabel("Giám khảo", { exact: true }).selectOption({ label: `Hoàng Văn Giám Khảo Hai — Phòng Giáo dục và Đào tạo (${maskPhone(JUDGE_TWO)})` });
  await page.getByRole("button", { name: "Phân công", exact: true }).click();
  await expect(page.locator(".judge-row").filter({ hasText: "Hoàng Văn Giám Khảo Hai" })).toContainText("Đã chấm 0/1 bài");
  await expectNoAxeViolations(page);

  // Two judges score it.
  await signInAs(page, JUDGE, "/giam-khao");
  await scoreAll(page, ["8", "9", "7", "8", "6"]);
  await signInAs(page, JUDGE_TWO, "/giam-khao");
  await scoreAll(page, ["6", "7", "7", "6", "8"]);

  // The ranking shows it first, scored by two judges.
  await signInAs(page, ORGANIZER, "/quan-tri/sang-kien/xep-hang");
  const row = page.getByRole("row").filter({ hasText: TITLE });
  await expect(row).toContainText("(2 GK)");
  await expect(row.getByRole("cell").first()).toHaveText("1");
  await expect(row).toContainText("Giải Nhất");
  await expectNoAxeViolations(page);
  await page.goto("/quan-tri/sang-kien?trang-thai=accepted");
  const accepted = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: TITLE }) });
  await accepted.getByText("Nhận xét của giám khảo (2)").click();
  await expect(accepted.getByText("Cách làm gần dân, dễ nhân rộng.").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/quan-tri/sang-kien/xep-hang");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Xuất Excel" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

  // The public gallery: nothing from the video site until play is pressed.
  await page.context().clearCookies();
  await page.goto("/thu-vien-sang-kien");
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: TITLE }) });
  await expect(item).toBeVisible();
  await expect(page.locator("iframe")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await item.getByRole("button", { name: /Phát video/ }).click();
  await expect(item.locator("iframe")).toHaveAttribute("src", /^https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ/);
});
