import fs from "node:fs";
import path from "node:path";
import { parseCatalogue } from "../emulation/content";

/**
 * The name of a form or title (Giấy khen của ..., Bằng khen ...): an organizer's own form (code "rieng-…")
 * carries its stored name (`own`, the scheme's formName); the others are looked up in the catalogue by code.
 */
let names: Map<string, string> | null = null;

export function formName(code: string, own?: string | null): string {
  if (own) return own;
  if (!names) {
    const file = path.resolve("content/emulation/catalogue.yaml");
    names = fs.existsSync(file) ? new Map(parseCatalogue(fs.readFileSync(file, "utf8")).forms.map((f) => [f.id, f.name])) : new Map();
  }
  return names.get(code) ?? code;
}
