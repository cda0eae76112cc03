// Pure interpretation of PayPorter replies. Synchronous: the answer to the request is the result.
// Sources (commitup/api-doc-v2): docs/pos-api/pre-auth.md, capture-auth.md, cancel-payment.md,
// refund-payment.md, payment-status.md and the status list in api.html.
import { normalizeBrand } from '../../core/card.js';
import { fromMajorNumber } from '../../core/money.js';
import type { Approval, Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext } from '../../core/connector.js';
import { captureAmount } from './build.js';
import { errorText, readPayPorterError } from './errors.js';
import { isPayment, type ApiPaymentResponse } from './wire.js';

/** How long to wait before looking up a record PayPorter queued (PENDING_APPROVAL). */
export const PENDING_POLL_MS = 10_000;

function approvalOf(p: ApiPaymentResponse): Approval {
  return {
    providerRef: p.paymentId,
    providerRefs: { paymentId: p.paymentId },
    ...(p.authCode ? { authCode: p.authCode } : {}),
    ...(p.pan
      ? { card: { brand: normalizeBrand(p.cardScheme ?? undefined), maskedPan: p.pan, entryMode: 'keyed' } }
      : {}),
  };
}

/**
 * The docs give resultCode only as "Result code from the payment provider" with the values SUCCESS
 * and PENDING_APPROVAL in their examples: no decline codes at all. So every FAILED is card_declined,
 * and the provider's own code and message are passed on for a person to read.
 */
function declineMessage(p: ApiPaymentResponse): string {
  const code = p.resultCode && p.resultCode !== p.status ? ` (${p.resultCode})` : '';
  return `${p.resultMessage ?? 'PayPorter declined the card'}${code}`;
}

function refused(what: string, p: ApiPaymentResponse): Outcome {
  return {
    kind: 'rejected',
    code: 'provider_rejected',
    message: `PayPorter ${what} answered ${p.status}${p.resultMessage ? `: ${p.resultMessage}` : ''}`,
    fieldErrors: [],
  };
}

/** PENDING_APPROVAL is queued, not final (refund-payment.md; webhooks.md fires only on final states): ask again later. */
function queued(p: ApiPaymentResponse, withRef: boolean): Outcome {
  return { kind: 'pending', pollAfterMs: PENDING_POLL_MS, ...(withRef ? { approval: approvalOf(p) } : {}) };
}

export function outcomeOfPreauth(p: ApiPaymentResponse): Outcome {
  switch (p.status) {
    case 'SUCCESS':
      return {
        kind: 'approved',
        approval: { ...approvalOf(p), amountAuthorized: fromMajorNumber(p.amount, p.currency) },
      };
    case 'FAILED':
      return { kind: 'declined', code: 'card_declined', message: declineMessage(p) };
    case 'PENDING_APPROVAL':
      return queued(p, true);
    case 'CAPTURED':
      // Money was taken, not held: never report that as a failure. A person must look.
      return { kind: 'unknown', reason: `PayPorter answered CAPTURED to pre-authorisation ${p.paymentId}` };
    default:
      // ENROLLED means 3-D Secure is needed; a POS cannot complete it, and no hold exists until it is.
      return refused('pre-authorisation', p);
  }
}

export function outcomeOfPayment(ctx: OperationContext, p: ApiPaymentResponse): Outcome {
  switch (ctx.kind) {
    case 'preauth':
      return outcomeOfPreauth(p);
    case 'capture':
      // capture-auth.md (en, ru, tr): a successful capture answers status SUCCESS; api.html lists
      // CAPTURED too, so both mean captured. The example answers amount 100.50 to a capture of 90.00,
      // so the answer's amount is not the captured amount: that is the amount we asked for.
      if (p.status === 'SUCCESS' || p.status === 'CAPTURED')
        return { kind: 'approved', approval: { amountCaptured: captureAmount(ctx) } };
      if (p.status === 'PENDING_APPROVAL') return queued(p, false);
      return refused('capture', p);
    case 'void':
      // cancel-payment.md: the answer is the new CANCEL record (parentPaymentId = ours); SUCCESS = accepted.
      if (p.status === 'SUCCESS' || p.status === 'CANCELLED')
        return { kind: 'approved', approval: { operationRef: p.paymentId } };
      if (p.status === 'PENDING_APPROVAL') return queued(p, false);
      return refused('cancel', p);
    case 'adjust':
      return { kind: 'rejected', code: 'operation_not_supported', message: 'PayPorter cannot adjust', fieldErrors: [] };
  }
}

export function parseReply(ctx: OperationContext, reply: HttpReply): Outcome {
  const { status, body } = reply;
  if (status >= 200 && status < 300) {
    if (!isPayment.Check(body))
      return { kind: 'unknown', reason: `payporter answered ${status} with a body we cannot read` };
    return outcomeOfPayment(ctx, body);
  }
  const err = readPayPorterError(body);
  const text = errorText(err, status);
  // 429 is documented only for PayPorter's money-transfer API (intro.md); it refuses before processing.
  if (status === 429) return { kind: 'retryable', notSent: true, reason: `payporter rate limit: ${text}` };
  // intro.md: on a 500 "check your transfer or payment status before retrying". Never a blind resend.
  if (status >= 500) return { kind: 'unknown', reason: `payporter answered ${status}: ${text}` };
  // authentication.md: requests without valid credentials receive 401.
  if (status === 401 || status === 403)
    return {
      kind: 'rejected',
      code: 'provider_error',
      message: `PayPorter refused our credentials (${status}): ${text}`,
      fieldErrors: [],
    };
  return {
    kind: 'rejected',
    code: 'provider_rejected',
    message: `PayPorter refused the request (${status}): ${text}`,
    fieldErrors: err.fieldErrors,
  };
}
