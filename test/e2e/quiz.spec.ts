import { type BrowserContext, type Page } from "@playwright/test";
import { chooseOption, clockSeconds, expect, login, PARTICIPANTS, quiz, startQuiz, test, withDb } from "./helpers";

/**
 * One attempt of the demo quiz round (id 1: 20 questions, 15 minutes) taken by Phạm Văn An, in order:
 * answer and reload, then lose the network, come back, and submit.
 */

const ROUND_ID = 1;

test.describe.serial("Làm bài trắc nghiệm", () => {
  // The offline test cuts the network on purpose: Chromium logs each request it could not send.
  test.use({ allowedConsoleErrors: [/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/] });
  let context: BrowserContext;
  let page: Page;
  let attemptId: number;
  /** The shown option index chosen at each palette number (1-based). */
  const chosen = new Map<number, number>();

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    page = await context.newPage();
  });

  test.afterAll(async () => {
    await context.close();
  });

  async function answer(n: number, option: number): Promise<void> {
    const q = quiz(page);
    await q.paletteButton(n).click();
    await expect(page.getByRole("heading", { name: new RegExp(`^Câu ${n}/`) })).toBeVisible();
    chosen.set(n, await chooseOption(page, option));
  }

  test("answers are saved one by one, and a reload keeps them and the server's deadline", async () => {
    await login(page, PARTICIPANTS.an);
    attemptId = await startQuiz(page, ROUND_ID);
    const q = quiz(page);
    await expect(q.heading).toHaveText("Câu 1/20");
    await expect(q.timer).toHaveText(/^1[45]:\d{2}$/);

    for (const [n, option] of [
      [1, 1],
      [2, 0],
      [3, 2],
    ] as const) {
      const saved = page.waitForResponse(
        (r) => r.url().endsWith(`/api/attempts/${attemptId}/answers`) && r.request().method() === "PUT",
      );
      if (n > 1) {
        await q.next.click();
        await expect(q.heading).toHaveText(`Câu ${n}/20`);
      }
      chosen.set(n, await chooseOption(page, option));
      expect((await saved).status()).toBe(200);
      await expect(q.saveState).toHaveText("Đã lưu");
    }
    await expect(page.getByRole("heading", { name: "Đã trả lời 3/20 câu" })).toBeVisible();

    const before = clockSeconds(await q.timer.innerText());
    await page.reload();
    await expect(q.heading).toHaveText("Câu 1/20");
    const after = clockSeconds(await q.timer.innerText());
    expect(after).toBeLessThanOrEqual(before);
    expect(after).toBeGreaterThan(0);

    // The deadline is the server's: the clock shows what is left of it, to the second.
    const { deadlineAt } = withDb((db) => db.prepare("SELECT deadline_at AS deadlineAt FROM attempts WHERE id = ?").get(attemptId)) as {
      deadlineAt: number;
    };
    const left = Math.ceil((deadlineAt - Date.now()) / 1000);
    expect(Math.abs(clockSeconds(await q.timer.innerText()) - left)).toBeLessThanOrEqual(2);

    // And it keeps running.
    await expect.poll(async () => clockSeconds(await q.timer.innerText()), { timeout: 5_000 }).toBeLessThan(after);

    for (const [n, option] of chosen) {
      await q.paletteButton(n).click();
      await expect(q.heading).toHaveText(`Câu ${n}/20`);
      await expect(q.options.nth(option)).toBeChecked();
      await expect(page.getByRole("radio", { checked: true })).toHaveCount(1);
      await expect(q.paletteButton(n)).toHaveAccessibleName(`Câu ${n}, đã trả lời`);
    }
    await expect(q.paletteButton(4)).toHaveAccessibleName("Câu 4, chưa trả lời");
    await expect(q.saveState).toHaveText("Đã lưu");
  });

  test("answers given offline wait in the browser, reach the server when the network is back, and the submission is scored", async () => {
    const q = quiz(page);
    await context.setOffline(true);
    await answer(4, 3);
    await expect(q.saveState).toHaveText(/^Mất kết nối – /);
    await answer(5, 1);
    await expect(q.saveState).toHaveText(/^Mất kết nối – /);
    await expect(q.paletteButton(4)).toHaveAccessibleName("Câu 4, đã trả lời");
    await expect(q.paletteButton(5)).toHaveAccessibleName("Câu 5, đã trả lời");
    await expect(page.getByRole("heading", { name: "Đã trả lời 5/20 câu" })).toBeVisible();

    // Nothing of the two reached the server yet.
    const offlineView = await (await page.request.get(`/api/attempts/${attemptId}`)).json();
    expect(Object.keys(offlineView.answers)).toHaveLength(3);

    await context.setOffline(false);
    await expect(q.saveState).toHaveText("Đã lưu", { timeout: 15_000 });

    const res = await page.request.get(`/api/attempts/${attemptId}`);
    expect(res.status()).toBe(200);
    const view = (await res.json()) as { questions: { position: number }[]; answers: Record<string, number> };
    const serverAnswers = Object.fromEntries(
      [...chosen].map(([n, option]) => [String(view.questions[n - 1].position), option]),
    );
    expect(view.answers).toEqual(serverAnswers);

    // The prediction is saved when the field loses focus.
    const predictionSaved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/attempts/${attemptId}/prediction`) && r.request().method() === "PUT",
    );
    await q.prediction.fill("12");
    await q.prediction.blur();
    expect((await predictionSaved).status()).toBe(200);

    await q.submit.click();
    await expect(q.dialog).toBeVisible();
    await expect(q.dialog).toContainText("Bạn còn 15 câu chưa trả lời.");
    await q.dialog.getByRole("button", { name: "Nộp bài" }).click();

    await page.waitForURL(new RegExp(`/ket-qua/${attemptId}$`));
    const score = page.getByTestId("score");
    await expect(score).toHaveText(/^\d+\/20 câu đúng$/, { timeout: 30_000 });
    await expect(page.getByText("Bạn đã nộp bài.")).toBeVisible();

    // The score is the one the key gives for the five saved answers.
    const expected = withDb((db) => {
      const rows = db
        .prepare(
          `SELECT a.choice, ai.option_order AS optionOrder, qv.answer_index AS answerIndex
           FROM answers a
           JOIN attempt_items ai ON ai.attempt_id = a.attempt_id AND ai.position = a.position
           JOIN question_versions qv ON qv.id = ai.question_version_id
           WHERE a.attempt_id = ?`,
        )
        .all(attemptId) as { choice: number; optionOrder: string; answerIndex: number }[];
      expect(rows).toHaveLength(5);
      return rows.filter((r) => (JSON.parse(r.optionOrder) as number[])[r.choice] === r.answerIndex).length;
    });
    await expect(score).toHaveText(`${expected}/20 câu đúng`);
    await expect(page.getByRole("definition").filter({ hasText: /^12$/ })).toBeVisible();
  });
});
