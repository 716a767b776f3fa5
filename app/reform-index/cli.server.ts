import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { logAudit } from "../../db/audit";
import type { Db } from "../../db/connection";
import { insertIndexSet, publishedResults, writeImportedResults } from "../../db/reform-index";
import { units } from "../../db/schema";
import { readIndexSetFile } from "../core/reform-index/content";
import { DEFAULT_BANDS } from "../core/reform-index/scoring";
import { validateScoreImport } from "../core/reform-index/scores-import";
import { validateIndexSet } from "../core/reform-index/set-import";
import type { ImportError } from "../core/participation/roster";
import { readSheet } from "../excel.server";

/** The reform index's command-line use cases: import a set, import a year's results, print the results. */

export type CliReport = { ok: boolean; errors: ImportError[]; [k: string]: unknown };

const readFile = (file: string) => {
  const buf = fs.readFileSync(file);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
};
const missing = (file: string): CliReport => ({ ok: false, errors: [{ row: 0, column: "", message: `Không tìm thấy tệp ${file}` }] });

/** An index set from .xlsx (the province's columns) or from a YAML file of content/reform-index. */
export async function importIndexSet(db: Db, file: string, options: { year: number; group: string; title?: string }): Promise<CliReport> {
  if (!fs.existsSync(file)) return missing(file);
  let parsed;
  let title = options.title ?? `Bộ chỉ số cải cách hành chính năm ${options.year} (${options.group})`;
  let bands = DEFAULT_BANDS;
  if (/\.ya?ml$/i.test(file)) {
    const r = readIndexSetFile(parseYaml(fs.readFileSync(file, "utf8")));
    if (!r.ok) return { ok: false, errors: r.errors };
    parsed = { rows: r.rows, maximum: r.maximum };
    title = options.title ?? r.title;
    bands = r.bands;
  } else {
    const sheet = await readSheet(readFile(file), 7);
    if (!sheet.ok) return { ok: false, errors: [{ row: 0, column: "", message: sheet.message }] };
    const r = validateIndexSet(sheet.rows);
    if (!r.ok) return { ok: false, errors: r.errors };
    parsed = r;
  }
  const unitIds = db.select({ id: units.id }).from(units).all().map((u) => u.id);
  const { setId, version } = insertIndexSet(db, { year: options.year, groupCode: options.group, title, bands, rows: parsed.rows, organizerUnitId: null, unitIds });
  logAudit(db, { userId: null, action: "reform_index.set_import", entity: "index_set", entityId: setId, detail: { file: path.basename(file), rows: parsed.rows.length, via: "cli" } });
  return { ok: true, errors: [], setId, version, rows: parsed.rows.length, maximum: parsed.maximum };
}

export async function importIndexScores(db: Db, file: string, options: { year: number }): Promise<CliReport> {
  if (!fs.existsSync(file)) return missing(file);
  const sheet = await readSheet(readFile(file), 4);
  if (!sheet.ok) return { ok: false, errors: [{ row: 0, column: "", message: sheet.message }] };
  const all = db.select({ id: units.id, code: units.code }).from(units).all();
  const r = validateScoreImport(sheet.rows, new Set(all.map((u) => u.code)));
  if (!r.ok) return { ok: false, errors: r.errors };
  const idOf = new Map(all.map((u) => [u.code, u.id]));
  writeImportedResults(db, options.year, r.rows.map((s) => ({ ...s, unitId: idOf.get(s.unitCode)! })));
  logAudit(db, { userId: null, action: "reform_index.scores_import", entity: "index_results", entityId: options.year, detail: { file: path.basename(file), rows: r.rows.length, via: "cli" } });
  return { ok: true, errors: [], imported: r.rows.length };
}

export function indexResultsReport(db: Db, year: number) {
  return publishedResults(db, { years: [year] }).map((r) => ({
    unit: r.unitCode,
    name: r.unitName,
    group: r.groupCode,
    index: r.index,
    band: r.band,
    bandByPoints: r.bandByPoints,
    rank: r.rank,
    cappedReason: r.cappedReason,
    source: r.source,
  }));
}
