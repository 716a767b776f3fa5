/** "2026-01-15" → "15/01/2026" (shown dates are dd/mm/yyyy); empty for none. */
export const vnDate = (iso: string | null | undefined) => (iso ? iso.split("-").reverse().join("/") : "");
