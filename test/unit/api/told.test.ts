import { describe, expect, it } from 'vitest';
import { toldPosChanges } from '../../../bridge/api/told.js';

describe('what the POS was told, as far as the orphan sweep reads it', () => {
  it('a first answer that is not final is written: the hold may become authorised behind the POS', () => {
    expect(toldPosChanges(null, 'pending')).toBe(true);
    expect(toldPosChanges(null, 'unknown')).toBe(true);
  });

  it('a first answer that is final writes nothing: the transaction was never a candidate and is none now', () => {
    for (const result of ['approved', 'partially_approved', 'declined', 'refused']) {
      expect(toldPosChanges(null, result)).toBe(false);
    }
  });

  it('a final answer after a "not final" one is written, so the sweep stops counting the hold', () => {
    expect(toldPosChanges('pending', 'approved')).toBe(true);
    expect(toldPosChanges('unknown', 'declined')).toBe(true);
  });

  it('the same result heard again is not written again', () => {
    expect(toldPosChanges('pending', 'pending')).toBe(false);
    expect(toldPosChanges('approved', 'approved')).toBe(false);
  });
});
