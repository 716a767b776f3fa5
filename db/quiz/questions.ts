import { eq } from "drizzle-orm";
import { foldVietnamese } from "../../app/core/text";
import type { Db } from "../connection";
import { questionCategories, questions, questionVersions } from "../schema";

export type NewQuestion = {
  externalId: string | null;
  categoryId: number;
  stem: string;
  stemFolded: string;
  options: string[];
  answerIndex: number;
  pinOptions: boolean;
  explanation: string;
  legalBasis: string;
  asOf: string | null;
  difficulty: "de" | "trung_binh" | "kho";
  /** The organizing unit whose bank holds it (null: no unit's). */
  ownerUnitId?: number | null;
};

/** What the bank search reads: the stem, every option and the explanation, folded. */
export function searchTextOf(v: { stem: string; options: string[]; explanation: string }): string {
  return foldVietnamese([v.stem, ...v.options, v.explanation].join(" | "));
}

export function upsertCategory(db: Db, slug: string, name: string): number {
  const existing = db.select().from(questionCategories).where(eq(questionCategories.slug, slug)).get();
  if (existing) return existing.id;
  return db.insert(questionCategories).values({ slug, name }).returning({ id: questionCategories.id }).get().id;
}

/** A new question with its first version; call inside a transaction when inserting many. */
export function insertQuestion(db: Db, q: NewQuestion, now: number, status: "active" | "draft" = "active"): number {
  const { externalId, categoryId, ownerUnitId, ...version } = q;
  const question = db
    .insert(questions)
    .values({ externalId, categoryId, status, createdAt: now, ownerUnitId: ownerUnitId ?? null })
    .returning({ id: questions.id })
    .get();
  const v = db
    .insert(questionVersions)
    .values({ ...version, searchFolded: searchTextOf(version), questionId: question.id, version: 1, createdAt: now })
    .returning({ id: questionVersions.id })
    .get();
  db.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, question.id)).run();
  return question.id;
}
