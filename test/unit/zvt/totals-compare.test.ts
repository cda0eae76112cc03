// The terminal's end-of-day totals against posbridge's own captures: every difference comes out, none is
// evened out, and equal totals give none.
import { describe, expect, it } from 'vitest';
import { compareTotals } from '../../../bridge/terminals/zvt/totals-compare.js';

describe('compareTotals', () => {
  it('gives nothing when count and amount agree, or both sides are empty', () => {
    expect(
      compareTotals([{ currency: 'EUR', count: 2, amount: 958 }], [{ currency: 'EUR', count: 2, amount: 958 }]),
    ).toEqual([]);
    expect(compareTotals([{ currency: 'EUR', count: 0, amount: 0 }], [])).toEqual([]);
  });

  it('names a booking the terminal left out as a count and an amount difference', () => {
    expect(
      compareTotals([{ currency: 'EUR', count: 1, amount: 500 }], [{ currency: 'EUR', count: 2, amount: 958 }]),
    ).toEqual([
      { kind: 'count', currency: 'EUR', ours: 2, theirs: 1 },
      { kind: 'amount', currency: 'EUR', ours: 958, theirs: 500 },
    ]);
  });

  it('an amount alone can differ (a capture booked for another amount)', () => {
    expect(
      compareTotals([{ currency: 'EUR', count: 1, amount: 1000 }], [{ currency: 'EUR', count: 1, amount: 900 }]),
    ).toEqual([{ kind: 'amount', currency: 'EUR', ours: 900, theirs: 1000 }]);
  });

  it('a currency on one side only is its own difference', () => {
    expect(
      compareTotals([{ currency: 'EUR', count: 0, amount: 0 }], [{ currency: 'EUR', count: 1, amount: 700 }]),
    ).toEqual([{ kind: 'currency_missing_at_terminal', currency: 'EUR', ours: 700, theirs: null }]);
    expect(compareTotals([{ currency: 'EUR', count: 1, amount: 700 }], [])).toEqual([
      { kind: 'currency_missing_here', currency: 'EUR', ours: null, theirs: 700 },
    ]);
  });
});
