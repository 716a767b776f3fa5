import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** content/legal-texts.yaml: legal texts that were replaced, and from when. */
const tableSchema = z.object({
  superseded: z.array(
    z.object({
      text: z.string(),
      match: z.array(z.string().min(3)).min(1),
      replaced_by: z.string(),
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      note: z.string().default(""),
      source: z.string().default(""),
    }),
  ),
});

export type SupersededText = z.infer<typeof tableSchema>["superseded"][number];

export function parseLegalTexts(text: string): SupersededText[] {
  return tableSchema.parse(parseYaml(text)).superseded;
}

/** The replaced texts a question's legal basis rests on, as of a date (YYYY-MM-DD). */
export function supersededBasis(legalBasis: string, table: readonly SupersededText[], onDate: string): SupersededText[] {
  const basis = legalBasis.normalize("NFC");
  return table.filter((row) => row.from <= onDate && row.match.some((m) => basis.includes(m.normalize("NFC"))));
}
