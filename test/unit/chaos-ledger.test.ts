// The chaos run's comparison of the bridge's transactions with a provider's ledger (pure).
import { describe, expect, it } from 'vitest';
import { compareLedger } from '../chaos/harness.js';

const tx = (id: string, state: string, authorized: number | null = 1_000, captured: number | null = null) => ({
  id,
  reference: `ref-${id}`,
  provider: 'blink',
  state,
  amount_requested: 1_000,
  amount_authorized: authorized,
  amount_captured: captured,
});
const hold = (reference: string, state: string, amount = 1_000, captured = 0) => ({
  reference,
  state,
  amount,
  captured,
});

describe('compareLedger', () => {
  it('accepts agreement: authorised, captured, voided, and a failure with nothing held', () => {
    expect(
      compareLedger(
        'blink',
        [hold('a', 'authorized'), hold('b', 'captured', 1_000, 800), hold('c', 'voided'), hold('d', 'declined')],
        [
          tx('a', 'authorized'),
          tx('b', 'captured', 1_000, 800),
          tx('c', 'voided'),
          tx('d', 'declined'),
          tx('e', 'failed'),
        ],
      ),
    ).toEqual([]);
  });

  it('reports each kind of difference', () => {
    const out = compareLedger(
      'blink',
      [
        hold('a', 'authorized'),
        hold('a', 'authorized'),
        hold('b', 'authorized'),
        hold('c', 'captured', 1_000, 500),
        hold('z', 'authorized'),
      ],
      [tx('a', 'authorized'), tx('b', 'failed'), tx('c', 'captured', 1_000, 900), tx('d', 'authorized')],
    );
    expect(out).toHaveLength(5);
    expect(out[0]).toMatch(/blink:a held more than once/);
    expect(out[1]).toMatch(/blink:b held behind a failure/);
    expect(out[2]).toMatch(/blink:c captured amount/);
    expect(out[3]).toMatch(/blink:d state/);
    expect(out[4]).toMatch(/blink:z held at the provider, unknown to posbridge/);
  });

  it('leaves unresolved transactions to a person', () => {
    expect(compareLedger('blink', [hold('a', 'authorized')], [tx('a', 'unresolved')])).toEqual([]);
  });
});
