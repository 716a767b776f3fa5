import { type ImportedQuestion, type ImportParse, question, TRUE_FALSE_OPTIONS } from "./types";

/**
 * Moodle GIFT (docs.moodle.org/en/GIFT_format). We run single-answer multiple choice: true/false becomes a
 * two-option question; multiple response is imported as a draft to review; essay, matching, numerical and
 * short answer are listed as skipped with their line.
 */

const ESCAPABLE = /\\([~=#{}:\\n])/g;

function unescape(text: string): string {
  return text.replace(ESCAPABLE, (_, c: string) => (c === "n" ? "\n" : c)).trim();
}

/** Index of the first unescaped `ch` at or after `from`. */
function findUnescaped(text: string, ch: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
      continue;
    }
    if (text[i] === ch) return i;
  }
  return -1;
}

/** Splits at unescaped separators, keeping the separator as each part's first character. */
function splitAnswers(body: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      current += c + (body[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "~" || c === "=") {
      if (current.trim()) parts.push(current);
      current = c;
      continue;
    }
    current += c;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

function stripFormat(text: string): string {
  return text.replace(/^\s*\[(html|moodle|plain|markdown)\]/, "");
}

function stripFeedback(text: string): string {
  const hash = findUnescaped(text, "#");
  return hash === -1 ? text : text.slice(0, hash);
}

type Block = { line: number; text: string };

/** Questions are separated by blank lines; `//` comment lines are dropped; `$CATEGORY:` stands alone. */
function blocks(source: string): (Block | { line: number; category: string })[] {
  const out: (Block | { line: number; category: string })[] = [];
  let current: Block | null = null;
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith("//")) return;
    if (line === "") {
      if (current) out.push(current);
      current = null;
      return;
    }
    if (line.startsWith("$CATEGORY:")) {
      if (current) out.push(current);
      current = null;
      out.push({ line: i + 1, category: line.slice("$CATEGORY:".length).trim() });
      return;
    }
    if (current) current.text += `\n${raw}`;
    else current = { line: i + 1, text: raw };
  });
  if (current) out.push(current);
  return out;
}

function categoryName(path: string): string {
  const parts = path.split("/").filter((p) => p && !/^\$\w+\$$/.test(p));
  return (parts.length ? parts.join(" / ") : path).trim();
}

export function parseGift(source: string): ImportParse {
  const result: ImportParse = { questions: [], errors: [], skipped: [] };
  let category: string | null = null;
  for (const block of blocks(source)) {
    if ("category" in block) {
      category = categoryName(block.category);
      continue;
    }
    const parsed = parseBlock(block, category);
    if ("question" in parsed) result.questions.push(parsed.question);
    else if ("skip" in parsed) result.skipped.push({ line: block.line, reason: parsed.skip });
    else result.errors.push({ line: block.line, column: parsed.column, message: parsed.error });
  }
  return result;
}

function parseBlock(
  block: Block,
  category: string | null
): { question: ImportedQuestion } | { skip: string } | { error: string; column: string } {
  let text = block.text.trim();
  if (text.startsWith("::")) {
    const end = text.indexOf("::", 2);
    if (end === -1) return { error: "Tên câu hỏi mở bằng :: nhưng không đóng", column: "tên" };
    text = text.slice(end + 2);
  }
  const open = findUnescaped(text, "{");
  if (open === -1) return { error: "Không tìm thấy phần đáp án trong dấu { }", column: "đáp án" };
  const close = findUnescaped(text, "}", open + 1);
  if (close === -1) return { error: "Phần đáp án mở bằng { nhưng không đóng bằng }", column: "đáp án" };
  const after = text
    .slice(close + 1)
    .trim()
    .replace(/^";?$/, "");
  const stem = unescape(stripFormat(`${text.slice(0, open)} ${after ? `_____ ${after}` : ""}`).replace(/\s+$/, ""));
  const body = text.slice(open + 1, close).trim();
  if (!stem) return { error: "Câu hỏi không có nội dung", column: "câu hỏi" };

  if (body === "") return { skip: "Câu tự luận (essay): nền tảng chỉ chấm câu trắc nghiệm" };
  if (body.startsWith("#")) return { skip: "Câu trả lời bằng số (numerical): nền tảng chỉ chấm câu trắc nghiệm" };
  const tf = /^(T|TRUE|F|FALSE)\s*(#.*)?$/s.exec(body);
  if (tf) {
    const isTrue = tf[1].startsWith("T");
    return {
      question: question({
        line: block.line,
        category,
        stem,
        options: TRUE_FALSE_OPTIONS,
        answerIndex: isTrue ? 0 : 1,
        pinOptions: true,
      }),
    };
  }
  const answers = splitAnswers(body).map((a) => a.trim());
  if (answers.some((a) => a.startsWith("=") && findUnescaped(a, "-") !== -1 && /[^\\]->/.test(a))) {
    return { skip: "Câu ghép cặp (matching): nền tảng chỉ chấm câu trắc nghiệm" };
  }
  if (!answers.some((a) => a.startsWith("~"))) {
    return { skip: "Câu trả lời ngắn (short answer): nền tảng chỉ chấm câu trắc nghiệm" };
  }
  const options: string[] = [];
  const weights: number[] = [];
  for (const a of answers) {
    let rest = a.slice(1);
    let weight = a.startsWith("=") ? 100 : 0;
    const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(rest);
    if (w) {
      weight = Number(w[1]);
      rest = rest.slice(w[0].length);
    }
    options.push(unescape(stripFormat(stripFeedback(rest))));
    weights.push(weight);
  }
  if (options.length < 2) return { error: "Câu trắc nghiệm cần ít nhất 2 phương án", column: "đáp án" };
  if (options.length > 6) return { error: "Câu trắc nghiệm có tối đa 6 phương án", column: "đáp án" };
  if (options.some((o) => o === "")) return { error: "Có phương án để trống", column: "đáp án" };
  const full = weights.filter((w) => w >= 100).length;
  if (full === 1) {
    return { question: question({ line: block.line, category, stem, options, answerIndex: weights.indexOf(100) }) };
  }
  const positive = weights.map((w, i) => [w, i] as const).filter(([w]) => w > 0);
  if (full === 0 && positive.length > 1) {
    // Several partly right options: we score one key, so the question waits as a draft for its keeper.
    return {
      question: question({
        line: block.line,
        category,
        stem,
        options,
        answerIndex: positive[0][1],
        draft: true,
        warnings: ["Câu nhiều đáp án đúng: đã lưu ở trạng thái nháp, cần chọn lại một đáp án đúng"],
      }),
    };
  }
  return { error: "Câu trắc nghiệm phải có đúng một đáp án đúng (dấu =)", column: "đáp án" };
}

function escape(text: string): string {
  return text.replace(/([~=#{}:\\])/g, "\\$1").replace(/\r?\n/g, "\\n");
}

export type GiftExportQuestion = {
  title: string;
  category: string;
  stem: string;
  options: string[];
  answerIndex: number;
  explanation: string;
};

/** GIFT text for questions, grouped under `$CATEGORY:` lines; what parseGift reads back. */
export function toGift(questions: readonly GiftExportQuestion[]): string {
  const out: string[] = [];
  let category: string | null = null;
  for (const q of questions) {
    if (q.category !== category) {
      category = q.category;
      out.push(`$CATEGORY: $course$/${category.replace(/\//g, "-")}`, "");
    }
    const answers = q.options.map((o, i) => `\t${i === q.answerIndex ? "=" : "~"}${escape(o)}`);
    const general = q.explanation ? `\t####${escape(q.explanation)}` : null;
    out.push(`::${escape(q.title)}::${escape(q.stem)}{`, ...answers, ...(general ? [general] : []), "}", "");
  }
  return out.join("\n");
}
