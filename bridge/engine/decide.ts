// What an outcome means for the operation and its transaction. Pure: the lane applies the decision
// in one SQLite transaction. Only `retryable` outcomes are retried as plain resends; `unknown` ones
// are retried in doubt, which makes the next step resolve (look up, or resend with the same key).
import { backoffDelay, type BackoffPolicy } from '../core/backoff.js';
import type { Approval, Outcome } from '../core/outcome.js';
import type { OperationKind, TransactionState } from '../core/states.js';
import type { TransactionPatch } from '../store/transactions.js';

export interface DecideInput {
  readonly kind: OperationKind;
  readonly outcome: Outcome;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly inDoubt: boolean;
  readonly transactionState: TransactionState;
  readonly amountAuthorized: number | null;
  readonly now: number;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  /** The provider can look this operation up, so an unknown outcome can still be learned later. */
  readonly canLookup: boolean;
  /** The request can be sent again safely (same idempotency key, same body). */
  readonly canResend: boolean;
  /** How long the operation has been in doubt or pending (0 if it is not). */
  readonly inDoubtForMs: number;
  /** After this long still pending, the transaction is shown as unresolved (and still polled). */
  readonly resolveWindowMs: number;
  /** The card is read at a terminal: a preauth must never start there later than the POS asked. */
  readonly cardPresent: boolean;
  /** The provider's circuit is open: what was provably not sent waits in the queue, using up no attempts. */
  readonly providerUnreachable?: boolean;
}

export interface TxChange {
  readonly to: TransactionState;
  readonly patch: TransactionPatch;
}

export type Decision =
  | { readonly kind: 'succeed'; readonly tx: TxChange; readonly operationRef?: string }
  | { readonly kind: 'fail'; readonly error: { code: string; message: string }; readonly tx?: TxChange }
  | {
      readonly kind: 'retry';
      readonly at: number;
      readonly inDoubt: boolean;
      readonly error: { code: string; message: string };
      /** References learned on the way (an async provider's transaction id), kept without a state change. */
      readonly patch?: TransactionPatch;
      readonly operationRef?: string;
      /** Attempts ran out but the provider can still be asked: show the transaction as unresolved and keep polling. */
      readonly unresolved?: boolean;
      /** The attempt never had a chance (the provider was unreachable): it does not count. */
      readonly refundAttempt?: boolean;
    }
  | { readonly kind: 'unresolved'; readonly error: { code: string; message: string }; readonly tx: TxChange };

function approvalPatch(a: Approval | undefined): TransactionPatch {
  if (!a) return {};
  const patch: TransactionPatch = {};
  if (a.providerRef !== undefined) patch.provider_ref = a.providerRef;
  if (a.providerRefs !== undefined) patch.provider_refs_json = JSON.stringify(a.providerRefs);
  if (a.authCode !== undefined) patch.auth_code = a.authCode;
  if (a.card?.brand !== undefined) patch.card_brand = a.card.brand;
  if (a.card?.maskedPan !== undefined) patch.card_masked_pan = a.card.maskedPan;
  if (a.card?.entryMode !== undefined) patch.card_entry_mode = a.card.entryMode;
  return patch;
}

function succeeded(input: DecideInput, approval: Approval): Decision {
  const patch = approvalPatch(approval);
  const operationRef = approval.operationRef ? { operationRef: approval.operationRef } : {};
  switch (input.kind) {
    case 'preauth':
      return {
        kind: 'succeed',
        tx: {
          to: 'authorized',
          patch: {
            ...patch,
            amount_authorized: approval.amountAuthorized ?? null,
            error_code: null,
            error_message: null,
          },
        },
      };
    case 'adjust':
      return {
        kind: 'succeed',
        ...operationRef,
        tx: { to: 'authorized', patch: { amount_authorized: approval.amountAuthorized ?? input.amountAuthorized } },
      };
    case 'capture':
      return {
        kind: 'succeed',
        ...operationRef,
        tx: { to: 'captured', patch: { amount_captured: approval.amountCaptured ?? input.amountAuthorized } },
      };
    case 'void':
      return { kind: 'succeed', ...operationRef, tx: { to: 'voided', patch: {} } };
  }
}

function unresolved(input: DecideInput, reason: string): Decision {
  const error = { code: 'outcome_unresolved', message: reason };
  return {
    kind: 'unresolved',
    error,
    tx: { to: 'unresolved', patch: { error_code: error.code, error_message: error.message } },
  };
}

function retryOrGiveUp(
  input: DecideInput,
  inDoubt: boolean,
  error: { code: string; message: string },
  afterMs?: number,
  approval?: Approval,
): Decision {
  const learned = approval
    ? { patch: approvalPatch(approval), ...(approval.operationRef ? { operationRef: approval.operationRef } : {}) }
    : {};
  if (input.attempts >= input.maxAttempts) {
    if (inDoubt && (input.canLookup || input.canResend)) {
      // Never guess: keep asking the provider (a lookup, or a resend it recognises by its idempotency key),
      // at the slowest pace, while a person can see it is unresolved.
      return { kind: 'retry', at: input.now + input.backoff.maxMs, inDoubt: true, error, unresolved: true, ...learned };
    }
    if (inDoubt)
      return unresolved(
        input,
        `gave up after ${input.attempts} attempts without knowing the outcome: ${error.message}`,
      );
    const fail = {
      code: 'provider_unavailable',
      message: `gave up after ${input.attempts} attempts: ${error.message}`,
    };
    return {
      kind: 'fail',
      error: fail,
      ...(input.kind === 'preauth'
        ? { tx: { to: 'failed' as const, patch: { error_code: fail.code, error_message: fail.message } } }
        : {}),
    };
  }
  const delay = afterMs ?? backoffDelay(input.attempts, input.backoff, input.random);
  return { kind: 'retry', at: input.now + delay, inDoubt, error, ...learned };
}

export function decide(input: DecideInput): Decision {
  const o = input.outcome;
  switch (o.kind) {
    case 'approved':
      return succeeded(input, o.approval);
    case 'declined': {
      const error = { code: o.code, message: o.message };
      if (input.kind !== 'preauth') return { kind: 'fail', error };
      return {
        kind: 'fail',
        error,
        tx: { to: 'declined', patch: { ...approvalPatch(o.approval), error_code: o.code, error_message: o.message } },
      };
    }
    case 'rejected': {
      const error = { code: o.code, message: o.message };
      if (input.kind !== 'preauth') return { kind: 'fail', error };
      return { kind: 'fail', error, tx: { to: 'failed', patch: { error_code: o.code, error_message: o.message } } };
    }
    case 'pending': {
      // Accepted and being processed: ask again after the provider's delay, keeping the references it
      // gave. Polls do not use up attempts; only time does: past the window a person is told.
      const learned = o.approval
        ? {
            patch: approvalPatch(o.approval),
            ...(o.approval.operationRef ? { operationRef: o.approval.operationRef } : {}),
          }
        : {};
      const error = { code: 'provider_pending', message: 'the provider is still processing' };
      const late = input.inDoubtForMs >= input.resolveWindowMs;
      return {
        kind: 'retry',
        at: input.now + o.pollAfterMs,
        inDoubt: true,
        error,
        ...learned,
        ...(late ? { unresolved: true } : {}),
      };
    }
    case 'retryable':
      if (input.cardPresent && input.kind === 'preauth' && !o.busy && !input.inDoubt) {
        // The customer is at the counter now; starting this on the terminal minutes later would surprise
        // everyone. Fail it at once: nothing happened, and the POS can ask again.
        const fail = {
          code: 'provider_unavailable',
          message: `The terminal cannot be reached now; nothing was reserved (${o.reason})`,
        };
        return {
          kind: 'fail',
          error: fail,
          tx: { to: 'failed', patch: { error_code: fail.code, error_message: fail.message } },
        };
      }
      if (input.providerUnreachable && !o.busy) {
        // The provider is gone for now: wait for it (the lane holds the queue until a probe may go),
        // bounded by the offline queue's maximum age rather than by attempts.
        return {
          kind: 'retry',
          at: input.now + (o.retryAfterMs ?? input.backoff.baseMs),
          inDoubt: input.inDoubt,
          error: { code: 'provider_unavailable', message: o.reason },
          refundAttempt: true,
        };
      }
      // Nothing happened this time, but an earlier attempt may still have: the doubt carries over.
      return retryOrGiveUp(input, input.inDoubt, { code: 'provider_unavailable', message: o.reason }, o.retryAfterMs);
    case 'unknown':
      // With no lookup and no safe resend, nothing will ever tell: a person must settle it now.
      if (!input.canLookup && !input.canResend)
        return unresolved(input, `${o.reason}; this provider offers no way to find out`);
      return retryOrGiveUp(input, true, { code: 'outcome_unknown', message: o.reason });
  }
}
