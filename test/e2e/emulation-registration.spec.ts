import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test, withDb } from "./helpers";

/**
 * The demo commune's movement (xa-minh-hoa-2026) on a phone: the head of Điểm phục vụ số 2 registers and backs
 * a criterion with a PDF; the head of the Trung tâm above it returns the registration with a reason; the point
 * completes and sends again; the Trung tâm approves; the organizer sees it passed on, with the file, and
 * approves. Screenshots at 390×844 and 1280×800 go to test/.tmp/registration/.
 */

const SHOTS = path.resolve("test/.tmp/registration");
const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const CHILD = "0900000042";
const PARENT = "0900000041";
const ORGANIZER = "0900000040";
const POINT = "Điểm phục vụ hành chính công số 2";
let mv = 0;

test.beforeAll(() => {
  fs.mkdirSync(SHOTS, { recursive: true });
  withDb((db) => {
    mv = db.prepare("SELECT id FROM movements WHERE slug = 'xa-minh-hoa-2026'").pluck().get() as number;
    const unit = db.prepare("SELECT id FROM units WHERE code = 'MH-DPV2'").pluck().get() as number;
    db.prepare("DELETE FROM emulation_registrations WHERE movement_id = ? AND unit_id = ?").run(mv, unit);
    db.prepare("DELETE FROM emulation_declarations WHERE movement_id = ? AND candidate_key = ?").run(mv, `unit:${unit}`);
    db.prepare("DELETE FROM emulation_evidence_files WHERE movement_id = ? AND candidate_key = ?").run(mv, `unit:${unit}`);
  });
});

async function phone(browser: Browser, who: string, to: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await ctx.newPage();
  await login(page, who, undefined, to);
  return page;
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

const declaration = (page: Page, label: RegExp) => page.locator("form.declare").filter({ has: page.getByText(label) });

test("a child unit registers with a PDF, its parent returns then approves, the organizer decides", async ({ browser }) => {
  const child = await phone(browser, CHILD, `/thi-dua/${mv}`);
  await expect(child.getByText("Đăng ký thi đua: Chưa gửi")).toBeVisible();
  await expect(child.getByText("Bản đăng ký gửi đến Trung tâm Phục vụ hành chính công xã Minh Hòa duyệt trước, sau đó đến Ban Tổ chức.")).toBeVisible();
  const scheme = child.getByLabel("Giấy khen của Chủ tịch UBND xã cho tập thể");
  const targets = child.getByLabel("Chỉ tiêu thi đua đăng ký");
  const initiatives = child.getByLabel("Sáng kiến, mô hình đăng ký");
  // Sending with no scheme is refused in the page: the checkbox is marked, described, and focused.
  await child.getByRole("button", { name: "Gửi đăng ký" }).click();
  await expect(scheme).toHaveAttribute("aria-invalid", "true");
  await expect(scheme).toHaveAccessibleDescription("Chọn ít nhất một hình thức khen thưởng trước khi gửi.");
  await expect(scheme).toBeFocused();
  await expect(child.getByText("Đăng ký thi đua: Chưa gửi")).toBeVisible();
  await expectNoAxeViolations(child);
  await child.locator("form.registration").screenshot({ path: path.join(SHOTS, "form-refused-390.png") });

  // Typed, then the page reloads before any save: the draft comes back from this device, said to be unsaved.
  await scheme.check();
  await targets.fill("Số hóa 100% hồ sơ tiếp nhận tại điểm phục vụ");
  await child.reload();
  await expect(child.getByText(/Đã khôi phục bản nháp đang nhập dở trên máy này/)).toBeVisible();
  await expect(targets).toHaveValue("Số hóa 100% hồ sơ tiếp nhận tại điểm phục vụ");
  await expect(scheme).toBeChecked();

  // The network drops: the save is not attempted, the head is told, and the text stays on the device.
  await child.context().setOffline(true);
  await initiatives.fill("Mô hình “Điểm phục vụ không giấy tờ”");
  await child.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(child.getByRole("alert")).toContainText("Không có kết nối mạng: bản đăng ký chưa được lưu lên hệ thống.");
  await child.context().setOffline(false);
  await child.reload();
  await expect(initiatives).toHaveValue("Mô hình “Điểm phục vụ không giấy tờ”");
  await child.locator("form.registration").screenshot({ path: path.join(SHOTS, "form-restored-390.png") });
  await child.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(child.getByRole("status")).toContainText("Đã lưu bản đăng ký");
  // What was said to be saved is on the server: a reload shows it, with no draft note.
  await child.reload();
  await expect(targets).toHaveValue("Số hóa 100% hồ sơ tiếp nhận tại điểm phục vụ");
  await expect(initiatives).toHaveValue("Mô hình “Điểm phục vụ không giấy tờ”");
  await expect(child.getByText(/Đã khôi phục bản nháp/)).toHaveCount(0);
  await expect(child.getByText(/Có thay đổi chưa lưu/)).toHaveCount(0);
  expect(await child.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cuocthi:registration:")))).toEqual([]);
  await noSidewaysScroll(child);
  await child.locator("form.registration").screenshot({ path: path.join(SHOTS, "form-saved-390.png") });
  await child.setViewportSize({ width: 1280, height: 800 });
  await child.locator("form.registration").scrollIntoViewIfNeeded();
  await child.screenshot({ path: path.join(SHOTS, "form-saved-1280.png") });
  await child.setViewportSize({ width: 390, height: 844 });

  // A picture renamed .pdf is refused beside its form; nothing is kept.
  const soHoa = declaration(child, /Tỷ lệ hồ sơ, kết quả giải quyết/);
  await soHoa.getByLabel("Số liệu").fill("95");
  await soHoa.getByLabel("Tệp minh chứng").setInputFiles({ name: "anh.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) });
  await soHoa.getByRole("button", { name: "Lưu kê khai" }).click();
  // The refusal is the file field's error, tied to it.
  const picker = declaration(child, /Tỷ lệ hồ sơ, kết quả giải quyết/).getByLabel("Tệp minh chứng");
  await expect(picker).toHaveAttribute("aria-invalid", "true");
  await expect(picker).toHaveAccessibleDescription(/Chỉ nhận tệp PDF, Word \(\.docx\) hoặc ảnh JPG, PNG/);
  await picker.scrollIntoViewIfNeeded();
  await child.screenshot({ path: path.join(SHOTS, "child-refused-file-390.png") });
  await expectNoAxeViolations(child);

  const soHoa2 = declaration(child, /Tỷ lệ hồ sơ, kết quả giải quyết/);
  await soHoa2.getByLabel("Số liệu").fill("95");
  await soHoa2.getByLabel("Tệp minh chứng").setInputFiles({ name: "bang-so-hoa.pdf", mimeType: "application/pdf", buffer: PDF });
  await soHoa2.getByRole("button", { name: "Lưu kê khai" }).click();
  await expect(declaration(child, /Tỷ lệ hồ sơ, kết quả giải quyết/).getByRole("status")).toContainText('Đã lưu kê khai và tệp "bang-so-hoa.pdf"');
  await expect(declaration(child, /Tỷ lệ hồ sơ, kết quả giải quyết/).getByRole("link", { name: "bang-so-hoa.pdf" })).toBeVisible();
  // Every declaration form fits inside its unit's card on the phone.
  const overflow = await child.evaluate(() =>
    [...document.querySelectorAll("form.declare")].map((f) => f.getBoundingClientRect().right - f.closest("section")!.getBoundingClientRect().right).filter((d) => d > 0),
  );
  expect(overflow).toEqual([]);
  await child.getByRole("button", { name: "Gửi đăng ký" }).click();
  await expect(child.getByRole("status").first()).toContainText("Đã gửi bản đăng ký đến Trung tâm Phục vụ hành chính công xã Minh Hòa, chờ duyệt.");
  await expect(child.getByText("Chờ Trung tâm Phục vụ hành chính công xã Minh Hòa duyệt, sau đó Ban Tổ chức duyệt.")).toBeVisible();
  await noSidewaysScroll(child);
  await child.screenshot({ path: path.join(SHOTS, "child-sent-390.png"), fullPage: true });

  // The Trung tâm's head: told in the inbox, sees the point's registration and its file, returns it.
  const parent = await phone(browser, PARENT, `/thi-dua/${mv}`);
  await expect(parent.getByRole("link", { name: /Thông báo: \d+ chưa đọc/ })).toBeVisible();
  const card = parent.getByRole("region", { name: "Đăng ký của đơn vị cấp dưới" }).locator("li.card").filter({ has: parent.getByRole("heading", { name: POINT }) });
  await expect(card).toContainText("Chờ duyệt");
  const download = parent.waitForEvent("download");
  await card.getByRole("link", { name: "bang-so-hoa.pdf" }).click();
  expect((await download).suggestedFilename()).toBe("bang-so-hoa.pdf");
  // Too short a reason is refused in the page, tied to the field.
  await card.getByLabel(`Lý do trả lại bản đăng ký của ${POINT}`).fill("ít");
  await card.getByRole("button", { name: "Trả lại để hoàn thiện" }).click();
  await expect(card.getByLabel(`Lý do trả lại bản đăng ký của ${POINT}`)).toHaveAccessibleDescription("Ghi lý do trả lại (ít nhất 5 ký tự).");
  await card.getByLabel(`Lý do trả lại bản đăng ký của ${POINT}`).fill("Bổ sung kê khai tiêu chí không có hồ sơ trễ hẹn");
  await card.getByRole("button", { name: "Trả lại để hoàn thiện" }).click();
  await expect(parent.getByRole("region", { name: "Đăng ký của đơn vị cấp dưới" }).locator("li.card").filter({ has: parent.getByRole("heading", { name: POINT }) }).getByRole("status")).toContainText(`Đã trả lại bản đăng ký của ${POINT}.`);
  await expectNoAxeViolations(parent);
  await noSidewaysScroll(parent);
  await parent.screenshot({ path: path.join(SHOTS, "parent-returned-390.png"), fullPage: true });

  // The point completes and sends again.
  await child.reload();
  await expect(child.getByText(/Đăng ký thi đua: Trả lại — lý do: Bổ sung kê khai tiêu chí không có hồ sơ trễ hẹn/)).toBeVisible();
  const treHen = declaration(child, /Không có hồ sơ thủ tục hành chính giải quyết trễ hẹn/);
  await treHen.getByLabel("Kết quả").selectOption("co");
  await treHen.getByLabel("Tệp minh chứng").setInputFiles({ name: "thong-ke-tre-hen.pdf", mimeType: "application/pdf", buffer: PDF });
  await treHen.getByRole("button", { name: "Lưu kê khai" }).click();
  await expect(declaration(child, /Không có hồ sơ thủ tục hành chính giải quyết trễ hẹn/).getByRole("status")).toContainText("Đã lưu kê khai");
  await child.getByRole("button", { name: "Gửi đăng ký" }).click();
  await expect(child.getByText("Đăng ký thi đua: Chờ duyệt")).toBeVisible();

  // The Trung tâm approves: it goes on to the organizer.
  await parent.reload();
  const card2 = parent.getByRole("region", { name: "Đăng ký của đơn vị cấp dưới" }).locator("li.card").filter({ has: parent.getByRole("heading", { name: POINT }) });
  await card2.getByRole("button", { name: "Duyệt, chuyển Ban Tổ chức" }).click();
  await expect(parent.getByRole("region", { name: "Đăng ký của đơn vị cấp dưới" }).locator("li.card").filter({ has: parent.getByRole("heading", { name: POINT }) }).getByRole("status")).toContainText("chuyển Ban Tổ chức duyệt");
  await expect(parent.getByRole("region", { name: "Đăng ký của đơn vị cấp dưới" })).toContainText("Trung tâm Phục vụ hành chính công xã Minh Hòa đã duyệt; chờ Ban Tổ chức duyệt.");

  // The organizer, on a laptop.
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 800 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const org = await ctx.newPage();
  await login(org, ORGANIZER, undefined, `/quan-tri/thi-dua/${mv}`);
  const row = org.getByRole("region", { name: "Bảng đăng ký của các đơn vị" }).getByRole("row", { name: new RegExp(POINT) });
  await expect(row).toContainText("Trung tâm Phục vụ hành chính công xã Minh Hòa đã duyệt; chờ Ban Tổ chức duyệt.");
  // What the point registered, under its name.
  await row.getByText("Nội dung đăng ký").click();
  await expect(row).toContainText("Chỉ tiêu: Số hóa 100% hồ sơ tiếp nhận tại điểm phục vụ");
  await expect(row).toContainText("Sáng kiến, mô hình: Mô hình “Điểm phục vụ không giấy tờ”");
  await expect(org.getByRole("link", { name: "Tải tệp bang-so-hoa.pdf" })).toBeVisible();
  await expectNoAxeViolations(org);
  await org.screenshot({ path: path.join(SHOTS, "organizer-1280.png"), fullPage: true });
  await row.getByRole("button", { name: "Duyệt" }).click();
  await expect(org.getByRole("status")).toContainText(`Đã duyệt bản đăng ký của ${POINT}.`);
  // The organizer's page on a phone, and the movement page on a laptop.
  await org.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(org);
  await org.screenshot({ path: path.join(SHOTS, "organizer-390.png"), fullPage: true });
  await parent.setViewportSize({ width: 1280, height: 800 });
  await parent.reload();
  await expectNoAxeViolations(parent);
  await parent.screenshot({ path: path.join(SHOTS, "parent-1280.png"), fullPage: true });
  await child.reload();
  await expect(child.getByText("Đăng ký thi đua: Đã duyệt")).toBeVisible();
  await child.screenshot({ path: path.join(SHOTS, "child-approved-390.png"), fullPage: true });
  await ctx.close();
  await child.context().close();
  await parent.context().close();
});

test.describe("the registration form, with a save cut off", () => {
  // The request cut below is logged by the browser; nothing else may be.
  test.use({ allowedConsoleErrors: [/Failed to load resource: net::ERR_FAILED|Failed to fetch/] });
  test("people for an individual scheme: rows added and removed, each field labelled, refusals tied to the row; a save cut off loses nothing", async ({ browser }) => {
    // Tuy Phước's movement opened again for a moment, Xã Phước Sơn's registration returned; put back afterwards.
    const saved = withDb((db) => {
      const m = db.prepare("SELECT id, state FROM movements WHERE slug = 'tuy-phuoc-2021-2025'").get() as { id: number; state: string };
      const reg = db.prepare("SELECT r.id, r.status, r.return_reason AS reason FROM emulation_registrations r JOIN units u ON u.id = r.unit_id WHERE r.movement_id = ? AND u.code = 'TPH-PS'").get(m.id) as { id: number; status: string; reason: string | null };
      db.prepare("UPDATE movements SET state = 'launched' WHERE id = ?").run(m.id);
      db.prepare("UPDATE emulation_registrations SET status = 'tra_lai', return_reason = 'Bổ sung cá nhân' WHERE id = ?").run(reg.id);
      return { m, reg, people: db.prepare("SELECT * FROM emulation_people WHERE registration_id = ?").all(reg.id) };
    });
    try {
      const page = await phone(browser, "0900000021", `/thi-dua/${saved.m.id}`);
      const form = page.locator("form.registration");
      await expect(form.getByLabel("Họ và tên (người 1)")).toHaveValue("Nguyễn Thị Lan");
      await expect(form.getByLabel("Giới tính (người 1)")).toHaveValue("nu");
      await form.getByRole("button", { name: "Thêm cá nhân" }).click();
      await form.getByLabel("Họ và tên (người 2)").fill("Lê Văn Tư");
      // No gender chosen: refused in the page, on that row's field.
      await form.getByRole("button", { name: "Lưu nháp" }).click();
      await expect(form.getByLabel("Giới tính (người 2)")).toHaveAttribute("aria-invalid", "true");
      await expect(form.getByLabel("Giới tính (người 2)")).toHaveAccessibleDescription("Chọn giới tính.");
      await expect(form.getByLabel("Giới tính (người 2)")).toBeFocused();
      await expectNoAxeViolations(page);
      await noSidewaysScroll(page);
      await form.screenshot({ path: path.join(SHOTS, "form-people-refused-390.png") });
      // The server's own refusal (the same name twice) comes back on the row's field.
      await form.getByLabel("Họ và tên (người 2)").fill("nguyễn thị lan");
      await form.getByLabel("Giới tính (người 2)").selectOption("nu");
      await form.getByRole("button", { name: "Lưu nháp" }).click();
      await expect(form.getByLabel("Họ và tên (người 2)")).toHaveAccessibleDescription("Người này đã có trong danh sách đăng ký.");
      await expect(form.getByLabel("Họ và tên (người 2)")).toBeFocused();
      await form.getByRole("button", { name: "Xóa người 2" }).click();
      await expect(form.getByLabel("Họ và tên (người 2)")).toHaveCount(0);
      await form.getByRole("button", { name: "Lưu nháp" }).click();
      await expect(page.getByRole("status")).toContainText("Đã lưu bản đăng ký");
      await page.setViewportSize({ width: 1280, height: 800 });
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, "form-people-1280.png") });
      // The connection breaks while a save is on its way (the browser thinks it is online): after a reload the
      // text typed is still there, marked as not saved, and the server has not changed.
      await page.getByLabel("Sáng kiến, mô hình đăng ký").fill("Tổ công nghệ số cộng đồng");
      await page.route(/\/thi-dua\/\d+/, (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
      await page.getByRole("button", { name: "Lưu nháp" }).click();
      await page.waitForTimeout(500);
      await page.unroute(/\/thi-dua\/\d+/);
      await page.goto(`/thi-dua/${saved.m.id}`);
      await expect(page.getByLabel("Sáng kiến, mô hình đăng ký")).toHaveValue("Tổ công nghệ số cộng đồng");
      await expect(page.getByText(/Đã khôi phục bản nháp đang nhập dở trên máy này/)).toBeVisible();
      expect(withDb((db) => db.prepare("SELECT initiatives FROM emulation_registrations WHERE id = ?").pluck().get(saved.reg.id))).toBe("");
      await page.getByRole("button", { name: "Bỏ bản nháp, dùng bản đã lưu" }).click();
      await expect(page.getByLabel("Sáng kiến, mô hình đăng ký")).toHaveValue("");
      await page.context().close();
    } finally {
      withDb((db) => {
        db.prepare("UPDATE movements SET state = ? WHERE id = ?").run(saved.m.state, saved.m.id);
        db.prepare("UPDATE emulation_registrations SET status = ?, return_reason = ? WHERE id = ?").run(saved.reg.status, saved.reg.reason, saved.reg.id);
      });
    }
  });
});

for (const [who, phoneNo, links] of [
  ["unit head", "0900000003", ["Đơn vị", "Thi đua", "Chỉ số CCHC", "Sổ sáng kiến"]],
  ["organizer", "0900000001", ["Ban Tổ chức", "Đơn vị", "Giám khảo", "Thi đua", "Chỉ số CCHC", "Sổ sáng kiến"]],
] as const) {
  test(`the header on a phone, ${who}: a menu button opens the work areas, the inbox stays in the bar, no sideways scroll`, async ({ browser }) => {
    const page = await phone(browser, phoneNo, "/thi-dua");
    const menu = page.getByRole("button", { name: /Menu khu vực làm việc/ });
    const nav = page.getByRole("navigation", { name: "Khu vực làm việc" });
    await expect(page.getByRole("link", { name: /^Thông báo/ })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Thi đua" })).toBeHidden();
    await noSidewaysScroll(page);
    await page.screenshot({ path: path.join(SHOTS, `header-${who.replace(" ", "-")}-390.png`) });
    // Keyboard: focus the button, open with Enter, the links in order, Escape closes and gives focus back.
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: /Đóng khu vực làm việc/ })).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link")).toHaveText([...links]);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SHOTS, `header-${who.replace(" ", "-")}-open-390.png`) });
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link").first()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toBeFocused();
    await expect(nav.getByRole("link", { name: "Thi đua" })).toBeHidden();
    // Following a link closes the list.
    await menu.click();
    await nav.getByRole("link", { name: "Sổ sáng kiến" }).click();
    await page.waitForURL(/\/sang-kien-cong-nhan$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await page.context().close();

    // On a laptop the links sit in the bar and there is no menu button.
    const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 800 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const wide = await ctx.newPage();
    await login(wide, phoneNo, undefined, "/thi-dua");
    await expect(wide.getByRole("button", { name: /Menu khu vực làm việc/ })).toBeHidden();
    await expect(wide.getByRole("navigation", { name: "Khu vực làm việc" }).getByRole("link")).toHaveText([...links]);
    await wide.screenshot({ path: path.join(SHOTS, `header-${who.replace(" ", "-")}-1280.png`) });
    await ctx.close();
  });
}
