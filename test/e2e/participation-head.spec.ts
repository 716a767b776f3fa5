import ExcelJS from "exceljs";
import { chooseOption, expect, expectNoAxeViolations, login, quiz, startQuiz, test, withDb } from "./helpers";

/**
 * A district-level unit head watches the named list of a commune's people who have not taken part shrink
 * when one of them submits. The test adds its own head and participant, so it does not depend on the order
 * in which other specs use the demo accounts.
 */

const HEAD = "0900000090";
const PERSON = "0900000091";

test.beforeAll(() => {
  withDb((db) => {
    const hash = (db.prepare("SELECT password_hash AS h FROM users WHERE phone = '0900000003'").get() as { h: string }).h;
    const unit = (code: string) => (db.prepare("SELECT id FROM units WHERE code = ?").get(code) as { id: number }).id;
    const now = Date.now();
    const add = db.prepare(
      "INSERT OR IGNORE INTO users (full_name, phone, unit_id, position, password_hash, consent_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    add.run("Thủ Trưởng Huyện Thử", HEAD, unit("513"), "Chủ tịch UBND huyện", hash, now, now);
    add.run("Ngô Văn Kiểm Thử", PERSON, unit("20794"), "Công chức Văn phòng - Thống kê", hash, now, now);
    const id = (phone: string) => (db.prepare("SELECT id FROM users WHERE phone = ?").get(phone) as { id: number }).id;
    db.prepare("INSERT OR IGNORE INTO role_grants (user_id, role, unit_id) VALUES (?, 'unit_head', ?)").run(id(HEAD), unit("513"));
    db.prepare(
      `INSERT INTO roster_entries (unit_id, full_name, name_folded, phone, position, user_id, created_at)
       SELECT ?, 'Ngô Văn Kiểm Thử', 'ngo van kiem thu', ?, 'Công chức Văn phòng - Thống kê', ?, ?
        WHERE NOT EXISTS (SELECT 1 FROM roster_entries WHERE phone = ?)`,
    ).run(unit("20794"), PERSON, id(PERSON), now, PERSON);
  });
});

test("a unit head watches a sub-unit's list of people not yet taking part shrink after one of them submits", async ({ page, browser }) => {
  await login(page, HEAD, undefined, "/don-vi");
  await expect(page.getByRole("heading", { level: 1, name: "Huyện Thăng Bình" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Xã Bình Dương" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Xã Bình Dương" })).toBeVisible();
  const list = page.getByTestId("not-yet");
  await expect(list.getByRole("listitem").filter({ hasText: "Ngô Văn Kiểm Thử" })).toBeVisible();
  const before = Number(await page.getByTestId("not-yet-count").textContent());
  const rateBefore = await page.getByTestId("rate").textContent();
  await expectNoAxeViolations(page);

  // The person takes the quiz on their own phone and submits.
  const phone = await browser.newContext();
  const other = await phone.newPage();
  await login(other, PERSON);
  await startQuiz(other, 1);
  await chooseOption(other, 1);
  await expect(quiz(other).saveState).toHaveText("Đã lưu");
  await quiz(other).submit.click();
  await quiz(other).dialog.getByRole("button", { name: "Nộp bài" }).click();
  await other.waitForURL(/\/ket-qua\/\d+$/);
  await phone.close();

  // The page refreshes itself: the name leaves the list, and the worker moves the rate within seconds.
  await expect(list.getByRole("listitem").filter({ hasText: "Ngô Văn Kiểm Thử" })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("not-yet-count")).toHaveText(String(before - 1));
  await expect(page.getByTestId("rate")).not.toHaveText(rateBefore ?? "", { timeout: 20_000 });

  // The Excel export holds the same named list.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải danh sách (Excel)" }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await (await download).path())!);
  const sheet = wb.getWorksheet("Chưa tham gia")!;
  expect(sheet.rowCount).toBe(before); // the header row plus before - 1 people
  expect(JSON.stringify(sheet.getSheetValues())).not.toContain("Ngô Văn Kiểm Thử");

  // Above the head's own unit (the province) is outside their subtree: not found, nothing shown.
  const province = withDb((db) => (db.prepare("SELECT id FROM units WHERE code = '49'").get() as { id: number }).id);
  const res = await page.request.get(`/don-vi?u=${province}`);
  expect(res.status()).toBe(404);
  expect(await res.text()).not.toContain("Tỉnh Quảng Nam</h1>");
});
