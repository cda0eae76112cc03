import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, parseDurationMs } from '../../../bridge/core/duration.js';

describe('ISO 8601 durations are bounded', () => {
  it('takes up to 100 years, so now + the duration is still a date', () => {
    expect(parseDurationMs('P36500D')).toBe(MAX_DURATION_MS);
    expect(() => new Date(Date.now() + MAX_DURATION_MS).toISOString()).not.toThrow();
  });
  it('refuses longer ones, and digits that overflow a number', () => {
    for (const long of ['P36501D', 'P99999999D', 'PT876001H', `P${'9'.repeat(400)}D`, `PT${'9'.repeat(30)}S`]) {
      expect(parseDurationMs(long), long).toBeUndefined();
    }
  });
});
