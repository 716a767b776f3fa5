/**
 * Text that a spreadsheet could take for a formula (=, +, -, @, or a tab or carriage return first) gets a
 * leading apostrophe in exports, so a name typed as "=HYPERLINK(...)" stays text on an organizer's computer.
 */
export function neutralizeFormula<T>(value: T): T | string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
