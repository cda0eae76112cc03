// Pure interpretation of PayPorter replies. Synchronous: the answer to the request is the result.
import { normalizeBrand } from '../../core/card.js';
import type { ErrorCode } from '../../core/errors.js';
import { fromMajorNumber } from '../../core/money.js';
import type { Lookup, Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext } from '../types.js';
import { isError, isPayment, type ApiPaymentResponse } from './wire.js';

/** ISO 8583 response codes PayPorter passes through as resultCode. */
function declineCode(resultCode: string | null | undefined): ErrorCode {
  switch (resultCode) {
    case '51': return 'insufficient_funds';
    case '54': return 'expired_card';
    case '01': case '02': return 'referral_required';
    default: return 'card_declined';
  }
}

function approvalOf(p: ApiPaymentResponse) {
  return {
    providerRef: p.paymentId,
    providerRefs: { paymentId: p.paymentId },
    ...(p.authCode ? { authCode: p.authCode } : {}),
    ...(p.pan ? { card: { brand: normalizeBrand(p.cardScheme ?? undefined), maskedPan: p.pan, entryMode: 'keyed' } } : {}),
  };
}

export function outcomeOfPayment(ctx: OperationContext, p: ApiPaymentResponse): Outcome {
  const amount = fromMajorNumber(p.amount, p.currency);
  switch (ctx.kind) {
    case 'preauth':
      if (p.status === 'SUCCESS') return { kind: 'approved', approval: { ...approvalOf(p), amountAuthorized: amount } };
      if (p.status === 'FAILED') return { kind: 'declined', code: declineCode(p.resultCode), message: p.resultMessage ?? `PayPorter result ${p.resultCode ?? ''}` };
      // ENROLLED means 3-D Secure is needed; a POS cannot complete it, and no hold exists until it is.
      return { kind: 'rejected', code: 'provider_rejected', message: `PayPorter answered ${p.status}: not a hold a POS can use`, fieldErrors: [] };
    case 'capture':
      if (p.status === 'CAPTURED') return { kind: 'approved', approval: { amountCaptured: amount } };
      return { kind: 'rejected', code: 'provider_rejected', message: `PayPorter capture answered ${p.status}: ${p.resultMessage ?? ''}`.trim(), fieldErrors: [] };
    case 'void':
      // The cancel answer is the new CANCEL record (transactionType CANCEL, parentPaymentId = ours).
      if (p.status === 'SUCCESS' || p.status === 'CANCELLED') return { kind: 'approved', approval: { operationRef: p.paymentId } };
      return { kind: 'rejected', code: 'provider_rejected', message: `PayPorter cancel answered ${p.status}: ${p.resultMessage ?? ''}`.trim(), fieldErrors: [] };
    case 'adjust':
      return { kind: 'rejected', code: 'operation_not_supported', message: 'PayPorter cannot adjust', fieldErrors: [] };
  }
}

export function parseReply(ctx: OperationContext, reply: HttpReply): Outcome {
  const { status, body } = reply;
  if (status >= 200 && status < 300) {
    if (!isPayment.Check(body)) return { kind: 'unknown', reason: `payporter answered ${status} with a body we cannot read` };
    return outcomeOfPayment(ctx, body);
  }
  const err = isError.Check(body) ? body : undefined;
  const text = err ? `${err.errorCode}: ${err.errorMessage}` : `HTTP ${status}`;
  if (status === 429) return { kind: 'retryable', notSent: true, reason: `payporter rate limit: ${text}` };
  if (status >= 500) return { kind: 'unknown', reason: `payporter answered ${status}: ${text}` };
  if (status === 401 || status === 403) return { kind: 'rejected', code: 'provider_error', message: `PayPorter refused our credentials (${status}): ${text}`, fieldErrors: [] };
  return { kind: 'rejected', code: 'provider_rejected', message: `PayPorter refused the request (${status}) ${text}`, fieldErrors: (err?.details ?? []).map((d) => ({ field: d.field, message: d.message })) };
}

/** A looked-up pre-authorisation tells whether it, its capture or its cancel took effect. */
export function parseLookup(ctx: OperationContext, reply: HttpReply): Lookup {
  if (reply.status === 404) return { kind: 'not_found' };
  if (reply.status !== 200 || !isPayment.Check(reply.body)) return { kind: 'inconclusive', reason: `payporter lookup answered ${reply.status}` };
  const p = reply.body;
  switch (ctx.kind) {
    case 'preauth':
      return { kind: 'found', outcome: outcomeOfPayment(ctx, p.status === 'CAPTURED' || p.status === 'CANCELLED' ? { ...p, status: 'SUCCESS' } : p) };
    case 'capture':
      return p.status === 'CAPTURED' ? { kind: 'found', outcome: { kind: 'approved', approval: { amountCaptured: fromMajorNumber(p.amount, p.currency) } } } : { kind: 'not_found' };
    case 'void':
      return p.status === 'CANCELLED' ? { kind: 'found', outcome: { kind: 'approved', approval: {} } } : { kind: 'not_found' };
    case 'adjust':
      return { kind: 'not_found' };
  }
}
