// Pure interpretation of Lab4Pay's answers to a create (preauth, completion, revert) and to the token
// request. Creating anything only queues it at the terminal; the outcome is learned by polling (lookup.ts).
import type { Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext, TokenGrant } from '../../core/connector.js';
import { isCreated, isOperationCreated, isToken } from './wire.js';

/**
 * Lab4Pay documents only status codes (400/401/500 on every endpoint page); the bodies are not documented,
 * so they are read as Django REST framework's `{detail}` or field lists, which the trailing-slash paths suggest.
 */
export function detail(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const d = (body as { detail?: unknown }).detail;
    if (typeof d === 'string') return d;
    return JSON.stringify(body);
  }
  return typeof body === 'string' && body ? body : 'no details';
}

/**
 * The JSON of a body the executor left as text (it parses only what is labelled JSON): a mislabelled but
 * readable answer must not be lost, least of all one that carries an id or one-time credentials.
 */
export function jsonBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function fieldErrors(body: unknown) {
  if (typeof body !== 'object' || body === null || 'detail' in body) return [];
  return Object.entries(body).map(([field, v]) => ({ field, message: Array.isArray(v) ? v.join(' ') : String(v) }));
}

export function parseCreate(ctx: OperationContext, reply: HttpReply, pollMs: number): Outcome {
  const { status } = reply;
  const body = jsonBody(reply.body);
  if (status >= 200 && status < 300) {
    if (ctx.kind === 'preauth') {
      if (!isCreated.Check(body))
        return { kind: 'unknown', reason: `lab4pay answered ${status} with a body we cannot read` };
      return {
        kind: 'pending',
        pollAfterMs: pollMs,
        approval: { providerRef: body.transaction_id, providerRefs: { transaction_id: body.transaction_id } },
      };
    }
    if (!isOperationCreated.Check(body))
      return { kind: 'unknown', reason: `lab4pay answered ${status} with a body we cannot read` };
    return { kind: 'pending', pollAfterMs: pollMs, approval: { operationRef: body.operation_id } };
  }
  if (status >= 500) return { kind: 'unknown', reason: `lab4pay answered ${status}: ${detail(body)}` };
  if (status === 401 || status === 403)
    return {
      kind: 'rejected',
      code: 'provider_error',
      message: `Lab4Pay refused our credentials (${status}): ${detail(body)}; is the terminal paired?`,
      fieldErrors: [],
    };
  if (status === 429) return { kind: 'retryable', notSent: true, busy: true, reason: `lab4pay: ${detail(body)}` };
  return {
    kind: 'rejected',
    code: 'provider_rejected',
    message: `Lab4Pay refused the request (${status}): ${detail(body)}`,
    fieldErrors: fieldErrors(body),
  };
}

/**
 * authorization/token: `expires_in` is typed as a string and its value is not stated: read it as seconds,
 * else assume 5 minutes (a short guess only costs an early renewal).
 */
export function parseToken(reply: HttpReply): TokenGrant {
  // The reason is quoted only for a refusal: an unreadable 200 may hold a token, which must not reach a log.
  if (reply.status !== 200) throw new Error(`lab4pay token endpoint answered ${reply.status}: ${detail(reply.body)}`);
  const body = jsonBody(reply.body);
  if (!isToken.Check(body)) throw new Error('lab4pay token endpoint answered 200 with a body we cannot read');
  const secs = Number(body.expires_in);
  return { accessToken: body.access_token, expiresInMs: (Number.isFinite(secs) && secs > 0 ? secs : 300) * 1000 };
}
