import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test, withDb } from "./helpers";

/**
 * An organizer of Phòng Nội vụ builds a movement without any YAML on a laptop: the draft, a launching
 * document (a PDF), a scheme from the catalogue with criteria of three kinds (participation in the contest,
 * a yes/no declared with evidence, the NĐ 152/2025 disqualifier), then launches it. Xã Bình Dương's head sees
 * the launch notice and the movement on a phone and registers; the organizer approves, runs the evaluation
 * and reads the outcome of each criterion. Every new page is photographed at 390×844 and 1280×800.
 */

const TITLE = "Phong trào thi đua chuyển đổi số trong cải cách hành chính huyện Thăng Bình năm 2026";
const SCHEME = "Giấy khen của Chủ tịch UBND huyện cho tập thể chuyển đổi số";
const SHOTS = "test/.tmp/screens/movement-editor";

test.beforeAll(() => {
  withDb((db) => {
    const ids = db.prepare("SELECT id FROM movements WHERE title = ?").pluck().all(TITLE) as number[];
    for (const id of ids) db.prepare("DELETE FROM movements WHERE id = ?").run(id);
  });
});

async function laptop(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 800 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  return context.newPage();
}

/** The same page photographed on a phone, in a context signed in as the organizer. */
async function phoneShot(phone: Page, path: string, name: string) {
  await phone.goto(path);
  await expect(phone.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoAxeViolations(phone);
  await phone.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
}

test("an organizer builds and launches a movement, a unit registers, the evaluation shows each criterion", async ({ page: phone, browser }) => {
  test.setTimeout(300_000);
  const page = await laptop(browser);
  await login(page, "0900000002", undefined, "/quan-tri/thi-dua");
  await login(phone, "0900000002", undefined, "/quan-tri/thi-dua");

  // The draft.
  await page.getByRole("link", { name: "Lập phong trào mới" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lập phong trào thi đua mới" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/moi-1280.png`, fullPage: true });
  await phoneShot(phone, "/quan-tri/thi-dua/moi", "moi");

  // A refusal first: an end before the start, in Vietnamese, and nothing saved.
  await page.getByLabel("Tên phong trào").fill(TITLE);
  await page.getByLabel("Từ ngày").fill("01/01/2026");
  await page.getByLabel("Đến ngày").fill("31/12/2025");
  await page.getByRole("button", { name: "Lưu bản nháp" }).click();
  await expect(page.getByText("Ngày kết thúc phải sau ngày bắt đầu.")).toBeVisible();
  await expect(page.getByLabel("Đến ngày")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Đến ngày").fill("31/12/2026");
  await page.getByLabel("Năm xét khen thưởng").fill("2026");
  await page.getByLabel("Số kế hoạch").fill("105/KH-UBND");
  await page.getByLabel("Ngày ban hành kế hoạch").fill("17/05/2026");
  await page.getByLabel("Nội dung thi đua").fill("- **100%** cán bộ, công chức tham gia cuộc thi trực tuyến.\n- Không có hồ sơ trễ hạn.");
  await page.getByRole("button", { name: "Xem trước nội dung" }).click();
  await expect(page.locator("#contents-preview strong", { hasText: "100%" })).toBeVisible();
  await expect(page.getByLabel("Đơn vị tham gia (cùng các đơn vị trực thuộc)")).toHaveValue(/\d+/);
  await page.getByText(/Loại trừ đơn vị/).click();
  await page.getByLabel("Xã Bình Trung").check();
  await page.getByLabel("Hạn đăng ký thi đua").fill("20/12/2026");
  await page.getByLabel("Hạn nộp hồ sơ đề nghị khen thưởng").fill("15/01/2027");
  await page.getByRole("button", { name: "Lưu bản nháp" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Soạn phong trào" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Đã lưu bản nháp");
  const movementId = Number(/thi-dua\/(\d+)\/sua/.exec(page.url())![1]);

  // A launching document, uploaded.
  await page.getByLabel("Tên văn bản").fill("Kế hoạch số 105/KH-UBND ngày 17/5/2026 của UBND huyện");
  await page.getByLabel("Tệp văn bản").setInputFiles({ name: "ke-hoach-105.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") });
  await page.getByRole("button", { name: "Thêm văn bản" }).click();
  await expect(page.getByRole("status")).toContainText("Đã tải lên văn bản");
  await expect(page.getByRole("link", { name: /Kế hoạch số 105\/KH-UBND ngày 17\/5\/2026/ })).toBeVisible();

  // A scheme from the catalogue.
  await page.getByRole("link", { name: "Thêm hình thức khen thưởng" }).click();
  await page.getByLabel("Danh hiệu thi đua hoặc hình thức khen thưởng").selectOption("giay-khen-chu-tich-ubnd-huyen");
  await page.getByLabel("Tên trong phong trào").fill(SCHEME);
  await page.getByLabel("Cấp khen thưởng").fill("huyện");
  await page.getByLabel("Cách tính chỉ tiêu").selectOption("total");
  await page.getByLabel("Tổng số lượng").fill("3");
  await page.getByRole("button", { name: "Thêm hình thức" }).click();
  await expect(page.getByRole("heading", { level: 1, name: SCHEME })).toBeVisible();
  const schemePath = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  // Criterion 1: from the platform's data.
  await page.getByRole("link", { name: "Tỷ lệ tham gia cuộc thi" }).click();
  await expect(page.getByText(/Nền tảng tính tỷ lệ người của đơn vị/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/tieu-chi-1280.png`, fullPage: true });
  await phoneShot(phone, `${schemePath}/tieu-chi/moi?loai=participation_rate`, "tieu-chi");
  await page.getByLabel("Nội dung tiêu chí (như ghi trong kế hoạch)").fill("100% cán bộ, công chức tham gia cuộc thi trực tuyến");
  await page.getByLabel("Cuộc thi").selectOption("cchc-2023");
  // A rate above 100% is refused in Vietnamese, tied to its field.
  await page.getByLabel("Tỷ lệ tham gia tối thiểu (%)").fill("120");
  await page.getByRole("button", { name: "Thêm tiêu chí" }).click();
  await expect(page.getByText("Tỷ lệ tham gia tối thiểu không lớn hơn 100.")).toBeVisible();
  await page.getByLabel("Tỷ lệ tham gia tối thiểu (%)").fill("100");
  await page.getByRole("button", { name: "Thêm tiêu chí" }).click();
  await expect(page.getByText(/Nền tảng kiểm tra: Tỷ lệ tham gia cuộc thi .* từ 100% trở lên\./)).toBeVisible();

  // Criterion 2: declared with evidence.
  await page.getByRole("link", { name: "Kê khai Có/Không" }).click();
  await page.getByLabel("Nội dung tiêu chí (như ghi trong kế hoạch)").fill("Không có hồ sơ thủ tục hành chính trễ hạn");
  await page.getByLabel("Câu trả lời đạt yêu cầu").selectOption("co");
  await page.getByRole("button", { name: "Thêm tiêu chí" }).click();
  await expect(page.getByText("Nền tảng kiểm tra: Đơn vị kê khai “Có” kèm minh chứng được Ban Tổ chức chấp nhận.")).toBeVisible();

  // Criterion 3: disqualifying.
  await page.getByRole("link", { name: "Loại trừ: đang bị kỷ luật, thanh tra, khiếu nại" }).click();
  await page.getByLabel("Nội dung tiêu chí (như ghi trong kế hoạch)").fill("Không đang bị xem xét kỷ luật, thanh tra, khiếu nại");
  await page.getByRole("button", { name: "Thêm tiêu chí" }).click();
  await expect(page.locator(".criteria-list > li")).toHaveCount(3);
  await page.screenshot({ path: `${SHOTS}/hinh-thuc-1280.png`, fullPage: true });
  await phoneShot(phone, schemePath, "hinh-thuc");

  // Every deadline of the draft: a refusal outside the period, then an evidence deadline with an hour.
  await page.getByRole("link", { name: "← Về trang soạn phong trào" }).click();
  await page.locator("summary", { hasText: "Thêm mốc thời hạn" }).click();
  const add = page.locator("#deadline-new");
  await add.getByLabel("Tên mốc").fill("Kê khai số liệu và gửi minh chứng");
  await add.getByLabel("Loại mốc").selectOption("evidence");
  await add.getByLabel("Ngày", { exact: true }).fill("05/01/2027");
  await add.getByLabel("Giờ (không bắt buộc)").fill("17:00");
  await add.getByRole("button", { name: "Thêm mốc thời hạn" }).click();
  await expect(page.locator("#deadline-new").getByText("Hạn “Kê khai số liệu và gửi minh chứng” (05/01/2027) phải trong thời gian của phong trào (đến 31/12/2026).")).toBeVisible();
  await expect(page.locator("#deadline-new").getByLabel("Ngày", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.locator("#deadline-new").getByLabel("Ngày", { exact: true }).fill("22/12/2026");
  await page.locator("#deadline-new").getByRole("button", { name: "Thêm mốc thời hạn" }).click();
  await expect(page.getByRole("status")).toContainText("Đã thêm hạn “Kê khai số liệu và gửi minh chứng” (22/12/2026 lúc 17:00).");
  await expect(page.locator(".deadline-list > li")).toHaveText([/^20\/12\/2026: Hạn đăng ký thi đua/, /^22\/12\/2026 lúc 17:00: Kê khai số liệu và gửi minh chứng/, /^15\/01\/2027: Hạn nộp hồ sơ/]);

  // Launch from the edit page.
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/sua-1280.png`, fullPage: true });
  await phoneShot(phone, `/quan-tri/thi-dua/${movementId}/sua`, "sua");
  await page.getByRole("button", { name: "Phát động" }).click();
  await expect(page.getByRole("status")).toContainText("Đã phát động");

  // Once launched, the schemes are locked and the page says why.
  await page.goto(`/quan-tri/thi-dua/${movementId}/sua`);
  await expect(page.getByText(/Phong trào đã phát động: hình thức khen thưởng, tiêu chí và đơn vị tham gia đã công bố/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Lưu thay đổi" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/sua-da-phat-dong-1280.png`, fullPage: true });
  await phoneShot(phone, `/quan-tri/thi-dua/${movementId}/sua`, "sua-da-phat-dong");

  // A launched deadline moves only later, with a reason; the units' heads are told.
  const evidenceId = withDb((db) => db.prepare("SELECT id FROM movement_deadlines WHERE movement_id = ? AND kind = 'evidence'").pluck().get(movementId) as number);
  await page.locator("summary", { hasText: "Dời hạn: Kê khai số liệu" }).click();
  const move = page.locator(`#deadline-${evidenceId}`);
  await move.getByLabel("Ngày mới").fill("21/12/2026");
  await move.getByLabel("Lý do dời hạn").fill("Rút ngắn để kịp tổng kết");
  await move.getByRole("button", { name: /Dời hạn và báo các đơn vị/ }).click();
  await expect(page.locator(`#deadline-${evidenceId}`).getByText("Phong trào đã phát động: chỉ lùi hạn về sau, không rút ngắn thời gian đã công bố cho các đơn vị.")).toBeVisible();
  await expect(page.locator(`#deadline-${evidenceId}`).getByLabel("Ngày mới")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/doi-han-1280.png`, fullPage: true });
  await page.locator(`#deadline-${evidenceId}`).getByLabel("Ngày mới").fill("29/12/2026");
  await page.locator(`#deadline-${evidenceId}`).getByLabel("Giờ (không bắt buộc)").fill("");
  await page.locator(`#deadline-${evidenceId}`).getByLabel("Lý do dời hạn").fill("Gia hạn theo đề nghị của các xã do mưa lũ");
  await page.locator(`#deadline-${evidenceId}`).getByRole("button", { name: /Dời hạn và báo các đơn vị/ }).click();
  await expect(page.getByRole("status")).toContainText("Đã dời hạn “Kê khai số liệu và gửi minh chứng” đến 29/12/2026");
  await expect(page.locator(".deadline-list > li").nth(1)).toContainText("29/12/2026: Kê khai số liệu và gửi minh chứng");
  await phone.goto(`/quan-tri/thi-dua/${movementId}/sua`);
  await phone.locator("summary", { hasText: "Dời hạn: Kê khai số liệu" }).click();
  await expectNoAxeViolations(phone);
  await phone.screenshot({ path: `${SHOTS}/doi-han-390.png`, fullPage: true });

  // The unit head, on a phone: the notice, the movement and its document, the registration.
  const headContext = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const head = await headContext.newPage();
  await login(head, "0900000003", undefined, "/thong-bao");
  await expect(head.getByRole("link", { name: `Phát động: ${TITLE}` })).toBeVisible();
  await expect(head.getByRole("link", { name: "Dời hạn: Kê khai số liệu và gửi minh chứng đến 29/12/2026" })).toBeVisible();
  await head.getByRole("link", { name: `Phát động: ${TITLE}` }).click();
  await expect(head.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(head.getByText("Kế hoạch số 105/KH-UBND ngày 17/05/2026", { exact: false })).toBeVisible();
  const pdf = await head.request.get((await head.getByRole("link", { name: /Kế hoạch số 105\/KH-UBND ngày 17\/5\/2026/ }).getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await head.getByLabel(SCHEME).check();
  await head.getByLabel("Chỉ tiêu thi đua đăng ký").fill("100% hồ sơ giải quyết đúng hạn");
  await head.getByRole("button", { name: "Gửi đăng ký" }).click();
  await expect(head.getByRole("status")).toContainText("chờ duyệt");
  await expectNoAxeViolations(head);

  // The organizer approves and runs the evaluation.
  await page.goto(`/quan-tri/thi-dua/${movementId}`);
  await page.getByRole("row", { name: /Xã Bình Dương/ }).getByRole("button", { name: "Duyệt" }).click();
  await expect(page.getByRole("status")).toContainText("Đã duyệt bản đăng ký của Xã Bình Dương");
  await page.getByRole("button", { name: "Xét lại ngay" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  const row = page.getByRole("table", { name: new RegExp(SCHEME) }).getByRole("row", { name: /Xã Bình Dương/ });
  await expect(row).toContainText(/Tỷ lệ tham gia cuộc thi [\d,]+% \(\d+\/\d+ người\)/);
  await expect(row).toContainText("Còn thiếu: đơn vị chưa kê khai số liệu.");
  await expect(row).toContainText("Không có việc kỷ luật, thanh tra hay khiếu nại đang xem xét.");
  // Xã Bình Trung was left out of the movement.
  await expect(page.getByRole("row", { name: /Xã Bình Trung/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await headContext.close();
  await page.context().close();
});
