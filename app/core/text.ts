/** Stored and shown text keeps its diacritics; this folded form is only for search and comparison. */
export function foldVietnamese(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function nfc(input: string): string {
  return input.normalize("NFC");
}

// Zero-width, bidi overrides and isolates, other format and control characters: invisible on screen, they let
// a name look like another (a near-copy) or read backwards. Tab and newline are controls too; a one-line
// field never needs them.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\u2028\u2029\u115F\u1160\u3164\uFFA0]/u;

/** True when the text holds a character that shows nothing or reorders what is shown. */
export function hasHiddenCharacters(input: string, allowNewlines = false): boolean {
  return HIDDEN.test(allowNewlines ? input.replace(/\r?\n|\t/g, " ") : input);
}

/** A name must show at least one letter: a name of spaces, digits or marks alone is no name. */
export function hasLetter(input: string): boolean {
  return /\p{L}/u.test(input);
}

/** yyyy-mm-dd naming a day that exists in the calendar (1990-02-31 does not). */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** yyyy-mm-ddThh:mm with a real day and a real time of day. */
export function isRealLocalDateTime(local: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(local);
  return !!m && isRealDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60;
}

/**
 * A search query that is a whole phone number (+84 / 84 / 0 prefix, spaces, dots, dashes allowed) as stored
 * (0xxxxxxxxx); null otherwise. Searches match a phone only as a whole: a fragment would let someone who
 * sees masked numbers recover the hidden digits one query at a time.
 */
export function wholePhoneQuery(input: string): string | null {
  const digits = input.trim().replace(/[\s.\-()]/g, "");
  if (/^\+?84\d{9}$/.test(digits)) return `0${digits.replace(/^\+?84/, "")}`;
  return /^0\d{9}$/.test(digits) ? digits : null;
}

/** Whether a query looks like (part of) a phone number rather than a name. */
export function looksLikePhone(input: string): boolean {
  return /^[\d\s.+()-]+$/.test(input.trim()) && /\d/.test(input);
}
