import { describe, expect, it } from 'vitest';
import { parseDurationMs } from '../../../bridge/core/duration.js';

describe('ISO 8601 durations', () => {
  it('reads days, hours, minutes and seconds', () => {
    expect(parseDurationMs('PT24H')).toBe(86_400_000);
    expect(parseDurationMs('P1D')).toBe(86_400_000);
    expect(parseDurationMs('P2DT12H30M5S')).toBe(((2 * 24 + 12) * 60 + 30) * 60_000 + 5_000);
    expect(parseDurationMs('PT90M')).toBe(5_400_000);
  });
  it('refuses what is not one', () => {
    for (const bad of ['', 'P', 'PT', '24H', 'P1Y', 'PT-1H', 'P1DT']) expect(parseDurationMs(bad)).toBeUndefined();
  });
});
