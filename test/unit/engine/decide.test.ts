import { describe, expect, it } from 'vitest';
import { decide, type DecideInput } from '../../../bridge/engine/decide.js';
import type { Outcome } from '../../../bridge/core/outcome.js';

const base: DecideInput = {
  kind: 'preauth',
  outcome: { kind: 'approved', approval: {} },
  attempts: 1,
  maxAttempts: 3,
  inDoubt: false,
  transactionState: 'in_progress',
  amountAuthorized: null,
  now: 1_000,
  backoff: { baseMs: 100, maxMs: 1000 },
  random: () => 1,
  canLookup: false,
  canResend: true,
  inDoubtForMs: 0,
  resolveWindowMs: 60_000,
  cardPresent: false,
};
const d = (outcome: Outcome, over: Partial<DecideInput> = {}) => decide({ ...base, outcome, ...over });

describe('decide', () => {
  it('authorises a preauth with what the provider approved', () => {
    expect(
      d({
        kind: 'approved',
        approval: {
          providerRef: 'P1',
          amountAuthorized: 900,
          authCode: 'A1',
          card: { brand: 'visa', maskedPan: '411111******1111' },
        },
      }),
    ).toEqual({
      kind: 'succeed',
      tx: {
        to: 'authorized',
        patch: {
          provider_ref: 'P1',
          auth_code: 'A1',
          card_brand: 'visa',
          card_masked_pan: '411111******1111',
          amount_authorized: 900,
          error_code: null,
          error_message: null,
        },
      },
    });
  });

  it('maps follow-ups onto the transaction', () => {
    expect(
      d(
        { kind: 'approved', approval: { amountAuthorized: 1500 } },
        { kind: 'adjust', transactionState: 'authorized', amountAuthorized: 1000 },
      ),
    ).toMatchObject({ kind: 'succeed', tx: { to: 'authorized', patch: { amount_authorized: 1500 } } });
    expect(
      d(
        { kind: 'approved', approval: {} },
        { kind: 'capture', transactionState: 'authorized', amountAuthorized: 1000 },
      ),
    ).toMatchObject({ kind: 'succeed', tx: { to: 'captured', patch: { amount_captured: 1000 } } });
    expect(d({ kind: 'approved', approval: {} }, { kind: 'void', transactionState: 'authorized' })).toMatchObject({
      kind: 'succeed',
      tx: { to: 'voided' },
    });
  });

  it('declines and rejects without retrying; a refused follow-up leaves the hold alone', () => {
    expect(d({ kind: 'declined', code: 'card_declined', message: 'no' })).toMatchObject({
      kind: 'fail',
      tx: { to: 'declined' },
    });
    expect(d({ kind: 'rejected', code: 'provider_rejected', message: 'bad', fieldErrors: [] })).toMatchObject({
      kind: 'fail',
      tx: { to: 'failed' },
    });
    const capture = d(
      { kind: 'rejected', code: 'provider_rejected', message: 'bad', fieldErrors: [] },
      { kind: 'capture', transactionState: 'authorized' },
    );
    expect(capture).toEqual({ kind: 'fail', error: { code: 'provider_rejected', message: 'bad' } });
  });

  it("retries what provably did not happen, with backoff or the provider's Retry-After", () => {
    expect(d({ kind: 'retryable', notSent: true, reason: 'refused' })).toEqual({
      kind: 'retry',
      at: 1_100,
      inDoubt: false,
      error: { code: 'provider_unavailable', message: 'refused' },
    });
    expect(d({ kind: 'retryable', notSent: true, reason: '429', retryAfterMs: 3000 })).toMatchObject({
      kind: 'retry',
      at: 4_000,
    });
  });

  it('keeps an earlier doubt even when the latest attempt was provably not sent', () => {
    expect(d({ kind: 'retryable', notSent: true, reason: 'refused' }, { inDoubt: true })).toMatchObject({
      kind: 'retry',
      inDoubt: true,
    });
  });

  it('retries an unknown outcome only in doubt, and ends unresolved, never failed, when attempts run out', () => {
    expect(d({ kind: 'unknown', reason: 'timeout' })).toMatchObject({ kind: 'retry', inDoubt: true });
    expect(
      d({ kind: 'unknown', reason: 'timeout' }, { attempts: 3, canResend: false, canLookup: false }),
    ).toMatchObject({ kind: 'unresolved', tx: { to: 'unresolved' } });
    expect(d({ kind: 'unknown', reason: 'timeout' }, { attempts: 3, canResend: true })).toMatchObject({
      kind: 'retry',
      unresolved: true,
    });
    expect(
      d({ kind: 'retryable', notSent: true, reason: 'x' }, { attempts: 3, inDoubt: true, canResend: false }),
    ).toMatchObject({ kind: 'unresolved' });
  });

  it('fails a preauth that provably never reached the provider after the last attempt', () => {
    expect(d({ kind: 'retryable', notSent: true, reason: 'refused' }, { attempts: 3 })).toMatchObject({
      kind: 'fail',
      error: { code: 'provider_unavailable' },
      tx: { to: 'failed' },
    });
  });

  it("polls a pending answer after the provider's delay, in doubt, keeping the references it gave", () => {
    expect(
      d({
        kind: 'pending',
        pollAfterMs: 5000,
        approval: { providerRef: 'TX1', providerRefs: { transaction_id: 'TX1', order_id: 'OR1' } },
      }),
    ).toEqual({
      kind: 'retry',
      at: 6_000,
      inDoubt: true,
      error: { code: 'provider_pending', message: 'the provider is still processing' },
      patch: { provider_ref: 'TX1', provider_refs_json: '{"transaction_id":"TX1","order_id":"OR1"}' },
    });
  });

  it('polls a pending answer without using up attempts, and flags it unresolved only after the window', () => {
    expect(d({ kind: 'pending', pollAfterMs: 500 }, { attempts: 50 })).toMatchObject({ kind: 'retry', at: 1_500 });
    expect(d({ kind: 'pending', pollAfterMs: 500 }, { attempts: 50 })).not.toHaveProperty('unresolved');
    expect(d({ kind: 'pending', pollAfterMs: 500 }, { inDoubtForMs: 60_000 })).toMatchObject({
      kind: 'retry',
      unresolved: true,
    });
  });

  it('never starts a card-present preauth later than asked, but waits while the terminal is busy', () => {
    expect(d({ kind: 'retryable', notSent: true, reason: 'unreachable' }, { cardPresent: true })).toMatchObject({
      kind: 'fail',
      error: { code: 'provider_unavailable' },
      tx: { to: 'failed' },
    });
    expect(d({ kind: 'retryable', notSent: true, reason: 'busy', busy: true }, { cardPresent: true })).toMatchObject({
      kind: 'retry',
      inDoubt: false,
    });
    expect(
      d(
        { kind: 'retryable', notSent: true, reason: 'unreachable' },
        { cardPresent: true, kind: 'capture', transactionState: 'authorized' },
      ),
    ).toMatchObject({ kind: 'retry' });
  });

  it('with nothing that could ever tell, an unknown outcome is unresolved at once', () => {
    expect(d({ kind: 'unknown', reason: 'lost connection' }, { canLookup: false, canResend: false })).toMatchObject({
      kind: 'unresolved',
      tx: { to: 'unresolved' },
    });
  });

  it('when attempts run out but the provider can be asked, shows unresolved and keeps polling slowly', () => {
    expect(d({ kind: 'unknown', reason: 'status UNKNOWN' }, { attempts: 3, canLookup: true })).toMatchObject({
      kind: 'retry',
      at: 2_000,
      inDoubt: true,
      unresolved: true,
    });
  });
});
