import { expect, test, withDb } from "./helpers";

/** A phone number nobody else uses in this run: 09 followed by 8 digits from the clock. */
function uniquePhone(): string {
  return `09${String(Date.now() % 100_000_000).padStart(8, "0")}`;
}

function uniqueCccd(): string {
  return `0792${String(Date.now() % 100_000_000).padStart(8, "0")}`;
}

test.describe("Đăng ký dự thi", () => {
  test("a new participant registers, finds the unit by typing without diacritics, and lands on home signed in", async ({
    page,
  }) => {
    const phone = uniquePhone();
    await page.goto("/dang-ky");
    await expect(page.getByRole("heading", { name: "Đăng ký dự thi" })).toBeVisible();

    await page.getByLabel("Họ và tên", { exact: true }).fill("Nguyễn Thị Thử Nghiệm");
    await page.getByLabel("Ngày sinh", { exact: true }).fill("1990-05-12");
    await page.getByLabel("Số điện thoại (dùng để đăng nhập)", { exact: true }).fill(phone);
    await page.getByLabel("Email (không bắt buộc)", { exact: true }).fill(`thu.nghiem.${phone}@example.vn`);
    await page.getByLabel("Số CCCD (không bắt buộc)", { exact: true }).fill(uniqueCccd());

    await page.getByRole("searchbox", { name: "Tìm đơn vị công tác" }).fill("binh duong");
    const unitList = page.getByRole("listbox", { name: "Đơn vị công tác" });
    const option = unitList.getByRole("option", { name: /^Xã Bình Dương\b/ });
    await expect(option).toHaveCount(1);
    await unitList.selectOption((await option.getAttribute("value"))!);
    await expect(unitList).toHaveValue((await option.getAttribute("value"))!);

    await page.getByLabel("Chức vụ", { exact: true }).fill("Công chức Văn hóa - Xã hội");
    await page.getByLabel("Mật khẩu", { exact: true }).fill("matkhau-rat-dai-1");
    await page.getByRole("checkbox", { name: /Tôi đồng ý để Ban Tổ chức xử lý dữ liệu cá nhân/ }).check();
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();

    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Tài khoản" })).toContainText("Nguyễn Thị Thử Nghiệm");
    await expect(page.getByRole("link", { name: "Vào thi" }).first()).toBeVisible();

    const row = withDb((db) =>
      db
        .prepare(
          `SELECT u.full_name AS fullName, u.consent_at AS consentAt, un.name AS unitName
           FROM users u JOIN units un ON un.id = u.unit_id WHERE u.phone = ?`,
        )
        .get(phone),
    ) as { fullName: string; consentAt: number | null; unitName: string } | undefined;
    expect(row).toMatchObject({ fullName: "Nguyễn Thị Thử Nghiệm", unitName: "Xã Bình Dương" });
    expect(row?.consentAt).toEqual(expect.any(Number));
  });

  test("a registration with an 11-digit CCCD shows the Vietnamese error next to the field and creates nothing", async ({
    page,
  }) => {
    const phone = uniquePhone();
    await page.goto("/dang-ky");
    await page.getByLabel("Họ và tên", { exact: true }).fill("Trần Văn Sai Số");
    await page.getByLabel("Ngày sinh", { exact: true }).fill("1985-01-20");
    await page.getByLabel("Số điện thoại (dùng để đăng nhập)", { exact: true }).fill(phone);
    const cccd = page.getByLabel("Số CCCD (không bắt buộc)", { exact: true });
    await cccd.fill("07920000123");
    await page.getByRole("searchbox", { name: "Tìm đơn vị công tác" }).fill("binh duong");
    const unitList = page.getByRole("listbox", { name: "Đơn vị công tác" });
    await unitList.selectOption((await unitList.getByRole("option", { name: /^Xã Bình Dương\b/ }).getAttribute("value"))!);
    await page.getByLabel("Chức vụ", { exact: true }).fill("Chuyên viên");
    await page.getByLabel("Mật khẩu", { exact: true }).fill("matkhau-rat-dai-2");
    await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();

    await expect(cccd).toHaveAttribute("aria-invalid", "true");
    await expect(cccd).toHaveAccessibleDescription(/Số CCCD gồm đúng 12 chữ số\./);
    // The message sits in the CCCD field's own block, right after the input.
    await expect(page.locator(".field", { has: cccd }).getByText("Số CCCD gồm đúng 12 chữ số.")).toBeVisible();
    await expect(page).toHaveURL(/\/dang-ky$/);
    await expect(page.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);

    // The server refuses it too, when the browser's check is skipped (a form posted without JavaScript).
    const posted = await page.request.post("/dang-ky", {
      form: {
        fullName: "Trần Văn Sai Số",
        birthDate: "1985-01-20",
        phone,
        cccd: "07920000123",
        unitId: (await unitList.inputValue()) || "1",
        position: "Chuyên viên",
        password: "matkhau-rat-dai-2",
        consent: "on",
      },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(400);
    expect(await posted.text()).toContain("Số CCCD gồm đúng 12 chữ số.");

    const count = withDb((db) => db.prepare("SELECT count(*) AS n FROM users WHERE phone = ?").get(phone)) as { n: number };
    expect(count.n).toBe(0);
  });
});
