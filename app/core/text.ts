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
