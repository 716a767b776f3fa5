import { type ImportParse, question } from "./types";

/**
 * Moodle Aiken: a one-line stem, options "A) ..." or "A. ...", then "ANSWER: X". Errors name their line,
 * as Moodle's importer does ("Question must have at least 2 answers on line 3").
 */
const OPTION = /^([A-Z])[).][ \t]*(.*)$/;
const ANSWER = /^ANSWER:\s*(.*)$/;

export function parseAiken(source: string): ImportParse {
  const result: ImportParse = { questions: [], errors: [], skipped: [] };
  let current: { line: number; stem: string; options: string[]; letters: string[] } | null = null;
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === "") return;
    const answer = ANSWER.exec(line);
    if (answer) {
      if (!current) {
        result.errors.push({ line: lineNo, column: "ANSWER", message: `Dòng ANSWER không thuộc câu hỏi nào (dòng ${lineNo})` });
        return;
      }
      const q = current;
      current = null;
      if (q.options.length < 2) {
        result.errors.push({
          line: lineNo,
          column: "phương án",
          message: `Câu hỏi phải có ít nhất 2 phương án (dòng ${lineNo})`,
        });
        return;
      }
      if (q.options.length > 6) {
        result.errors.push({ line: lineNo, column: "phương án", message: `Câu hỏi có tối đa 6 phương án (dòng ${lineNo})` });
        return;
      }
      const index = q.letters.indexOf(answer[1].trim());
      if (answer[1].trim().length !== 1 || index === -1) {
        result.errors.push({
          line: lineNo,
          column: "ANSWER",
          message: `Đáp án "${answer[1].trim()}" không phải chữ cái của một phương án (dòng ${lineNo})`,
        });
        return;
      }
      result.questions.push(question({ line: q.line, stem: q.stem, options: q.options, answerIndex: index }));
      return;
    }
    const option = OPTION.exec(line);
    if (option && current) {
      current.letters.push(option[1]);
      current.options.push(option[2].trim());
      return;
    }
    if (option && !current) {
      result.errors.push({ line: lineNo, column: "phương án", message: `Phương án đứng trước khi có câu hỏi (dòng ${lineNo})` });
      return;
    }
    if (current) {
      if (current.options.length === 0) {
        // A stem may wrap over several lines before its first option.
        current.stem += ` ${line}`;
        return;
      }
      result.errors.push({
        line: lineNo,
        column: "ANSWER",
        message: `Câu hỏi ở dòng ${current.line} chưa có dòng ANSWER trước khi câu hỏi tiếp theo bắt đầu (dòng ${lineNo})`,
      });
    }
    current = { line: lineNo, stem: line, options: [], letters: [] };
  });
  if (current) {
    const q = current as { line: number };
    result.errors.push({ line: q.line, column: "ANSWER", message: `Câu hỏi ở dòng ${q.line} thiếu dòng ANSWER ở cuối tệp` });
  }
  return result;
}
