import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test, withDb } from "./helpers";

/**
 * The reform index end to end: on a phone the unit head makes a person of the commune its index officer, who
 * fills the demo set with evidence; the head sends it. On a laptop the chair gives a council member one part,
 * the member appraises only that part, the chair finalises and publishes, and the ranking shows the seed 003
 * cap (Xã Bình Dương has not brought 100% of its staff to the demo contest).
 */
test.describe.configure({ mode: "serial" });

const unitId = () => withDb((db) => db.prepare("SELECT id FROM units WHERE code = '20794'").pluck().get() as number);
const setId = () => withDb((db) => db.prepare("SELECT id FROM index_sets WHERE year = 2023").pluck().get() as number);

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `test/.tmp/shots/${name}.png`, fullPage });

test("on a phone, the unit head finds a person of the commune by name without diacritics and makes them the index officer", async ({ page }) => {
  await login(page, "0900000003");
  await page.goto("/chi-so-cchc");
  await page.getByRole("link", { name: "Xã Bình Dương" }).click();
  await expect(page.getByRole("heading", { name: /Xã Bình Dương: tự đánh giá Chỉ số CCHC năm 2023/ })).toBeVisible();
  // Võ Thị Bình belongs to another commune: the search of this one does not find her.
  await page.getByLabel("Tìm theo họ tên hoặc số điện thoại").fill("vo thi binh");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page.getByText("Không có người nào của đơn vị khớp với “vo thi binh”.")).toBeVisible();
  await page.getByLabel("Tìm theo họ tên hoặc số điện thoại").fill("pham van an");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  const people = page.getByRole("list", { name: "Người của đơn vị" });
  await expect(people).toContainText("Phạm Văn An, Công chức Văn phòng - Thống kê");
  await expectNoAxeViolations(page);
  await shot(page, "officer-search-390");
  await people.getByRole("button", { name: "Giao làm đầu mối: Phạm Văn An" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã giao Phạm Văn An làm cán bộ đầu mối." })).toBeVisible();
  await expect(page.locator(".officer-panel summary")).toHaveText("Cán bộ đầu mối Chỉ số CCHC: Phạm Văn An");
  await shot(page, "officer-assigned-390");
  // The head attaches the first row's evidence; the officer fills the rest.
  await card0Evidence(page);
  // Sending too early, at the bottom of the page: the refusal shows beside the button, not at the top out of sight.
  await page.getByRole("button", { name: "Gửi bản tự đánh giá" }).tap();
  const refusal = page.getByRole("status").filter({ hasText: "tiêu chí chưa kê khai" });
  await expect(refusal).toBeInViewport();
  await expect(page.getByRole("button", { name: "Gửi bản tự đánh giá" })).toBeInViewport();
  await shot(page, "send-refused-390");
});

test("on a phone, the index officer is told in the inbox, fills every criterion with evidence, and asks the head to send", async ({ page }) => {
  await login(page, "0900000010");
  await page.goto("/chi-so-cchc");
  await expect(page.locator(".unit-states li").filter({ hasText: "Xã Bình Dương" })).toContainText("bạn là cán bộ đầu mối");
  await shot(page, "officer-home-390", true);
  await page.goto("/thong-bao");
  await page.getByRole("link", { name: "Bạn được giao làm cán bộ đầu mối Chỉ số CCHC năm 2023: Xã Bình Dương" }).click();
  await expect(page.getByRole("heading", { name: /Xã Bình Dương: tự đánh giá Chỉ số CCHC năm 2023/ })).toBeVisible();
  await expect(page.getByText("Bạn là cán bộ đầu mối Chỉ số CCHC của đơn vị")).toBeVisible();
  await expect(page.locator(".officer-panel")).toHaveCount(0);
  const cards = page.locator(".index-row");
  const n = await cards.count();
  expect(n).toBe(31);
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    if (await card.getByRole("radio", { name: "Có" }).count()) await card.getByRole("radio", { name: "Có" }).check();
    else if (await card.getByLabel("Mức đạt được").count()) await card.getByLabel("Mức đạt được").selectOption({ index: 1 });
    else if (await card.getByLabel(/^Số liệu kê khai/).count()) await card.getByLabel(/^Số liệu kê khai/).fill("100");
    else {
      const max = /Tối đa ([\d,]+) điểm/.exec((await card.textContent()) ?? "")![1];
      await card.getByLabel(/^Điểm tự chấm/).fill(max);
    }
  }
  await expect(page.getByText("Đang lưu…")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByLabel("Tổng hợp điểm")).toContainText("105/100 điểm, chỉ số 100%");
  const second = page.locator(".index-row").nth(1);
  await second.getByLabel(/Tải tệp kiểm chứng/).setInputFiles({ name: "theo-doi-nhiem-vu-2023.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from("PK demo") });
  await second.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Đã tải lên "theo-doi-nhiem-vu-2023.xlsx"' })).toBeVisible();
  // Sending is the head's: the officer has no such button, only a way to tell the head.
  await expect(page.getByRole("button", { name: "Gửi bản tự đánh giá" })).toHaveCount(0);
  await page.getByRole("button", { name: "Báo thủ trưởng đã kê khai xong" }).tap();
  // The confirmation is where the officer tapped, at the bottom of a long page on a phone.
  await expect(page.getByRole("status").filter({ hasText: "Đã báo thủ trưởng đơn vị" })).toBeInViewport();
  await expectNoAxeViolations(page);
  await shot(page, "officer-fills-390");
});

test("on a phone, the head reviews what the officer filled and sends the self-assessment", async ({ page }) => {
  await login(page, "0900000003");
  await page.goto("/thong-bao");
  await page.getByRole("link", { name: "Cán bộ đầu mối đã kê khai Chỉ số CCHC năm 2023: Xã Bình Dương" }).click();
  await expect(page.getByLabel("Tổng hợp điểm")).toContainText("105/100 điểm");
  await expect(page.locator(".index-row").first().getByRole("link", { name: "bao-cao-nhiem-vu-2023.pdf" })).toBeVisible();
  await expect(page.locator(".index-row").nth(1).getByRole("link", { name: "theo-doi-nhiem-vu-2023.xlsx" })).toBeVisible();
  await page.getByRole("button", { name: "Gửi bản tự đánh giá" }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Đã gửi bản tự đánh giá" })).toBeInViewport();
  await shot(page, "sent-390");
  await expect(page.getByLabel("Tổng hợp điểm")).toContainText("Đã gửi, chờ thẩm định");
});

async function card0Evidence(page: Page) {
  const card = page.locator(".index-row").first();
  await card.getByLabel(/Tải tệp kiểm chứng/).setInputFiles({ name: "bao-cao-nhiem-vu-2023.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%demo\n") });
  await card.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Đã tải lên "bao-cao-nhiem-vu-2023.pdf"' })).toBeVisible();
  await expect(page.locator(".index-row").first().getByRole("link", { name: "bao-cao-nhiem-vu-2023.pdf" })).toBeVisible();
}

test.describe("on a laptop", () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

  test("the council appraises, the chair finalises and publishes, and the ranking holds the unit at Khá", async ({ browser }) => {
    // Three people, four units and a publication: longer than one page's work on a shared 2-core machine.
    test.slow();
    const laptop = { viewport: { width: 1280, height: 800 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" };
    const organizer = await (await browser.newContext(laptop)).newPage();
    await login(organizer, "0900000002");
    await organizer.goto("/quan-tri/chi-so-cchc");
    await organizer.getByRole("button", { name: "Kết thúc tự đánh giá, chuyển sang thẩm định" }).click();
    await expect(organizer.getByRole("status")).toContainText("Đã chuyển sang thẩm định.");
    await shot(organizer, "organizer-sets-1280");

    // The chair (the organizer) gives the judge part II only, from the set's council page.
    await organizer.getByRole("link", { name: "Phân công Hội đồng theo đơn vị, lĩnh vực và xem tiến độ thẩm định" }).click();
    await expect(organizer.getByRole("heading", { name: "Hội đồng thẩm định Chỉ số CCHC năm 2023" })).toBeVisible();
    const member = organizer.getByRole("region", { name: "Lê Thị Giám Khảo" });
    await member.getByText("Phân công Lê Thị Giám Khảo").click();
    await member.getByRole("checkbox", { name: "II. Kết quả thực hiện cải cách hành chính" }).check();
    await member.getByRole("button", { name: "Lưu phân công" }).click();
    await expect(organizer.getByRole("status")).toContainText("Đã phân công Lê Thị Giám Khảo thẩm định mọi đơn vị; lĩnh vực II. Kết quả thực hiện cải cách hành chính.");
    const partII = withDb((db) => db.prepare("SELECT count(*) FROM index_rows r WHERE r.set_id = ? AND r.code LIKE 'II.%' AND NOT EXISTS (SELECT 1 FROM index_rows c WHERE c.set_id = r.set_id AND c.parent_code = r.code)").pluck().get(setId()) as number);

    const judge = await (await browser.newContext(laptop)).newPage();
    await login(judge, "0900000004");
    await judge.goto("/chi-so-cchc");
    await expect(judge.getByText("Bạn được phân công thẩm định lĩnh vực II. Kết quả thực hiện cải cách hành chính.")).toBeVisible();
    await expect(judge.locator(".unit-states li").filter({ hasText: "Xã Bình Dương" })).toContainText(`đã thẩm định 0/${partII} tiêu chí`);
    await expectNoAxeViolations(judge);
    await shot(judge, "member-home-1280");
    await judge.getByRole("link", { name: "Xã Bình Dương" }).click();
    await expect(judge.getByText("Bạn được phân công thẩm định lĩnh vực II. Kết quả thực hiện cải cách hành chính.")).toBeVisible();
    // Only part II's rows are in the member's queue.
    await expect(judge.locator(".index-row")).toHaveCount(partII);
    await expect(judge.getByRole("heading", { name: /Mức độ hoàn thành các chỉ tiêu/ })).toHaveCount(0);
    const first = judge.locator(".index-row").first();
    await expect(first.getByRole("heading")).toContainText("Ban hành kế hoạch cải cách hành chính năm đúng thời hạn");
    await first.getByLabel("Điểm thẩm định").fill("0");
    await first.getByRole("button", { name: "Lưu ý kiến" }).click();
    await expect(judge.getByRole("status").filter({ hasText: "Cần ghi lý do" })).toBeVisible();
    await judge.locator(".index-row").first().getByLabel("Điểm thẩm định").fill("0");
    await judge.locator(".index-row").first().getByLabel(/^Lý do/).first().fill("Kế hoạch ban hành chậm 10 ngày so với quy định");
    await judge.locator(".index-row").first().getByRole("button", { name: "Lưu ý kiến" }).click();
    await expect(judge.getByRole("status").filter({ hasText: "Đã lưu ý kiến thẩm định." })).toBeVisible();
    await expectNoAxeViolations(judge);
    await shot(judge, "member-part-1280");

    await organizer.reload();
    await expect(organizer.getByRole("region", { name: "Lê Thị Giám Khảo" })).toContainText(`Đã thẩm định 1/${partII * 4} tiêu chí`);
    await expect(organizer.getByRole("row", { name: /Xã Bình Dương/ })).toContainText(`1/31`);
    await expectNoAxeViolations(organizer);
    await shot(organizer, "council-1280", true);
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" })
    ).newPage();
    await login(phone, "0900000002");
    await phone.goto(organizer.url());
    await phone.getByRole("region", { name: "Lê Thị Giám Khảo" }).getByText("Phân công Lê Thị Giám Khảo").click();
    await expectNoAxeViolations(phone);
    await shot(phone, "council-390", true);
    // A third member is added, then removed from the council page; each answer is shown where the organizer tapped.
    await phone.goto("/quan-tri/chi-so-cchc");
    await phone.getByText("Hội đồng thẩm định (2 thành viên)").tap();
    await phone.getByLabel("Số điện thoại thành viên").fill("0900000011");
    await phone.getByRole("button", { name: "Thêm vào Hội đồng" }).tap();
    await expect(phone.getByRole("status").filter({ hasText: "Đã thêm Võ Thị Bình vào Hội đồng thẩm định." })).toBeInViewport();
    await shot(phone, "organizer-council-add-390");
    await phone.goto(organizer.url());
    const leaving = phone.getByRole("region", { name: "Võ Thị Bình" });
    await leaving.getByText("Xóa Võ Thị Bình khỏi Hội đồng").tap();
    await expect(leaving).toContainText("Các ý kiến đã cho vẫn được giữ trong hồ sơ");
    await expectNoAxeViolations(phone);
    await shot(phone, "council-remove-390");
    await leaving.getByRole("button", { name: "Xóa khỏi Hội đồng: Võ Thị Bình" }).tap();
    await expect(phone.getByRole("status").filter({ hasText: "Đã xóa Võ Thị Bình khỏi Hội đồng thẩm định." })).toBeInViewport();
    await expect(phone.getByRole("region", { name: "Võ Thị Bình" })).toHaveCount(0);
    await shot(phone, "council-removed-390");
    await phone.context().close();
    await organizer.reload();
    await organizer.getByRole("region", { name: "Lê Thị Giám Khảo" }).getByText("Xóa Lê Thị Giám Khảo khỏi Hội đồng").click();
    await shot(organizer, "council-remove-1280");

    await organizer.goto(`/chi-so-cchc/${setId()}/${unitId()}`);
    const row = organizer.locator(".index-row").filter({ hasText: "Ban hành kế hoạch cải cách hành chính năm đúng thời hạn" });
    await expect(row).toContainText("Lê Thị Giám Khảo: 0");
    await expect(row).toContainText("khác tự chấm");
    await row.getByLabel("Điểm chốt (Chủ tịch Hội đồng)").fill("0");
    await row.getByLabel(/^Lý do/).nth(1).fill("Theo ý kiến thành viên Hội đồng");
    await row.getByRole("button", { name: "Chốt điểm" }).click();
    await expect(organizer.getByRole("status").filter({ hasText: "Đã chốt điểm tiêu chí." })).toBeVisible();
    // Every unit that sent its assessment is finished before publishing (three did in the demo).
    const sent = withDb((db) => db.prepare("SELECT unit_id FROM index_assessments WHERE state = 'submitted' AND set_id = ?").pluck().all(setId()) as number[]);
    expect(sent.length).toBe(4);
    for (const u of sent) {
      await organizer.goto(`/chi-so-cchc/${setId()}/${u}`);
      await organizer.getByRole("button", { name: "Hoàn thành thẩm định đơn vị này" }).click();
      await expect(organizer.getByRole("status").filter({ hasText: "Đã hoàn thành thẩm định" })).toBeInViewport();
    }
    await shot(organizer, "finished-1280");
    await organizer.goto("/quan-tri/chi-so-cchc");
    await organizer.getByRole("button", { name: "Công bố kết quả" }).click();
    await expect(organizer.getByRole("status")).toContainText("Đã công bố kết quả của 4 đơn vị.");

    await organizer.goto("/chi-so-cchc/xep-hang/2023");
    const line = organizer.getByRole("row", { name: /Xã Bình Dương/ });
    await expect(line).toContainText("100");
    await expect(line).toContainText("Khá");
    await expect(line).toContainText("theo điểm: Xuất sắc");
    await expect(line).toContainText("chưa có 100% cán bộ tham gia cuộc thi");
    await expectNoAxeViolations(organizer);
    await line.getByRole("link", { name: "Xã Bình Dương" }).click();
    await expect(organizer.getByRole("heading", { name: "Điểm từng tiêu chí năm 2023" })).toBeVisible();
    await expect(organizer.getByRole("row", { name: /Ban hành kế hoạch cải cách hành chính năm đúng thời hạn/ })).toContainText("Theo ý kiến thành viên Hội đồng");
    const before2022 = withDb((db) => db.prepare("SELECT index_value FROM index_results WHERE year = 2022 AND unit_id = ?").pluck().get(unitId()) as number);
    await expect(organizer.getByRole("row", { name: /^2023/ })).toContainText(`+${String(Math.round((100 - before2022) * 100) / 100).replace(".", ",")} điểm`);
    await expectNoAxeViolations(organizer);
    await shot(organizer, "unit-page-1280");
    const phone2 = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" })
    ).newPage();
    await phone2.goto(organizer.url());
    await shot(phone2, "unit-page-390", true);
    await phone2.context().close();
  });
});
