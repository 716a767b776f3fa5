import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** The archive of earlier initiatives (content/initiatives-archive.yaml), and any file an organizer imports. */
const itemSchema = z.object({
  title: z.string({ required_error: "thiếu tên sáng kiến" }).trim().min(5, "tên sáng kiến quá ngắn").max(300),
  unit: z.string({ required_error: "thiếu đơn vị" }).trim().min(2, "thiếu đơn vị").max(300),
  province: z.string().trim().max(100).nullable().default(null).transform((v) => v ?? ""),
  year: z.number().int().min(1990, "năm không hợp lệ").max(2100, "năm không hợp lệ").nullable().default(null),
  source: z.string({ required_error: "thiếu nguồn" }).trim().url("nguồn phải là một đường link"),
  summary: z.string({ required_error: "thiếu tóm tắt" }).trim().min(10, "tóm tắt quá ngắn").max(2000),
});

const fileSchema = z.object({ initiatives: z.array(z.unknown()).min(1, "tệp không có sáng kiến nào") });

export type ArchiveItem = z.infer<typeof itemSchema>;

/** All or nothing: every problem is named by its item number and field. */
export function parseArchiveFile(text: string): { ok: true; items: ArchiveItem[] } | { ok: false; errors: string[] } {
  let raw: unknown;
  try {
    raw = text.trim().startsWith("{") || text.trim().startsWith("[") ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    return { ok: false, errors: [`Tệp không đọc được (YAML hoặc JSON): ${(e as Error).message.split("\n")[0]}`] };
  }
  if (Array.isArray(raw)) raw = { initiatives: raw };
  const file = fileSchema.safeParse(raw);
  if (!file.success) return { ok: false, errors: ["Tệp cần có danh sách “initiatives”, mỗi mục gồm title, unit, province, year, source, summary."] };
  const items: ArchiveItem[] = [];
  const errors: string[] = [];
  file.data.initiatives.forEach((item, i) => {
    const parsed = itemSchema.safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else for (const issue of parsed.error.issues) errors.push(`Mục ${i + 1}, trường “${issue.path.join(".") || "?"}”: ${issue.message}`);
  });
  return errors.length ? { ok: false, errors } : { ok: true, items };
}
