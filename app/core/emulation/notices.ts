import { foldVietnamese } from "../text";

/**
 * The reminder rules of a movement's deadlines (pure): what a deadline asks of the units, how many days are
 * left in Vietnam time, and the wording of the notice. The sweep that reads the database is in
 * db/emulation/notices.ts; the worker runs it on a schedule.
 */

/** forward (to the level above) and appraisal are the organizers' own steps: no reminder goes to the units. */
export type DeadlineKind = "registration" | "evidence" | "dossier" | "forward" | "appraisal" | "other";

export const REMIND_DAYS = 3;

/** The kind stored with the deadline, or read from its label when the movement did not say. */
export function deadlineKind(label: string, kind: DeadlineKind | null | undefined): DeadlineKind {
  if (kind) return kind;
  const f = foldVietnamese(label);
  if (/minh chung|kiem chung|ke khai/.test(f)) return "evidence";
  if (/dang ky/.test(f)) return "registration";
  if (/ho so|de nghi khen thuong/.test(f)) return "dossier";
  return "other";
}

const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000;

/** Today's date in Vietnam as yyyy-mm-dd. */
export function vnToday(now: number): string {
  return new Date(now + VN_OFFSET).toISOString().slice(0, 10);
}

/** Whole days from today (Vietnam) to the deadline's day: 0 on the day itself, negative once it has passed. */
export function daysUntil(dateIso: string, now: number): number {
  return Math.round((Date.parse(`${dateIso}T00:00:00Z`) - Date.parse(`${vnToday(now)}T00:00:00Z`)) / DAY);
}

/** A deadline is reminded of from 3 days before it until its own day (it ends at 23:59 Vietnam time). */
export function isDue(dateIso: string, now: number, days = REMIND_DAYS): boolean {
  const d = daysUntil(dateIso, now);
  return d >= 0 && d <= days;
}

export type RemindedKind = "registration" | "evidence" | "dossier";

const WHAT: Record<RemindedKind, string> = {
  registration: "gửi bản đăng ký thi đua",
  evidence: "kê khai và gửi đủ minh chứng cho các tiêu chí",
  dossier: "gửi hồ sơ đề nghị khen thưởng",
};

export function deadlineNotice(input: { movementTitle: string; label: string; date: string; kind: RemindedKind; units: string[]; now: number }) {
  const d = daysUntil(input.date, input.now);
  const [y, m, day] = input.date.split("-");
  return {
    title: d === 0 ? `Hôm nay là hạn: ${input.label}` : `Còn ${d} ngày đến hạn ${day}/${m}/${y}: ${input.label}`,
    body: `${input.movementTitle}. Đơn vị chưa ${WHAT[input.kind]}: ${input.units.join("; ")}.`,
  };
}
