import { chooseOption, expect, expectNoAxeViolations, login, PARTICIPANTS, quiz, startQuiz, test, withDb } from "./helpers";

/** A published 3-question round of the demo contest that publishes places live, with one first prize. */
function insertLiveRound(title: string): number {
  const now = Date.now();
  const hour = 3_600_000;
  return withDb((db) => {
    const info = db
      .prepare(
        `INSERT INTO rounds (contest_id, part, kind, title, opens_at, closes_at, status, question_count, time_limit_s,
           attempts_allowed, shuffle_questions, shuffle_options, review_policy, draw_rules, prediction_prompt,
           prize_table, rank_publication, created_at)
         VALUES (1, 1, 'quiz', ?, ?, ?, 'published', 3, 600, 1, 1, 1, 'after_close', '[]', NULL,
           '[{"name":"Giải Nhất","count":1}]', 'live', ?)`,
      )
      .run(title, now - hour, now + hour, now);
    return Number(info.lastInsertRowid);
  });
}

test("a participant sees their place and prize after submitting, and the public results page lists the winner with a masked phone", async ({ page, browser }) => {
  const title = `Vòng công bố trực tiếp ${Date.now()}`;
  const roundId = insertLiveRound(title);
  await login(page, PARTICIPANTS.an);
  await startQuiz(page, roundId);
  const q = quiz(page);
  await chooseOption(page, 1);
  await expect(q.saveState).toHaveText("Đã lưu");
  await q.submit.click();
  await q.dialog.getByRole("button", { name: "Nộp bài" }).click();
  await page.waitForURL(/\/ket-qua\/\d+$/);
  await expect(page.getByTestId("score")).toBeVisible({ timeout: 30_000 });
  const facts = page.locator(".place dl.facts");
  await expect(facts).toContainText("Thứ hạng của bạnHạng 1 trong 1 người");
  await expect(facts).toContainText("Giải thưởngGiải Nhất");
  await expect(page.getByText("Thứ hạng tạm thời")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/vong-thi/${roundId}`);
  await expect(page.locator(".place")).toContainText("Hạng 1");

  // A visitor, not signed in, on the public results page.
  const visitor = await browser.newContext();
  try {
    const pub = await visitor.newPage();
    await pub.goto("/ket-qua-cuoc-thi/1");
    const section = pub.getByRole("region", { name: title }).or(pub.locator("section", { has: pub.getByRole("heading", { name: title }) }));
    const table = pub.getByRole("region", { name: `Danh sách đạt giải: ${title}` });
    await expect(table).toContainText("Giải Nhất");
    await expect(table).toContainText("Phạm Văn An");
    await expect(table).toContainText("0900***010");
    await expect(table).not.toContainText(PARTICIPANTS.an);
    await expect(section.first()).toContainText("kết quả tạm thời");
    // The demo's Part 1 publishes after its close, which has not come: it waits, with no names.
    await expect(pub.getByRole("heading", { name: "Chưa công bố" })).toBeVisible();
    await expectNoAxeViolations(pub);
  } finally {
    await visitor.close();
  }
});
