// A store's calendar day as a range of instants, pure. The day belongs to the store's time zone (an IANA
// name), so "1 December" in Berlin runs from 30 November 23:00 UTC to 1 December 23:00 UTC; across a
// daylight-saving change a day is 23 or 25 hours long.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `tz` is a time zone Intl knows (an IANA name such as Europe/Berlin, or UTC). */
export function isTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The PC's own time zone. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** How far `tz`'s wall clock is ahead of UTC at the instant `ms` (whole seconds). */
function offsetAt(ms: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant the wall clock of `tz` shows 00:00 on `day`. */
function midnight(y: number, m: number, d: number, tz: string): number {
  const wall = Date.UTC(y, m - 1, d);
  // Twice: the offset at the first guess may differ from the offset at midnight itself (a change that day).
  const first = wall - offsetAt(wall, tz);
  return wall - offsetAt(first, tz);
}

/** [from, to) of `day` in `tz`, as ISO strings the store compares its timestamps with. */
export function dayBounds(day: string, tz: string): { from: string; to: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    from: new Date(midnight(y, m, d, tz)).toISOString(),
    to: new Date(midnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), tz)).toISOString(),
  };
}

/** The calendar day (YYYY-MM-DD) the instant `ms` falls on in `tz`. */
export function dayOf(ms: number, tz: string): string {
  return new Date(ms + offsetAt(ms, tz)).toISOString().slice(0, 10);
}
