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

/**
 * Labels for a list of units that tell namesakes apart with as little as it takes: a unique name stands alone;
 * a repeated one gets its parents, nearest first, until it is unique ("Phòng Nội vụ, Huyện Quế Sơn"). `path`
 * is the parents' names, nearest first. A long label on every line is what made the picker unreadable on a phone.
 */
export function distinctUnitLabels(units: readonly { id: number; name: string; path: readonly string[] }[]): Map<number, string> {
  const labels = new Map<number, string>();
  const byName = new Map<string, typeof units[number][]>();
  for (const u of units) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  for (const group of byName.values()) {
    if (group.length === 1) {
      labels.set(group[0].id, group[0].name);
      continue;
    }
    const longest = Math.max(...group.map((u) => u.path.length));
    for (let depth = 1; depth <= longest; depth++) {
      const tried = group.map((u) => [u.name, ...u.path.slice(0, depth)].join(", "));
      if (new Set(tried).size === group.length || depth === longest) {
        group.forEach((u, i) => labels.set(u.id, tried[i]));
        break;
      }
    }
  }
  return labels;
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
