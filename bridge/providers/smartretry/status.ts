// The status endpoint (GET /v1/payments/status/{terminal_friendly_id}/{transaction_id}, payments/status)
// in our terms. PROCESSING polls on; UNKNOWN stays unresolved and keeps being asked (concepts/
// transaction-statuses: "Treat UNKNOWN status as unresolved"); DECLINED is final unless a retry is
// still scheduled (retry.ts).
import { BridgeError, type ErrorCode } from '../../core/errors.js';
import { fromMajorNumber } from '../../core/money.js';
import type { Lookup, Outcome } from '../../core/outcome.js';
import type { HttpReply, LookupStep, OperationContext } from '../../core/connector.js';
import { cardOfInstrument } from './card.js';
import { problemOf } from './problem.js';
import { retryPollMs, scheduledRetry } from './retry.js';
import { isStatus, type StatusReply } from './wire.js';

function declineCode(reasonCode: string | undefined): ErrorCode {
  if (reasonCode && /INSUFFICIENT_FUNDS/.test(reasonCode)) return 'insufficient_funds';
  if (reasonCode && /EXPIRED/.test(reasonCode)) return 'expired_card';
  return 'card_declined';
}

function describe(s: StatusReply): string {
  const st = s.status;
  const text = st.description ?? st.name ?? st.status;
  const attempts = s.attempt_number !== undefined && s.attempt_number > 1 ? `, after ${s.attempt_number} attempts` : '';
  return `${text}${st.reasonCode ? ` (${st.reasonCode})` : ''}${attempts}`;
}

/** Minor units of the status's amount; undefined when SmartRetry left it out (optional in the OpenAPI schema). */
function amountOf(ctx: OperationContext, s: StatusReply): number | undefined {
  return s.amount === undefined ? undefined : fromMajorNumber(s.amount, s.currency ?? ctx.transaction.currency);
}

function approved(ctx: OperationContext, s: StatusReply): Outcome {
  const amount = amountOf(ctx, s);
  switch (ctx.kind) {
    case 'preauth': {
      const orderId = s.order?.order_id ?? ctx.transaction.providerRefs.order_id;
      const card = cardOfInstrument(s.order?.payment_instrument, ctx.card?.number.length);
      return {
        kind: 'approved',
        approval: {
          providerRef: s.transaction_id,
          // Kept together: capture and void need both (payments/capture, payments/void).
          ...(orderId ? { providerRefs: { transaction_id: s.transaction_id, order_id: orderId } } : {}),
          amountAuthorized: amount ?? ctx.transaction.amountRequested,
          ...(s.authorization_code ? { authCode: s.authorization_code } : {}),
          ...(card ? { card } : {}),
        },
      };
    }
    case 'capture':
      return {
        kind: 'approved',
        approval: { operationRef: s.transaction_id, ...(amount !== undefined ? { amountCaptured: amount } : {}) },
      };
    default:
      return { kind: 'approved', approval: { operationRef: s.transaction_id } };
  }
}

export function outcomeOfStatus(ctx: OperationContext, s: StatusReply, pollMs: number): Outcome {
  const st = s.status;
  switch (st.status) {
    case 'PROCESSING':
      return { kind: 'pending', pollAfterMs: pollMs };
    case 'UNKNOWN':
      return { kind: 'unknown', reason: `SmartRetry reports UNKNOWN${st.reasonCode ? ` (${st.reasonCode})` : ''}` };
    case 'DECLINED': {
      const retry = scheduledRetry(s);
      if (retry) return { kind: 'pending', pollAfterMs: retryPollMs(retry, Date.parse(ctx.now), pollMs) };
      return { kind: 'declined', code: declineCode(st.reasonCode), message: describe(s) };
    }
    case 'ERROR':
    case 'CANCELLED':
      return {
        kind: 'rejected',
        code: 'provider_rejected',
        message: `SmartRetry: ${st.status} ${describe(s)}`,
        fieldErrors: [],
      };
    case 'APPROVED':
      return approved(ctx, s);
    default:
      // The schema admits only the six documented values; this is for the compiler.
      return { kind: 'unknown', reason: `SmartRetry reports ${String(st.status)}` };
  }
}

/**
 * A transaction SmartRetry does not know. api-reference/errors answers 404 TRANSACTION_NOT_FOUND (its
 * example is a status request); the example on payments/status answers 400 with the same reason code.
 * Both are read as "not found".
 */
function notFound(reply: HttpReply): boolean {
  if (reply.status !== 400 && reply.status !== 404) return false;
  const code = problemOf(reply.body).code;
  return code === 'TRANSACTION_NOT_FOUND' || (reply.status === 404 && code === undefined);
}

/** The status answer, or what a lookup concludes when there is none to read. */
export function readStatus(reply: HttpReply): StatusReply | Lookup {
  if (notFound(reply)) return { kind: 'not_found' };
  if (reply.status !== 200 || !isStatus.Check(reply.body))
    return { kind: 'inconclusive', reason: `smartretry status answered ${reply.status}` };
  return reply.body;
}

export const isLookup = (v: StatusReply | Lookup): v is Lookup => 'kind' in v;

/** `outcome` of a status answer, or inconclusive when its amount cannot be read. */
export function found(outcome: () => Outcome): Lookup {
  try {
    return { kind: 'found', outcome: outcome() };
  } catch (err) {
    // An amount with more decimals than its currency, or an unknown currency: not a status we can act on.
    if (err instanceof BridgeError) return { kind: 'inconclusive', reason: `smartretry status: ${err.message}` };
    throw err;
  }
}

export function parseStatus(ctx: OperationContext, reply: HttpReply, pollMs: number): LookupStep {
  const s = readStatus(reply);
  return isLookup(s) ? s : found(() => outcomeOfStatus(ctx, s, pollMs));
}
