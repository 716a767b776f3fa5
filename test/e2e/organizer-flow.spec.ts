import fs from "node:fs";
import path from "node:path";
import { type BrowserContext, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { expect, expectNoAxeViolations, login, PARTICIPANTS, quiz, startQuiz, test } from "./helpers";

/**
 * The organizer's day: import an Excel file that has an error row, fix it and import, make and publish a
 * round drawing from the new questions, a participant takes it, and the organizer ranks and downloads the Excel.
 */

const ORGANIZER = "0900000002";
const CATEGORY = "Chủ đề thử nghiệm E2E";
const dir = path.resolve("test/.tmp/e2e-org-files");

async function questionFile(name: string, badAnswer: boolean): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Câu hỏi");
  sheet.addRow([
    "Mã câu hỏi",
    "Chủ đề",
    "Câu hỏi",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Phương án E",
    "Phương án F",
    "Đáp án",
    "Độ khó",
    "Căn cứ pháp lý",
    "Đúng đến ngày",
  ]);
  for (let i = 1; i <= 5; i++) {
    const answer = badAnswer && i === 3 ? "G" : "B";
    sheet.addRow([
      `e2e-${i}`,
      CATEGORY,
      `Câu hỏi thử nghiệm số ${i} về cải cách hành chính?`,
      "Sai",
      "Đúng",
      "Không rõ",
      "",
      "",
      "",
      answer,
      "Dễ",
      "Nghị định 118/2025/NĐ-CP",
      "01/07/2025",
    ]);
  }
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** "YYYY-MM-DDTHH:mm" in Vietnam time, for a datetime-local field. */
function vnLocal(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
}

test.describe.serial("Ban Tổ chức điều hành cuộc thi", () => {
  let context: BrowserContext;
  let page: Page;
  let roundId: number;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test("an Excel file with an error row is refused with its row, column and reason; the fixed file is imported", async () => {
    await login(page, ORGANIZER, undefined, "/quan-tri/cau-hoi/nhap");
    await expectNoAxeViolations(page);

    await page.getByLabel("Tệp câu hỏi").setInputFiles(await questionFile("loi.xlsx", true));
    await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
    const errors = page.getByRole("table").filter({ hasText: "Lỗi" }).first();
    await expect(page.getByRole("heading", { name: "Lỗi cần sửa trước khi nhập (chưa nhập câu nào)" })).toBeVisible({
      timeout: 20_000,
    });
    await expect(errors.getByRole("row").nth(1)).toContainText("4");
    await expect(errors.getByRole("row").nth(1)).toContainText("J (Đáp án)");
    await expect(errors.getByRole("row").nth(1)).toContainText('Đáp án "G" phải là một chữ cái từ A đến F');
    await expect(page.getByRole("button", { name: /^Nhập \d+ câu hỏi$/ })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByLabel("Tệp câu hỏi").setInputFiles(await questionFile("dung.xlsx", false));
    await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
    await page.getByRole("button", { name: "Nhập 5 câu hỏi" }).click({ timeout: 20_000 });
    await expect(page.getByRole("status").filter({ hasText: "Đã nhập 5 câu hỏi" })).toBeVisible({ timeout: 20_000 });

    // The template to download has the columns the importer reads.
    const template = await page.request.get("/quan-tri/cau-hoi/mau-nhap");
    expect(template.headers()["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    expect(book.worksheets[0].getRow(1).getCell(3).value).toBe("Câu hỏi");
    expect(book.worksheets[0].getRow(1).getCell(10).value).toBe("Đáp án");

    // Search ignores diacritics.
    await page.goto("/quan-tri/cau-hoi?q=thu+nghiem+so+3");
    await expect(page.getByRole("link", { name: "Câu hỏi thử nghiệm số 3 về cải cách hành chính?" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a round drawing from the new questions is made, previewed and published", async () => {
    await page.goto("/quan-tri/cuoc-thi/1");
    await expectNoAxeViolations(page);
    await page.getByText("Thêm vòng thi").click();
    const form = page.locator("#new-round");
    await form.getByLabel("Tên vòng thi").fill("Vòng thử của Ban Tổ chức");
    await form.getByLabel("Mở lúc (giờ Việt Nam)").fill(vnLocal(Date.now() - 3_600_000));
    await form.getByLabel("Đóng lúc (giờ Việt Nam)").fill(vnLocal(Date.now() + 86_400_000));
    await form.getByLabel("Số câu hỏi", { exact: true }).fill("5");
    await form.getByLabel("Thời gian làm bài (phút)").fill("5");
    await form.getByLabel("Quy tắc 1: chủ đề").selectOption({ label: CATEGORY });
    await form.getByLabel("Quy tắc 1: số câu").fill("5");
    await form.getByLabel("Câu hỏi dự đoán (để trống nếu không có)").fill("Có bao nhiêu người dự thi vòng này?");
    await form.getByRole("button", { name: "Tạo vòng thi" }).click();
    await page.waitForURL(/\/quan-tri\/cuoc-thi\/1\/vong-thi\/\d+$/);
    roundId = Number(page.url().split("/").pop());
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Xem thử đề như người dự thi" }).click();
    await expect(page.getByRole("heading", { name: /^Câu 1\/5: Câu hỏi thử nghiệm số/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goBack();

    await page.getByRole("button", { name: "Công bố vòng thi" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã công bố vòng thi." })).toBeVisible();
  });

  test("a participant takes the round", async ({ browser }) => {
    const participant = await browser.newContext();
    const p = await participant.newPage();
    await login(p, PARTICIPANTS.binh);
    await startQuiz(p, roundId);
    const q = quiz(p);
    for (let n = 1; n <= 5; n++) {
      if (n > 1) await q.next.click();
      await expect(q.heading).toHaveText(`Câu ${n}/5`);
      // Options are shuffled: the right one is found by its text.
      await p.getByRole("radio", { name: /Đúng/ }).check();
      await expect(q.saveState).toHaveText("Đã lưu");
    }
    await q.prediction.fill("7");
    await q.submit.click();
    await q.dialog.getByRole("button", { name: "Nộp bài" }).click();
    await p.waitForURL(/\/ket-qua\/\d+$/);
    await participant.close();
  });

  test("once someone has taken the round, its fairness settings are greyed out and the rest still saves", async () => {
    await page.goto(`/quan-tri/cuoc-thi/1/vong-thi/${roundId}`);
    await expect(page.getByText(/Đã có người làm bài/)).toBeVisible();
    for (const label of ["Số câu hỏi", "Thời gian làm bài (phút)", "Số lượt thi", "Mở lúc (giờ Việt Nam)", "Người dự thi được xem đáp án"]) {
      await expect(page.getByLabel(label)).toBeDisabled();
    }
    await expect(page.getByLabel("Trộn thứ tự phương án")).toBeDisabled();
    const title = page.getByLabel("Tên vòng thi");
    await expect(title).toBeEnabled();
    await title.fill("Tuần thi thử E2E (đã đổi tên)");
    await page.getByRole("button", { name: "Lưu cài đặt" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu cài đặt vòng thi." })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Tên vòng thi")).toHaveValue("Tuần thi thử E2E (đã đổi tên)");
    await expect(page.getByLabel("Số câu hỏi")).toHaveValue("5");
    await expectNoAxeViolations(page);
  });

  test("the organizer sees the ranking and downloads it as Excel", async () => {
    await page.goto(`/quan-tri/ket-qua/${roundId}`);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByRole("cell", { name: "Võ Thị Bình" }).count();
        },
        { timeout: 20_000 }
      )
      .toBe(1);
    const row = page.getByRole("row").filter({ hasText: "Võ Thị Bình" });
    await expect(row).toContainText("Giải Nhất");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Xuất Excel xếp hạng và giải thưởng" }).click();
    await expect(page.getByText("Đã xong.")).toBeVisible({ timeout: 20_000 });
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Tải tệp Excel" }).click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const ranking = workbook.getWorksheet("Xếp hạng")!;
    expect(ranking.getRow(1).values).toEqual(
      expect.arrayContaining(["Hạng", "Họ tên", "Số điện thoại", "Chức vụ", "Đơn vị", "Điểm", "Thời gian làm bài (phút:giây)", "Dự đoán"])
    );
    expect(ranking.getCell("A2").value).toBe(1);
    expect(ranking.getCell("B2").value).toBe("Võ Thị Bình");
    expect(ranking.getCell("C2").value).toBe("0900000011");
    expect(String(ranking.getCell("E2").value)).toMatch(/\S/);
    expect(ranking.getCell("F2").value).toBe(5);
    expect(ranking.getCell("H2").value).toBe(7);
    const prizes = workbook.getWorksheet("Giải thưởng")!;
    expect(prizes.getCell("A2").value).toBe("Giải Nhất");
    expect(prizes.getCell("C2").value).toBe("Võ Thị Bình");
  });

  test("the dashboard and the audit log show what happened, without axe violations", async () => {
    await page.goto("/quan-tri");
    await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Hôm nay" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/quan-tri/nhat-ky");
    await expect(page.locator(".audit-list").getByText("Nhập câu hỏi", { exact: true }).first()).toBeVisible();
    await expect(page.locator(".audit-list").getByText("Công bố vòng thi", { exact: true }).first()).toBeVisible();
    await expectNoAxeViolations(page);
    for (const url of ["/quan-tri/cau-hoi/moi", "/quan-tri/nguoi-dung", "/quan-tri/ket-qua"]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });
});
