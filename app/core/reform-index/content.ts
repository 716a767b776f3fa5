import { z } from "zod";
import type { ImportError } from "../participation/roster";
import type { Band } from "./scoring";
import { validateIndexSet } from "./set-import";
import type { IndexRow } from "./index-set";

/** An index set written as YAML in content/reform-index: the province's columns as keys, read by the same validator as an .xlsx. */
const cell = z.union([z.string(), z.number()]).optional();
export const indexSetFileSchema = z.object({
  title: z.string().min(1),
  group: z.string().regex(/^[a-z0-9-]{1,40}$/),
  bands: z.array(z.object({ label: z.string().min(1), min: z.number().min(0).max(100) })).min(2),
  // Strict: in a YAML flow mapping an unquoted comma starts a new key, and the text after it would silently vanish.
  rows: z
    .array(
      z
        .object({ stt: cell, title: cell, max: cell, method: cell, evidence: cell, na: cell, source: cell })
        .strict("Có cột không thuộc mẫu: giá trị có dấu phẩy phải đặt trong ngoặc kép."),
    )
    .min(1),
});

export function readIndexSetFile(
  data: unknown,
): { ok: true; title: string; group: string; bands: Band[]; rows: IndexRow[]; maximum: number } | { ok: false; errors: ImportError[] } {
  const parsed = indexSetFileSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ row: Number(i.path[1] ?? 0) + 1, column: i.path.join("."), message: i.message })) };
  }
  const f = parsed.data;
  const result = validateIndexSet(f.rows.map((r, i) => ({ row: i + 1, cells: [r.stt, r.title, r.max, r.method, r.evidence, r.na, r.source] })));
  if (!result.ok) return result;
  return { ok: true, title: f.title, group: f.group, bands: f.bands, rows: result.rows, maximum: result.maximum };
}
