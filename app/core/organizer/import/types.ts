import type { Difficulty } from "../../quiz/draw";

/** A question read from an import file, before anything is written. `line` is the row (tables) or line (text formats). */
export type ImportedQuestion = {
  line: number;
  externalId: string | null;
  category: string | null;
  stem: string;
  options: string[];
  answerIndex: number;
  difficulty: Difficulty;
  legalBasis: string;
  asOf: string | null;
  explanation: string;
  pinOptions: boolean;
  /** Imported as a draft (out of draws) until the bank's keeper has looked at it. */
  draft: boolean;
  warnings: string[];
};

export type ImportError = { line: number; column: string; message: string };
export type ImportSkip = { line: number; reason: string };
export type ImportParse = { questions: ImportedQuestion[]; errors: ImportError[]; skipped: ImportSkip[] };

export type ImportFormat = "xlsx" | "csv" | "gift" | "aiken";

export const TRUE_FALSE_OPTIONS = ["Đúng", "Sai"];

export function question(
  partial: Pick<ImportedQuestion, "line" | "stem" | "options" | "answerIndex"> & Partial<ImportedQuestion>
): ImportedQuestion {
  return {
    externalId: null,
    category: null,
    difficulty: "trung_binh",
    legalBasis: "",
    asOf: null,
    explanation: "",
    pinOptions: false,
    draft: false,
    warnings: [],
    ...partial,
    stem: partial.stem.normalize("NFC"),
    options: partial.options.map((o) => o.normalize("NFC")),
  };
}

/** The format a file name suggests; .txt is GIFT when it has braces, else Aiken. */
export function detectFormat(fileName: string, text?: string): ImportFormat | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  if (ext === "xlsx") return "xlsx";
  if (ext === "csv") return "csv";
  if (ext === "gift") return "gift";
  if (ext === "aiken") return "aiken";
  if (ext === "txt" && text !== undefined) return /\{[^}]*\}/.test(text) ? "gift" : "aiken";
  return null;
}
