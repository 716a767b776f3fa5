import fs from "node:fs";
import path from "node:path";
import { parseTemplate, type Template, type TemplateName } from "../../app/core/awards/templates";
import { parseCatalogue } from "../../app/emulation/content";

/**
 * Reads the documents' wording from content/awards/templates/*.yaml (or AWARD_TEMPLATES_DIR first, where an
 * organizer keeps their own), and the catalogue's names of forms. Here rather than in app/, so that the web
 * and the workers read the same files the same way; cached until a file changes.
 */

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
    const value = parseTemplate(name, fs.readFileSync(file, "utf8"), file);
    cache.set(file, { mtime, value });
    return value;
  }
  throw new Error(`Không tìm thấy mẫu văn bản ${name}.yaml.`);
}

let names: Map<string, string> | null = null;

/**
 * The name of a form or title (Giấy khen của ..., Bằng khen ...): an organizer's own form (code "rieng-…")
 * carries its stored name (`own`, the scheme's formName); the others are the catalogue's, by code.
 */
export function formName(code: string, own?: string | null): string {
  if (own) return own;
  if (!names) {
    const file = path.resolve("content/emulation/catalogue.yaml");
    names = fs.existsSync(file) ? new Map(parseCatalogue(fs.readFileSync(file, "utf8")).forms.map((f) => [f.id, f.name])) : new Map();
  }
  return names.get(code) ?? code;
}

let levels: Map<string, { name: string; level: string; type: string; target: string }> | null = null;

/** A catalogue form with its level (tỉnh, huyện, cơ quan…): which level may grant it. */
export function catalogueForm(code: string): { name: string; level: string; type: string; target: string } | undefined {
  if (!levels) {
    const file = path.resolve("content/emulation/catalogue.yaml");
    levels = fs.existsSync(file) ? new Map(parseCatalogue(fs.readFileSync(file, "utf8")).forms.map((f) => [f.id, { name: f.name, level: f.level, type: f.type, target: f.target }])) : new Map();
  }
  return levels.get(code);
}

/** Every catalogue form, for a level to choose the one it grants. */
export function catalogueForms(): { code: string; name: string; level: string; type: string; target: string }[] {
  catalogueForm("");
  return [...levels!.entries()].map(([code, f]) => ({ code, ...f }));
}
