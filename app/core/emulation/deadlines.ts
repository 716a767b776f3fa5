import type { DeadlineKind } from "./notices";

/**
 * The rules of a movement's deadlines (pure). Units register and declare within the movement's period; the
 * summing-up follows it (seed 004: the departments' dossiers by 10/12, forwarded to the city by 20/01 of the
 * next year), so a dossier, forwarding, appraisal or other deadline may fall up to a year after the period's
 * end. A dossier deadline does not come before the registration deadline, and forwarding to the level above
 * does not come before the units' dossiers. Once launched, a deadline only moves later: the units keep the
 * time they were promised.
 */

export const DEADLINE_KINDS = ["registration", "evidence", "dossier", "forward", "appraisal", "other"] as const satisfies readonly DeadlineKind[];

export const DEADLINE_KIND_TEXT: Record<DeadlineKind, string> = {
  registration: "Đăng ký thi đua",
  evidence: "Kê khai, gửi minh chứng",
  dossier: "Nộp hồ sơ đề nghị khen thưởng",
  forward: "Gửi hồ sơ lên cấp trên",
  appraisal: "Thẩm định, xét khen thưởng",
  other: "Mốc khác",
};

export type DeadlineDraft = { id?: number; label: string; date: string; time: string | null; kind: DeadlineKind };

const show = (iso: string) => iso.split("-").reverse().join("/");

/** The last day a deadline of this kind may fall on: the period's end, or a year after it for the summing-up. */
export function latestDay(kind: DeadlineKind, periodEnd: string): string {
  if (kind === "registration" || kind === "evidence") return periodEnd;
  const [y, m, d] = periodEnd.split("-");
  return `${Number(y) + 1}-${m}-${m === "02" && d === "29" ? "28" : d}`;
}

/**
 * What is wrong with a deadline among the others of its movement (the others exclude it when it is edited);
 * null when it may be saved.
 */
export function deadlineProblem(d: DeadlineDraft, others: DeadlineDraft[], period: { start: string; end: string }): string | null {
  if (d.date < period.start) return `Hạn “${d.label}” (${show(d.date)}) không được trước ngày bắt đầu phong trào (${show(period.start)}).`;
  const last = latestDay(d.kind, period.end);
  if (d.date > last) {
    return d.kind === "registration" || d.kind === "evidence"
      ? `Hạn “${d.label}” (${show(d.date)}) phải trong thời gian của phong trào (đến ${show(period.end)}).`
      : `Hạn “${d.label}” (${show(d.date)}) quá xa: chậm nhất một năm sau khi phong trào kết thúc (${show(last)}).`;
  }
  const at = (x: DeadlineDraft) => `${x.date}T${x.time ?? "23:59"}`;
  const of = (k: DeadlineKind) => others.filter((x) => x.kind === k);
  if (d.kind === "dossier") {
    const reg = of("registration").find((r) => at(r) > at(d));
    if (reg) return `Hạn nộp hồ sơ (${show(d.date)}) không được trước hạn đăng ký thi đua (${show(reg.date)}).`;
  }
  if (d.kind === "registration") {
    const dos = of("dossier").find((r) => at(r) < at(d));
    if (dos) return `Hạn đăng ký thi đua (${show(d.date)}) không được sau hạn nộp hồ sơ (${show(dos.date)}).`;
  }
  if (d.kind === "forward") {
    const dos = of("dossier").find((r) => at(r) > at(d));
    if (dos) return `Hạn gửi hồ sơ lên cấp trên (${show(d.date)}) không được trước hạn các đơn vị nộp hồ sơ (${show(dos.date)}).`;
  }
  if (d.kind === "dossier") {
    const fwd = of("forward").find((r) => at(r) < at(d));
    if (fwd) return `Hạn nộp hồ sơ (${show(d.date)}) không được sau hạn gửi hồ sơ lên cấp trên (${show(fwd.date)}).`;
  }
  if (others.some((x) => x.label.toLocaleLowerCase("vi") === d.label.toLocaleLowerCase("vi") && x.date === d.date)) return `Đã có hạn “${d.label}” ngày ${show(d.date)}.`;
  return null;
}

/** A launched movement's deadline moves only later (the same day with a later hour counts). */
export function moveProblem(before: { date: string; time: string | null }, after: { date: string; time: string | null }): string | null {
  const a = `${before.date}T${before.time ?? "23:59"}`;
  const b = `${after.date}T${after.time ?? "23:59"}`;
  if (b === a) return "Hạn mới trùng với hạn đã công bố.";
  if (b < a) return "Phong trào đã phát động: chỉ lùi hạn về sau, không rút ngắn thời gian đã công bố cho các đơn vị.";
  return null;
}

/** Deadlines by date, then hour (a day without an hour ends at 23:59). */
export function byDate<T extends { date: string; time: string | null }>(list: T[]): T[] {
  return [...list].sort((x, y) => `${x.date}T${x.time ?? "23:59"}`.localeCompare(`${y.date}T${y.time ?? "23:59"}`));
}
