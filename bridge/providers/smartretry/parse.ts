// Pure interpretation of SmartRetry replies. `accepted: true` is not an approval: it is pending until
// the status endpoint says APPROVED or DECLINED. UNKNOWN stays pending and keeps being asked.
import type { ErrorCode, FieldError } from '../../core/errors.js';
import { fromMajorNumber } from '../../core/money.js';
import { normalizeBrand } from '../../core/card.js';
import type { Lookup, Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext } from '../types.js';
import { isAccepted, isProblem, isStatus, type StatusReply } from './wire.js';

function retryAfterMs(reply: HttpReply): number | undefined {
  const secs = Number(reply.headers['retry-after']);
  return Number.isFinite(secs) && secs >= 0 && reply.headers['retry-after'] !== undefined ? secs * 1000 : undefined;
}

function reasonOf(body: unknown): { code?: string; text: string; fields: FieldError[] } {
  if (!isProblem.Check(body)) return { text: 'no details', fields: [] };
  const fields = Object.entries(body.context ?? {}).filter(([, v]) => typeof v === 'string').map(([field, v]) => ({ field, message: String(v) }));
  return { ...(body.reason_code ? { code: body.reason_code } : {}), text: body.detail ?? body.title ?? 'no details', fields };
}

export function parseAccepted(ctx: OperationContext, reply: HttpReply, pollMs: number): Outcome {
  const { status, body } = reply;
  if (status >= 200 && status < 300) {
    if (!isAccepted.Check(body)) return { kind: 'unknown', reason: `smartretry answered ${status} with a body we cannot read` };
    if (!body.accepted) return { kind: 'rejected', code: 'provider_rejected', message: 'SmartRetry did not accept the request for processing', fieldErrors: [] };
    const refs = ctx.kind === 'preauth'
      ? { providerRef: body.transaction_id, providerRefs: { transaction_id: body.transaction_id, order_id: body.order_id } }
      : { operationRef: body.transaction_id };
    return { kind: 'pending', pollAfterMs: pollMs, approval: refs };
  }
  const reason = reasonOf(body);
  if (status === 429) {
    const after = retryAfterMs(reply);
    return { kind: 'retryable', notSent: true, reason: `smartretry ${reason.code ?? 'RATE_LIMIT_EXCEEDED'}`, ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
  // 409 IDEMPOTENCY_CONFLICT (the key was used for another body), 503 RESOURCE_LOCKED (a request with
  // this key is still in flight) and other 5xx (not cached, so maybe processed): something may have happened.
  if (status === 409 || status >= 500) return { kind: 'unknown', reason: `smartretry answered ${status} ${reason.code ?? ''}: ${reason.text}` };
  if (status === 401 || status === 403) return { kind: 'rejected', code: 'provider_error', message: `SmartRetry refused our credentials (${status} ${reason.code ?? ''})`, fieldErrors: [] };
  return { kind: 'rejected', code: 'provider_rejected', message: `SmartRetry refused the request (${status} ${reason.code ?? ''}): ${reason.text}`, fieldErrors: reason.fields };
}

function declineCode(reasonCode: string | undefined): ErrorCode {
  if (reasonCode && /INSUFFICIENT_FUNDS/.test(reasonCode)) return 'insufficient_funds';
  if (reasonCode && /EXPIRED/.test(reasonCode)) return 'expired_card';
  return 'card_declined';
}

export function outcomeOfStatus(ctx: OperationContext, s: StatusReply, pollMs: number): Outcome {
  const st = s.status;
  const text = st.description ?? st.name ?? st.status;
  switch (st.status) {
    case 'PROCESSING':
      return { kind: 'pending', pollAfterMs: pollMs };
    case 'UNKNOWN':
      // SmartRetry itself does not know: keep asking with backoff; once attempts run out the
      // transaction shows as unresolved while the polling goes on.
      return { kind: 'unknown', reason: `SmartRetry reports UNKNOWN${st.reasonCode ? ` (${st.reasonCode})` : ''}` };
    case 'DECLINED':
      return { kind: 'declined', code: declineCode(st.reasonCode), message: `${text}${st.reasonCode ? ` (${st.reasonCode})` : ''}` };
    case 'ERROR':
    case 'CANCELLED':
      return { kind: 'rejected', code: 'provider_rejected', message: `SmartRetry: ${st.status} ${st.reasonCode ?? ''} ${text}`.trim(), fieldErrors: [] };
    case 'APPROVED':
      break;
  }
  const amount = fromMajorNumber(s.amount, s.currency);
  const pi = s.order?.payment_instrument;
  const card = pi ? { brand: normalizeBrand(pi.card_brand), maskedPan: pi.card_number, entryMode: 'keyed' } : undefined;
  switch (ctx.kind) {
    case 'preauth':
      return { kind: 'approved', approval: { providerRef: s.transaction_id, amountAuthorized: amount, ...(s.authorization_code ? { authCode: s.authorization_code } : {}), ...(card ? { card } : {}) } };
    case 'capture':
      return { kind: 'approved', approval: { operationRef: s.transaction_id, amountCaptured: amount } };
    default:
      return { kind: 'approved', approval: { operationRef: s.transaction_id } };
  }
}

export function parseStatus(ctx: OperationContext, reply: HttpReply, pollMs: number): Lookup {
  if (reply.status === 404) return { kind: 'not_found' };
  if (reply.status !== 200 || !isStatus.Check(reply.body)) return { kind: 'inconclusive', reason: `smartretry status answered ${reply.status}` };
  return { kind: 'found', outcome: outcomeOfStatus(ctx, reply.body, pollMs) };
}
