import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isRealDate } from "../text";

/** The human-editable question file of content/questions (documented in content/questions/README.md). */
const letter = z.enum(["A", "B", "C", "D", "E", "F"]);

const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "id chỉ gồm chữ thường, số và dấu gạch ngang"),
    stem: z.string().trim().min(5, "nội dung câu hỏi quá ngắn"),
    options: z.array(z.string().trim().min(1, "phương án trống")).min(2, "cần ít nhất 2 phương án").max(6, "tối đa 6 phương án"),
    answer: letter,
    pin_options: z.boolean().default(false),
    explanation: z.string().trim().default(""),
    legal_basis: z.string().trim().min(3, "thiếu căn cứ pháp lý"),
    as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "ngày có hiệu lực phải có dạng YYYY-MM-DD").refine(isRealDate, "ngày có hiệu lực không có thật"),
    difficulty: z.enum(["de", "trung_binh", "kho"], { errorMap: () => ({ message: "độ khó là de, trung_binh hoặc kho" }) }),
  })
  .refine((q) => letter.options.indexOf(q.answer) < q.options.length, {
    message: "đáp án chỉ tới một phương án không có",
    path: ["answer"],
  });

const fileSchema = z.object({
  category: z.string().trim().min(2),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  questions: z.array(questionSchema).min(1),
});

export type QuestionFile = z.infer<typeof fileSchema>;
export type QuestionEntry = QuestionFile["questions"][number];

export function answerIndex(q: Pick<QuestionEntry, "answer">): number {
  return letter.options.indexOf(q.answer);
}

export function parseQuestionFile(text: string, name = "file"):
  | { ok: true; file: QuestionFile }
  | { ok: false; errors: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    return { ok: false, errors: [`${name}: YAML không hợp lệ: ${(err as Error).message}`] };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${name}: ${i.path.join(".")}: ${i.message}`) };
  }
  const file = parsed.data;
  file.category = file.category.normalize("NFC");
  for (const q of file.questions) {
    q.stem = q.stem.normalize("NFC");
    q.options = q.options.map((o) => o.normalize("NFC"));
    q.explanation = q.explanation.normalize("NFC");
    q.legal_basis = q.legal_basis.normalize("NFC");
  }
  return { ok: true, file };
}
