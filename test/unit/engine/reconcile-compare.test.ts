// The comparison of a day's payments with a provider's records, and the store's day as instants: pure.
import { describe, expect, it } from 'vitest';
import type { TheirPayment } from '../../../bridge/core/provider-records.js';
import { compare, type OurPayment } from '../../../bridge/engine/reconcile/compare.js';

const ours = (id: string, over: Partial<OurPayment> = {}): OurPayment => ({
  transactionId: id,
  reference: `pos-${id}`,
  terminalId: 't1',
  state: 'authorized',
  currency: 'EUR',
  authorized: 1_000,
  captured: null,
  providerRef: `p-${id}`,
  providerRefs: { paymentId: `p-${id}` },
  ...over,
});
const theirs = (id: string | null, over: Partial<TheirPayment> = {}): TheirPayment => ({
  providerRef: `p-${id ?? 'x'}`,
  transactionId: id,
  currency: 'EUR',
  authorized: 1_000,
  captured: null,
  state: 'authorized',
  status: 'ready',
  ...over,
});
const day = (o: OurPayment[], t: TheirPayment[], known: string[] = []) =>
  compare(o, { coverage: 'day', theirs: t, missing: [] }, (x) => known.includes(x.providerRef));

describe('compare', () => {
  it('finds nothing when both accounts agree, captured and released ones too', () => {
    const r = day(
      [ours('a'), ours('b', { state: 'captured', captured: 700 }), ours('c', { state: 'voided' })],
      [theirs('a'), theirs('b', { state: 'captured', captured: 700 }), theirs('c', { state: 'released' })],
    );
    expect(r).toEqual({ differences: [], checked: 3, unchecked: [] });
  });

  it('names each kind of difference with both sides', () => {
    const r = day(
      [
        ours('amount'),
        ours('charged', { state: 'captured', captured: 900 }),
        ours('state', { state: 'voided' }),
        ours('currency'),
        ours('gone'),
      ],
      [
        theirs('amount', { authorized: 1_100 }),
        theirs('charged', { state: 'captured', captured: 1_000 }),
        theirs('state', { state: 'captured', captured: 1_000 }),
        theirs('currency', { currency: 'USD' }),
        theirs(null, { providerRef: 'stranger', authorized: 5_000 }),
      ],
    );
    expect(r.differences.map((d) => [d.kind, d.field ?? null, d.transactionId, d.providerRef])).toEqual([
      ['amount_differs', 'authorized', 'amount', 'p-amount'],
      ['amount_differs', 'captured', 'charged', 'p-charged'],
      ['state_differs', null, 'state', 'p-state'],
      ['currency_differs', null, 'currency', 'p-currency'],
      ['unknown_to_posbridge', null, null, 'stranger'],
      ['missing_at_provider', null, 'gone', 'p-gone'],
    ]);
    expect(r.differences[0]).toMatchObject({
      ours: { state: 'authorized', authorized: 1_000, currency: 'EUR', reference: 'pos-amount' },
      theirs: { state: 'authorized', authorized: 1_100, status: 'ready' },
    });
    expect(r.differences.at(-1)).toMatchObject({ ours: { state: 'authorized' }, theirs: null });
  });

  it('matches by the provider id where the record does not carry ours', () => {
    expect(day([ours('a')], [theirs(null, { providerRef: 'p-a' })]).differences).toEqual([]);
  });

  it('does not call a payment of a neighbouring day unknown, nor a stranger decline', () => {
    const r = day(
      [],
      [theirs(null, { providerRef: 'yesterday' }), theirs(null, { providerRef: 'd', state: 'declined' })],
      ['yesterday'],
    );
    expect(r.differences).toEqual([]);
  });

  it('leaves payments under way for a later run, and expects no record of one never held', () => {
    const r = day(
      [
        ours('sending', { state: 'in_progress' }),
        ours('refused', { state: 'declined', authorized: null }),
        ours('lost', { state: 'failed' }),
      ],
      [],
    );
    expect(r.differences).toEqual([]);
    expect(r.checked).toBe(2);
  });

  it('takes a record without an outcome that holds nothing as agreeing with a payment that held nothing', () => {
    const unclear = { state: 'other' as const, authorized: null, status: 'request log: 503 Terminal unreachable' };
    expect(day([ours('f', { state: 'failed', authorized: null })], [theirs('f', unclear)]).differences).toEqual([]);
    expect(day([ours('h')], [theirs('h', unclear)]).differences).toEqual([
      expect.objectContaining({ kind: 'state_differs', theirs: expect.objectContaining({ status: unclear.status }) }),
    ]);
  });

  it('never takes an unresolved payment as agreeing: whatever the provider says is shown', () => {
    const r = day([ours('u', { state: 'unresolved' })], [theirs('u')]);
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'state_differs', transactionId: 'u' })]);
  });

  it('reads an approved record that does not tell held from charged as agreeing with either', () => {
    const r = day(
      [ours('h'), ours('c', { state: 'captured', captured: 1_000 })],
      [theirs('h', { state: 'approved' }), theirs('c', { state: 'approved' })],
    );
    expect(r.differences).toEqual([]);
  });

  it('with lookups per payment: only the provider\'s "not found" is missing; one not asked is unchecked', () => {
    const r = compare(
      [ours('found'), ours('notfound'), ours('unasked'), ours('declined', { state: 'declined' })],
      { coverage: 'each', theirs: [theirs('found')], missing: ['notfound'] },
      () => false,
    );
    expect(r.differences).toEqual([
      expect.objectContaining({ kind: 'missing_at_provider', transactionId: 'notfound' }),
    ]);
    expect(r.unchecked).toEqual(['unasked']);
    expect(r.checked).toBe(2);
  });

  it('cannot see a stranger through lookups of our own payments', () => {
    const r = compare([], { coverage: 'each', theirs: [theirs(null, { providerRef: 'z' })], missing: [] }, () => false);
    expect(r.differences).toEqual([]);
  });
});
