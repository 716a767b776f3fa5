import fs from "node:fs";
import JSZip from "jszip";
import mammoth from "mammoth";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test, withDb } from "./helpers";

/**
 * Seed 000 (Tuy Phước) end to end on a phone: Xã Phước Sơn's head proposes the commune and Nguyễn Thị Lan,
 * downloads the generated Word forms and uploads the signed ones; Phòng Nội vụ receives, appraises and
 * submits them; the four council members vote online by secret ballot and the chair closes the session;
 * the decision is drafted, its signed copy registered, certificates printed; the awards show on the unit's
 * page and on Lan's account. The deadline is moved ahead of today first, as the demo's is in January.
 */

let mv = 0;
const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

test.beforeAll(() => {
  withDb((db) => {
    mv = (db.prepare("SELECT id FROM movements WHERE slug = 'tuy-phuoc-2021-2025'").get() as { id: number }).id;
    db.prepare("UPDATE award_settings SET deadline = ? WHERE movement_id = ?").run(future, mv);
    db.prepare("DELETE FROM award_proposals WHERE movement_id = ?").run(mv);
    db.prepare("DELETE FROM award_decisions WHERE movement_id = ?").run(mv);
    db.prepare("DELETE FROM council_sessions WHERE movement_id = ?").run(mv);
  });
});

async function phone(browser: Browser, phoneNumber: string, to: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 390, height: 844 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await ctx.newPage();
  await login(page, phoneNumber, undefined, to);
  return page;
}

async function docxText(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = await download.path();
  return (await mammoth.extractRawText({ buffer: fs.readFileSync(file) })).value;
}

test("proposal → appraisal → secret ballot → decision → certificates → histories", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  // The unit head proposes.
  await login(page, "0900000021", undefined, `/thi-dua/${mv}/de-nghi`);
  await expect(page.getByRole("heading", { level: 1, name: "Hồ sơ đề nghị khen thưởng" })).toBeVisible();
  await expect(page.getByText(/Hạn gửi hồ sơ: .*còn \d+ ngày/)).toBeVisible();
  await expectNoAxeViolations(page);
  const candidate = (scheme: RegExp, name: string) => page.getByRole("listitem").filter({ hasText: scheme }).filter({ hasText: name });
  await candidate(/Giấy khen hằng năm cho 03 đơn vị/, "Xã Phước Sơn").getByRole("button", { name: /Lập hồ sơ đề nghị/ }).click();
  await expect(page.getByRole("status")).toContainText("Đã lập hồ sơ đề nghị cho Xã Phước Sơn");
  await candidate(/cá nhân tham mưu/, "Nguyễn Thị Lan").getByRole("button", { name: /Lập hồ sơ đề nghị/ }).click();
  await expect(page.getByRole("status")).toContainText("Nguyễn Thị Lan");

  for (const name of ["Xã Phước Sơn", "Nguyễn Thị Lan"]) {
    const card = page.locator(".proposal").filter({ has: page.getByRole("heading", { name: new RegExp(`^${name} —`) }) });
    const report = await docxText(page, () => card.getByRole("link", { name: "Báo cáo thành tích" }).click());
    expect(report).toContain("BÁO CÁO THÀNH TÍCH");
    expect(report).toContain("Chỉ số cải cách hành chính năm 2025 của Xã Phước Sơn: 96,5 điểm");
    const toTrinh = await docxText(page, () => card.getByRole("link", { name: "Tờ trình" }).click());
    expect(toTrinh).toContain("Kính gửi: Ủy ban nhân dân huyện Tuy Phước");
    for (const [kind, file] of [["Tờ trình", "to-trinh-da-ky.pdf"], ["Báo cáo thành tích", "bao-cao-da-ky.pdf"]] as const) {
      await card.getByLabel("Loại tài liệu").selectOption({ label: kind });
      await card.getByLabel(/Tệp đã ký/).setInputFiles({ name: file, mimeType: "application/pdf", buffer: PDF });
      await card.getByRole("button", { name: "Tải lên" }).click();
      await expect(page.getByRole("status")).toContainText(`Đã tải lên ${kind}`);
    }
    await card.getByRole("button", { name: "Gửi hồ sơ" }).click();
    await expect(page.getByRole("status")).toContainText(`Đã gửi hồ sơ của ${name}`);
  }
  await expectNoAxeViolations(page);

  // The organizer appraises and opens the council's session.
  const org = await phone(browser, "0900000020", `/quan-tri/khen-thuong/${mv}`);
  for (const step of ["Tiếp nhận", "Thẩm định: đủ điều kiện", "Trình Hội đồng"]) {
    for (const name of ["Xã Phước Sơn", "Nguyễn Thị Lan"]) {
      await org.locator(".card").filter({ has: org.getByRole("heading", { name: new RegExp(`^${name} —`) }) }).getByRole("button", { name: step }).click();
      await expect(org.getByRole("status")).toContainText(`${step}: ${name}`);
    }
  }
  await expect(org.getByText(/Chưa gửi: \d+ đơn vị/)).toBeVisible();
  await expectNoAxeViolations(org);

  // Every Báo cáo thành tích at once: the worker builds them, the page shows its bar, then the zip.
  await org.getByLabel("Phạm vi").selectOption({ label: "Tất cả hồ sơ đã gửi (2)" });
  await org.getByRole("button", { name: "Tạo gói Báo cáo thành tích (.zip)" }).click();
  await expect(org.getByRole("status")).toContainText("Đang tạo 2 Báo cáo thành tích ở tiến trình nền.");
  const batch = org.getByRole("region", { name: "Báo cáo thành tích của các hồ sơ" });
  await expect(batch.getByRole("progressbar")).toBeVisible();
  const zipLink = batch.getByRole("link", { name: "Tải gói Báo cáo thành tích" });
  await expect(zipLink).toBeVisible({ timeout: 30_000 });
  await expect(batch.getByText("Đã xong.")).toBeVisible();
  const [zipped] = await Promise.all([org.waitForEvent("download"), zipLink.click()]);
  const zip = await JSZip.loadAsync(fs.readFileSync(await zipped.path()));
  const entries = Object.keys(zip.files).sort();
  expect(entries).toEqual(["1-bao-cao-thanh-tich-xa-phuoc-son.docx", "2-bao-cao-thanh-tich-nguyen-thi-lan.docx"]);
  const inZip = (await mammoth.extractRawText({ buffer: await zip.file(entries[0])!.async("nodebuffer") })).value;
  expect(inZip).toContain("Chỉ số cải cách hành chính năm 2025 của Xã Phước Sơn: 96,5 điểm");
  await expectNoAxeViolations(org);
  fs.mkdirSync("test/.tmp/awards", { recursive: true });
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    await org.setViewportSize({ width: w, height: h });
    await batch.scrollIntoViewIfNeeded();
    await org.screenshot({ path: `test/.tmp/awards/goi-bao-cao-${w}.png` });
  }
  await org.setViewportSize({ width: 390, height: 844 });
  await org.getByRole("button", { name: "Mở phiên họp" }).click();
  await expect(org.getByRole("status")).toContainText("bỏ phiếu kín");

  // Four members vote on their phones; the chair closes.
  for (const member of ["0900000023", "0900000024", "0900000025", "0900000022"]) {
    const p = await phone(browser, member, "/hoi-dong");
    await p.getByRole("link", { name: /Họp xét khen thưởng năm 2025/ }).click();
    await expect(p.getByText("Bỏ phiếu kín: hệ thống chỉ ghi ai đã bỏ phiếu")).toBeVisible();
    for (const name of ["Xã Phước Sơn", "Nguyễn Thị Lan"]) {
      await p.getByRole("button", { name: `Đồng ý: ${name}`, exact: true }).click();
      await expect(p.getByRole("status")).toContainText(`Đã ghi nhận biểu quyết cho ${name}`);
    }
    await expectNoAxeViolations(p);
    if (member === "0900000022") {
      await p.getByRole("button", { name: "Kết thúc phiên họp và công bố kết quả" }).click();
      await expect(p.getByRole("status").first()).toContainText("2/2 hồ sơ được Hội đồng thông qua");
      await expect(p.getByText(/4\/4 thành viên đồng ý \(100%\)/).first()).toBeVisible();
      const minutes = await docxText(p, () => p.getByRole("link", { name: "Tải Biên bản họp xét (Word)" }).click());
      expect(minutes).toContain("bỏ phiếu kín");
      expect(minutes).toContain("Thông qua.");
    }
    await p.context().close();
  }
  // The secret ballot left who voted and the tally, never a choice (another spec's open ballot may share the database).
  withDb((db) => {
    const inSession = "JOIN council_items i ON i.id = v.item_id JOIN council_sessions s ON s.id = i.session_id WHERE s.movement_id = ?";
    expect(db.prepare(`SELECT COUNT(*) AS n FROM council_open_votes v ${inSession}`).get(mv)).toEqual({ n: 0 });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM council_voters v ${inSession}`).get(mv)).toEqual({ n: 8 });
    expect(db.prepare("SELECT yes, no FROM council_items i JOIN council_sessions s ON s.id = i.session_id WHERE s.movement_id = ?").all(mv)).toEqual([{ yes: 4, no: 0 }, { yes: 4, no: 0 }]);
    const votes = "FROM audit_log WHERE action = 'awards.vote' AND json_extract(detail, '$.sessionId') IN (SELECT id FROM council_sessions WHERE movement_id = ?)";
    expect(db.prepare(`SELECT COUNT(*) AS n ${votes}`).get(mv)).toEqual({ n: 8 });
    expect(db.prepare(`SELECT COUNT(*) AS n ${votes} AND json_extract(detail, '$.choice') IS NOT NULL`).get(mv)).toEqual({ n: 0 });
  });

  // The decision, its signed copy, the certificates.
  await org.reload();
  await org.getByLabel("Ngày ký (ngày/tháng/năm)").fill("20/01/2026");
  await org.getByRole("button", { name: "Lập dự thảo quyết định" }).click();
  await expect(org.getByRole("status")).toContainText(/Quyết định số \d+\/QĐ-UBND \(2 tập thể, cá nhân\)/);
  await org.getByRole("link", { name: /^Quyết định số \d+\/QĐ-UBND$/ }).click();
  const decision = await docxText(org, () => org.getByRole("link", { name: "Tải Quyết định và Danh sách kèm theo (Word)" }).click());
  expect(decision).toContain("Tuy Phước, ngày 20 tháng 01 năm 2026");
  expect(decision).toContain("Nguyễn Thị Lan");
  await org.getByLabel(/Bản quyết định đã ký/).setInputFiles({ name: "quyet-dinh-da-ky.pdf", mimeType: "application/pdf", buffer: PDF });
  await org.getByRole("button", { name: "Đăng ký quyết định" }).click();
  await expect(org.getByRole("status")).toContainText("2 tập thể, cá nhân được ghi vào hồ sơ thành tích");
  await expectNoAxeViolations(org);
  await org.getByRole("link", { name: "In giấy khen" }).click();
  await expect(org.getByRole("region", { name: "Giấy khen: Xã Phước Sơn" })).toBeVisible();
  await expect(org.getByRole("region", { name: "Giấy khen: Nguyễn Thị Lan" })).toContainText("Công chức Văn phòng - Thống kê, Xã Phước Sơn");
  await expectNoAxeViolations(org);

  // The histories: the unit's page and Lan's account.
  await page.goto("/don-vi");
  await expect(page.getByRole("region", { name: "Khen thưởng của đơn vị" })).toContainText("2025: Giấy khen của Chủ tịch Ủy ban nhân dân huyện");
  const lan = await phone(browser, "0900000026", "/");
  await lan.goto("/tai-khoan");
  await expect(lan.getByRole("region", { name: "Khen thưởng của tôi" })).toContainText("2025: Giấy khen của Chủ tịch Ủy ban nhân dân huyện");
  await expectNoAxeViolations(lan);
});
