import { chooseOption, expect, expectNoAxeViolations, login, PARTICIPANTS, quiz, startQuiz, test } from "./helpers";

test.describe("Trợ năng (axe)", () => {
  test("the pages a visitor sees before signing in have no axe violations", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto("/dang-ky");
    await expect(page.getByRole("heading", { name: "Đăng ký dự thi" })).toBeVisible();
    await expectNoAxeViolations(page);

    // With the errors of an empty submission shown.
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await expect(page.getByText("Vui lòng nhập họ và tên.")).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto("/dang-nhap");
    await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("the pages of taking the quiz (home, round, quiz, confirm dialog, result) have no axe violations", async ({ page }) => {
    await login(page, PARTICIPANTS.chau);
    await expectNoAxeViolations(page);

    await page.goto("/vong-thi/1");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);

    const attemptId = await startQuiz(page, 1);
    const q = quiz(page);
    await chooseOption(page, 1);
    await expect(q.saveState).toHaveText("Đã lưu");
    await expectNoAxeViolations(page);

    await q.submit.click();
    await expect(q.dialog).toBeVisible();
    await expectNoAxeViolations(page);
    await q.dialog.getByRole("button", { name: "Nộp bài" }).click();

    await page.waitForURL(new RegExp(`/ket-qua/${attemptId}$`));
    await expect(page.getByTestId("score")).toHaveText(/\/20 câu đúng$/, { timeout: 30_000 });
    await expectNoAxeViolations(page);
  });
});
