// The day's buckets from the store's grouped rows: which state counts where, with which amount, and that
// captures and voids land on the day they succeeded.
import { describe, expect, it } from 'vitest';
import { summarise, type CreatedRow } from '../../../bridge/day/summary.js';

const row = (state: CreatedRow['state'], n: number, requested: number, authorized = 0, nAuth = 0): CreatedRow => ({
  terminal_id: 'bar',
  currency: 'EUR',
  state,
  n,
  requested,
  n_authorized: nAuth,
  authorized,
});

describe('summarise', () => {
  it('puts each state in its bucket per terminal and currency', () => {
    const [line, ...rest] = summarise(
      [
        row('authorized', 2, 3000, 3000, 2),
        row('captured', 1, 1000, 1000, 1),
        row('voided', 1, 500, 500, 1),
        row('declined', 1, 5101),
        row('unresolved', 1, 700),
        row('pending', 1, 200),
        row('failed', 4, 999),
      ],
      [
        { terminal_id: 'bar', currency: 'EUR', kind: 'capture', n: 2, amount: 1800 },
        { terminal_id: 'bar', currency: 'EUR', kind: 'void', n: 1, amount: 500 },
      ],
    );
    expect(rest).toEqual([]);
    expect(line).toEqual({
      terminal_id: 'bar',
      currency: 'EUR',
      buckets: {
        authorised: { count: 4, amount: 4500 },
        still_open: { count: 2, amount: 3000 },
        declined: { count: 1, amount: 5101 },
        in_doubt: { count: 2, amount: 900 },
        captured: { count: 2, amount: 1800 },
        released: { count: 1, amount: 500 },
      },
    });
  });

  it('keeps terminals and currencies apart, sorted', () => {
    const lines = summarise(
      [
        { ...row('authorized', 1, 100, 100, 1), terminal_id: 'z' },
        { ...row('declined', 1, 100), currency: 'TRY' },
      ],
      [{ terminal_id: 'a', currency: 'USD', kind: 'capture', n: 1, amount: 5 }],
    );
    expect(lines.map((l) => `${l.terminal_id}/${l.currency}`)).toEqual(['a/USD', 'bar/TRY', 'z/EUR']);
  });
});
