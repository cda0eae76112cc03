// Pure interpretation of Lab4Pay replies. Creating anything only queues it at the terminal; the
// outcome is learned by polling the transaction or operation until SUCCESS, FAILED, EXPIRED or CANCELED.
import { normalizeBrand } from '../../core/card.js';
import type { Lookup, Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext, TokenGrant } from '../types.js';
import { isCreated, isOperation, isOperationCreated, isToken, isTransaction } from './wire.js';

/** Lab4Pay documents only status codes (400/401/500); bodies are read as Django REST framework's {detail} or field lists. */
function detail(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const d = (body as { detail?: unknown }).detail;
    if (typeof d === 'string') return d;
    return JSON.stringify(body);
  }
  return typeof body === 'string' && body ? body : 'no details';
}

function fieldErrors(body: unknown) {
  if (typeof body !== 'object' || body === null || 'detail' in body) return [];
  return Object.entries(body).map(([field, v]) => ({ field, message: Array.isArray(v) ? v.join(' ') : String(v) }));
}

export function parseCreate(ctx: OperationContext, reply: HttpReply, pollMs: number): Outcome {
  const { status, body } = reply;
  if (status >= 200 && status < 300) {
    if (ctx.kind === 'preauth') {
      if (!isCreated.Check(body)) return { kind: 'unknown', reason: `lab4pay answered ${status} with a body we cannot read` };
      return { kind: 'pending', pollAfterMs: pollMs, approval: { providerRef: body.transaction_id, providerRefs: { transaction_id: body.transaction_id } } };
    }
    if (!isOperationCreated.Check(body)) return { kind: 'unknown', reason: `lab4pay answered ${status} with a body we cannot read` };
    return { kind: 'pending', pollAfterMs: pollMs, approval: { operationRef: body.operation_id } };
  }
  if (status >= 500) return { kind: 'unknown', reason: `lab4pay answered ${status}: ${detail(body)}` };
  if (status === 401 || status === 403) return { kind: 'rejected', code: 'provider_error', message: `Lab4Pay refused our credentials (${status}): ${detail(body)}; is the terminal paired?`, fieldErrors: [] };
  if (status === 429) return { kind: 'retryable', notSent: true, busy: true, reason: `lab4pay: ${detail(body)}` };
  return { kind: 'rejected', code: 'provider_rejected', message: `Lab4Pay refused the request (${status}): ${detail(body)}`, fieldErrors: fieldErrors(body) };
}

function ended(kind: 'FAILED' | 'EXPIRED' | 'CANCELED', reason: string | null | undefined): Outcome {
  switch (kind) {
    case 'CANCELED':
      return { kind: 'rejected', code: 'cancelled', message: 'Cancelled at the terminal; nothing was reserved', fieldErrors: [] };
    case 'EXPIRED':
      return { kind: 'rejected', code: 'terminal_timeout', message: 'The request expired at the terminal; nothing happened', fieldErrors: [] };
    case 'FAILED':
      return { kind: 'declined', code: 'card_declined', message: reason ?? 'Failed at the terminal' };
  }
}

export function parseStatus(ctx: OperationContext, reply: HttpReply, pollMs: number): Lookup {
  if (reply.status === 404) return { kind: 'not_found' };
  if (reply.status !== 200) return { kind: 'inconclusive', reason: `lab4pay status answered ${reply.status}` };
  if (ctx.kind === 'preauth') {
    if (!isTransaction.Check(reply.body)) return { kind: 'inconclusive', reason: 'lab4pay transaction unreadable' };
    const t = reply.body;
    switch (t.status) {
      case 'INITIATED':
      case 'IN_PROGRESS':
        return { kind: 'found', outcome: { kind: 'pending', pollAfterMs: pollMs } };
      case 'SUCCESS':
        return {
          kind: 'found',
          outcome: {
            kind: 'approved',
            approval: {
              providerRef: t.id, amountAuthorized: t.amount,
              ...(t.approve_code ? { authCode: t.approve_code } : {}),
              ...(t.card_number ? { card: { brand: normalizeBrand(t.card_brand ?? undefined), maskedPan: t.card_number, entryMode: 'terminal' } } : {}),
            },
          },
        };
      default:
        return { kind: 'found', outcome: ended(t.status, t.failure_reason) };
    }
  }
  if (!isOperation.Check(reply.body)) return { kind: 'inconclusive', reason: 'lab4pay operation unreadable' };
  const op = reply.body;
  switch (op.status) {
    case 'INITIATED':
    case 'IN_PROGRESS':
      return { kind: 'found', outcome: { kind: 'pending', pollAfterMs: pollMs } };
    case 'SUCCESS':
      return { kind: 'found', outcome: { kind: 'approved', approval: { operationRef: op.id, ...(ctx.kind === 'capture' ? { amountCaptured: ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? undefined } : {}) } } };
    case 'FAILED':
      return { kind: 'found', outcome: { kind: 'rejected', code: 'provider_rejected', message: `Lab4Pay ${op.operation_type} failed: ${op.failure_reason ?? 'no reason given'}`, fieldErrors: [] } };
    default:
      return { kind: 'found', outcome: ended(op.status, op.failure_reason) };
  }
}

/** expires_in is typed as a string and its value is not stated: read it as seconds, else assume 5 minutes. */
export function parseToken(reply: HttpReply): TokenGrant {
  if (reply.status !== 200 || !isToken.Check(reply.body)) throw new Error(`lab4pay token endpoint answered ${reply.status}`);
  const secs = Number(reply.body.expires_in);
  return { accessToken: reply.body.access_token, expiresInMs: (Number.isFinite(secs) && secs > 0 ? secs : 300) * 1000 };
}
