import { describe, expect, it } from 'vitest';
import { canonicalTimestamp, parseTimestamp, storedTimestampMs } from '../../../bridge/core/timestamp.js';

describe('RFC 3339 date-times', () => {
  it('reads real instants in every form the API took before, to one canonical form', () => {
    expect(canonicalTimestamp('2030-01-01T10:00:00Z')).toBe('2030-01-01T10:00:00.000Z');
    expect(canonicalTimestamp('2030-01-01T13:00:00.0000000+03:00')).toBe('2030-01-01T10:00:00.000Z');
    expect(canonicalTimestamp('2030-01-01t10:00:00.5z')).toBe('2030-01-01T10:00:00.500Z');
    expect(canonicalTimestamp('2030-01-01 10:00:00Z')).toBe('2030-01-01T10:00:00.000Z');
    expect(canonicalTimestamp('2030-01-01T15:00:00+0500')).toBe('2030-01-01T10:00:00.000Z');
    // Date.parse gives NaN for a two-digit offset; ajv-formats let it through.
    expect(canonicalTimestamp('2030-01-01T15:00:00+05')).toBe('2030-01-01T10:00:00.000Z');
    expect(canonicalTimestamp('2028-02-29T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(parseTimestamp('0099-06-01T00:00:00Z')).toBe(Date.parse('0099-06-01T00:00:00Z'));
  });

  it('refuses leap seconds and impossible dates, which Date.parse reads as NaN or as another day', () => {
    for (const bad of [
      '2020-12-31T23:59:60Z',
      '2030-06-30T23:59:60Z',
      '2030-02-29T00:00:00Z',
      '2030-04-31T00:00:00Z',
      '2030-13-01T00:00:00Z',
      '2030-01-01T24:00:00Z',
      '2030-01-01T00:60:00Z',
      '2030-01-01T00:00:00+24:00',
      '2030-01-01T00:00:00',
      '2030-01-01',
      '9999-12-31T23:59:59-01:00',
      '2030-01-01T00:00:00+05:',
      'soon',
      '',
    ])
      expect(parseTimestamp(bad), bad).toBeUndefined();
  });

  it('reads a leap second already in the store as the instant after hh:mm:59', () => {
    expect(storedTimestampMs('2020-12-31T23:59:60Z')).toBe(Date.parse('2021-01-01T00:00:00Z'));
    expect(storedTimestampMs('2030-01-01T00:00:00.000Z')).toBe(Date.parse('2030-01-01T00:00:00Z'));
    expect(storedTimestampMs('garbage')).toBeUndefined();
  });
});
