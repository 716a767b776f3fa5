import type { ImportError } from "../participation/roster";
import { PLATFORM_SOURCES, type IndexRow, type PlatformSource, type ScoringMethod, isLeaf, round2 } from "./index-set";

/**
 * Reading an index set from the table provinces publish: STT, Tiêu chí, Điểm tối đa, Cách tính điểm, Tài liệu
 * kiểm chứng, and two optional columns of ours: "Không áp dụng" (x when the row may be declared not
 * applicable) and "Nguồn dữ liệu" (a platform source). All or nothing: every error names its row and column.
 */

export const SET_COLUMNS = ["STT", "Tiêu chí", "Điểm tối đa", "Cách tính điểm", "Tài liệu kiểm chứng", "Không áp dụng", "Nguồn dữ liệu"] as const;

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).normalize("NFC").replace(/\s+/g, " ").trim());

/** "0,5", "1.5", 2 → a number; null when it is not one. */
export function parseVietnameseNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const s = text(v).replace(/\s/g, "");
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return null;
  return Number(s.replace(",", "."));
}

const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.?$/i;

/**
 * The scoring method written in words. Understood: "Có/Không" or "Có: 2; Không: 0"; steps "≥ 100%: 2; ≥ 80%: 1;
 * < 80%: 0"; "Theo tỷ lệ" (the maximum times a percentage); named levels "Tốt: 2; Khá: 1; Trung bình: 0,5";
 * anything else is scored by hand ("Tự chấm", an explanation) within the maximum.
 */
export function parseMethod(raw: string, maxPoints: number): { ok: true; method: ScoringMethod } | { ok: false; message: string } {
  const s = raw.normalize("NFC").trim();
  if (!s) return { ok: true, method: { kind: "manual" } };
  if (/^có\s*\/\s*không\.?$/i.test(s)) return { ok: true, method: { kind: "yes_no" } };
  if (/tỷ lệ|tỉ lệ/i.test(s) && !/[:=]/.test(s)) return { ok: true, method: { kind: "ratio" } };
  const parts = s.split(/[;\n]/).map((p) => p.trim()).filter(Boolean);
  const pairs = parts.map((p) => /^(.+?)\s*[:=]\s*(-?[\d.,]+)\s*(điểm|đ)?\.?$/i.exec(p));
  if (parts.length === 0 || pairs.some((m) => !m)) return { ok: true, method: { kind: "manual" } };
  const entries = pairs.map((m) => ({ label: m![1].trim(), points: parseVietnameseNumber(m![2]) }));
  if (entries.some((e) => e.points === null || e.points < 0)) return { ok: false, message: `Không đọc được điểm trong "${s}".` };
  if (entries.some((e) => (e.points as number) > maxPoints + 1e-9)) {
    return { ok: false, message: `Cách tính điểm cho nhiều hơn điểm tối đa (${maxPoints}).` };
  }
  const labels = entries.map((e) => e.label.toLowerCase());
  if (labels.length === 2 && labels.includes("có") && labels.includes("không")) {
    const yes = entries.find((e) => e.label.toLowerCase() === "có")!.points as number;
    const no = entries.find((e) => e.label.toLowerCase() === "không")!.points as number;
    if (Math.abs(yes - maxPoints) > 1e-9 || no !== 0) {
      return { ok: true, method: { kind: "levels", levels: entries.map((e) => ({ label: e.label, points: e.points as number })) } };
    }
    return { ok: true, method: { kind: "yes_no" } };
  }
  const step = (label: string) => /^(≥|>=|từ|trên|>)\s*(-?[\d.,]+)\s*%?$/i.exec(label);
  const below = (label: string) => /^(<|dưới)\s*(-?[\d.,]+)\s*%?$/i.exec(label);
  if (entries.every((e) => step(e.label) || below(e.label))) {
    const steps = entries
      .filter((e) => step(e.label))
      .map((e) => {
        const m = step(e.label)!;
        const min = parseVietnameseNumber(m[2]) as number;
        // "trên 80" and "> 80" are strict: the smallest number above it in hundredths.
        return { min: /^(trên|>)$/i.test(m[1]) ? min + 0.01 : min, points: e.points as number };
      })
      .sort((a, b) => b.min - a.min);
    const floor = entries.filter((e) => below(e.label)).map((e) => e.points as number);
    if (floor.some((p) => p > 0)) steps.push({ min: -1e9, points: Math.max(...floor) });
    if (steps.length === 0) return { ok: false, message: `Cách tính điểm "${s}" không có mức nào đạt điểm.` };
    return { ok: true, method: { kind: "steps", steps } };
  }
  if (entries.length >= 2) return { ok: true, method: { kind: "levels", levels: entries.map((e) => ({ label: e.label, points: e.points as number })) } };
  return { ok: true, method: { kind: "manual" } };
}

const sourceKey = (v: string): PlatformSource | null | undefined => {
  if (!v) return null;
  const folded = v.toLowerCase();
  const hit = (Object.entries(PLATFORM_SOURCES) as [PlatformSource, string][]).find(
    ([k, label]) => k === folded || label.toLowerCase() === folded,
  );
  return hit ? hit[0] : undefined;
};

export function validateIndexSet(
  rows: readonly { row: number; cells: readonly unknown[] }[],
): { ok: true; rows: IndexRow[]; maximum: number } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const out: (IndexRow & { row: number })[] = [];
  const seen = new Map<string, number>();
  let part: string | null = null;
  let bonusPart = false;
  let lastNumbered: string | null = null;
  for (const { row, cells } of rows) {
    const [sttC, titleC, maxC, methodC, evidenceC, naC, sourceC] = Array.from({ length: 7 }, (_, i) => text(cells[i]));
    if (![sttC, titleC, maxC, methodC, evidenceC].some(Boolean)) continue;
    const stt = sttC.replace(/\.$/, "");
    let code: string | null = null;
    let parentCode: string | null = null;
    if (!stt) errors.push({ row, column: "STT", message: "Thiếu số thứ tự." });
    else if (ROMAN.test(stt)) {
      code = stt.toUpperCase();
      part = code;
      bonusPart = /điểm cộng|điểm thưởng/i.test(titleC);
      lastNumbered = null;
    } else if (/^\d+(\.\d+)*$/.test(stt)) {
      if (!part) errors.push({ row, column: "STT", message: "Tiêu chí phải nằm trong một phần (I, II, ...): thêm dòng phần phía trên." });
      else {
        code = `${part}.${stt}`;
        const dot = stt.lastIndexOf(".");
        parentCode = dot < 0 ? part : `${part}.${stt.slice(0, dot)}`;
        lastNumbered = code;
      }
    } else if (/^[a-zđ]\)?$/i.test(stt)) {
      if (!lastNumbered) errors.push({ row, column: "STT", message: `Mục "${stt}" phải nằm dưới một tiêu chí có số.` });
      else {
        const letter = stt.replace(")", "").toLowerCase();
        // A letter row belongs to the last numbered row, or to that row's parent when it is itself a letter.
        parentCode = lastNumbered;
        code = `${lastNumbered}.${letter}`;
      }
    } else errors.push({ row, column: "STT", message: `Số thứ tự "${sttC}" không đúng dạng (I, II; 1, 1.1, 1.1.2; a, b).` });
    if (code) {
      if (seen.has(code)) errors.push({ row, column: "STT", message: `Số thứ tự "${sttC}" trùng với dòng ${seen.get(code)}.` });
      else seen.set(code, row);
    }
    if (!titleC) errors.push({ row, column: "Tiêu chí", message: "Thiếu nội dung tiêu chí." });
    const maxPoints = parseVietnameseNumber(maxC);
    if (maxPoints === null) errors.push({ row, column: "Điểm tối đa", message: maxC ? `"${maxC}" không phải là số.` : "Thiếu điểm tối đa." });
    else if (maxPoints <= 0) errors.push({ row, column: "Điểm tối đa", message: "Điểm tối đa phải lớn hơn 0." });
    const parsed = parseMethod(methodC, maxPoints ?? 0);
    if (!parsed.ok) errors.push({ row, column: "Cách tính điểm", message: parsed.message });
    const allowNotApplicable = /^(x|có|1|được)$/i.test(naC);
    if (naC && !allowNotApplicable && !/^(không|0)$/i.test(naC)) {
      errors.push({ row, column: "Không áp dụng", message: `Ghi "x" nếu tiêu chí được kê khai không áp dụng, để trống nếu không ("${naC}").` });
    }
    const source = sourceKey(sourceC);
    if (source === undefined) {
      errors.push({ row, column: "Nguồn dữ liệu", message: `Nguồn "${sourceC}" không có (${Object.values(PLATFORM_SOURCES).join("; ")}).` });
    }
    if (code && parentCode !== undefined) {
      out.push({
        row,
        code,
        stt,
        parentCode,
        title: titleC,
        maxPoints: maxPoints ?? 0,
        method: parsed.ok ? parsed.method : { kind: "manual" },
        evidence: evidenceC,
        allowNotApplicable,
        bonus: bonusPart,
        source: source ?? null,
      });
    }
  }
  if (out.length === 0 && errors.length === 0) errors.push({ row: 2, column: "STT", message: "Tệp không có dòng nào." });
  const codes = new Set(out.map((r) => r.code));
  for (const r of out) {
    if (r.parentCode && !codes.has(r.parentCode)) {
      errors.push({ row: r.row, column: "STT", message: `Không có tiêu chí cha "${r.parentCode.split(".").slice(1).join(".") || r.parentCode}" phía trên.` });
    }
  }
  // A parent's maximum is the sum of its children's.
  for (const r of out) {
    if (isLeaf(out, r.code)) continue;
    const sum = round2(out.filter((c) => c.parentCode === r.code).reduce((s, c) => s + c.maxPoints, 0));
    if (Math.abs(sum - r.maxPoints) > 0.001) {
      errors.push({
        row: r.row,
        column: "Điểm tối đa",
        message: `Điểm tối đa ${String(r.maxPoints).replace(".", ",")} khác tổng điểm các tiêu chí bên dưới (${String(sum).replace(".", ",")}).`,
      });
    }
    if (r.source) errors.push({ row: r.row, column: "Nguồn dữ liệu", message: "Chỉ tiêu chí không có tiêu chí con mới lấy số liệu từ nền tảng." });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  const rowsOut = out.map(({ row: _row, ...r }) => r);
  const maximum = round2(rowsOut.filter((r) => isLeaf(rowsOut, r.code) && !r.bonus).reduce((s, r) => s + r.maxPoints, 0));
  return { ok: true, rows: rowsOut, maximum };
}
