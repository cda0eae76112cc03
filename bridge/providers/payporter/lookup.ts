// Reading the looked-up pre-authorisation (GET /api/payment/{paymentId}, payment-status.md) to tell
// whether it, its capture or its cancel took effect.
//
// What the record reads after a capture or a cancel is not shown by any example. Our reading, written
// in the sandbox README too: a captured pre-authorisation reads CAPTURED and a cancelled one CANCELLED.
// api.html lists both statuses, refund-payment.md allows refunds of "SUCCESS or CAPTURED" payments (a
// sale, or a captured pre-authorisation) and payment-status.md's example treats CANCELLED as a state
// of the payment looked up. The other reading (the record keeps SUCCESS) is accepted only where the
// record itself proves the capture: its amount changed to exactly what we asked to capture.
import { fromMajorNumber } from '../../core/money.js';
import type { Outcome } from '../../core/outcome.js';
import type { HttpReply, LookupStep, OperationContext } from '../../core/connector.js';
import { captureAmount } from './build.js';
import { outcomeOfPreauth } from './parse.js';
import { isPayment, type ApiPaymentResponse } from './wire.js';

/** Whether the looked-up record shows the capture we asked for. */
export function showsCapture(ctx: OperationContext, p: ApiPaymentResponse): boolean {
  if (p.status === 'CAPTURED') return true;
  if (p.status !== 'SUCCESS' || ctx.transaction.amountAuthorized === null) return false;
  if (p.currency !== ctx.transaction.currency) return false;
  const amount = fromMajorNumber(p.amount, p.currency);
  return amount !== ctx.transaction.amountAuthorized && amount === captureAmount(ctx);
}

function preauthOutcome(p: ApiPaymentResponse): Outcome {
  // A record that was later captured or cancelled was a hold first.
  return outcomeOfPreauth(p.status === 'CAPTURED' || p.status === 'CANCELLED' ? { ...p, status: 'SUCCESS' } : p);
}

export function parseLookup(ctx: OperationContext, reply: HttpReply): LookupStep {
  if (reply.status === 404) return { kind: 'not_found' };
  if (reply.status !== 200 || !isPayment.Check(reply.body))
    return { kind: 'inconclusive', reason: `payporter lookup answered ${reply.status}` };
  const p = reply.body;
  switch (ctx.kind) {
    case 'preauth':
      return { kind: 'found', outcome: preauthOutcome(p) };
    case 'capture':
      return showsCapture(ctx, p)
        ? { kind: 'found', outcome: { kind: 'approved', approval: { amountCaptured: captureAmount(ctx) } } }
        : { kind: 'not_found' };
    case 'void':
      return p.status === 'CANCELLED'
        ? { kind: 'found', outcome: { kind: 'approved', approval: {} } }
        : { kind: 'not_found' };
    case 'adjust':
      return { kind: 'not_found' };
  }
}
