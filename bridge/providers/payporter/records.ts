// PayPorter's own record of each of our payments, for reconciliation: GET /api/payment/{paymentId}
// (commitup/api-doc-v2 docs/pos-api/payment-status.md), the payment as it stands. The POS API has no
// list of a day's payments and no search by orderId, so only our own payments can be asked about.
// Statuses are those api.html lists; what a captured or cancelled pre-authorisation reads is our reading,
// as in lookup.ts: CAPTURED and CANCELLED. The record keeps the pre-authorised amount after a capture
// (capture-auth.md's example answers the original 100.50 for a 90.00 capture), so the captured amount
// cannot be compared here.
import type { HttpReply } from '../../core/connector.js';
import { fromMajorNumber } from '../../core/money.js';
import type {
  RecordPage,
  RecordReader,
  RecordRequest,
  RecordScope,
  TheirPayment,
  TheirState,
} from '../../core/provider-records.js';
import type { PayPorterEndpoints } from './build.js';
import { isPayment, type ApiPaymentResponse } from './wire.js';

function stateOf(status: string): TheirState {
  switch (status) {
    case 'SUCCESS':
      return 'authorized';
    case 'CAPTURED':
      return 'captured';
    case 'CANCELLED':
      return 'released';
    case 'FAILED':
    case 'REJECTED':
      return 'declined';
    case 'ENROLLED':
    case 'PENDING_APPROVAL':
      return 'pending';
    default:
      return 'other';
  }
}

function minorOf(p: ApiPaymentResponse): number | null {
  try {
    return fromMajorNumber(p.amount, p.currency);
  } catch {
    return null;
  }
}

export function payPorterRecords(ep: PayPorterEndpoints): RecordReader {
  return {
    coverage: 'each',
    plan(scope: RecordScope): RecordRequest[] {
      return scope.ours.flatMap((o) =>
        // No paymentId: never sent, or its answer was lost (PayPorter cannot be asked by orderId).
        o.providerRef
          ? [
              {
                method: 'GET' as const,
                url: `${ep.apiUrl}/api/payment/${encodeURIComponent(o.providerRef)}`,
                headers: { 'x-api-key': ep.apiKey, 'x-api-secret': ep.apiSecret, accept: 'application/json' },
                auth: 'none' as const,
                terminalId: o.terminalId,
                about: o.transactionId,
              },
            ]
          : [],
      );
    },
    read(reply: HttpReply, request: RecordRequest): RecordPage {
      const about = request.about;
      if (about === undefined) return { kind: 'unreadable', why: 'not a PayPorter payment request' };
      // Assumption, as in the sandbox: 404 for an unknown paymentId (the POS pages document no error status).
      if (reply.status === 404) return { kind: 'read', theirs: [], missing: [about] };
      if (reply.status !== 200 || !isPayment.Check(reply.body))
        return { kind: 'unreadable', why: `PayPorter's payment status answered ${reply.status}` };
      const p = reply.body;
      const state = stateOf(p.status);
      const their: TheirPayment = {
        providerRef: p.paymentId,
        transactionId: p.orderId ?? about,
        currency: p.currency,
        authorized: state === 'declined' || state === 'pending' ? null : minorOf(p),
        captured: null,
        state,
        status: p.status,
      };
      return { kind: 'read', theirs: [their] };
    },
  };
}
