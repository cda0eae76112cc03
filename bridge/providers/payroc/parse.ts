// Pure interpretation of Payroc replies into our Outcome union.
// Approval is read from transactionResult.responseCode together with supportedOperations, as the
// guide says: pre-auth examples come back with type "sale" and status "ready" or "pending".
import { normalizeBrand } from '../../core/card.js';
import type { ErrorCode, FieldError } from '../../core/errors.js';
import type { Approval, Lookup, Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext, TokenGrant } from '../../core/connector.js';
import { isPayment, isPaymentList, isProblem, isToken, PROBLEM_TYPE, type PayrocPayment } from './wire.js';

/** How long to wait before looking up a payment Payroc accepted for later processing (code E). */
export const PENDING_POLL_MS = 5_000;

function approvalOf(p: PayrocPayment): Approval {
  const card = p.card;
  return {
    providerRef: p.paymentId,
    providerRefs: {
      paymentId: p.paymentId,
      ...(p.processingTerminalId ? { processingTerminalId: p.processingTerminalId } : {}),
    },
    authCode: p.transactionResult.approvalCode,
    card: card
      ? { brand: normalizeBrand(card.type), maskedPan: card.cardNumber, entryMode: card.entryMethod }
      : undefined,
  };
}

function declineCode(code: PayrocPayment['transactionResult']['responseCode']): ErrorCode {
  return code === 'R' ? 'referral_required' : 'card_declined';
}

/** The outcome a payment object means for the operation that produced it. */
export function outcomeOfPayment(ctx: OperationContext, p: PayrocPayment): Outcome {
  const result = p.transactionResult;
  const base = approvalOf(p);
  const processor = result.processorResponseCode ? ` (processor code ${result.processorResponseCode})` : '';
  const message = `${result.responseMessage ?? `Payroc response code ${result.responseCode}`}${processor}`;
  switch (result.responseCode) {
    case 'D':
    case 'R':
    case 'C':
      return { kind: 'declined', code: declineCode(result.responseCode), message, approval: base };
    case 'E':
      // "Received, will be processed later": the hold may still come; look it up, never resend.
      return { kind: 'pending', pollAfterMs: PENDING_POLL_MS, approval: base };
    case 'A':
    case 'P':
      break;
  }
  switch (ctx.kind) {
    case 'preauth': {
      if (p.supportedOperations && !p.supportedOperations.includes('capture')) {
        // Approved but not capturable: it ran as something other than a hold. A person must look.
        return { kind: 'unknown', reason: 'payroc approved the payment but does not offer capture on it' };
      }
      return { kind: 'approved', approval: { ...base, amountAuthorized: result.authorizedAmount ?? p.order.amount } };
    }
    case 'adjust':
      return { kind: 'approved', approval: { ...base, amountAuthorized: ctx.operation.amount ?? p.order.amount } };
    case 'capture':
      return {
        kind: 'approved',
        approval: {
          ...base,
          amountCaptured: ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? p.order.amount,
        },
      };
    case 'void':
      return { kind: 'approved', approval: base };
  }
}

function fieldErrors(body: unknown): FieldError[] {
  if (!isProblem.Check(body)) return [];
  return (body.errors ?? []).map((e) => ({ field: e.parameter ?? '', message: e.message ?? e.detail ?? 'invalid' }));
}

function problemText(body: unknown, fallback: string): string {
  if (isProblem.Check(body)) return body.detail ?? body.title ?? fallback;
  return fallback;
}

function retryAfterMs(reply: HttpReply): number | undefined {
  const v = reply.headers['retry-after'];
  if (v === undefined) return undefined;
  const secs = Number(v);
  return Number.isFinite(secs) && secs >= 0 ? secs * 1000 : undefined;
}

export function parseReply(ctx: OperationContext, reply: HttpReply): Outcome {
  const { status, body } = reply;
  if (status >= 200 && status < 300) {
    if (!isPayment.Check(body))
      return { kind: 'unknown', reason: `payroc answered ${status} with a body we cannot read` };
    return outcomeOfPayment(ctx, body);
  }
  const type = isProblem.Check(body) ? body.type : undefined;
  if (status === 409) {
    // The key was already used for another request: something with this key did happen.
    return {
      kind: 'unknown',
      reason: `payroc 409 ${type ?? ''}: ${problemText(body, 'idempotency key in use')}`.trim(),
    };
  }
  if (status === 429) {
    const after = retryAfterMs(reply);
    return {
      kind: 'retryable',
      notSent: true,
      reason: 'payroc rate limit (429)',
      ...(after !== undefined ? { retryAfterMs: after } : {}),
    };
  }
  if (status >= 500) {
    // Payroc does not document that a 5xx was not processed; only a resend with the same key is safe.
    return { kind: 'unknown', reason: `payroc answered ${status}: ${problemText(body, 'server error')}` };
  }
  if (status === 401 || status === 403) {
    return {
      kind: 'rejected',
      code: 'provider_error',
      message: `Payroc refused our credentials (${status}): ${problemText(body, 'not authorized')}`,
      fieldErrors: [],
    };
  }
  if (type === PROBLEM_TYPE.idempotencyKeyMissing) {
    return {
      kind: 'rejected',
      code: 'provider_error',
      message: 'Payroc did not receive an Idempotency-Key',
      fieldErrors: [],
    };
  }
  return {
    kind: 'rejected',
    code: 'provider_rejected',
    message: `Payroc refused the request (${status}): ${problemText(body, 'bad request')}`,
    fieldErrors: fieldErrors(body),
  };
}

/** Whether a looked-up payment shows that a follow-up operation already took effect. */
function followUpApplied(ctx: OperationContext, p: PayrocPayment): boolean {
  const ops = p.supportedOperations ?? [];
  switch (ctx.kind) {
    case 'adjust':
      return p.order.amount === ctx.operation.amount;
    case 'capture':
      return (
        p.transactionResult.type === 'preAuthorizationCompletion' ||
        (!ops.includes('capture') && p.transactionResult.status !== 'reversal')
      );
    case 'void':
      return p.transactionResult.status === 'reversal';
    case 'preauth':
      return true;
  }
}

export function parseLookup(ctx: OperationContext, reply: HttpReply): Lookup {
  if (reply.status === 404) return { kind: 'not_found' };
  if (reply.status < 200 || reply.status >= 300) {
    return { kind: 'inconclusive', reason: `payroc lookup answered ${reply.status}` };
  }
  if (isPaymentList.Check(reply.body)) {
    const matches = reply.body.data.filter((p) => p.order.orderId === ctx.transaction.id);
    if (matches.length === 0) return { kind: 'not_found' };
    if (matches.length > 1)
      return {
        kind: 'inconclusive',
        reason: `payroc lists ${matches.length} payments for order ${ctx.transaction.id}`,
      };
    return { kind: 'found', outcome: outcomeOfPayment(ctx, matches[0] as PayrocPayment) };
  }
  if (isPayment.Check(reply.body)) {
    if (!followUpApplied(ctx, reply.body)) return { kind: 'not_found' };
    return { kind: 'found', outcome: outcomeOfPayment(ctx, reply.body) };
  }
  return { kind: 'inconclusive', reason: 'payroc lookup body unreadable' };
}

export function parseToken(reply: HttpReply): TokenGrant {
  if (reply.status !== 200 || !isToken.Check(reply.body)) {
    throw new Error(`payroc identity service answered ${reply.status}`);
  }
  return { accessToken: reply.body.access_token, expiresInMs: reply.body.expires_in * 1000 };
}
