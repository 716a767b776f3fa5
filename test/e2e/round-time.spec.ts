import { expect, expectNoAxeViolations, login, PARTICIPANTS, test, withDb } from "./helpers";

const minute = 60_000;

/** A published quiz round of the demo contest, added straight to the database. */
function insertRound(title: string, opensAt: number, closesAt: number, timeLimitS: number, attemptsAllowed: number): number {
  return withDb((db) => {
    const info = db
      .prepare(
        `INSERT INTO rounds (contest_id, part, kind, title, opens_at, closes_at, status, question_count, time_limit_s,
           attempts_allowed, shuffle_questions, shuffle_options, review_policy, draw_rules, prediction_prompt,
           prize_table, created_at)
         VALUES (1, 1, 'quiz', ?, ?, ?, 'published', 5, ?, ?, 1, 1, 'after_close', '[]', NULL, '[]', ?)`,
      )
      .run(title, opensAt, closesAt, timeLimitS, attemptsAllowed, Date.now());
    return Number(info.lastInsertRowid);
  });
}

test("starting late: before “Bắt đầu làm bài” the round page says the close leaves only about 4 of the 11 minutes", async ({ page }) => {
  const now = Date.now();
  const closesAt = now + 4 * minute + 50_000;
  const roundId = insertRound(`Vòng đóng sớm ${now}`, now - 60 * minute, closesAt, 11 * 60, 1);
  await login(page, PARTICIPANTS.chau);
  await page.goto(`/vong-thi/${roundId}`);
  const closeTime = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(closesAt);
  const note = page.getByRole("note").filter({ hasText: "Vòng thi đóng lúc" });
  await expect(note).toContainText(`Vòng thi đóng lúc ${closeTime}, bạn chỉ còn khoảng 4 phút để làm bài (không phải 11 phút)`);
  // The warning comes before the button, where the person reads it first.
  const noteBox = (await note.boundingBox())!;
  const buttonBox = (await page.getByRole("button", { name: "Bắt đầu làm bài" }).boundingBox())!;
  expect(noteBox.y).toBeLessThan(buttonBox.y);
  await expectNoAxeViolations(page);
});

test("a round with time to spare says nothing about the close", async ({ page }) => {
  const now = Date.now();
  const roundId = insertRound(`Vòng còn lâu ${now}`, now - 60 * minute, now + 120 * minute, 11 * 60, 1);
  await login(page, PARTICIPANTS.chau);
  await page.goto(`/vong-thi/${roundId}`);
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "Vòng thi đóng lúc" })).toHaveCount(0);
});

test("a closed round shows the attempts taken, not the attempts left, on its page and on the home page", async ({ page }) => {
  const now = Date.now();
  const title = `Vòng đã đóng ${now}`;
  const roundId = insertRound(title, now - 120 * minute, now - 60 * minute, 600, 2);
  withDb((db) => {
    const user = db.prepare("SELECT id FROM users WHERE phone = ?").get(PARTICIPANTS.chau) as { id: number };
    db.prepare(
      `INSERT INTO attempts (round_id, user_id, attempt_no, started_at, deadline_at, question_count, submitted_at, end_reason)
       VALUES (?, ?, 1, ?, ?, 5, ?, 'submitted')`,
    ).run(roundId, user.id, now - 110 * minute, now - 100 * minute, now - 105 * minute);
  });
  await login(page, PARTICIPANTS.chau);
  await page.goto(`/vong-thi/${roundId}`);
  await expect(page.getByText("Phần thi này hiện không mở.")).toBeVisible();
  await expect(page.getByText("Lượt thi còn lại")).toHaveCount(0);
  await expect(page.locator("dl.facts").first()).toContainText("Số lượt đã thi1");
  await expectNoAxeViolations(page);

  await page.goto("/");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(card).toContainText("Đã kết thúc");
  await expect(card).toContainText("Số lượt đã thi1 lượt");
  await expect(card).not.toContainText("Còn 1/2 lượt");
  await expectNoAxeViolations(page);
});
