import { DEMO_PASSWORD, expect, expectNoAxeViolations, login, PARTICIPANTS, test, withDb } from "./helpers";

const uniquePhone = () => `09${String(Date.now() % 100_000_000).padStart(8, "0")}`;

test.describe("Khớp danh sách cán bộ và trang tài khoản (điện thoại)", () => {
  test("an unmatched newcomer is told so, picks their row for review, and the unit head confirms it", async ({ page, browser }) => {
    const phone = uniquePhone();
    await page.goto("/dang-ky");
    await page.getByLabel("Họ và tên", { exact: true }).fill("Nguyễn Văn Một Demo");
    await page.getByLabel("Ngày sinh", { exact: true }).fill("1991-03-04");
    await page.getByLabel("Số điện thoại (dùng để đăng nhập)", { exact: true }).fill(phone);
    await page.getByRole("searchbox", { name: "Tìm đơn vị công tác" }).fill("binh duong");
    const unitList = page.getByRole("listbox", { name: "Đơn vị công tác" });
    await unitList.selectOption((await unitList.getByRole("option", { name: /^Xã Bình Dương\b/ }).getAttribute("value"))!);
    await page.getByLabel("Chức vụ", { exact: true }).fill("Phó Chủ tịch UBND xã");
    await page.getByLabel("Mật khẩu", { exact: true }).fill("matkhau-rat-dai-1");
    await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByTestId("roster-status")).toContainText("chưa khớp danh sách cán bộ");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Xem và ghép tài khoản" }).click();
    await expect(page.getByTestId("verified")).toContainText("Chưa xác minh");
    await page.getByLabel("Tên của bạn trong danh sách của Xã Bình Dương").selectOption({ label: "Nguyễn Văn Demo Một — Phó Chủ tịch UBND xã" });
    await page.getByLabel("Ngày sinh của bạn").fill("1991-03-04");
    await page.getByRole("button", { name: "Ghép tài khoản với dòng này" }).click();
    // The demo row holds no date of birth: the claim waits for the unit head.
    await expect(page.getByRole("status").filter({ hasText: "Đã gửi yêu cầu ghép" })).toBeVisible();
    await expect(page.getByTestId("verified")).toContainText("đang chờ thủ trưởng đơn vị");
    await expectNoAxeViolations(page);

    const headContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const head = await headContext.newPage();
    await login(head, "0900000003");
    await head.goto("/don-vi");
    await expect(head.getByRole("heading", { name: /Yêu cầu ghép cần xác nhận \(1\)/ })).toBeVisible();
    await expectNoAxeViolations(head);
    await head.getByRole("button", { name: "Xác nhận Nguyễn Văn Một Demo là Nguyễn Văn Demo Một" }).click();
    await expect(head.getByRole("status").filter({ hasText: "Đã lưu: yêu cầu ghép được xác nhận." })).toBeVisible();
    await headContext.close();

    await page.reload();
    await expect(page.getByTestId("verified")).toContainText("Đã xác minh");
    const linked = withDb((db) => db.prepare(`SELECT r.full_name AS n FROM roster_entries r JOIN users u ON u.id = r.user_id WHERE u.phone = ?`).get(phone)) as
      | { n: string }
      | undefined;
    expect(linked?.n).toBe("Nguyễn Văn Demo Một");
  });

  test("a participant changes their password on the account page; the login page says how to recover an account", async ({ page }) => {
    await page.goto("/dang-nhap");
    await page.getByText("Quên mật khẩu?").click();
    await expect(page.getByText(/nhờ thủ trưởng đơn vị của bạn hoặc Ban Tổ chức/)).toBeVisible();
    await expectNoAxeViolations(page);
    await login(page, PARTICIPANTS.binh);
    await page.goto("/tai-khoan");
    await page.getByLabel("Mật khẩu hiện tại").fill("sai-mat-khau-1");
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("matkhau-moi-binh-1");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("matkhau-moi-binh-1");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await expect(page.getByText("Mật khẩu hiện tại không đúng.")).toBeVisible();
    await page.getByLabel("Mật khẩu hiện tại").fill(DEMO_PASSWORD);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("matkhau-moi-binh-1");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("matkhau-moi-binh-1");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Đã lưu mật khẩu mới\./ })).toBeVisible();
    await expect(page.getByTestId("verified")).toContainText("Đã xác minh");
    await expectNoAxeViolations(page);
    // Put the demo password back for the other tests of the run.
    await page.getByLabel("Mật khẩu hiện tại").fill("matkhau-moi-binh-1");
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Đã lưu mật khẩu mới\./ })).toBeVisible();
  });
});
