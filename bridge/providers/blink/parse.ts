// Pure interpretation of Blink replies. Blink answers synchronously with the terminal's result.
// The three documented 503s are classified one by one (see BLINK_503 and the comments below).
import { normalizeBrand } from '../../core/card.js';
import type { FieldError } from '../../core/errors.js';
import type { Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext, RemoteTerminal } from '../../core/connector.js';
import { keepSaleToPoi } from './sale-to-poi.js';
import { BLINK_503, isResult, isTerminalList, type BlinkResult } from './wire.js';

function fieldErrors(errors: unknown): FieldError[] {
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return [];
  return Object.entries(errors).map(([field, message]) => ({ field, message: String(message) }));
}

function describe(body: unknown): string {
  if (!isResult.Check(body)) return 'no details';
  const first = fieldErrors(body.errors)[0];
  return `${body.message ?? body.result}${first ? ` (${first.field}: ${first.message})` : ''}`;
}

/** The request_timestamp our pre-auth carried, from the answer's `data` echo (seed 001), else this step's. */
function sentAt(ctx: OperationContext, body: BlinkResult): string {
  const echoed =
    typeof body.data === 'object' && body.data !== null
      ? (body.data as Record<string, unknown>).request_timestamp
      : undefined;
  return typeof echoed === 'string' ? echoed : ctx.now;
}

/**
 * What a pre-auth approval leaves for the follow-ups: the transaction_id, SaleToPOIData as it came
 * (post-preauth-completions, guide step 2) and the request_timestamp a void names as the original
 * transaction's timestamp (post-reversals).
 */
function preauthRefs(ctx: OperationContext, body: BlinkResult, id: string | undefined): Record<string, string> {
  return {
    ...(id ? { transaction_id: id } : {}),
    ...keepSaleToPoi(body.SaleToPOIData),
    request_timestamp: sentAt(ctx, body),
  };
}

export function parseReply(ctx: OperationContext, reply: HttpReply): Outcome {
  const { status, body } = reply;
  if (status >= 200 && status < 300) {
    if (!isResult.Check(body))
      return { kind: 'unknown', reason: `blink answered ${status} with a body we cannot read` };
    // A FAILURE result in a 2xx answer is the terminal's (or issuer's) refusal: nothing was reserved.
    if (body.result === 'FAILURE')
      return { kind: 'declined', code: 'card_declined', message: body.message ?? 'Declined at the terminal' };
    const id = body.transaction_id;
    switch (ctx.kind) {
      case 'preauth':
        return {
          kind: 'approved',
          approval: {
            ...(id ? { providerRef: id } : {}),
            providerRefs: preauthRefs(ctx, body, id),
            amountAuthorized: ctx.transaction.amountRequested,
            card: {
              brand: normalizeBrand(body.card_type),
              maskedPan: body.card_number,
              entryMode: body.card_mode?.toLowerCase(),
            },
          },
        };
      case 'capture':
        return {
          kind: 'approved',
          approval: {
            ...(id ? { operationRef: id } : {}),
            amountCaptured: ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? undefined,
          },
        };
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
        if (ctx.kind === 'preauth')
          return {
            kind: 'rejected',
            code: 'terminal_timeout',
            message: 'Nothing was reserved: the customer did not complete the payment at the terminal in time',
            fieldErrors: [],
          };
        return { kind: 'retryable', notSent: true, reason: `blink: ${text}` };
      }
      // "Lost connection" (and any other 503): the terminal may have completed before the link dropped.
      // Unknown, so the engine looks it up in the terminal's request log and EOD report (lookup.ts).
      return { kind: 'unknown', reason: `blink 503: ${text}` };
    case 401:
    case 403:
      return {
        kind: 'rejected',
        code: 'provider_error',
        message: `Blink refused our credentials (${status}): ${text}`,
        fieldErrors: [],
      };
    case 404:
      return {
        kind: 'rejected',
        code: 'provider_rejected',
        message: `Blink does not know this terminal: ${text}`,
        fieldErrors: fieldErrors(isResult.Check(body) ? body.errors : undefined),
      };
    default:
      if (status >= 500) return { kind: 'unknown', reason: `blink answered ${status}: ${text}` };
      return {
        kind: 'rejected',
        code: 'provider_rejected',
        message: `Blink refused the request (${status}): ${text}`,
        fieldErrors: fieldErrors(isResult.Check(body) ? body.errors : undefined),
      };
  }
}

/** get-devices.md: `{"terminals": [...]}`; any 2xx (Blink's sandbox pages answer 200, as the live one). */
export function parseTerminals(reply: HttpReply): RemoteTerminal[] {
  if (reply.status < 200 || reply.status >= 300 || !isTerminalList.Check(reply.body))
    throw new Error(`blink terminals answered ${reply.status} without a {"terminals": [...]} list`);
  return reply.body.terminals.map((t) => ({
    id: t.terminal_id,
    connected: t.state === 'CONNECTED',
    state: t.state,
    lastConnectedAt: t.last_connected_at ?? null,
  }));
}
