import { parse as parseYaml } from "yaml";
import { z } from "zod";

/**
 * The wording of the generated documents (content/awards/templates/*.yaml): the schema of each template and
 * its parser. Pure: the reader that finds the files lives in db/awards/templates.ts, so the web and the
 * workers share it.
 */

const str = z.string().min(1);
export const templateSchemas = {
  "to-trinh": z.object({ kind: str, title: str, addressee: str, body: z.array(z.string()).min(1), recipients: z.array(str) }),
  "bien-ban": z.object({ kind: str, title: str, body: z.array(z.string()).min(1) }),
  "bao-cao-thanh-tich": z.object({ kind: str, title: str, subtitle: str, nameLine: str, part1: str, part2: str, part2Intro: str, part3: str, none3: str }),
  "quyet-dinh": z.object({ kind: str, title: str, authority: str, preamble: z.array(str), decides: str, articles: z.array(str).min(1), recipients: z.array(str), annexTitle: str, annexNote: str }),
};
export type TemplateName = keyof typeof templateSchemas;
export type Template<N extends TemplateName> = z.infer<(typeof templateSchemas)[N]>;

/** Parses a template's YAML text; a wrong one names the file and each field at fault. */
export function parseTemplate<N extends TemplateName>(name: N, text: string, where = `${name}.yaml`): Template<N> {
  const parsed = templateSchemas[name].safeParse(parseYaml(text));
  if (!parsed.success) throw new Error(`Mẫu ${where} không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data as Template<N>;
}
