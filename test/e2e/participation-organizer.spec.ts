import ExcelJS from "exceljs";
import { expect, expectNoAxeViolations, login, test } from "./helpers";

const ORGANIZER = "0900000002";

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const file = (name: string, buffer: Buffer) => ({ name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });

test("an organizer imports a roster (bad file refused row by row, good file previewed then confirmed), sets the public table; axe finds nothing", async ({ page }) => {
  await login(page, ORGANIZER, undefined, "/quan-tri/don-vi");
  await expect(page.getByRole("heading", { level: 1, name: "Đơn vị và danh sách cán bộ" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Xã Bình Giang" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Xã Bình Giang" })).toBeVisible();

  const header = ["Họ tên", "Ngày sinh", "Số điện thoại", "CCCD", "Chức vụ"];
  await page.getByLabel("Tệp Excel danh sách cán bộ").setInputFiles(
    file("sai.xlsx", await xlsx([header, ["Nguyễn Văn Một", "01/02/1980", "0905111222", "", "Chủ tịch"], ["", "31/02/1990", "0905111222", "", ""]])),
  );
  await page.getByRole("button", { name: "Xem trước danh sách" }).click();
  await expect(page.getByRole("alert")).toContainText("chưa nhập dòng nào");
  await expect(page.getByText("Dòng 3, cột “Ngày sinh”")).toBeVisible();
  await expect(page.getByText("Dòng 3, cột “Số điện thoại”: Trùng với dòng 2.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Tệp Excel danh sách cán bộ").setInputFiles(
    file("dung.xlsx", await xlsx([header, ["Nguyễn Văn Một", "01/02/1980", "0905111222", "", "Chủ tịch"], ["Lê Thị Hai", "3/4/1992", "", "", "Công chức"]])),
  );
  await page.getByRole("button", { name: "Xem trước danh sách" }).click();
  await expect(page.getByRole("cell", { name: "Lê Thị Hai" })).toBeVisible();
  await page.getByRole("button", { name: "Xác nhận nhập 2 dòng" }).click();
  await expect(page.getByRole("status")).toContainText("Đã nhập 2 người");
  await expect(page.getByRole("heading", { level: 3, name: /Danh sách cán bộ \(2 người/ })).toBeVisible();

  await page.goto("/quan-tri/tham-gia");
  await expect(page.getByRole("heading", { level: 1, name: "Tỷ lệ tham gia các đơn vị" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Chưa đạt 100%/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Công khai bảng tỷ lệ tham gia các đơn vị").check();
  await page.getByLabel("Từ quy mô (người)").first().fill("0");
  await page.getByLabel("Tỷ lệ tối thiểu (%)").first().fill("100");
  await page.getByRole("button", { name: "Lưu cài đặt" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu cài đặt.");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Xuất Excel" }).click();
  const saved = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved!);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Tất cả đơn vị", "Chưa đạt 100%", "Xếp hạng tập thể"]);

  await page.goto("/");
  await expect(page.getByTestId("live-count")).toContainText("người đã tham gia");
  await page.getByRole("link", { name: "Xem tỷ lệ tham gia của các đơn vị" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tỷ lệ tham gia các đơn vị" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Xã Bình Dương" })).toBeVisible();
  await expectNoAxeViolations(page);
});
