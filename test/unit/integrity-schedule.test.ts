// When the background quick check runs: soon after start unless a passing check is recent, then on schedule.
import { describe, expect, it } from 'vitest';
import { nextCheckAt } from '../../bridge/integrity-schedule.js';

const s = { intervalMs: 24 * 3_600_000, firstAfterMs: 60_000 };
const now = Date.parse('2026-06-01T12:00:00Z');
const result = (at: string, ok: boolean) => ({ at, ok, detail: ok ? 'ok' : 'x', duration_ms: 1 });

describe('nextCheckAt', () => {
  it('checks soon after start when no check ever ran', () => {
    expect(nextCheckAt(null, now, s)).toBe(now + 60_000);
  });
  it('waits for the interval after a recent pass, so daily restarts do not read the disk every time', () => {
    expect(nextCheckAt(result('2026-06-01T06:00:00Z', true), now, s)).toBe(Date.parse('2026-06-02T06:00:00Z'));
  });
  it('checks soon after start when the last pass is older than the interval', () => {
    expect(nextCheckAt(result('2026-05-30T06:00:00Z', true), now, s)).toBe(now + 60_000);
  });
  it('checks again soon after start when the last check failed (a repaired database clears the alarm)', () => {
    expect(nextCheckAt(result('2026-06-01T11:00:00Z', false), now, s)).toBe(now + 60_000);
  });
  it('never waits more than one interval, even for a time in the future (a clock set back)', () => {
    expect(nextCheckAt(result('2027-01-01T00:00:00Z', true), now, s)).toBe(now + s.intervalMs);
  });
});
