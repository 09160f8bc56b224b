/**
 * Spreadsheet formula injection (CSV injection): a text cell such as `=HYPERLINK(...)` or
 * `@SUM(...)` is run as a formula when billing staff open the file. Names come from tenants
 * and API users, so every TEXT cell is neutralised by a leading `'`, which spreadsheets show
 * as plain text. Real numbers stay numbers (a negative JS number is not text and is safe).
 * Full-width forms are included because some spreadsheet apps fold them to ASCII.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

export function csvSafeText(text: string): string {
  return text.length > 0 && TRIGGERS.has(text[0]) ? `'${text}` : text;
}
