import { expect, expectNoAxeViolations, login, test, withDb } from "./helpers";

/** A phone number nobody else uses in this run. */
function uniquePhone(): string {
  return `09${String((Date.now() + 7) % 100_000_000).padStart(8, "0")}`;
}

test.describe("the contest as a newcomer meets it, on a phone", () => {
  test("the home page says the demo replays the 2023 contest, folds the rules to a summary, and ends with the footer", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("contest-notice")).toContainText("dựng lại cuộc thi cải cách hành chính năm 2023");
    await expect(page.getByTestId("contest-notice")).toContainText("01/7/2025");

    const rules = page.getByRole("region", { name: "Thể lệ cuộc thi" });
    await expect(rules.getByRole("heading", { name: "Thể lệ cuộc thi" })).toBeVisible();
    await expect(rules.getByText(/^Gồm: Đối tượng dự thi · .*Giải thưởng · Ban Tổ chức và liên hệ\.$/)).toBeVisible();
    // Folded: the prizes are inside, not shown until "Xem thể lệ".
    await expect(rules.getByText("Phần 1: Thi trắc nghiệm kiến thức cải cách hành chính: 1 giải Nhất, 2 giải Nhì, 3 giải Ba và 10 giải Khuyến khích.")).toBeHidden();
    await expectNoAxeViolations(page);
    await rules.getByText("Xem thể lệ", { exact: true }).click();
    await expect(rules.getByText("Phần 1: Thi trắc nghiệm kiến thức cải cách hành chính: 1 giải Nhất, 2 giải Nhì, 3 giải Ba và 10 giải Khuyến khích.")).toBeVisible();
    await expect(rules.getByText(/Phần 2: Thi sáng kiến.*: 1 giải Nhất/)).toBeVisible();
    await expect(rules.getByText("Ủy ban nhân dân huyện Thăng Bình (thường trực: Phòng Nội vụ huyện)")).toBeVisible();
    await expectNoAxeViolations(page);

    const footer = page.getByTestId("site-footer");
    await expect(footer).toContainText("Ban Tổ chức: Ủy ban nhân dân huyện Thăng Bình");
    await expect(footer.getByRole("link", { name: "0900 000 000 (số minh họa của bản trình diễn)" })).toHaveAttribute("href", "tel:0900000000");
    await footer.getByRole("link", { name: "Thể lệ cuộc thi" }).click();
    await expect(page).toHaveURL(/\/the-le\/\d+$/);
    await expect(page.getByRole("heading", { name: "Ban Tổ chức và liên hệ" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Giải thưởng" })).toBeVisible();
    await expectNoAxeViolations(page);

    // The footer is on every page, the login page included.
    await page.goto("/dang-nhap");
    await expect(page.getByTestId("site-footer").getByRole("link", { name: "Thể lệ cuộc thi" })).toBeVisible();
  });

  test("the round page carries the same notice and rules summary", async ({ page }) => {
    await login(page, "0900000011");
    const roundId = withDb((db) => (db.prepare("SELECT id FROM rounds WHERE kind = 'quiz' ORDER BY id LIMIT 1").get() as { id: number }).id);
    await page.goto(`/vong-thi/${roundId}`);
    await expect(page.getByTestId("contest-notice")).toContainText("năm 2023");
    await expect(page.getByRole("region", { name: "Thể lệ cuộc thi" }).getByText("Xem thể lệ", { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("registration takes the birth date as dd/mm/yyyy, refuses 31/02, and the first page welcomes the newcomer", async ({ page }) => {
    const phone = uniquePhone();
    await page.goto("/dang-ky");
    const birth = page.getByLabel("Ngày sinh", { exact: true });
    await expect(birth).toHaveAttribute("type", "text");
    await expect(birth).toHaveAttribute("placeholder", "dd/mm/yyyy");
    await page.getByLabel("Họ và tên", { exact: true }).fill("Lê Thị Mới Đến");
    await birth.fill("31/02/1990");
    await page.getByLabel("Số điện thoại (dùng để đăng nhập)", { exact: true }).fill(phone);
    await page.getByRole("searchbox", { name: "Tìm đơn vị công tác" }).fill("binh duong");
    const unitList = page.getByRole("listbox", { name: "Đơn vị công tác" });
    await unitList.selectOption((await unitList.getByRole("option", { name: /^Xã Bình Dương\b/ }).getAttribute("value"))!);
    await page.getByLabel("Chức vụ", { exact: true }).fill("Chuyên viên");
    await page.getByLabel("Mật khẩu", { exact: true }).fill("matkhau-rat-dai-9");
    await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await expect(birth).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(".field", { has: birth }).getByText("Ngày sinh không hợp lệ: nhập ngày/tháng/năm, ví dụ 01/10/2023")).toBeVisible();
    await expectNoAxeViolations(page);

    await birth.fill("28/02/1990");
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    const welcome = page.getByTestId("welcome");
    await expect(welcome.getByRole("heading", { name: "Chào mừng Lê Thị Mới Đến, bạn đã đăng ký thành công" })).toBeVisible();
    await expect(welcome).toContainText("Bấm “Vào thi” ở phần thi đang mở");
    await expectNoAxeViolations(page);
    const stored = withDb((db) => db.prepare("SELECT birth_date AS birthDate FROM users WHERE phone = ?").get(phone)) as { birthDate: string };
    expect(stored.birthDate).toBe("1990-02-28");

    // Only the first page greets: home without the marker shows no welcome.
    await page.goto("/");
    await expect(page.getByTestId("welcome")).toHaveCount(0);
  });
});
