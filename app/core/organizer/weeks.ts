/** Vietnam has no daylight saving: local midnight is always 17:00 UTC of the day before. */
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY = 86_400_000;

/** Midnight of a Vietnam calendar day (YYYY-MM-DD), in UTC milliseconds. */
export function vnMidnight(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) - VN_OFFSET_MS;
}

/** A UTC instant as a Vietnam calendar day, YYYY-MM-DD. */
export function vnDate(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** "YYYY-MM-DDTHH:mm" read as Vietnam time (what an <input type="datetime-local"> gives). */
export function vnLocalToUtc(local: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - VN_OFFSET_MS;
  return Number.isNaN(ms) ? null : ms;
}

export function utcToVnLocal(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16);
}

export type WeekWindow = { weekNo: number; opensAt: number; closesAt: number; firstDay: string; lastDay: string };

/**
 * Weekly rounds (tuần thi) over a period, both days included: each week opens at 00:00 of its first day and
 * closes at 00:00 after its seventh (Vietnam time); the last week ends with the period.
 */
export function weeklyWindows(firstDay: string, lastDay: string): WeekWindow[] {
  const start = vnMidnight(firstDay);
  const end = vnMidnight(lastDay) + DAY;
  if (!(end > start)) return [];
  const weeks: WeekWindow[] = [];
  for (let opensAt = start, weekNo = 1; opensAt < end; opensAt += 7 * DAY, weekNo++) {
    const closesAt = Math.min(opensAt + 7 * DAY, end);
    weeks.push({ weekNo, opensAt, closesAt, firstDay: vnDate(opensAt), lastDay: vnDate(closesAt - 1) });
  }
  return weeks;
}

/** Hour of the day (0–23) in Vietnam. */
export function vnHour(ms: number): number {
  return new Date(ms + VN_OFFSET_MS).getUTCHours();
}
