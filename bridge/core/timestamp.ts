// RFC 3339 date-times as the API takes them, read exactly. Date.parse returns NaN for a leap second
// ("…T23:59:60Z"), and NaN compares false with everything: such a hold passed "must be in the future"
// and then never expired. The store also compares expires_at as text, so a time is kept in one form
// (toISOString, UTC) whatever offset the POS wrote it with.

// RFC 3339 with what the API took before it read times itself (ajv-formats' date-time): a space or a
// lower-case t and z, and the ISO 8601 offsets +0500 and +05 besides +05:00.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z: the range toISOString writes in 24 characters. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function read(text: string, leapSecond: boolean): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetSign = m[8] === '-' ? -1 : 1;
  const offsetHours = m[9] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[10] === undefined ? 0 : Number(m[10]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  if (second > (leapSecond ? 60 : 59)) return undefined;
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, millis);
  const ms = at.getTime() - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return ms >= MIN_MS && ms <= MAX_MS ? ms : undefined;
}

/** Milliseconds since the epoch, or undefined for anything that is not a real instant (no leap seconds:
 *  a Date cannot hold one, and a POS has no reason to send one). */
export function parseTimestamp(text: string): number | undefined {
  return read(text, false);
}

/** The same in the one form the store keeps (2030-01-01T10:00:00.000Z). */
export function canonicalTimestamp(text: string): string | undefined {
  const ms = parseTimestamp(text);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** A time read back from the store. Rows written before the API checked times may hold a leap second,
 *  read as the instant after hh:mm:59, which is what it meant. */
export function storedTimestampMs(text: string): number | undefined {
  return read(text, true);
}
