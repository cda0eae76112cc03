// A store's day in its own time zone: where it starts and ends in UTC, across daylight-saving changes,
// and which dates and zones are refused.
import { describe, expect, it } from 'vitest';
import { dayBounds, dayOf, isDay, isTimeZone } from '../../../bridge/core/day.js';

describe('dayBounds', () => {
  it('runs from local midnight to local midnight', () => {
    expect(dayBounds('2026-12-01', 'Europe/Berlin')).toEqual({
      from: '2026-11-30T23:00:00.000Z',
      to: '2026-12-01T23:00:00.000Z',
    });
    expect(dayBounds('2026-12-01', 'Europe/Istanbul')).toEqual({
      from: '2026-11-30T21:00:00.000Z',
      to: '2026-12-01T21:00:00.000Z',
    });
    expect(dayBounds('2026-12-31', 'UTC')).toEqual({
      from: '2026-12-31T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
  });

  it('is 23 hours on the spring change and 25 on the autumn one', () => {
    const span = (d: string) => {
      const b = dayBounds(d, 'Europe/Berlin');
      return (Date.parse(b.to) - Date.parse(b.from)) / 3_600_000;
    };
    expect(span('2026-03-29')).toBe(23);
    expect(span('2026-10-25')).toBe(25);
    expect(dayBounds('2026-03-29', 'Europe/Berlin').from).toBe('2026-03-28T23:00:00.000Z');
  });

  it('names the day an instant falls on in the zone', () => {
    expect(dayOf(Date.parse('2026-11-30T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12-01');
    expect(dayOf(Date.parse('2026-11-30T23:30:00Z'), 'UTC')).toBe('2026-11-30');
  });

  it('knows real dates and real zones only', () => {
    expect(isDay('2026-12-01')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-12-1')).toBe(false);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('A'.repeat(65))).toBe(false);
  });
});
