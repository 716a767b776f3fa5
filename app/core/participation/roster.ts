import { foldVietnamese, hasHiddenCharacters, hasLetter } from "../text";

/**
 * Rosters: parsing a staff list, normalising its fields, and matching a registered person to their row.
 * No I/O.
 */

/** "0905 123 456", "+84905123456", "84905123456" → "0905123456"; null when it is not a Vietnamese number. */
export function normalizePhone(input: string | null | undefined): string | null {
  if (!input) return null;
  let digits = String(input).replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+84")) digits = "0" + digits.slice(3);
  else if (/^84\d{9}$/.test(digits)) digits = "0" + digits.slice(2);
  else if (/^\d{9}$/.test(digits) && !digits.startsWith("0")) digits = "0" + digits; // Excel drops the leading 0
  return /^0\d{9}$/.test(digits) ? digits : null;
}

export function normalizeCccd(input: string | null | undefined): string | null {
  if (!input) return null;
  let digits = String(input).replace(/\s/g, "");
  if (/^\d{11}$/.test(digits)) digits = "0" + digits; // Excel drops the leading 0
  return /^\d{12}$/.test(digits) ? digits : null;
}

/** dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd or a Date (an Excel date cell) → yyyy-mm-dd; null when not a real date. */
export function parseBirthDate(input: unknown): string | null {
  if (input instanceof Date && !Number.isNaN(input.getTime())) return input.toISOString().slice(0, 10);
  if (typeof input !== "string") return null;
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || y > 2100) return null;
  return date.toISOString().slice(0, 10);
}

export type RosterRow = { fullName: string; birthDate: string | null; phone: string | null; cccd: string | null; position: string | null };
export type ImportError = { row: number; column: string; message: string };

/**
 * Rows of a staff list as read from the sheet (row 1 is the header; `cells` hold the text of columns A–E:
 * họ tên, ngày sinh, số điện thoại, CCCD, chức vụ). All or nothing: any error and nothing is imported.
 */
export function parseRosterRows(
  rows: readonly { row: number; cells: readonly unknown[] }[],
): { ok: true; rows: RosterRow[] } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const out: RosterRow[] = [];
  const phones = new Map<string, number>();
  const cccds = new Map<string, number>();
  for (const { row, cells } of rows) {
    const text = (v: unknown) => (v === null || v === undefined ? "" : v instanceof Date ? "" : String(v).normalize("NFC").trim());
    const [nameCell, birthCell, phoneCell, cccdCell, positionCell] = cells;
    if ([nameCell, birthCell, phoneCell, cccdCell, positionCell].every((c) => text(c) === "" && !(c instanceof Date))) continue;
    const fullName = text(nameCell).replace(/\s+/g, " ");
    if (!fullName) errors.push({ row, column: "Họ tên", message: "Thiếu họ tên." });
    else if (hasHiddenCharacters(fullName)) errors.push({ row, column: "Họ tên", message: "Họ tên có ký tự ẩn hoặc ký tự điều khiển." });
    else if (!hasLetter(fullName)) errors.push({ row, column: "Họ tên", message: "Họ tên phải có chữ cái." });
    let birthDate: string | null = null;
    if (birthCell instanceof Date || text(birthCell)) {
      birthDate = parseBirthDate(birthCell instanceof Date ? birthCell : text(birthCell));
      if (!birthDate) errors.push({ row, column: "Ngày sinh", message: `"${text(birthCell)}" không phải ngày hợp lệ (dd/mm/yyyy).` });
    }
    let phone: string | null = null;
    if (text(phoneCell)) {
      phone = normalizePhone(text(phoneCell));
      if (!phone) errors.push({ row, column: "Số điện thoại", message: `"${text(phoneCell)}" không phải số điện thoại Việt Nam (10 chữ số).` });
      else if (phones.has(phone)) errors.push({ row, column: "Số điện thoại", message: `Trùng với dòng ${phones.get(phone)}.` });
      else phones.set(phone, row);
    }
    let cccd: string | null = null;
    if (text(cccdCell)) {
      cccd = normalizeCccd(text(cccdCell));
      if (!cccd) errors.push({ row, column: "CCCD", message: `"${text(cccdCell)}" không phải số CCCD (12 chữ số).` });
      else if (cccds.has(cccd)) errors.push({ row, column: "CCCD", message: `Trùng với dòng ${cccds.get(cccd)}.` });
      else cccds.set(cccd, row);
    }
    const position = text(positionCell) || null;
    out.push({ fullName, birthDate, phone, cccd, position });
  }
  if (out.length === 0 && errors.length === 0) errors.push({ row: 2, column: "Họ tên", message: "Danh sách không có dòng nào." });
  return errors.length ? { ok: false, errors } : { ok: true, rows: out };
}

export type Person = { id: number; unitId: number | null; fullName: string; birthDate: string | null; phone: string | null; cccd: string | null };
export type RosterCandidate = {
  id: number;
  unitId: number;
  nameFolded: string;
  birthDate: string | null;
  phone: string | null;
  cccd: string | null;
  userId: number | null;
};

export type MatchVia = "cccd" | "phone" | "name_dob";
export type RosterMatch = { userId: number; entryId: number; via: MatchVia; confirmed: boolean };

/**
 * Whether a row found by one identifier is confirmed by a second one the person gave: the date of birth or
 * the name (diacritics folded). A phone or a CCCD alone is known to colleagues and family, so it only makes
 * a claim that a unit head or the organizer reviews.
 */
export function confirmedBySecond(person: Person, row: Pick<RosterCandidate, "nameFolded" | "birthDate">): boolean {
  const dob = person.birthDate !== null && row.birthDate !== null && person.birthDate === row.birthDate;
  const name = foldVietnamese(person.fullName) === row.nameFolded;
  return dob || name;
}

/**
 * The roster row a person is: the one with their CCCD, else their phone (in any unit: the roster says where
 * they work), else the single row of their own unit with the same name (diacritics folded) and date of
 * birth. A CCCD or phone match is confirmed only with a second identifier (see confirmedBySecond); without
 * one it is a pending claim. A row already linked to someone else never matches; two equal candidates mean
 * review by a person.
 */
export function matchRoster(person: Person, rows: readonly RosterCandidate[]): (RosterCandidate & { via: MatchVia; confirmed: boolean }) | null {
  const pair = matchAll([person], rows.filter((r) => r.userId === null || r.userId === person.id).map((r) => ({ ...r, userId: null })))[0];
  const row = pair ? rows.find((r) => r.id === pair.entryId) : undefined;
  return pair && row ? { ...row, via: pair.via, confirmed: pair.confirmed } : null;
}

function indexBy<K>(rows: readonly RosterCandidate[], key: (r: RosterCandidate) => K | null): Map<K, RosterCandidate[]> {
  const m = new Map<K, RosterCandidate[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/**
 * Matches many people at once, with indexes (a full pass over 100,000 rows stays linear). Each row and
 * each person is used at most once; a person whose only candidate was taken earlier stays for review.
 * Pairs with `confirmed: false` are claims for review, not links.
 */
export function matchAll(people: readonly Person[], rows: readonly RosterCandidate[]): RosterMatch[] {
  const free = rows.filter((r) => r.userId === null);
  const byCccd = indexBy(free, (r) => r.cccd);
  const byPhone = indexBy(free, (r) => r.phone);
  const byNameDob = indexBy(free, (r) => (r.birthDate ? `${r.unitId}|${r.nameFolded}|${r.birthDate}` : null));
  const taken = new Set<number>();
  const single = (list: RosterCandidate[] | undefined) => {
    const left = (list ?? []).filter((r) => !taken.has(r.id));
    return left.length === 1 ? left[0] : null;
  };
  const pairs: RosterMatch[] = [];
  for (const person of people) {
    const cccd = normalizeCccd(person.cccd);
    const phone = normalizePhone(person.phone);
    let hit: RosterCandidate | null = null;
    let via: MatchVia = "cccd";
    if (cccd) hit = single(byCccd.get(cccd));
    if (!hit && phone) {
      hit = single(byPhone.get(phone));
      via = "phone";
      // A row that names a different CCCD is someone else, whoever's phone this is.
      if (hit && hit.cccd !== null && cccd && hit.cccd !== cccd) hit = null;
    }
    if (!hit && person.birthDate && person.unitId !== null) {
      const candidate = single(byNameDob.get(`${person.unitId}|${foldVietnamese(person.fullName)}|${person.birthDate}`));
      via = "name_dob";
      if (candidate && (candidate.cccd === null || !cccd || candidate.cccd === cccd)) hit = candidate;
    }
    if (hit) {
      taken.add(hit.id);
      pairs.push({ userId: person.id, entryId: hit.id, via, confirmed: via === "name_dob" || confirmedBySecond(person, hit) });
    }
  }
  return pairs;
}

export type SelfClaim = { birthDate?: string | null; cccd?: string | null; phone?: string | null };
export type SelfClaimRow = { birthDate: string | null; cccd: string | null; phone: string | null };

/**
 * A person picks their own row (the name is the first identifier) and gives one more. "confirmed" when it
 * agrees with the row, "mismatch" when the row holds that identifier and it differs, "review" when the row
 * holds none of what they gave (a unit head decides).
 */
export function checkSelfClaim(given: SelfClaim, row: SelfClaimRow): "confirmed" | "mismatch" | "review" {
  const pairs: [string | null, string | null][] = [
    [given.birthDate ? parseBirthDate(given.birthDate) : null, row.birthDate],
    [given.cccd ? normalizeCccd(given.cccd) : null, row.cccd],
    [given.phone ? normalizePhone(given.phone) : null, row.phone],
  ];
  let compared = false;
  for (const [mine, theirs] of pairs) {
    if (mine === null || theirs === null) continue;
    compared = true;
    if (mine !== theirs) return "mismatch";
  }
  return compared ? "confirmed" : "review";
}

/** What the person whose row (or CCCD, or phone) someone else took is told: whom to ask. */
export const CLAIM_HELP =
  "Nếu đó không phải bạn, vui lòng báo thủ trưởng đơn vị của bạn hoặc Ban Tổ chức cuộc thi: họ kiểm tra và gỡ dòng danh sách đã bị nhận nhầm.";

/**
 * What an organizer allows unverified accounts (not matched to a roster row) in one contest. Throwaway sign-ups
 * cost nothing, so the public vote counts verified people only unless the organizer opens it; prizes, rankings
 * and taking part stay open unless the organizer closes them.
 */
export type VerificationPolicy = { unverifiedMayVote: boolean; unverifiedRanked: boolean; unverifiedMayTakePart: boolean };
export const DEFAULT_VERIFICATION_POLICY: VerificationPolicy = { unverifiedMayVote: false, unverifiedRanked: true, unverifiedMayTakePart: true };

export function mayAct(policy: VerificationPolicy, act: "vote" | "rank" | "takePart", verified: boolean): boolean {
  if (verified) return true;
  if (act === "vote") return policy.unverifiedMayVote;
  if (act === "rank") return policy.unverifiedRanked;
  return policy.unverifiedMayTakePart;
}

export const NOT_VERIFIED_VOTE_TEXT =
  "Chỉ tài khoản đã khớp danh sách cán bộ mới được bình chọn trong cuộc thi này. Vào “Tài khoản của tôi” để ghép tài khoản.";
