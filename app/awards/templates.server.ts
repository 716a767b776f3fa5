import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/**
 * The wording of the generated documents, from content/awards/templates/*.yaml. An organizer replaces a
 * file (or points AWARD_TEMPLATES_DIR at a folder with their own) without touching the layout code.
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

const cache = new Map<string, { mtime: number; value: unknown }>();

function dirs(): string[] {
  const own = process.env.AWARD_TEMPLATES_DIR;
  return [...(own ? [own] : []), path.resolve("content/awards/templates")];
}

export function loadTemplate<N extends TemplateName>(name: N): Template<N> {
  for (const dir of dirs()) {
    const file = path.join(dir, `${name}.yaml`);
    if (!fs.existsSync(file)) continue;
    const mtime = fs.statSync(file).mtimeMs;
    const hit = cache.get(file);
    if (hit && hit.mtime === mtime) return hit.value as Template<N>;
    const parsed = templateSchemas[name].safeParse(parseYaml(fs.readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`Mẫu ${file} không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    cache.set(file, { mtime, value: parsed.data });
    return parsed.data as Template<N>;
  }
  throw new Error(`Không tìm thấy mẫu văn bản ${name}.yaml.`);
}
