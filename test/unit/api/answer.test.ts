// The answer a POS can act on from the status code and `result` alone (bridge/api/answer.ts).
import { describe, expect, it } from 'vitest';
import { answerOf, refusalOf, statusOf } from '../../../bridge/api/answer.js';
import type { OperationRow, TransactionRow } from '../../../bridge/store/rows.js';

const tx = (over: Partial<TransactionRow> = {}) =>
  ({
    state: 'authorized',
    currency: 'EUR',
    amount_requested: 10_000,
    amount_authorized: 10_000,
    amount_captured: null,
    ...over,
  }) as TransactionRow;
const op = (over: Partial<OperationRow> = {}) =>
  ({
    kind: 'preauth',
    state: 'succeeded',
    in_doubt: 0,
    queued_reason: null,
    error_code: null,
    error_message: null,
    ...over,
  }) as OperationRow;

describe('answerOf', () => {
  it('approved, with the amount held, captured or released in words', () => {
    expect(answerOf(op(), tx())).toEqual({ result: 'approved', message: 'Approved: 100.00 EUR is held on the card.' });
    expect(answerOf(op({ kind: 'capture' }), tx({ state: 'captured', amount_captured: 8_450 })).message).toBe(
      'Approved: 84.50 EUR is charged to the card.',
    );
    expect(answerOf(op({ kind: 'void' }), tx({ state: 'voided' })).result).toBe('approved');
    expect(
      answerOf(op(), tx({ currency: 'JPY', amount_requested: 5_000, amount_authorized: 5_000 })).message,
    ).toContain('5000 JPY');
  });

  it('partially approved when less was held than asked', () => {
    const a = answerOf(op(), tx({ amount_authorized: 6_000 }));
    expect(a.result).toBe('partially_approved');
    expect(a.message).toContain('60.00 EUR only (100.00 EUR was asked)');
  });

  it('pending while under way or queued offline; unknown when in doubt or unresolved — never failed', () => {
    expect(answerOf(op({ state: 'running' }), tx({ state: 'in_progress' })).result).toBe('pending');
    expect(
      answerOf(op({ state: 'queued', queued_reason: 'provider_unreachable' }), tx({ state: 'pending' })).message,
    ).toMatch(/goes out as soon as/);
    for (const doubt of [op({ state: 'queued', in_doubt: 1 }), op({ state: 'unresolved' })]) {
      const a = answerOf(doubt, tx({ state: 'unresolved' }));
      expect(a.result).toBe('unknown');
      expect(a.message).toMatch(
        /Do not treat it as failed, and do not start it again with a new reference or another card/,
      );
    }
    // Accepted by the provider and polled (in doubt only in the engine's sense): still pending.
    expect(
      answerOf(op({ state: 'queued', in_doubt: 1, error_code: 'provider_pending' }), tx({ state: 'in_progress' }))
        .result,
    ).toBe('pending');
  });

  it('declined for issuer declines, refused for everything else, saying what stays as it was', () => {
    expect(
      answerOf(
        op({ state: 'failed', error_code: 'insufficient_funds', error_message: 'not enough money' }),
        tx({ state: 'declined' }),
      ),
    ).toMatchObject({ result: 'declined' });
    expect(
      answerOf(
        op({ state: 'failed', error_code: 'provider_unavailable', error_message: 'down' }),
        tx({ state: 'failed' }),
      ).message,
    ).toBe('Not done: down. Nothing was reserved.');
    expect(
      answerOf(op({ kind: 'capture', state: 'failed', error_code: 'provider_rejected', error_message: 'no' }), tx())
        .message,
    ).toBe('Not done: no. The hold is as it was.');
    expect(refusalOf('card_declined', 'x').result).toBe('declined');
    expect(refusalOf('validation_failed', 'amount is missing')).toEqual({
      result: 'refused',
      message: 'Not done: amount is missing. Nothing was changed.',
    });
  });
});

describe('statusOf', () => {
  it('201 for a new hold, 200 for a repeat or a follow-up, 202 for anything not final, a problem for a failure', () => {
    expect(statusOf(op(), true)).toBe(201);
    expect(statusOf(op(), false)).toBe(200);
    expect(statusOf(op({ kind: 'capture' }), true)).toBe(200);
    expect(statusOf(op({ state: 'running' }), true)).toBe(202);
    expect(statusOf(op({ state: 'unresolved' }), true)).toBe(202);
    expect(statusOf(op({ state: 'failed' }), true)).toBe('problem');
  });
});
