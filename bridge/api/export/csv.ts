// RFC 4180 CSV, safe to open in a spreadsheet. A cell is quoted when it holds a comma, a quote or a line
// break (quotes doubled); a cell a spreadsheet would run as a formula (= + - @, a tab or a carriage return
// first) gets a leading ' so it is shown as text (OWASP "CSV injection"). Records end with CRLF.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A number we wrote (an amount, a count) is data, never a formula, even when negative.
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Minor units as a decimal in major units ("12.50" for 1250 EUR, "1250" for JPY), exactly, without floats. */
export function majorUnits(minor: number | null, exponent: number): string {
  if (minor === null) return '';
  if (exponent === 0) return String(minor);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const sign = minor < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
