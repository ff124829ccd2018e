/**
 * CSV per RFC 4180 (CRLF rows, fields quoted when they hold a comma, quote or line break, quotes
 * doubled), with spreadsheet formula injection neutralised: a text cell starting with =, +, -, @,
 * tab or carriage return gets a leading apostrophe (OWASP's advice), so `=HYPERLINK(…)` from a
 * log stays text when the export is opened in Excel or Sheets. Numbers are written as numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
