// CSV cells (RFC 4180 quoting, spreadsheet formula injection) and amounts in major units.
import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord, majorUnits } from '../../../bridge/api/export/csv.js';
import { exportFileName } from '../../../bridge/api/export/transactions-csv.js';
import { parseCsv } from '../../helpers/csv.js';

describe('csvCell', () => {
  it('leaves plain text and numbers as they are, and an absent value empty', () => {
    expect(csvCell('Room-12')).toBe('Room-12');
    expect(csvCell(1250)).toBe('1250');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes a comma, a quote or a line break, doubling the quote (RFC 4180 §2.6, §2.7)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('makes a cell a spreadsheet would run as a formula text, with a leading apostrophe', () => {
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(f).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('builds CRLF records that read back as written', () => {
    const cells = ['x,y', '"q"', '=cmd', 'ä ö ü ß ç ğ ı', 'line\nbreak', ''];
    const text = csvRecord(cells) + csvRecord(['1', '2']);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['x,y', '"q"', "'=cmd", 'ä ö ü ß ç ğ ı', 'line\nbreak', ''],
      ['1', '2'],
    ]);
  });
});

describe('majorUnits', () => {
  it('writes minor units as an exact decimal in the currency exponent', () => {
    expect(majorUnits(1250, 2)).toBe('12.50');
    expect(majorUnits(5, 2)).toBe('0.05');
    expect(majorUnits(1250, 0)).toBe('1250');
    expect(majorUnits(1234, 3)).toBe('1.234');
    expect(majorUnits(999_999_999_999, 2)).toBe('9999999999.99');
    expect(majorUnits(null, 2)).toBe('');
  });
});

it('names the file after the day', () => {
  expect(exportFileName(Date.parse('2026-12-01T23:59:00Z'))).toBe('posbridge-transactions-2026-12-01.csv');
});
