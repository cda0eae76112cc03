// The answer to a preauth, capture or void POST. `accepted: true` is not an approval: the outcome is
// learned from the status endpoint (payments/preauth, payments/sale: "A value of true does not guarantee
// approval - poll the status endpoint"). `accepted: false` is a decline, not an error
// (api-reference/errors: "a 200 with "accepted": false means the transaction was declined").
import type { Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext } from '../../core/connector.js';
import { problemOf, retryAfterMs } from './problem.js';
import { isAccepted } from './wire.js';

/** Reason codes that mean our configuration is wrong (key or terminal), not this request. */
const CONFIGURATION_REASONS = new Set(['INVALID_API_KEY', 'TERMINAL_NOT_FOUND']);

function acceptedRefs(ctx: OperationContext, transactionId: string, orderId: string | undefined) {
  if (ctx.kind !== 'preauth') return { operationRef: transactionId };
  // The order id is needed for capture and void; the OpenAPI schema makes it optional here, and the
  // status answer carries it too (order.order_id), so the lookup can fill it in.
  return {
    providerRef: transactionId,
    providerRefs: { transaction_id: transactionId, ...(orderId ? { order_id: orderId } : {}) },
  };
}

function parseSuccess(ctx: OperationContext, reply: HttpReply, pollMs: number): Outcome {
  const { status, body } = reply;
  if (!isAccepted.Check(body))
    return { kind: 'unknown', reason: `smartretry answered ${status} with a body we cannot read` };
  const approval = acceptedRefs(ctx, body.transaction_id, body.order_id);
  if (!body.accepted) {
    return {
      kind: 'declined',
      code: 'card_declined',
      message: `SmartRetry declined the ${ctx.kind} (accepted: false, transaction ${body.transaction_id})`,
      approval,
    };
  }
  return { kind: 'pending', pollAfterMs: pollMs, approval };
}

export function parseAccepted(ctx: OperationContext, reply: HttpReply, pollMs: number): Outcome {
  const { status, body } = reply;
  if (status >= 200 && status < 300) return parseSuccess(ctx, reply, pollMs);
  const reason = problemOf(body);
  const label = `${status}${reason.code ? ` ${reason.code}` : ''}`;
  if (status === 429) {
    // Refused before anything was processed (api-reference/rate-limiting).
    const after = retryAfterMs(reply, reason);
    return {
      kind: 'retryable',
      notSent: true,
      reason: `smartretry ${reason.code ?? 'RATE_LIMIT_EXCEEDED'}`,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
    };
  }
  // 409 IDEMPOTENCY_CONFLICT: the key was used with another body, so what it did is not this answer;
  // rate-limiting's decision matrix: "409 Maybe — check idempotency; may be success". A 409 with another
  // reason is a state conflict (OpenAPI: "not in a state that allows this operation"): a refusal.
  if (status === 409 && (reason.code === undefined || reason.code === 'IDEMPOTENCY_CONFLICT')) {
    return { kind: 'unknown', reason: `smartretry answered ${label}: ${reason.text}` };
  }
  // 503 RESOURCE_LOCKED: a request with this key is still in flight. Other 5xx are not cached
  // (api-reference/idempotency), so the request may or may not have been processed.
  if (status >= 500) return { kind: 'unknown', reason: `smartretry answered ${label}: ${reason.text}` };
  if (status === 401 || status === 403 || (reason.code !== undefined && CONFIGURATION_REASONS.has(reason.code))) {
    return {
      kind: 'rejected',
      code: 'provider_error',
      message: `SmartRetry refused our credentials or terminal (${label})`,
      fieldErrors: [],
    };
  }
  // 400 validation and state errors (payments/capture and payments/void answer 400), 404, 409 state, 422.
  return {
    kind: 'rejected',
    code: 'provider_rejected',
    message: `SmartRetry refused the request (${label}): ${reason.text}`,
    fieldErrors: reason.fields,
  };
}
