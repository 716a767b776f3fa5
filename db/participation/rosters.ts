import { foldVietnamese } from "../../app/core/text";
import { matchAll, type Person, type RosterCandidate, type RosterRow } from "../../app/core/participation/roster";
import type { Db } from "../connection";
import { stmt } from "../statements";

/**
 * Links people who have an account to their roster row by the rules of app/core/participation/roster.ts, for rows of the
 * given units (null: all). A person matched by CCCD or phone moves to the roster's unit. Returns the pairs.
 */
export function linkRosterMatches(db: Db, unitIds: number[] | null): { userId: number; entryId: number }[] {
  const units = unitIds === null ? null : JSON.stringify(unitIds);
  const rows = stmt(
    db,
    `SELECT id, unit_id AS unitId, name_folded AS nameFolded, birth_date AS birthDate, phone, cccd, user_id AS userId
       FROM roster_entries WHERE user_id IS NULL AND (:units IS NULL OR unit_id IN (SELECT value FROM json_each(:units)))`,
  ).all({ units }) as RosterCandidate[];
  if (rows.length === 0) return [];
  const people = stmt(
    db,
    `SELECT u.id, u.unit_id AS unitId, u.full_name AS fullName, u.birth_date AS birthDate, u.phone, u.cccd
       FROM users u WHERE NOT EXISTS (SELECT 1 FROM roster_entries r WHERE r.user_id = u.id) ORDER BY u.id`,
  ).all() as Person[];
  const all = matchAll(people, rows);
  const pairs = all.filter((p) => p.confirmed).map(({ userId, entryId }) => ({ userId, entryId }));
  const claims = all.filter((p) => !p.confirmed);
  if (all.length === 0) return pairs;
  const link = stmt(db, `UPDATE roster_entries SET user_id = ? WHERE id = ? AND user_id IS NULL`);
  const move = stmt(db, `UPDATE users SET unit_id = (SELECT unit_id FROM roster_entries WHERE id = ?) WHERE id = ?`);
  const claim = stmt(db, `INSERT INTO roster_claims (entry_id, user_id, via, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const dropClaim = stmt(db, `DELETE FROM roster_claims WHERE user_id = ?`);
  const now = Date.now();
  db.$client.transaction(() => {
    for (const p of pairs) {
      link.run(p.userId, p.entryId);
      move.run(p.entryId, p.userId);
      dropClaim.run(p.userId);
    }
    for (const c of claims) claim.run(c.entryId, c.userId, c.via, now);
  }).immediate();
  return pairs;
}

/**
 * Replaces a unit's roster with the imported rows, keeping the account links of people whose row is still
 * there (same CCCD, phone, or name + date of birth). One transaction.
 */
export function replaceRoster(db: Db, unitId: number, rows: RosterRow[], now: number): { inserted: number; removed: number } {
  const old = stmt(
    db,
    `SELECT id, user_id AS userId, cccd, phone, name_folded AS nameFolded, birth_date AS birthDate FROM roster_entries WHERE unit_id = ?`,
  ).all(unitId) as { id: number; userId: number | null; cccd: string | null; phone: string | null; nameFolded: string; birthDate: string | null }[];
  const keep = (r: RosterRow) => {
    const folded = foldVietnamese(r.fullName);
    return old.find(
      (o) =>
        o.userId !== null &&
        ((r.cccd && o.cccd === r.cccd) || (r.phone && o.phone === r.phone) || (o.nameFolded === folded && o.birthDate && o.birthDate === r.birthDate)),
    )?.userId;
  };
  const insert = stmt(
    db,
    `INSERT INTO roster_entries (unit_id, full_name, name_folded, birth_date, phone, cccd, position, user_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const links = rows.map(keep);
  db.$client.transaction(() => {
    stmt(db, `DELETE FROM roster_entries WHERE unit_id = ?`).run(unitId);
    const used = new Set<number>();
    rows.forEach((r, i) => {
      const userId = links[i] && !used.has(links[i]!) ? links[i]! : null;
      if (userId) used.add(userId);
      insert.run(unitId, r.fullName, foldVietnamese(r.fullName), r.birthDate, r.phone, r.cccd, r.position, userId, now);
    });
  }).immediate();
  return { inserted: rows.length, removed: old.length };
}

export function rosterOf(db: Db, unitId: number) {
  return stmt(
    db,
    `SELECT r.id, r.full_name AS fullName, r.birth_date AS birthDate, r.phone, r.cccd, r.position, r.user_id AS userId
       FROM roster_entries r WHERE r.unit_id = ? ORDER BY r.name_folded, r.id`,
  ).all(unitId) as { id: number; fullName: string; birthDate: string | null; phone: string | null; cccd: string | null; position: string | null; userId: number | null }[];
}

export function rosterSizes(db: Db): Map<number, { size: number; linked: number }> {
  const rows = stmt(db, `SELECT unit_id AS unitId, COUNT(*) AS size, COUNT(user_id) AS linked FROM roster_entries GROUP BY unit_id`).all() as {
    unitId: number;
    size: number;
    linked: number;
  }[];
  return new Map(rows.map((r) => [r.unitId, { size: r.size, linked: r.linked }]));
}

/** Accounts in units that have a roster but that no roster row names: the organizer reviews them. */
export function unmatchedRegistrations(db: Db, unitIds: number[] | null) {
  return stmt(
    db,
    `SELECT u.id, u.full_name AS fullName, u.birth_date AS birthDate, u.phone, u.position, u.unit_id AS unitId, un.name AS unitName
       FROM users u JOIN units un ON un.id = u.unit_id
      WHERE u.unit_id IN (SELECT DISTINCT unit_id FROM roster_entries)
        AND NOT EXISTS (SELECT 1 FROM roster_entries r WHERE r.user_id = u.id)
        AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role IN ('admin', 'organizer'))
        AND (:units IS NULL OR u.unit_id IN (SELECT value FROM json_each(:units)))
      ORDER BY un.sort_order, u.full_name`,
  ).all({ units: unitIds === null ? null : JSON.stringify(unitIds) }) as {
    id: number;
    fullName: string;
    birthDate: string | null;
    phone: string;
    position: string | null;
    unitId: number;
    unitName: string;
  }[];
}

/** Unlinked rows of a unit, to pick from when linking a registration by hand. */
export function freeRosterRows(db: Db, unitIds: number[]) {
  return stmt(
    db,
    `SELECT id, unit_id AS unitId, full_name AS fullName, birth_date AS birthDate, position FROM roster_entries
      WHERE user_id IS NULL AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY name_folded`,
  ).all(JSON.stringify(unitIds)) as { id: number; unitId: number; fullName: string; birthDate: string | null; position: string | null }[];
}

/** Links an account to a roster row by hand; false when either is already linked. */
export function linkByHand(db: Db, userId: number, entryId: number): boolean {
  return db.$client
    .transaction(() => {
      const free = stmt(
        db,
        `SELECT unit_id AS unitId FROM roster_entries WHERE id = ? AND user_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM roster_entries WHERE user_id = ?)`,
      ).get(entryId, userId) as { unitId: number } | undefined;
      if (!free) return false;
      stmt(db, `UPDATE roster_entries SET user_id = ? WHERE id = ?`).run(userId, entryId);
      stmt(db, `UPDATE users SET unit_id = ? WHERE id = ?`).run(free.unitId, userId);
      stmt(db, `DELETE FROM roster_claims WHERE user_id = ?`).run(userId);
      return true;
    })
    .immediate();
}

/** Moves a person (their account and their roster row, if any) to another unit; returns the old unit. */
export function movePerson(db: Db, userId: number, toUnitId: number): { fromUnitId: number | null } | null {
  return db.$client
    .transaction(() => {
      const row = stmt(db, `SELECT COALESCE(r.unit_id, u.unit_id) AS fromUnitId FROM users u LEFT JOIN roster_entries r ON r.user_id = u.id WHERE u.id = ?`).get(
        userId,
      ) as { fromUnitId: number | null } | undefined;
      if (!row) return null;
      stmt(db, `UPDATE users SET unit_id = ? WHERE id = ?`).run(toUnitId, userId);
      stmt(db, `UPDATE roster_entries SET unit_id = ? WHERE user_id = ?`).run(toUnitId, userId);
      return row;
    })
    .immediate();
}

export function findUserBrief(db: Db, userId: number) {
  return stmt(db, `SELECT id, full_name AS fullName, unit_id AS unitId FROM users WHERE id = ?`).get(userId) as
    | { id: number; fullName: string; unitId: number | null }
    | undefined;
}

export type RegistrationLink = { status: "linked" | "pending" | "none"; entryId: number | null };

/**
 * At registration: the person's roster row, found by the same rules, through the indexes (no full scan).
 * A match that two identifiers confirm links the account; one identifier alone leaves a pending claim.
 */
export function linkUserToRoster(db: Db, userId: number, now = Date.now()): RegistrationLink {
  const person = stmt(db, `SELECT id, unit_id AS unitId, full_name AS fullName, birth_date AS birthDate, phone, cccd FROM users WHERE id = ?`).get(userId) as
    | Person
    | undefined;
  if (!person) return { status: "none", entryId: null };
  const rows = stmt(
    db,
    `SELECT id, unit_id AS unitId, name_folded AS nameFolded, birth_date AS birthDate, phone, cccd, user_id AS userId
       FROM roster_entries
      WHERE user_id IS NULL AND (cccd = :cccd OR phone = :phone OR (unit_id = :unitId AND name_folded = :name AND birth_date = :birthDate))`,
  ).all({ cccd: person.cccd, phone: person.phone, unitId: person.unitId, name: foldVietnamese(person.fullName), birthDate: person.birthDate }) as RosterCandidate[];
  const pair = matchAll([person], rows)[0];
  if (!pair) return { status: "none", entryId: null };
  if (pair.confirmed) return linkByHand(db, userId, pair.entryId) ? { status: "linked", entryId: pair.entryId } : { status: "none", entryId: null };
  addClaim(db, { entryId: pair.entryId, userId, via: pair.via === "name_dob" ? "self" : pair.via }, now);
  return { status: "pending", entryId: pair.entryId };
}

/** Opens (or replaces) the person's claim on a row. */
export function addClaim(db: Db, c: { entryId: number; userId: number; via: "cccd" | "phone" | "self" }, now: number): void {
  stmt(
    db,
    `INSERT INTO roster_claims (entry_id, user_id, via, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET entry_id = excluded.entry_id, via = excluded.via, created_at = excluded.created_at`,
  ).run(c.entryId, c.userId, c.via, now);
}

export type ClaimRow = {
  id: number;
  entryId: number;
  userId: number;
  via: "cccd" | "phone" | "self";
  createdAt: number;
  rowName: string;
  rowBirthDate: string | null;
  rowPosition: string | null;
  unitId: number;
  unitName: string;
  fullName: string;
  birthDate: string | null;
  phone: string;
  accountUnitName: string | null;
};

/** Open claims on rows of the given units (null: all), with the row and the account side by side. */
export function openClaims(db: Db, unitIds: number[] | null): ClaimRow[] {
  return stmt(
    db,
    `SELECT c.id, c.entry_id AS entryId, c.user_id AS userId, c.via, c.created_at AS createdAt, r.full_name AS rowName,
            r.birth_date AS rowBirthDate, r.position AS rowPosition, r.unit_id AS unitId, un.name AS unitName,
            u.full_name AS fullName, u.birth_date AS birthDate, u.phone, au.name AS accountUnitName
       FROM roster_claims c JOIN roster_entries r ON r.id = c.entry_id JOIN units un ON un.id = r.unit_id
       JOIN users u ON u.id = c.user_id LEFT JOIN units au ON au.id = u.unit_id
      WHERE (:units IS NULL OR r.unit_id IN (SELECT value FROM json_each(:units)))
      ORDER BY c.created_at, c.id`,
  ).all({ units: unitIds === null ? null : JSON.stringify(unitIds) }) as ClaimRow[];
}

export function claimOf(db: Db, claimId: number) {
  return stmt(
    db,
    `SELECT c.id, c.entry_id AS entryId, c.user_id AS userId, c.via, r.unit_id AS unitId, r.cccd AS rowCccd, r.phone AS rowPhone
       FROM roster_claims c JOIN roster_entries r ON r.id = c.entry_id WHERE c.id = ?`,
  ).get(claimId) as { id: number; entryId: number; userId: number; via: "cccd" | "phone" | "self"; unitId: number; rowCccd: string | null; rowPhone: string | null } | undefined;
}

export function claimOfUser(db: Db, userId: number) {
  return stmt(
    db,
    `SELECT c.id, c.via, r.full_name AS rowName, un.name AS unitName FROM roster_claims c JOIN roster_entries r ON r.id = c.entry_id
       JOIN units un ON un.id = r.unit_id WHERE c.user_id = ?`,
  ).get(userId) as { id: number; via: string; rowName: string; unitName: string } | undefined;
}

/**
 * Refuses a claim. A claim made with a CCCD that is the row's takes the CCCD off the claimant's account, so
 * that the real person can register with it.
 */
export function refuseClaim(db: Db, claimId: number): { userId: number; clearedCccd: boolean } | null {
  return db.$client
    .transaction(() => {
      const c = claimOf(db, claimId);
      if (!c) return null;
      stmt(db, `DELETE FROM roster_claims WHERE id = ?`).run(claimId);
      let clearedCccd = false;
      if (c.via === "cccd" && c.rowCccd !== null) {
        clearedCccd = stmt(db, `UPDATE users SET cccd = NULL WHERE id = ? AND cccd = ?`).run(c.userId, c.rowCccd).changes > 0;
      }
      return { userId: c.userId, clearedCccd };
    })
    .immediate();
}

/** Releases a row someone claimed: the account stays, unlinked, in the unit it registered in. */
export function releaseRow(db: Db, entryId: number): { userId: number; unitId: number } | null {
  return db.$client
    .transaction(() => {
      const row = stmt(db, `SELECT user_id AS userId, unit_id AS unitId FROM roster_entries WHERE id = ? AND user_id IS NOT NULL`).get(entryId) as
        | { userId: number; unitId: number }
        | undefined;
      if (!row) return null;
      stmt(db, `UPDATE roster_entries SET user_id = NULL WHERE id = ?`).run(entryId);
      return row;
    })
    .immediate();
}

export function rosterEntryBrief(db: Db, entryId: number) {
  return stmt(db, `SELECT id, unit_id AS unitId, user_id AS userId, birth_date AS birthDate, cccd, phone, full_name AS fullName FROM roster_entries WHERE id = ?`).get(entryId) as
    | { id: number; unitId: number; userId: number | null; birthDate: string | null; cccd: string | null; phone: string | null; fullName: string }
    | undefined;
}

/** Whether the account is linked to a roster row: a verified person. */
export function isVerified(db: Db, userId: number): boolean {
  return stmt(db, `SELECT 1 FROM roster_entries WHERE user_id = ?`).get(userId) !== undefined;
}

/** Wrong confirmations a person sent since `since` (the audit log holds them). */
export function selfClaimMismatches(db: Db, userId: number, since: number): number {
  return (
    stmt(db, `SELECT COUNT(*) AS n FROM audit_log WHERE user_id = ? AND action = 'roster_self_claim_mismatch' AND at >= ?`).get(userId, since) as { n: number }
  ).n;
}

/** Rows of the given units that an account has taken, with the account, for release on the review page. */
export function linkedRows(db: Db, unitIds: number[]) {
  return stmt(
    db,
    `SELECT r.id AS entryId, r.full_name AS rowName, r.unit_id AS unitId, un.name AS unitName, u.full_name AS fullName, u.phone
       FROM roster_entries r JOIN users u ON u.id = r.user_id JOIN units un ON un.id = r.unit_id
      WHERE r.unit_id IN (SELECT value FROM json_each(?)) ORDER BY un.sort_order, r.name_folded LIMIT 500`,
  ).all(JSON.stringify(unitIds)) as { entryId: number; rowName: string; unitId: number; unitName: string; fullName: string; phone: string }[];
}
