import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test, withDb } from "./helpers";

/**
 * The initiatives register on a phone: an author files a request from scratch and another from a contest
 * entry, the district council scores and its secretary recognises it, another unit records its application,
 * and the unit's figures in the organizer's statistics move.
 */

const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

async function fresh(page: Page, phone: string) {
  await page.context().clearCookies();
  await login(page, phone);
}

function binhDuongRow(page: Page) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Xã Bình Dương" }) });
}

test("a request goes from the author's phone through the council to another unit's application", async ({ page }) => {
  await fresh(page, "0900000002");
  await page.goto(`/quan-tri/so-sang-kien?year=${year}`);
  const before = (await binhDuongRow(page).getByRole("cell").allTextContents()).map((t) => t.trim());

  // The author, from scratch.
  await fresh(page, "0900000010");
  await page.goto("/sang-kien-cong-nhan/moi");
  await expectNoAxeViolations(page);
  await page.getByLabel("Tên sáng kiến").fill("Hẹn giờ nộp hồ sơ đất đai qua tổng đài tự động");
  await page.getByLabel("Tác giả và tỷ lệ đóng góp").fill("Phạm Văn An; 60; 0900000010\nNgô Thị Hạnh; 40");
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu bản nháp.");
  await page.getByLabel("Thực trạng, vấn đề cần giải quyết").fill("Người dân phải xếp hàng từ sáng sớm để nộp hồ sơ đất đai tại Bộ phận một cửa xã.");
  await page.getByLabel("Nội dung và tính mới của sáng kiến").fill("Tổng đài tự động nhận đặt lịch nộp hồ sơ theo khung giờ, nhắc lịch bằng tin nhắn.");
  await page.getByLabel("Cách thức, nơi áp dụng").fill("Bộ phận một cửa xã Bình Dương.");
  await page.getByLabel("Ngày bắt đầu áp dụng (hoặc áp dụng thử)").fill(`01/02/${year}`);
  await page.getByLabel("Hiệu quả, lợi ích thu được").fill("Thời gian chờ trung bình giảm từ 45 phút xuống 10 phút; 320 lượt đặt lịch trong 3 tháng.");
  await page.getByRole("button", { name: "Nộp cho hội đồng" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu và nộp đơn cho hội đồng sáng kiến.");
  await expect(page.getByText("Đã nộp", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sáng kiến có nội dung gần giống" })).toBeVisible();
  await expectNoAxeViolations(page);
  const requestId = Number(new URL(page.url()).pathname.split("/").pop());

  // The council: two members score, the secretary sees the progress and recognises.
  for (const [phone, marks] of [["0900000004", ["25", "32", "24"]], ["0900000012", ["27", "30", "26"]]] as const) {
    await fresh(page, phone);
    await page.goto("/hoi-dong-sang-kien");
    await page.getByRole("link", { name: "Hẹn giờ nộp hồ sơ đất đai qua tổng đài tự động" }).click();
    await page.getByLabel("Tính mới, sáng tạo (0–30)").fill(marks[0]);
    await page.getByLabel("Hiệu quả áp dụng (lợi ích kinh tế, xã hội) (0–40)").fill(marks[1]);
    await page.getByLabel("Khả năng nhân rộng (0–30)").fill(marks[2]);
    await page.getByRole("button", { name: "Lưu phiếu chấm" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã lưu phiếu chấm.");
    await expectNoAxeViolations(page);
  }
  await fresh(page, "0900000002");
  await page.goto(`/hoi-dong-sang-kien/${requestId}`);
  await expect(page.getByText("2/2 thành viên đã chấm; điểm trung bình 82 (điểm đạt 50).")).toBeVisible();
  await expect(page.getByLabel("Công nhận sáng kiến")).toBeChecked();
  await page.getByLabel("Số quyết định công nhận").fill("301/QĐ-UBND");
  await page.getByLabel("Ngày quyết định").fill(`20/11/${year}`);
  await page.getByRole("button", { name: "Lưu kết luận" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu kết luận của hội đồng.");
  await expectNoAxeViolations(page);

  // The author sees it recognised and makes it public.
  await fresh(page, "0900000010");
  await page.goto(`/sang-kien-cong-nhan/${requestId}`);
  await expect(page.getByText(`Quyết định công nhận số 301/QĐ-UBND ngày 20/11/${year}`, { exact: false })).toBeVisible();
  await page.getByLabel("Công khai sáng kiến trong danh sách sáng kiến được công nhận").check();
  await expect(page.locator("#optIn-result")).toHaveText("Hiện chưa công khai.");
  await page.getByRole("button", { name: "Lưu lựa chọn công khai" }).click();
  // The answer sits beside the button, in view on a phone.
  const answer = page.getByRole("status").filter({ hasText: "Đã lưu: sáng kiến có trong danh sách công khai." });
  await expect(answer).toBeVisible();
  await expect(answer).toBeInViewport();
  await expectNoAxeViolations(page);
  await shoot(page, "cong-khai");

  // Another unit (Thị trấn Hà Lam) records its application with its giấy xác nhận.
  await fresh(page, "0900000011");
  await page.goto("/sang-kien-cong-nhan/danh-sach");
  await expect(page.getByRole("heading", { name: "Hẹn giờ nộp hồ sơ đất đai qua tổng đài tự động" })).toBeVisible();
  await page.goto(`/sang-kien-cong-nhan/ap-dung/${requestId}`);
  await page.getByLabel("Áp dụng từ ngày").fill(`25/11/${year}`);
  await page.getByLabel("Hiệu quả áp dụng", { exact: true }).fill("Áp dụng tại thị trấn: 150 lượt đặt lịch trong tháng đầu.");
  await page.getByRole("button", { name: "Ghi nhận áp dụng" }).click();
  await expect(page.getByText("Vui lòng tải lên giấy xác nhận hiệu quả áp dụng (PDF, JPG hoặc PNG).")).toBeVisible();
  await page.getByLabel("Áp dụng từ ngày").fill(`25/11/${year}`);
  await page.getByLabel("Hiệu quả áp dụng", { exact: true }).fill("Áp dụng tại thị trấn: 150 lượt đặt lịch trong tháng đầu.");
  await page.getByLabel(/Giấy xác nhận hiệu quả áp dụng/).setInputFiles({ name: "xac-nhan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%e2e\n") });
  await page.getByRole("button", { name: "Ghi nhận áp dụng" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu: đã ghi nhận đơn vị áp dụng sáng kiến.");
  await expectNoAxeViolations(page);

  // The unit's figures: one more registered, recognised and applied.
  await fresh(page, "0900000002");
  await page.goto(`/quan-tri/so-sang-kien?year=${year}`);
  await expectNoAxeViolations(page);
  const after = (await binhDuongRow(page).getByRole("cell").allTextContents()).map((t) => t.trim());
  expect(after.slice(0, 3).map(Number)).toEqual(before.slice(0, 3).map((n) => Number(n) + 1));
});

test("a contest entry becomes a request in one step, its text and video link kept", async ({ page }) => {
  withDb((db) => {
    const round = db.prepare("SELECT id FROM rounds WHERE kind = 'initiative' LIMIT 1").get() as { id: number };
    const owner = db.prepare("SELECT id, unit_id FROM users WHERE phone = '0900000010'").get() as { id: number; unit_id: number };
    const now = Date.now();
    db.prepare(
      `INSERT INTO initiative_entries (round_id, owner_id, entrant_kind, unit_id, authors, title, theme, summary, novelty, applied_at, video_url, video_provider, video_key, duration_s, status, search_folded, created_at, updated_at, submitted_at)
       VALUES (?, ?, 'people', ?, '["Phạm Văn An"]', 'Bản đồ số các điểm dịch vụ công của xã', 'dich-vu-cong-truc-tuyen', 'Bản đồ số chỉ đường đến các điểm hỗ trợ dịch vụ công trực tuyến trong xã.', 'Lần đầu gắn mã QR chỉ đường tại nhà văn hóa thôn.', 'Xã Bình Dương', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'youtube:dQw4w9WgXcQ-e2e', 180, 'submitted', 'ban do so cac diem dich vu cong cua xa', ?, ?, ?)`,
    ).run(round.id, owner.id, owner.unit_id, now, now, now);
  });
  await fresh(page, "0900000010");
  await page.goto("/sang-kien-cong-nhan");
  await expectNoAxeViolations(page);
  await shoot(page, "chuyen-bai-du-thi");
  // Withdrawn to a draft meanwhile: the server refuses, and says so beside the button.
  const setStatus = (status: string) => withDb((db) => db.prepare("UPDATE initiative_entries SET status = ? WHERE title = 'Bản đồ số các điểm dịch vụ công của xã'").run(status));
  setStatus("draft");
  const item = page.getByRole("listitem").filter({ hasText: "Bản đồ số các điểm dịch vụ công của xã" });
  await item.getByRole("button", { name: "Chuyển thành đơn" }).click();
  const refusal = item.getByRole("status");
  await expect(refusal).toHaveText("Bài dự thi còn là bản nháp: hãy nộp bài dự thi trước khi chuyển thành đơn.");
  await expect(refusal).toBeInViewport();
  await expectNoAxeViolations(page);
  await shoot(page, "chuyen-bai-du-thi-loi");
  setStatus("submitted");
  await page.getByRole("listitem").filter({ hasText: "Bản đồ số các điểm dịch vụ công của xã" }).getByRole("button", { name: "Chuyển thành đơn" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu: bài dự thi" })).toHaveText("Đã lưu: bài dự thi đã được chuyển thành bản nháp đơn.");
  await expect(page.getByText("Chuyển từ bài dự thi của vòng thi sáng kiến.")).toBeVisible();
  await expect(page.getByLabel("Tên sáng kiến")).toHaveValue("Bản đồ số các điểm dịch vụ công của xã");
  await expect(page.getByLabel("Đường link video giới thiệu (nếu có)")).toHaveValue("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await expect(page.getByLabel("Nội dung và tính mới của sáng kiến")).toHaveValue("Lần đầu gắn mã QR chỉ đường tại nhà văn hóa thôn.");
  await expectNoAxeViolations(page);
  // The entry is not offered twice.
  await page.goto("/sang-kien-cong-nhan");
  await expect(page.getByRole("listitem").filter({ hasText: "Bản đồ số các điểm dịch vụ công của xã" }).getByRole("button", { name: "Chuyển thành đơn" })).toHaveCount(0);
});

test("the new request's form shows the closest initiatives while the author types, before the first save", async ({ page }) => {
  // Another author's draft, with words close to what is typed below: never shown.
  withDb((db) => {
    const other = db.prepare("SELECT id, unit_id FROM users WHERE phone = '0900000011'").get() as { id: number; unit_id: number };
    const now = Date.now();
    db.prepare(
      `INSERT INTO ir_requests (owner_id, unit_id, title, field, problem, novelty, how_applied, benefit, claimed_scope, evidence, year, search_folded, state, created_at, updated_at)
       VALUES (?, ?, 'Bản nháp riêng: trả hồ sơ tại bưu điện xã cho người cao tuổi', 'Cải cách hành chính', 'Nội dung riêng của bản nháp.', '', '', '', 'co_so', '[]', ?, 'ban nhap rieng tra ho so tai buu dien xa cho nguoi cao tuoi', 'draft', ?, ?)`,
    ).run(other.id, other.unit_id, year, now, now);
  });
  await fresh(page, "0900000010");
  await page.goto("/sang-kien-cong-nhan/moi");
  const lookups: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/sang-kien-cong-nhan/tuong-tu")) lookups.push(r.postData() ?? "");
  });
  const status = page.getByRole("status").filter({ hasText: /gần giống|Đang tìm/ });
  await expect(page.locator(".live-similar [aria-live=polite]")).toHaveText("");
  await page.getByLabel("Tên sáng kiến").pressSequentially("Tiếp nhận và trả hồ sơ tại bưu điện xã", { delay: 20 });
  await expect(status).toHaveText(/^Có \d sáng kiến có nội dung gần giống/);
  // Debounced: one lookup for the whole title, not one a keystroke.
  expect(lookups.length).toBe(1);
  const list = page.getByTestId("live-similar");
  await expect(list.getByText("Bộ phận một cửa cấp xã chuyển sang tiếp nhận và trả hồ sơ tại bưu điện xã")).toBeVisible();
  await expect(list).toContainText("Kho sáng kiến");
  await expect(list).not.toContainText("Bản nháp riêng");
  // The summary counts too.
  await page.getByLabel("Nội dung và tính mới của sáng kiến").fill("Bộ phận một cửa phối hợp bưu điện trả kết quả tại nhà cho người cao tuổi.");
  await expect.poll(() => lookups.length).toBe(2);
  await expect(status).toHaveText(/^Có \d sáng kiến/);
  await expect(list).not.toContainText("Bản nháp riêng");
  await page.getByLabel("Tên sáng kiến").focus();
  await expect(list).toBeInViewport();
  await expectNoAxeViolations(page);
  await shoot(page, "don-moi-trung-lap");
  // Still checked on save: the saved draft's page lists the closest ideas.
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu bản nháp." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sáng kiến có nội dung gần giống" })).toBeVisible();
  await expect(page.getByText("Bản nháp riêng")).toHaveCount(0);
});

test("a council whose level does not fit its unit is refused in Vietnamese, beside the level", async ({ page }) => {
  await fresh(page, "0900000002");
  await page.goto("/quan-tri/so-sang-kien/hoi-dong");
  const form = page.locator("#new-council");
  await form.getByLabel("Tên hội đồng").fill("Hội đồng sáng kiến cấp tỉnh tại xã");
  await form.getByLabel("Đơn vị thành lập").selectOption({ label: "Xã Bình Dương" });
  await form.getByLabel("Cấp hội đồng").selectOption("province");
  await form.getByLabel("Số điện thoại của Chủ tịch hội đồng").fill("0900000003");
  await form.getByLabel("Số điện thoại các thành viên khác").fill("0900000011");
  await form.getByLabel("Số điện thoại của thư ký").fill("0900000003");
  await form.getByRole("button", { name: "Lập hội đồng" }).click();
  const message = '"Xã Bình Dương" là đơn vị cơ sở (xã, phường, phòng, bộ phận…): không lập được hội đồng sáng kiến cấp tỉnh ở đây. Chọn cấp: Hội đồng sáng kiến cơ sở (đơn vị).';
  await expect(form.locator(".field .error").filter({ hasText: message })).toBeVisible();
  await expect(form.getByLabel("Cấp hội đồng")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert")).toHaveText("Cấp hội đồng không phù hợp với đơn vị thành lập (xem ô Cấp hội đồng).");
  await expect(page.getByRole("heading", { name: "Hội đồng sáng kiến cấp tỉnh tại xã" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await form.getByLabel("Cấp hội đồng").scrollIntoViewIfNeeded();
  await shoot(page, "hoi-dong-sai-cap");
});

async function shoot(page: Page, name: string) {
  fs.mkdirSync("test/.tmp/initiative-register", { recursive: true });
  for (const [w, h] of [[390, 844], [1280, 800]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `test/.tmp/initiative-register/${name}-${w}.png`, fullPage: true });
    if (w === 390) await page.screenshot({ path: `test/.tmp/initiative-register/${name}-${w}-view.png` });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}
