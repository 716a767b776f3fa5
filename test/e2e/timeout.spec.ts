import { chooseOption, clockSeconds, expect, login, PARTICIPANTS, quiz, startQuiz, test, withDb } from "./helpers";

/** A published quiz round of 5 questions and 15 seconds in the demo contest, added straight to the database. */
function insertShortRound(): number {
  const now = Date.now();
  const hour = 3_600_000;
  return withDb((db) => {
    const info = db
      .prepare(
        `INSERT INTO rounds (contest_id, part, kind, title, opens_at, closes_at, status, question_count, time_limit_s,
           attempts_allowed, shuffle_questions, shuffle_options, review_policy, draw_rules, prediction_prompt,
           prize_table, created_at)
         VALUES (1, 1, 'quiz', ?, ?, ?, 'published', 5, 15, 1, 1, 1, 'after_close', '[]', NULL, '[]', ?)`,
      )
      .run(`Vòng thử 15 giây ${now}`, now - hour, now + hour, now);
    return Number(info.lastInsertRowid);
  });
}

test("when the time runs out the browser submits by itself and the result says it was a time-out", async ({ page }) => {
  const roundId = insertShortRound();
  await login(page, PARTICIPANTS.binh);
  const attemptId = await startQuiz(page, roundId);
  const q = quiz(page);
  await expect(q.heading).toHaveText("Câu 1/5");
  await expect(page.getByRole("heading", { name: "Câu hỏi dự đoán" })).toHaveCount(0);

  const submitted = page.waitForRequest(
    (r) => r.url().endsWith(`/api/attempts/${attemptId}/submit`) && r.method() === "POST",
    { timeout: 30_000 },
  );

  await chooseOption(page, 0);
  await expect(q.saveState).toHaveText("Đã lưu");
  await q.next.click();
  await expect(q.heading).toHaveText("Câu 2/5");
  await chooseOption(page, 1);
  await expect(q.saveState).toHaveText("Đã lưu");

  // Nobody presses "Nộp bài": the clock runs down to zero, and the page itself sends the submission.
  await expect
    .poll(async () => (page.url().includes("/bai-thi/") ? clockSeconds(await q.timer.innerText()) : 0), {
      timeout: 20_000,
      intervals: [250],
    })
    .toBeLessThanOrEqual(2);
  await submitted;
  const { deadlineAt } = withDb((db) =>
    db.prepare("SELECT deadline_at AS deadlineAt FROM attempts WHERE id = ?").get(attemptId),
  ) as { deadlineAt: number };
  expect(Date.now()).toBeGreaterThanOrEqual(deadlineAt - 1_000);

  await page.waitForURL(new RegExp(`/ket-qua/${attemptId}$`));
  await expect(page.getByTestId("score")).toHaveText(/^[0-2]\/5 câu đúng$/, { timeout: 30_000 });
  await expect(page.getByText(/^Hết giờ/)).toBeVisible();

  const row = withDb((db) =>
    db
      .prepare(
        `SELECT end_reason AS endReason, (SELECT count(*) FROM answers WHERE attempt_id = a.id) AS answered
         FROM attempts a WHERE a.id = ?`,
      )
      .get(attemptId),
  ) as { endReason: string; answered: number };
  expect(row).toEqual({ endReason: "timeout", answered: 2 });
});
