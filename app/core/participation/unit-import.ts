import type { ImportError } from "./roster";

/**
 * Validation of a unit-tree import (mã, tên, mã đơn vị cấp trên, loại, biên chế): every error with its row
 * and column, and no partial import. Returns the rows ordered parents first, ready to insert.
 */

export type UnitImportRow = { code: string; name: string; parentCode: string | null; kind: string; headcount: number };

export const UNIT_KINDS: Record<string, string> = {
  tinh: "Tỉnh",
  huyen: "Huyện",
  xa: "Xã",
  thi_tran: "Thị trấn",
  phuong: "Phường",
  so_nganh: "Sở, ngành",
  co_quan_chuyen_mon: "Cơ quan chuyên môn",
  don_vi_su_nghiep: "Đơn vị sự nghiệp",
  khac: "Khác",
};

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).normalize("NFC").trim());

export function validateUnitImport(
  rows: readonly { row: number; cells: readonly unknown[] }[],
  existing: readonly { code: string; parentCode: string | null }[],
): { ok: true; rows: UnitImportRow[] } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const parsed: (UnitImportRow & { row: number })[] = [];
  const rowOfCode = new Map<string, number>();
  for (const { row, cells } of rows) {
    const [codeC, nameC, parentC, kindC, headC] = cells.map(text);
    if (![codeC, nameC, parentC, kindC, headC].some(Boolean)) continue;
    const code = codeC;
    if (!code) errors.push({ row, column: "Mã", message: "Thiếu mã đơn vị." });
    else if (!/^[\p{L}\p{N}._-]{1,40}$/u.test(code)) errors.push({ row, column: "Mã", message: `Mã "${code}" chỉ được gồm chữ, số, dấu chấm, gạch ngang (tối đa 40 ký tự).` });
    else if (rowOfCode.has(code)) errors.push({ row, column: "Mã", message: `Mã "${code}" trùng với dòng ${rowOfCode.get(code)}.` });
    else rowOfCode.set(code, row);
    if (!nameC) errors.push({ row, column: "Tên", message: "Thiếu tên đơn vị." });
    const kindKey = Object.entries(UNIT_KINDS).find(([k, label]) => k === kindC || label.toLowerCase() === kindC.toLowerCase())?.[0];
    if (!kindKey) errors.push({ row, column: "Loại", message: `Loại "${kindC}" không có trong danh mục (${Object.values(UNIT_KINDS).join(", ")}).` });
    let headcount = 0;
    if (headC) {
      headcount = Number(headC);
      if (!Number.isInteger(headcount) || headcount < 0) errors.push({ row, column: "Biên chế", message: `"${headC}" không phải số nguyên không âm.` });
    }
    parsed.push({ row, code, name: nameC, parentCode: parentC || null, kind: kindKey ?? "khac", headcount });
  }
  if (parsed.length === 0 && errors.length === 0) errors.push({ row: 2, column: "Mã", message: "Tệp không có dòng nào." });

  // The tree after the import: existing units, replaced by the file's rows where the codes meet.
  const parentOf = new Map<string, string | null>(existing.map((u) => [u.code, u.parentCode]));
  for (const p of parsed) if (p.code && rowOfCode.get(p.code) === p.row) parentOf.set(p.code, p.parentCode);
  for (const p of parsed) {
    if (!p.parentCode) continue;
    if (p.parentCode === p.code) errors.push({ row: p.row, column: "Mã đơn vị cấp trên", message: "Đơn vị không thể là cấp trên của chính nó." });
    else if (!parentOf.has(p.parentCode)) {
      errors.push({ row: p.row, column: "Mã đơn vị cấp trên", message: `Không có đơn vị mã "${p.parentCode}" trong tệp hay trong hệ thống.` });
    }
  }
  // Loops: walk up from each row; a walk that comes back to a code it has seen is a loop.
  const reported = new Set<string>();
  for (const p of parsed) {
    if (!p.code || reported.has(p.code)) continue;
    const seen: string[] = [];
    let c: string | null | undefined = p.code;
    while (c && !seen.includes(c)) {
      seen.push(c);
      c = parentOf.get(c);
    }
    if (c && c !== p.code) continue; // the loop is above this row; it is reported on its own rows
    if (c === p.code && seen.length > 1) {
      for (const code of seen) reported.add(code);
      errors.push({ row: p.row, column: "Mã đơn vị cấp trên", message: `Vòng lặp cấp trên: ${[...seen, p.code].join(" → ")}.` });
    }
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };

  // Parents first: depth in the file's own tree.
  const depth = (code: string): number => {
    let d = 0;
    for (let c = parentOf.get(code); c; c = parentOf.get(c)) d++;
    return d;
  };
  const ordered = parsed
    .map((p) => ({ p, d: depth(p.code) }))
    .sort((a, b) => a.d - b.d || a.p.row - b.p.row)
    .map(({ p }) => ({ code: p.code, name: p.name, parentCode: p.parentCode, kind: p.kind, headcount: p.headcount }));
  return { ok: true, rows: ordered };
}
