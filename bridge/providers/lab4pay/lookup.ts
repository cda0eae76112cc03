// How a Lab4Pay outcome is learned, one answer at a time (the engine sends whatever `next` names in the same
// step). A preauth: GET …/transactions/{id}/status/ until it leaves INITIATED/IN_PROGRESS, then, on
// SUCCESS, GET …/transactions/{id}/print-slip/ for the amount, card and approval code — the sequence of
// https://docs.lab4pay.com/pay-connect/payment-flows.md ("Successful Transaction"). A completion or revert:
// GET …/transaction-operations/{operation_id}/ (https://docs.lab4pay.com/api-reference/pay-connect/operation-status).
// Pure: a record that names another transaction or operation than ours never settles ours.
import type { Lookup, Outcome } from '../../core/outcome.js';
import type { HttpReply, HttpRequestSpec, LookupStep, OperationContext } from '../../core/connector.js';
import { buildPrintSlip, type Lab4PayEndpoints } from './build.js';
import { detail, jsonBody } from './parse.js';
import { slipApproval, slipTransactionId } from './slip.js';
import { isOperation, isPrintSlip, isTransactionStatus } from './wire.js';

const pending = (pollMs: number): Lookup => ({ kind: 'found', outcome: { kind: 'pending', pollAfterMs: pollMs } });
const found = (outcome: Outcome): Lookup => ({ kind: 'found', outcome });
const inconclusive = (reason: string): Lookup => ({ kind: 'inconclusive', reason });

/** Which request this answer is to: the engine hands back the spec it sent. */
function stepOf(ctx: OperationContext, request: HttpRequestSpec | undefined): 'status' | 'print_slip' | 'operation' {
  if (ctx.kind !== 'preauth') return 'operation';
  return request?.url.endsWith('/print-slip/') ? 'print_slip' : 'status';
}

/** An id a record states about itself must be ours; one it leaves out is taken as the one we asked for. */
function otherThan(stated: string | null | undefined, ours: string | null): boolean {
  return Boolean(stated) && ours !== null && stated !== ours;
}

/** The end states a transaction or an operation shares; anything else is not read as an outcome. */
function ended(status: string, what: string): Outcome | undefined {
  switch (status) {
    case 'CANCELED':
    case 'CANCELLED': // single L everywhere in Lab4Pay's pages; the double L is accepted, it cannot mean anything else
      return {
        kind: 'rejected',
        code: 'cancelled',
        message: `The ${what} was cancelled at the terminal and did not take effect`,
        fieldErrors: [],
      };
    case 'EXPIRED':
      return {
        kind: 'rejected',
        code: 'terminal_timeout',
        message: `The ${what} expired at the terminal and did not take effect`,
        fieldErrors: [],
      };
    default:
      return undefined;
  }
}

function transactionStatus(ep: Lab4PayEndpoints, ctx: OperationContext, reply: HttpReply, pollMs: number): LookupStep {
  if (reply.status === 404) return { kind: 'not_found' };
  if (reply.status !== 200)
    return inconclusive(`lab4pay transaction status answered ${reply.status}: ${detail(reply.body)}`);
  const body = jsonBody(reply.body);
  if (!isTransactionStatus.Check(body)) return inconclusive('lab4pay transaction status unreadable');
  if (otherThan(body.transaction_id ?? body.id, ctx.transaction.providerRef))
    return inconclusive(`lab4pay answered for transaction ${body.transaction_id ?? body.id}, not ours`);
  const status = body.status.toUpperCase();
  switch (status) {
    case 'INITIATED':
    case 'IN_PROGRESS':
      return pending(pollMs);
    case 'SUCCESS':
      // The hold exists; the details are on the print slip.
      return { kind: 'next', request: buildPrintSlip(ep, ctx) };
    case 'FAILED':
    case 'DECLINED': // listed for transactions on payment-facilitator/webhooks/expore-webhook-events
      return found({
        kind: 'declined',
        code: 'card_declined',
        message: `Lab4Pay: the terminal reports ${status}; nothing was reserved`,
      });
    default: {
      // REVERTED (same page) or anything undocumented: not an outcome we may guess for a preauth.
      const end = ended(status, 'preauth');
      return end ? found(end) : inconclusive(`lab4pay reports status ${body.status} for the preauth`);
    }
  }
}

/**
 * The print slip after a SUCCESS. A 400 or 404 is read as "no slip for this transaction" (the page says
 * "for completed transaction", and an open preauth may not count as completed): the approval then stands
 * on the status alone, with the amount we asked for and no card. Anything else unreadable is asked again.
 */
function printSlip(ctx: OperationContext, reply: HttpReply): LookupStep {
  if (reply.status === 400 || reply.status === 404) return found({ kind: 'approved', approval: slipApproval(ctx, {}) });
  if (reply.status !== 200)
    return inconclusive(`lab4pay status is SUCCESS but the print slip answered ${reply.status}: ${detail(reply.body)}`);
  const body = jsonBody(reply.body);
  if (!isPrintSlip.Check(body)) return inconclusive('lab4pay status is SUCCESS but the print slip is unreadable');
  const id = slipTransactionId(body);
  if (otherThan(id, ctx.transaction.providerRef))
    return inconclusive(`lab4pay print slip is for transaction ${id}, not ours`);
  // The status said SUCCESS a moment ago; a slip that says otherwise (reverted since?) is for a person.
  if (body.status && body.status.toUpperCase() !== 'SUCCESS')
    return inconclusive(`lab4pay status was SUCCESS but the print slip says ${body.status}`);
  return found({ kind: 'approved', approval: slipApproval(ctx, body) });
}

function operation(ctx: OperationContext, reply: HttpReply, pollMs: number): LookupStep {
  if (reply.status === 404) return { kind: 'not_found' };
  if (reply.status !== 200)
    return inconclusive(`lab4pay operation status answered ${reply.status}: ${detail(reply.body)}`);
  const body = jsonBody(reply.body);
  if (!isOperation.Check(body)) return inconclusive('lab4pay operation unreadable');
  // operation-status documents `operation_id`; posbridge's sandbox once answered `id`. Either, if given, must be ours.
  const operationId = body.operation_id ?? body.id ?? undefined;
  if (otherThan(operationId, ctx.operation.providerRef))
    return inconclusive(`lab4pay answered for operation ${operationId}, not ours`);
  if (otherThan(body.transaction_id, ctx.transaction.providerRef))
    return inconclusive(`lab4pay operation belongs to transaction ${body.transaction_id}, not ours`);
  const what = ctx.kind === 'capture' ? 'completion' : 'revert';
  const status = body.status.toUpperCase();
  switch (status) {
    case 'INITIATED':
    case 'IN_PROGRESS':
      return pending(pollMs);
    case 'SUCCESS': {
      const ref = operationId ?? ctx.operation.providerRef;
      return found({
        kind: 'approved',
        approval: {
          ...(ref ? { operationRef: ref } : {}),
          ...(ctx.kind === 'capture'
            ? { amountCaptured: ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? undefined }
            : {}),
        },
      });
    }
    case 'FAILED':
      // revert-operation / preauth-complete-operation: "the terminal could not process operation or the
      // transaction was already completed before the terminal received the operation request".
      return found({
        kind: 'rejected',
        code: 'provider_rejected',
        message: `Lab4Pay ${what} failed at the terminal: ${body.failure_reason ?? 'no reason given'}`,
        fieldErrors: [],
      });
    default: {
      const end = ended(status, what);
      return end ? found(end) : inconclusive(`lab4pay reports status ${body.status} for the ${what}`);
    }
  }
}

export function parseLab4PayLookup(
  ep: Lab4PayEndpoints,
  ctx: OperationContext,
  reply: HttpReply,
  request: HttpRequestSpec | undefined,
  pollMs: number,
): LookupStep {
  switch (stepOf(ctx, request)) {
    case 'status':
      return transactionStatus(ep, ctx, reply, pollMs);
    case 'print_slip':
      return printSlip(ctx, reply);
    case 'operation':
      return operation(ctx, reply, pollMs);
  }
}
