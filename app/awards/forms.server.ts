import fs from "node:fs";
import path from "node:path";
import { parseCatalogue } from "../emulation/content";

/** The catalogue's names of forms and titles (Giấy khen của ..., Bằng khen ...), by code. */
let names: Map<string, string> | null = null;

export function formName(code: string): string {
  if (!names) {
    const file = path.resolve("content/emulation/catalogue.yaml");
    names = fs.existsSync(file) ? new Map(parseCatalogue(fs.readFileSync(file, "utf8")).forms.map((f) => [f.id, f.name])) : new Map();
  }
  return names.get(code) ?? code;
}
