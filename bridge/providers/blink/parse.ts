// Pure interpretation of Blink replies. Blink answers synchronously with the terminal's result.
// The three documented 503s are classified one by one (see BLINK_503 and the comments below).
import { normalizeBrand } from '../../core/card.js';
import type { FieldError } from '../../core/errors.js';
import type { Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext, RemoteTerminal } from '../types.js';
import { BLINK_503, isResult, isTerminalList } from './wire.js';

function fieldErrors(errors: unknown): FieldError[] {
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return [];
  return Object.entries(errors).map(([field, message]) => ({ field, message: String(message) }));
}

function describe(body: unknown): string {
  if (!isResult.Check(body)) return 'no details';
  const first = fieldErrors(body.errors)[0];
  return `${body.message ?? body.result}${first ? ` (${first.field}: ${first.message})` : ''}`;
}

export function parseReply(ctx: OperationContext, reply: HttpReply): Outcome {
  const { status, body } = reply;
  if (status >= 200 && status < 300) {
    if (!isResult.Check(body)) return { kind: 'unknown', reason: `blink answered ${status} with a body we cannot read` };
    // A FAILURE result in a 2xx answer is the terminal's (or issuer's) refusal: nothing was reserved.
    if (body.result === 'FAILURE') return { kind: 'declined', code: 'card_declined', message: body.message ?? 'Declined at the terminal' };
    const id = body.transaction_id;
    switch (ctx.kind) {
      case 'preauth':
        return {
          kind: 'approved',
          approval: {
            ...(id ? { providerRef: id, providerRefs: { transaction_id: id } } : {}),
            amountAuthorized: ctx.transaction.amountRequested,
            card: { brand: normalizeBrand(body.card_type), maskedPan: body.card_number, entryMode: body.card_mode?.toLowerCase() },
          },
        };
      case 'capture':
        return { kind: 'approved', approval: { ...(id ? { operationRef: id } : {}), amountCaptured: ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? undefined } };
      default:
        return { kind: 'approved', approval: id ? { operationRef: id } : {} };
    }
  }
  const text = describe(body);
  const message = isResult.Check(body) ? body.message : undefined;
  switch (status) {
    case 429:
      // "Terminal is busy processing another request": nothing happened; wait in the lane and try again.
      return { kind: 'retryable', notSent: true, busy: true, reason: `blink terminal busy: ${text}` };
    case 503:
      if (message === BLINK_503.unreachable) {
        // The cloud could not reach the terminal at all: the request never got to it.
        return { kind: 'retryable', notSent: true, reason: `blink: ${text}` };
      }
      if (message === BLINK_503.operationTimeout) {
        // Blink says the transaction was cancelled on timeout: not performed. For a preauth that means the
        // customer did not complete it; the POS decides whether to ask again, we do not retry by ourselves.
        if (ctx.kind === 'preauth') return { kind: 'rejected', code: 'terminal_timeout', message: 'Nothing was reserved: the customer did not complete the payment at the terminal in time', fieldErrors: [] };
        return { kind: 'retryable', notSent: true, reason: `blink: ${text}` };
      }
      // "Lost connection" (and any other 503): the terminal may have completed before the link dropped.
      // Blink offers no status lookup for card-present, so this cannot be settled by the bridge.
      return { kind: 'unknown', reason: `blink 503: ${text}` };
    case 401:
    case 403:
      return { kind: 'rejected', code: 'provider_error', message: `Blink refused our credentials (${status}): ${text}`, fieldErrors: [] };
    case 404:
      return { kind: 'rejected', code: 'provider_rejected', message: `Blink does not know this terminal: ${text}`, fieldErrors: fieldErrors(isResult.Check(body) ? body.errors : undefined) };
    default:
      if (status >= 500) return { kind: 'unknown', reason: `blink answered ${status}: ${text}` };
      return { kind: 'rejected', code: 'provider_rejected', message: `Blink refused the request (${status}): ${text}`, fieldErrors: fieldErrors(isResult.Check(body) ? body.errors : undefined) };
  }
}

export function parseTerminals(reply: HttpReply): RemoteTerminal[] {
  if (reply.status !== 200 || !isTerminalList.Check(reply.body)) throw new Error(`blink terminals answered ${reply.status}`);
  return reply.body.data.map((t) => ({ id: t.terminal_id, connected: t.state === 'CONNECTED', state: t.state, lastConnectedAt: t.last_connected_at ?? null }));
}
