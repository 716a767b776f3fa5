import fs from "node:fs";
import mammoth from "mammoth";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test, withDb } from "./helpers";

/**
 * Seed 004 (Văn phòng UBND thành phố Cần Thơ) end to end: Phòng Kinh tế proposes itself and Phạm Thị Bích by
 * 10/12 (the test moves that day ahead of today), refused files first; Phòng Hành chính – Tổ chức receives and
 * appraises; the office's council votes by open ballot (two thirds of four members), the chair closes; the
 * decision and certificates follow and Bích's award reaches her account and the unit's page. Phòng Kinh tế's
 * own dossier goes up to the city (forwarded by 20/01): the city's office sees it with its whole route, the
 * office lists it as gone up, the unit sees where it is. Screenshots of the pages in test/.tmp/awards/.
 */

let mv = 0;
const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const SHOTS = "test/.tmp/awards";

test.beforeAll(() => {
  fs.mkdirSync(SHOTS, { recursive: true });
  withDb((db) => {
    mv = (db.prepare("SELECT id FROM movements WHERE slug = 'can-tho-vp-ubnd-2019'").get() as { id: number }).id;
    db.prepare("UPDATE award_settings SET deadline = ? WHERE movement_id = ?").run(future, mv);
    db.prepare("UPDATE movement_deadlines SET date = ? WHERE movement_id = ? AND label LIKE 'Hội đồng gửi%'").run(later, mv);
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

/** The page at 390×844 and at 1280×800, whole, and the parts this issue changed on their own (easier to read). */
async function shots(page: Page, name: string, parts: Locator[] = []) {
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}.png`, fullPage: true });
    for (const [i, part] of parts.entries()) await part.screenshot({ path: `${SHOTS}/${name}-${i + 1}-${w}.png` });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

const unitCard = (page: Page, name: string) => page.locator(".proposal").filter({ has: page.getByRole("heading", { name: new RegExp(`^${name} —`) }) });
const card = (page: Page, name: string) => page.locator(".card").filter({ has: page.getByRole("heading", { name: new RegExp(`^${name} —`) }) });

test("seed 004: propose, refuse bad files, appraise, open ballot, decision, certificates, histories; forward to the city with the history", async ({ page, browser }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "0900000031", undefined, `/thi-dua/${mv}/de-nghi`);
  await expect(page.getByRole("heading", { level: 1, name: "Hồ sơ đề nghị khen thưởng" })).toBeVisible();
  const candidate = (scheme: RegExp, name: string) => page.getByRole("listitem").filter({ hasText: scheme }).filter({ hasText: name });
  await candidate(/cho 03 phòng, bộ phận/, "Phòng Kinh tế").getByRole("button", { name: /Lập hồ sơ đề nghị/ }).click();
  await expect(page.getByRole("status")).toContainText("Phòng Kinh tế");
  await candidate(/cho 02 cá nhân/, "Phạm Thị Bích").getByRole("button", { name: /Lập hồ sơ đề nghị/ }).click();
  await expect(page.getByRole("status")).toContainText("Phạm Thị Bích");

  // Bad input: a text file named .pdf, and a file over the 10 MB cap, are refused; nothing is stored.
  const kt = unitCard(page, "Phòng Kinh tế");
  await kt.getByLabel("Loại tài liệu").selectOption({ label: "Tờ trình" });
  await kt.getByLabel(/Tệp đã ký/).setInputFiles({ name: "to-trinh.pdf", mimeType: "application/pdf", buffer: Buffer.from("không phải PDF") });
  await kt.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("alert")).toContainText("Chỉ nhận tệp PDF hoặc Word (.pdf, .docx, .doc).");
  await kt.getByLabel(/Tệp đã ký/).setInputFiles({ name: "to-trinh.pdf", mimeType: "application/pdf", buffer: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) });
  await kt.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("alert")).toContainText("Tệp quá lớn: tối đa 10 MB.");
  withDb((db) => expect(db.prepare("SELECT COUNT(*) AS n FROM award_documents d JOIN award_proposals p ON p.id = d.proposal_id WHERE p.movement_id = ?").get(mv)).toEqual({ n: 0 }));

  for (const name of ["Phòng Kinh tế", "Phạm Thị Bích"]) {
    const c = unitCard(page, name);
    const [download] = await Promise.all([page.waitForEvent("download"), c.getByRole("link", { name: "Báo cáo thành tích" }).click()]);
    const report = (await mammoth.extractRawText({ buffer: fs.readFileSync(await download.path()) })).value;
    expect(report).toContain(name === "Phòng Kinh tế" ? "Tổng số cán bộ, công chức, viên chức, người lao động: 9 người; trong đó nữ: 4 người" : '"Mẫu hóa tờ trình kinh tế" (phạm vi cơ sở');
    for (const [kind, file] of [["Tờ trình", "to-trinh-da-ky.pdf"], ["Báo cáo thành tích", "bao-cao-da-ky.pdf"]] as const) {
      await c.getByLabel("Loại tài liệu").selectOption({ label: kind });
      await c.getByLabel(/Tệp đã ký/).setInputFiles({ name: file, mimeType: "application/pdf", buffer: PDF });
      await c.getByRole("button", { name: "Tải lên" }).click();
      await expect(page.getByRole("status")).toContainText(`Đã tải lên ${kind}`);
    }
    await c.getByRole("button", { name: "Gửi hồ sơ" }).click();
    await expect(page.getByRole("status")).toContainText(`Đã gửi hồ sơ của ${name}`);
  }

  // The office receives and appraises both; Bích goes to the council, Phòng Kinh tế up to the city.
  const org = await phone(browser, "0900000030", `/quan-tri/khen-thuong/${mv}`);
  for (const step of ["Tiếp nhận", "Thẩm định: đủ điều kiện"]) {
    for (const name of ["Phòng Kinh tế", "Phạm Thị Bích"]) {
      await card(org, name).getByRole("button", { name: step }).click();
      await expect(org.getByRole("status")).toContainText(`${step}: ${name}`);
    }
  }
  await expect(org.getByText(/Hội đồng gửi hồ sơ đề nghị về thành phố: hạn \d\d\/\d\d\/\d{4} — còn \d+ ngày/)).toBeVisible();
  await card(org, "Phạm Thị Bích").getByRole("button", { name: "Trình Hội đồng" }).click();
  await expect(org.getByRole("status")).toContainText("Trình Hội đồng: Phạm Thị Bích");
  await card(org, "Phòng Kinh tế").getByRole("button", { name: "Chuyển lên cấp trên: Ủy ban nhân dân thành phố Cần Thơ" }).click();
  await expect(org.getByRole("status")).toContainText("Chuyển lên cấp trên: Phòng Kinh tế");
  const gone = org.getByRole("region", { name: /Đã chuyển lên cấp trên/ });
  await expect(gone).toContainText("Đang ở: Ủy ban nhân dân thành phố Cần Thơ · Trạng thái: Đã gửi");
  await gone.getByText("Quá trình xử lý").click();
  await expect(gone.getByRole("listitem").last()).toContainText("Chuyển lên cấp trên — đã gửi (Ủy ban nhân dân thành phố Cần Thơ), Võ Thị Hành Chính");
  await expectNoAxeViolations(org);
  await shots(org, "khen-thuong-van-phong", [gone, org.getByRole("region", { name: "Báo cáo thành tích của các hồ sơ" }), org.getByText(/Hội đồng gửi hồ sơ đề nghị về thành phố: hạn/)]);

  // The city's office: the dossier with its whole route and its signed files.
  const city = await phone(browser, "0900000036", `/quan-tri/khen-thuong/${mv}`);
  await expect(city.getByText("Cấp xử lý của bạn: Ủy ban nhân dân thành phố Cần Thơ")).toBeVisible();
  const up = card(city, "Phòng Kinh tế");
  await expect(up).toContainText("Trạng thái: Đã gửi");
  await expect(up.getByRole("link", { name: "Tờ trình" })).toBeVisible();
  await up.getByText("Quá trình xử lý").click();
  const steps = up.getByRole("listitem");
  await expect(steps).toHaveCount(5);
  await expect(steps.nth(0)).toContainText("Lập hồ sơ nháp (Phòng Hành chính – Tổ chức), Đinh Văn Kinh");
  await expect(steps.nth(3)).toContainText("Đủ điều kiện (Phòng Hành chính – Tổ chức), Võ Thị Hành Chính");
  await expect(card(city, "Phạm Thị Bích")).toHaveCount(0);
  await up.getByRole("button", { name: "Tiếp nhận" }).click();
  await expect(city.getByRole("status")).toContainText("Tiếp nhận: Phòng Kinh tế");
  await expectNoAxeViolations(city);
  await shots(city, "khen-thuong-thanh-pho", [up]);
  await city.context().close();

  // The unit sees where its dossier is now.
  await page.reload();
  await expect(unitCard(page, "Phòng Kinh tế")).toContainText("Đang ở: Ủy ban nhân dân thành phố Cần Thơ");
  await expectNoAxeViolations(page);
  await shots(page, "de-nghi-phong-kinh-te", [unitCard(page, "Phòng Kinh tế")]);

  // The council votes by open ballot; Châu Văn Tổng disagrees, three of four is two thirds.
  await org.reload();
  await org.getByRole("button", { name: "Mở phiên họp" }).click();
  await expect(org.getByRole("status")).toContainText("biểu quyết công khai");
  for (const [member, choice] of [["0900000034", "Đồng ý"], ["0900000035", "Không đồng ý"], ["0900000030", "Đồng ý"], ["0900000032", "Đồng ý"]] as const) {
    const p = member === "0900000030" ? org : await phone(browser, member, "/hoi-dong");
    if (p === org) await org.goto("/hoi-dong");
    await p.getByRole("link", { name: /Họp xét khen thưởng năm 2019/ }).click();
    await p.getByRole("button", { name: `${choice}: Phạm Thị Bích`, exact: true }).click();
    await expect(p.getByRole("status")).toContainText("Đã ghi nhận biểu quyết cho Phạm Thị Bích");
    if (member === "0900000032") {
      await p.getByRole("button", { name: "Kết thúc phiên họp và công bố kết quả" }).click();
      await expect(p.getByRole("status").first()).toContainText("1/1 hồ sơ được Hội đồng thông qua");
      await expect(p.getByText("Châu Văn Tổng: Không đồng ý")).toBeVisible();
      await expectNoAxeViolations(p);
    }
    if (p !== org) await p.context().close();
  }
  withDb((db) => expect(db.prepare("SELECT COUNT(*) AS n FROM council_open_votes v JOIN council_items i ON i.id = v.item_id JOIN council_sessions s ON s.id = i.session_id WHERE s.movement_id = ?").get(mv)).toEqual({ n: 4 }));

  // The decision, registered with its signed copy; the registered copy cannot be replaced afterwards.
  await org.goto(`/quan-tri/khen-thuong/${mv}`);
  await org.getByLabel("Ngày ký (ngày/tháng/năm)").fill("20/12/2019");
  await org.getByRole("button", { name: "Lập dự thảo quyết định" }).click();
  await expect(org.getByRole("status")).toContainText(/Quyết định số \d+\/QĐ-VPUB \(1 tập thể, cá nhân\)/);
  await org.getByRole("link", { name: /^Quyết định số \d+\/QĐ-VPUB$/ }).click();
  const [dl] = await Promise.all([org.waitForEvent("download"), org.getByRole("link", { name: "Tải Quyết định và Danh sách kèm theo (Word)" }).click()]);
  const decision = (await mammoth.extractRawText({ buffer: fs.readFileSync(await dl.path()) })).value;
  expect(decision).toContain("Cần Thơ, ngày 20 tháng 12 năm 2019");
  expect(decision).toContain("Phạm Thị Bích");
  await org.getByLabel(/Bản quyết định đã ký/).setInputFiles({ name: "quyet-dinh-da-ky.pdf", mimeType: "application/pdf", buffer: PDF });
  await org.getByRole("button", { name: "Đăng ký quyết định" }).click();
  await expect(org.getByRole("status")).toContainText("1 tập thể, cá nhân được ghi vào hồ sơ thành tích");
  const again = await org.request.post(org.url(), { multipart: { file: { name: "khac.pdf", mimeType: "application/pdf", buffer: PDF } }, maxRedirects: 0 });
  expect(again.status()).toBe(400);
  expect(await again.text()).toContain("Quyết định đã được đăng ký; không thay được bản ký.");
  await org.getByRole("link", { name: "In giấy khen" }).click();
  await expect(org.getByRole("region", { name: "Giấy khen: Phạm Thị Bích" })).toContainText("Phó Trưởng phòng, Phòng Kinh tế");
  await expectNoAxeViolations(org);

  // A registered dossier document is superseded only with a reason.
  await page.reload();
  const bich = unitCard(page, "Phạm Thị Bích");
  await expect(bich).toContainText("Báo cáo thành tích: bao-cao-da-ky.pdf");
  await expect(bich).toContainText("đã đăng ký với quyết định");
  await bich.getByLabel("Loại tài liệu").selectOption({ label: "Báo cáo thành tích" });
  await bich.getByLabel(/Tệp đã ký/).setInputFiles({ name: "bao-cao-moi.pdf", mimeType: "application/pdf", buffer: PDF });
  await bich.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("alert")).toContainText("chỉ được thay thế bằng bản mới kèm lý do");
  await bich.getByLabel(/Tệp đã ký/).setInputFiles({ name: "bao-cao-moi.pdf", mimeType: "application/pdf", buffer: PDF });
  await bich.getByLabel("Lý do thay thế tài liệu đã đăng ký").fill("Bổ sung chữ ký của Thủ trưởng");
  await bich.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("status")).toContainText("Đã tải lên Báo cáo thành tích");
  await expect(unitCard(page, "Phạm Thị Bích")).toContainText("đã được thay thế: Bổ sung chữ ký của Thủ trưởng");

  // The histories: the unit's page and Bích's account.
  await page.goto("/don-vi");
  await expect(page.getByRole("region", { name: "Khen thưởng của đơn vị" })).toContainText("Phạm Thị Bích");
  const b = await phone(browser, "0900000037", "/");
  await b.goto("/tai-khoan");
  await expect(b.getByRole("region", { name: "Khen thưởng của tôi" })).toContainText("2019: Giấy khen của Thủ trưởng cơ quan");
  await expectNoAxeViolations(b);
  await b.context().close();

  // The office's zip of reports: the link names its count as soon as the worker is done, without a reload.
  await org.goto(`/quan-tri/khen-thuong/${mv}`);
  await org.getByRole("button", { name: "Tạo gói Báo cáo thành tích (.zip)" }).click();
  await expect(org.getByRole("link", { name: /^Tải gói Báo cáo thành tích \(\d+ báo cáo\)$/ })).toBeVisible({ timeout: 60_000 });
  await org.context().close();

  // The city decides what the office forwarded, under its own name and number register, on its own blank.
  const ct = await phone(browser, "0900000036", `/quan-tri/khen-thuong/${mv}`);
  await expect(ct.getByText("Cài đặt khen thưởng của phong trào")).toHaveCount(0);
  for (const step of ["Thẩm định: đủ điều kiện", "Trình Hội đồng"]) {
    await card(ct, "Phòng Kinh tế").getByRole("button", { name: step }).click();
    await expect(ct.getByRole("status")).toContainText(`${step}: Phòng Kinh tế`);
  }
  const settings = ct.locator("details").filter({ has: ct.getByText("Cài đặt quyết định của Ủy ban nhân dân thành phố Cần Thơ") });
  await settings.getByText("Cài đặt quyết định của Ủy ban nhân dân thành phố Cần Thơ").click();
  await expect(settings.getByLabel("Cơ quan ban hành quyết định")).toHaveValue("Ủy ban nhân dân thành phố Cần Thơ");
  await expect(settings.getByLabel("Ký hiệu quyết định (QĐ-…)")).toHaveValue("UBND");
  // The city's council starts from the movement's ballot and sets its own quorum.
  await expect(settings.getByText("Đang dùng cài đặt của phong trào.")).toBeVisible();
  await expect(settings.getByLabel("Tiêu chuẩn thông qua")).toHaveValue("two_thirds");
  await settings.getByLabel("Số thành viên tối thiểu tham gia biểu quyết").selectOption({ label: "Quá nửa tổng số thành viên" });
  await settings.getByLabel("Họ tên người ký").fill("Trần Việt Trường");
  await settings.getByLabel("Bằng khen, giấy khen: dịch ngang (mm)").fill("4");
  await settings.getByRole("button", { name: "Lưu cài đặt quyết định" }).click();
  await expect(ct.getByRole("status")).toContainText("Đã lưu cài đặt quyết định của Ủy ban nhân dân thành phố Cần Thơ.");
  await settings.evaluate((el) => ((el as HTMLDetailsElement).open = true));
  await expect(ct.getByRole("heading", { name: "Đơn vị chưa gửi hồ sơ" })).toHaveCount(0);
  await expectNoAxeViolations(ct);
  await shots(ct, "khen-thuong-thanh-pho-cai-dat", [settings]);
  for (const [member, role, who] of [["0900000036", "Chủ tịch", "Lâm Thị Thi Đua"], ["0900000032", "Thành viên", "Trần Văn Chánh"], ["0900000034", "Thành viên", "Lý Thị Phó"]] as const) {
    await ct.locator("details").filter({ has: ct.getByText("Thêm thành viên") }).evaluate((el) => ((el as HTMLDetailsElement).open = true));
    await ct.getByLabel("Số điện thoại tài khoản").fill(member);
    await ct.getByLabel("Vai trò").selectOption({ label: role });
    await ct.getByRole("button", { name: "Thêm vào Hội đồng" }).click();
    await expect(ct.getByRole("status")).toContainText(`Đã thêm ${who} vào Hội đồng.`);
  }
  await ct.getByLabel("Tên phiên họp").fill("Họp Hội đồng Thi đua – Khen thưởng thành phố");
  await ct.getByRole("button", { name: "Mở phiên họp" }).click();
  await expect(ct.getByRole("status")).toContainText("biểu quyết công khai, thông qua khi được từ hai phần ba tổng số thành viên đồng ý");
  for (const member of ["0900000032", "0900000036"]) {
    const p = member === "0900000036" ? ct : await phone(browser, member, "/hoi-dong");
    if (p === ct) await ct.goto("/hoi-dong");
    await p.getByRole("link", { name: /Họp Hội đồng Thi đua – Khen thưởng thành phố/ }).click();
    await expect(p.getByText("cần quá nửa tổng số thành viên tham gia biểu quyết")).toBeVisible();
    await p.getByRole("button", { name: "Đồng ý: Phòng Kinh tế", exact: true }).click();
    await expect(p.getByRole("status")).toContainText("Đã ghi nhận biểu quyết cho Phòng Kinh tế");
    if (p === ct) {
      await ct.getByRole("button", { name: "Kết thúc phiên họp và công bố kết quả" }).click();
      await expect(ct.getByRole("status").first()).toContainText("1/1 hồ sơ được Hội đồng thông qua");
    } else await p.context().close();
  }
  await ct.goto(`/quan-tri/khen-thuong/${mv}`);
  await expect(ct.getByLabel("Hình thức khen thưởng")).toHaveValue("bang-khen-chu-tich-ubnd-tinh");
  await expect(ct.getByLabel("Người ký", { exact: true })).toHaveValue("Trần Việt Trường");
  await ct.getByLabel("Ngày ký (ngày/tháng/năm)").fill("20/01/2020");
  await ct.getByRole("button", { name: "Lập dự thảo quyết định" }).click();
  await expect(ct.getByRole("status")).toContainText(/Quyết định số \d+\/QĐ-UBND \(1 tập thể, cá nhân\)/);
  await ct.getByRole("link", { name: /^Quyết định số \d+\/QĐ-UBND$/ }).click();
  const [cityDl] = await Promise.all([ct.waitForEvent("download"), ct.getByRole("link", { name: "Tải Quyết định và Danh sách kèm theo (Word)" }).click()]);
  const cityDecision = (await mammoth.extractRawText({ buffer: fs.readFileSync(await cityDl.path()) })).value;
  expect(cityDecision).toContain("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ");
  expect(cityDecision).toMatch(/Số: \d+\/QĐ-UBND/);
  expect(cityDecision).toContain("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ");
  expect(cityDecision).toContain("Phòng Kinh tế");
  expect(cityDecision).toContain("Trần Việt Trường");
  expect(cityDecision).not.toContain("VPUB");
  await expectNoAxeViolations(ct);
  await shots(ct, "quyet-dinh-thanh-pho");
  await ct.getByLabel(/Bản quyết định đã ký/).setInputFiles({ name: "quyet-dinh-thanh-pho.pdf", mimeType: "application/pdf", buffer: PDF });
  await ct.getByRole("button", { name: "Đăng ký quyết định" }).click();
  await expect(ct.getByRole("status")).toContainText("1 tập thể, cá nhân được ghi vào hồ sơ thành tích");
  // The city grants a Bằng khen: the sheet is called one.
  await ct.getByRole("link", { name: "In bằng khen" }).click();
  const sheet = ct.getByRole("region", { name: "Bằng khen: Phòng Kinh tế" });
  await expect(sheet).toContainText("CHỦ TỊCH Ủy ban nhân dân thành phố Cần Thơ");
  await expect(sheet).toContainText("Bằng khen");
  await expect(sheet).toContainText(/Quyết định số \d+\/QĐ-UBND/);
  await expect(ct.getByText("ngang 4 mm")).toBeVisible();
  await expectNoAxeViolations(ct);
  await shots(ct, "giay-khen-thanh-pho");
  await ct.context().close();

  // The unit's history lists the city's award with its level.
  await page.goto("/don-vi");
  await expect(page.getByRole("region", { name: "Khen thưởng của đơn vị" })).toContainText("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ");
  withDb((db) => expect(db.prepare("SELECT a.level, d.issuing_body AS body FROM awards a JOIN award_decisions d ON d.id = a.decision_id WHERE a.movement_id = ? AND a.name = 'Phòng Kinh tế'").get(mv)).toEqual({ level: "tỉnh", body: "Ủy ban nhân dân thành phố Cần Thơ" }));
  await shots(page, "don-vi-khen-thuong");
});
