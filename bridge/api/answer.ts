// What an answer means for the POS, decided in one place (pure): the status code, a `result` a legacy
// POS can switch on, and a sentence for the cashier. The rule the POS may rely on: 2xx with `final:
// true` is done; 202 is not final yet (never treat it as failed, never send it again: poll Location);
// 402 is a decline; every other status means nothing happened. An outcome in doubt is never a 5xx.
import { currencyExponent } from '../core/money.js';
import type { OperationKind } from '../core/states.js';
import type { OperationRow, TransactionRow } from '../store/rows.js';

export const RESULTS = ['approved', 'partially_approved', 'declined', 'refused', 'pending', 'unknown'] as const;
export type Result = (typeof RESULTS)[number];

/** Issuer declines: the card said no (402). Everything else that fails is a refusal. */
export const DECLINE_CODES: ReadonlySet<string> = new Set([
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'referral_required',
]);

export interface Answer {
  readonly result: Result;
  readonly message: string;
}

function amount(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const exp = currencyExponent(currency) ?? 2;
  return `${(minor / 10 ** exp).toFixed(exp)} ${currency}`;
}

const DONE: Record<OperationKind, (tx: TransactionRow) => string> = {
  preauth: (tx) => `Approved: ${amount(tx.amount_authorized, tx.currency)} is held on the card.`,
  adjust: (tx) => `Approved: the hold is now ${amount(tx.amount_authorized, tx.currency)}.`,
  capture: (tx) => `Approved: ${amount(tx.amount_captured, tx.currency)} is charged to the card.`,
  void: () => 'Approved: the hold is released; nothing is charged.',
};

const UNKNOWN = (kind: OperationKind) =>
  `Not known yet whether the ${kind === 'preauth' ? 'reservation' : kind} went through. Do not treat it as failed, and do not start it again ` +
  'with a new reference or another card: posbridge keeps asking the provider (a person is told if it cannot find out). ' +
  'Ask for this transaction again for the outcome; repeating the very same request is safe.';

/** The answer about one operation of a transaction (the one the POS just asked for, or the latest one). */
export function answerOf(op: OperationRow, tx: TransactionRow): Answer {
  switch (op.state) {
    case 'succeeded':
      if (op.kind === 'preauth' && tx.amount_authorized !== null && tx.amount_authorized < tx.amount_requested) {
        return {
          result: 'partially_approved',
          message: `Approved for ${amount(tx.amount_authorized, tx.currency)} only (${amount(tx.amount_requested, tx.currency)} was asked): collect the rest another way or release this hold.`,
        };
      }
      return { result: 'approved', message: DONE[op.kind](tx) };
    case 'queued':
    case 'running':
      // In doubt while the provider says it is still working on it (accepted, polled) is pending; in doubt
      // because an answer was lost is unknown.
      if (tx.state === 'unresolved' || (op.in_doubt === 1 && op.error_code !== 'provider_pending'))
        return { result: 'unknown', message: UNKNOWN(op.kind) };
      if (op.queued_reason)
        return {
          result: 'pending',
          message:
            'The provider cannot be reached right now; the request is saved and goes out as soon as it answers. Do not send it again.',
        };
      return {
        result: 'pending',
        message:
          op.kind === 'preauth'
            ? 'Sent; waiting for the answer (the customer may be at the terminal).'
            : `Sent; waiting for the answer to the ${op.kind}.`,
      };
    case 'unresolved':
      return { result: 'unknown', message: UNKNOWN(op.kind) };
    case 'failed': {
      const why = op.error_message ?? 'no reason given';
      if (op.error_code && DECLINE_CODES.has(op.error_code))
        return {
          result: 'declined',
          message: `Declined by the card issuer (${why}). Ask for another card or another way to pay.`,
        };
      const unchanged = op.kind === 'preauth' ? 'Nothing was reserved.' : 'The hold is as it was.';
      return { result: 'refused', message: `Not done: ${why}. ${unchanged}` };
    }
  }
}

/** For a refusal made before anything was written (validation, conflicts, state checks). */
export function refusalOf(code: string, detail: string): Answer {
  if (DECLINE_CODES.has(code))
    return {
      result: 'declined',
      message: `Declined by the card issuer (${detail}). Ask for another card or another way to pay.`,
    };
  return { result: 'refused', message: `Not done: ${detail}. Nothing was changed.` };
}

/** HTTP status for an answer about an operation: 201/200 done, 202 not final, else the problem's own. */
export function statusOf(op: OperationRow, created: boolean): 200 | 201 | 202 | 'problem' {
  switch (op.state) {
    case 'succeeded':
      return created && op.kind === 'preauth' ? 201 : 200;
    case 'queued':
    case 'running':
    case 'unresolved':
      return 202;
    case 'failed':
      return 'problem';
  }
}
