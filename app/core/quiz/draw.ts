import { type Rng, shuffled } from "../random";

export type Difficulty = "de" | "trung_binh" | "kho";

export type BankItem = {
  versionId: number;
  categoryId: number;
  difficulty: Difficulty;
  optionCount: number;
  pinOptions: boolean;
};

export type DrawRule = { categoryId: number | null; difficulty: Difficulty | null; count: number };

export type DrawSettings = {
  questionCount: number;
  drawRules: DrawRule[];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
};

export type DrawnItem = { versionId: number; optionOrder: number[] };

export type DrawResult =
  | { ok: true; items: DrawnItem[] }
  | { ok: false; rule: DrawRule | null; needed: number; available: number };

function matches(rule: DrawRule, item: BankItem): boolean {
  return (
    (rule.categoryId === null || rule.categoryId === item.categoryId) &&
    (rule.difficulty === null || rule.difficulty === item.difficulty)
  );
}

/**
 * Draws the questions of one attempt: each rule takes its count from the matching questions not yet
 * taken, in rule order; what the rules leave of questionCount comes from the rest of the bank.
 */
export function drawQuestions(bank: readonly BankItem[], settings: DrawSettings, rng: Rng): DrawResult {
  const taken = new Set<number>();
  const picked: BankItem[] = [];
  const take = (pool: BankItem[], count: number, rule: DrawRule | null): DrawResult | null => {
    if (pool.length < count) return { ok: false, rule, needed: count, available: pool.length };
    const chosen = shuffled(pool, rng).slice(0, count);
    // Without question shuffling, each rule's share keeps the bank's order.
    if (!settings.shuffleQuestions) chosen.sort((a, b) => pool.indexOf(a) - pool.indexOf(b));
    for (const item of chosen) {
      taken.add(item.versionId);
      picked.push(item);
    }
    return null;
  };

  for (const rule of settings.drawRules) {
    const failure = take(
      bank.filter((item) => !taken.has(item.versionId) && matches(rule, item)),
      rule.count,
      rule,
    );
    if (failure) return failure;
  }
  const rest = settings.questionCount - picked.length;
  if (rest > 0) {
    const failure = take(
      bank.filter((item) => !taken.has(item.versionId)),
      rest,
      null,
    );
    if (failure) return failure;
  }

  const ordered = settings.shuffleQuestions ? shuffled(picked, rng) : picked;
  return {
    ok: true,
    items: ordered.map((item) => ({
      versionId: item.versionId,
      optionOrder: optionOrder(item, settings.shuffleOptions, rng),
    })),
  };
}

/** optionOrder[shown] = original index. A pinned question ("Cả A, B và C đều đúng") keeps its order. */
export function optionOrder(item: Pick<BankItem, "optionCount" | "pinOptions">, shuffle: boolean, rng: Rng): number[] {
  const identity = Array.from({ length: item.optionCount }, (_, i) => i);
  return shuffle && !item.pinOptions ? shuffled(identity, rng) : identity;
}

/** How many bank questions each rule can draw from, to refuse settings the bank cannot satisfy. */
export function checkDrawRules(bank: readonly BankItem[], settings: DrawSettings): DrawResult {
  const ruleTotal = settings.drawRules.reduce((sum, rule) => sum + rule.count, 0);
  if (ruleTotal > settings.questionCount) {
    return { ok: false, rule: null, needed: ruleTotal, available: settings.questionCount };
  }
  return drawQuestions(bank, { ...settings, shuffleQuestions: false, shuffleOptions: false }, () => 0);
}
