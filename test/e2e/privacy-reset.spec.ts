import { expect, expectNoAxeViolations, login, PARTICIPANTS, test, withDb } from "./helpers";

const HEAD = "0900000003";
const ORGANIZER = "0900000002";
const NEW_PASSWORD = "mat-khau-moi-2026";

test("a unit head creates a reset link, the person sets a new password with it, and the old session is gone", async ({ browser }) => {
  // Other specs sign in as An with the demo password: put it back afterwards.
  const oldHash = withDb((db) => (db.prepare("SELECT password_hash AS h FROM users WHERE phone = ?").get(PARTICIPANTS.an) as { h: string }).h);
  const oldDevice = await browser.newContext();
  const headCtx = await browser.newContext();
  const phone = await browser.newContext();
  try {
    const old = await oldDevice.newPage();
    await login(old, PARTICIPANTS.an);

    const headPage = await headCtx.newPage();
    await login(headPage, HEAD, undefined, "/don-vi");
    await headPage.getByRole("link", { name: "Đặt lại mật khẩu cho cán bộ" }).click();
    await headPage.getByLabel("Tìm theo họ tên hoặc số điện thoại").fill("pham van an");
    await headPage.getByRole("button", { name: "Tìm", exact: true }).click();
    const row = headPage.getByRole("row", { name: /Phạm Văn An/ });
    await expect(row.getByRole("cell", { name: "0900***010" })).toBeVisible();
    await row.getByRole("button", { name: "Tạo liên kết đặt lại mật khẩu cho Phạm Văn An" }).click();
    const linkInput = headPage.getByLabel("Liên kết (chỉ hiện lần này)");
    await expect(linkInput).toHaveValue(/\/dat-lai-mat-khau\/[A-Za-z0-9_-]{43}$/);
    const link = new URL(await linkInput.inputValue());
    await expectNoAxeViolations(headPage);

    const page = await phone.newPage();
    await page.goto(link.pathname);
    await expect(page.getByRole("heading", { name: "Đặt mật khẩu mới" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Nhập lại mật khẩu mới").fill("khong-khop-123");
    await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
    await expect(page.getByText("Hai lần nhập mật khẩu không khớp.")).toBeVisible();
    await page.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
    await expect(page.getByRole("heading", { name: "Đã đặt mật khẩu mới" })).toBeVisible();

    // The link works once.
    await page.goto(link.pathname);
    await expect(page.getByRole("alert")).toContainText("đã được dùng");

    // The old device is signed out.
    await old.goto("/tai-khoan");
    await expect(old).toHaveURL(/\/dang-nhap/);

    // The new password works; the account page shows the consent time, the device, and logs out everywhere.
    await login(page, PARTICIPANTS.an, NEW_PASSWORD);
    await page.goto("/tai-khoan");
    await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
    await expect(page.getByTestId("consent")).toBeVisible();
    await expect(page.getByTestId("sessions")).toContainText("thiết bị này");
    await expectNoAxeViolations(page);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Tải toàn bộ dữ liệu của tôi (JSON)" }).click();
    expect((await download).suggestedFilename()).toMatch(/^du-lieu-ca-nhan-\d+\.json$/);
    await page.getByRole("button", { name: "Đăng xuất khỏi mọi thiết bị" }).click();
    await expect(page).toHaveURL(/\/dang-nhap/);
    expect(withDb((db) => (db.prepare("SELECT COUNT(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.phone = ?").get(PARTICIPANTS.an) as { n: number }).n)).toBe(0);
  } finally {
    withDb((db) => db.prepare("UPDATE users SET password_hash = ? WHERE phone = ?").run(oldHash, PARTICIPANTS.an));
    await Promise.all([oldDevice.close(), headCtx.close(), phone.close()]);
  }
});

test("the organizer's reset and signals pages are reachable from the menu and pass axe", async ({ page }) => {
  await login(page, ORGANIZER, undefined, "/quan-tri");
  await page.getByRole("link", { name: "Tín hiệu bất thường" }).click();
  await expect(page.getByRole("heading", { name: "Tín hiệu bất thường", level: 1 })).toBeVisible();
  await expect(page.getByText("không tự động hủy kết quả")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Đặt lại mật khẩu" }).click();
  await page.getByLabel("Tìm theo họ tên hoặc số điện thoại").fill("Bình");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page.getByRole("row", { name: /Võ Thị Bình/ })).toBeVisible();
  await expectNoAxeViolations(page);
});
