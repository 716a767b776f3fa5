import { chooseOption, expect, login, PARTICIPANTS, quiz, startQuiz, test, withDb } from "./helpers";

/** Keys that would give away the answers while an attempt is open. */
const FORBIDDEN_KEYS = ["answerIndex", "answer_index", "correct", "explanation", "legalBasis", "legal_basis"];
/**
 * A forbidden key as a quoted string, in any of the forms the page receives: JSON (`"correct":`), Remix's
 * single-fetch turbo-stream (`"correct"` in its flat array) and the same stream escaped inside the HTML (`\\"correct\\"`).
 */
const FORBIDDEN_KEY_IN_TEXT = new RegExp(`\\\\?"(?:${FORBIDDEN_KEYS.join("|")})\\\\?"`);
/** Bodies that carry data (pages, JSON, turbo-stream), as opposed to scripts and styles. */
const DATA_TYPES = /html|json|x-script|turbo/;

/** Every key path in a JSON value whose key is forbidden. */
function forbiddenKeyPaths(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenKeyPaths(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(FORBIDDEN_KEYS.includes(k) ? [`${path}.${k}`] : []),
      ...forbiddenKeyPaths(v, `${path}.${k}`),
    ]);
  }
  return [];
}

test("while an attempt is open, no response the page receives and nothing in its HTML carries the answer key", async ({ page }) => {
  const bodies: { url: string; type: string; text: string }[] = [];
  page.on("response", async (response) => {
    if (response.status() >= 300 && response.status() < 400) return;
    try {
      bodies.push({ url: response.url(), type: response.headers()["content-type"] ?? "", text: await response.text() });
    } catch {
      // A body the browser dropped (navigation away): nothing to read.
    }
  });

  await login(page, PARTICIPANTS.chau);
  const attemptId = await startQuiz(page, 1);
  const q = quiz(page);
  await chooseOption(page, 0);
  await expect(q.saveState).toHaveText("Đã lưu");
  await q.next.click();
  await chooseOption(page, 2);
  await expect(q.saveState).toHaveText("Đã lưu");
  await q.prediction.fill("3");
  await q.prediction.blur();
  await expect(q.saveState).toHaveText("Đã lưu");
  await page.reload();
  await expect(q.heading).toHaveText("Câu 1/20");
  await q.paletteButton(20).click();
  await expect(q.heading).toHaveText("Câu 20/20");
  // The API's view of the attempt, as the page could ask for it.
  await page.evaluate((id) => fetch(`/api/attempts/${id}`).then((r) => r.text()), attemptId);
  await page.waitForLoadState("networkidle");

  const seen = bodies.filter((b) => DATA_TYPES.test(b.type));
  expect(seen.some((b) => b.url.includes(`/bai-thi/${attemptId}`))).toBe(true);
  expect(seen.some((b) => b.url.endsWith(`/api/attempts/${attemptId}`))).toBe(true);
  expect(seen.some((b) => b.url.endsWith(`/api/attempts/${attemptId}/answers`))).toBe(true);
  for (const body of seen) {
    expect(body.text, `response ${body.url}`).not.toMatch(FORBIDDEN_KEY_IN_TEXT);
    if (body.type.includes("json")) expect(forbiddenKeyPaths(JSON.parse(body.text)), `response ${body.url}`).toEqual([]);
  }

  // The quiz page's HTML, read apart from the browser, and the page data the browser decoded from it.
  const html = await (await page.request.get(`/bai-thi/${attemptId}`)).text();
  expect(html).toContain("window.__remixContext");
  expect(html).not.toContain("answerIndex");
  expect(html).not.toMatch(FORBIDDEN_KEY_IN_TEXT);
  const loaderData = (await page.evaluate(() => (window as any).__remixRouter.state.loaderData)) as Record<string, unknown>;
  expect(forbiddenKeyPaths(loaderData)).toEqual([]);
  const view = loaderData["routes/bai-thi.$attemptId"] as {
    id: number;
    questions: { position: number; stem: string; options: string[] }[];
  };
  expect(view.id).toBe(attemptId);

  // The drawn items do have a key in the database; the page has the questions and options, and nothing more.
  const items = withDb((db) =>
    db
      .prepare(
        `SELECT ai.position, ai.option_order AS optionOrder, qv.stem, qv.options, qv.answer_index AS answerIndex,
                qv.explanation
         FROM attempt_items ai JOIN question_versions qv ON qv.id = ai.question_version_id
         WHERE ai.attempt_id = ? ORDER BY ai.position`,
      )
      .all(attemptId),
  ) as { position: number; optionOrder: string; stem: string; options: string; answerIndex: number; explanation: string }[];
  expect(items).toHaveLength(20);
  expect(view.questions).toHaveLength(20);
  for (const [i, item] of items.entries()) {
    const options = JSON.parse(item.options) as string[];
    const order = JSON.parse(item.optionOrder) as number[];
    expect(item.answerIndex).toBeGreaterThanOrEqual(0);
    expect(item.answerIndex).toBeLessThan(options.length);
    const shown = view.questions[i];
    expect(Object.keys(shown).sort()).toEqual(["options", "position", "stem"]);
    expect(shown).toEqual({ position: item.position, stem: item.stem, options: order.map((o) => options[o]) });
    const explanation = item.explanation.trim();
    const showable = [item.stem, ...options].some((t) => t.includes(explanation));
    if (explanation && !showable) expect(html, `explanation of position ${item.position}`).not.toContain(explanation);
  }
});
