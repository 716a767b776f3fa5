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
