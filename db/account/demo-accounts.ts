import type { Db } from "../connection";

/**
 * The demo accounts as the seed made them, grouped by what they do, for the start-up banner. The database the
 * seeds wrote is the one list: each seed (db/seed.ts, the movements' and awards' content files, the
 * initiatives register's seed) creates its own accounts, and this reads them back, so a new demo account
 * shows up in the banner without being written down twice. Demo phones are 09000000xx.
 */

export const DEMO_GROUPS = ["Quản trị", "Ban Tổ chức", "Thủ trưởng đơn vị", "Giám khảo", "Hội đồng", "Người dự thi, tác giả"] as const;
export type DemoGroup = (typeof DEMO_GROUPS)[number];

export function demoAccountGroups(db: Db): { group: DemoGroup; phones: string[] }[] {
  const rows = db.$client
    .prepare(
      `SELECT u.phone,
              EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'admin') AS admin,
              EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'organizer') AS organizer,
              EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'unit_head') AS head,
              EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'judge') AS judge,
              (EXISTS (SELECT 1 FROM council_members c WHERE c.user_id = u.id)
                OR EXISTS (SELECT 1 FROM ir_council_members c WHERE c.user_id = u.id)
                OR EXISTS (SELECT 1 FROM ir_councils c WHERE c.secretary_id = u.id)) AS council
         FROM users u WHERE u.phone GLOB '09000000[0-9][0-9]' ORDER BY u.phone`,
    )
    .all() as { phone: string; admin: number; organizer: number; head: number; judge: number; council: number }[];
  const groupOf = (r: (typeof rows)[number]): DemoGroup =>
    r.admin ? "Quản trị" : r.organizer ? "Ban Tổ chức" : r.head ? "Thủ trưởng đơn vị" : r.judge ? "Giám khảo" : r.council ? "Hội đồng" : "Người dự thi, tác giả";
  return DEMO_GROUPS.map((group) => ({ group, phones: rows.filter((r) => groupOf(r) === group).map((r) => r.phone) })).filter((g) => g.phones.length > 0);
}

/** Phones in order, runs of consecutive numbers shortened: 0900000041–43. */
export function compactPhones(phones: string[]): string {
  const sorted = [...phones].sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && Number(sorted[j + 1]) === Number(sorted[j]) + 1 && sorted[j + 1].length === sorted[j].length) j++;
    out.push(j === i ? sorted[i] : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}–${sorted[j].slice(-2)}`);
    i = j + 1;
  }
  return out.join(", ");
}

/** The banner's lines: one per group. */
export function demoBannerLines(db: Db): string[] {
  const groups = demoAccountGroups(db);
  const width = Math.max(...groups.map((g) => g.group.length));
  return groups.map((g) => `  ${`${g.group}:`.padEnd(width + 2)}${compactPhones(g.phones)}`);
}
