// Lab4Pay's own record of each of our payments, for reconciliation. Pay-Connect has no list of a day's
// transactions, but each one can be asked about: its status, GET …/transactions/{id}/status/
// (https://docs.lab4pay.com/pay-connect/payment-flows.md, "Successful Transaction"), then its print slip,
// GET …/transactions/{id}/print-slip/ (https://docs.lab4pay.com/api-reference/pay-connect/transaction-print-slip),
// for the amount (cents) and currency. The status does not tell a completed pre-auth from an open one
// (SUCCESS either way), so an approved record agrees with a hold and with a capture alike; REVERTED is a
// released hold (payment-facilitator/webhooks/expore-webhook-events.md lists it).
import type { HttpReply } from '../../core/connector.js';
import type {
  RecordPage,
  RecordReader,
  RecordRequest,
  RecordScope,
  TheirPayment,
  TheirState,
} from '../../core/provider-records.js';
import type { Lab4PayEndpoints } from './build.js';
import { isPrintSlip, isTransactionStatus } from './wire.js';

interface Lab4PayRecordRequest extends RecordRequest {
  readonly lab4pay: { readonly id: string; readonly step: 'status' | 'slip'; readonly status?: string };
}

function stateOf(status: string): TheirState {
  switch (status) {
    case 'SUCCESS':
      return 'approved';
    case 'REVERTED':
      return 'released';
    case 'FAILED':
    case 'DECLINED':
    case 'CANCELED':
    case 'EXPIRED':
      return 'declined';
    case 'INITIATED':
    case 'IN_PROGRESS':
      return 'pending';
    default:
      return 'other';
  }
}

export function lab4payRecords(ep: Lab4PayEndpoints): RecordReader {
  const request = (
    terminalId: string,
    about: string,
    detail: Lab4PayRecordRequest['lab4pay'],
  ): Lab4PayRecordRequest => ({
    method: 'GET',
    url: `${ep.apiUrl}/v1/pay-connect/transactions/${encodeURIComponent(detail.id)}/${detail.step === 'status' ? 'status' : 'print-slip'}/`,
    headers: { 'x-pay-connect-integrator-id': ep.integratorId, accept: 'application/json' },
    auth: 'bearer',
    terminalId,
    about,
    lab4pay: detail,
  });
  return {
    coverage: 'each',
    plan(scope: RecordScope): RecordRequest[] {
      return scope.ours.flatMap((o) =>
        o.providerRef ? [request(o.terminalId, o.transactionId, { id: o.providerRef, step: 'status' })] : [],
      );
    },
    read(reply: HttpReply, req: RecordRequest): RecordPage {
      const detail = (req as Partial<Lab4PayRecordRequest>).lab4pay;
      const about = req.about;
      if (!detail || about === undefined) return { kind: 'unreadable', why: 'not a Lab4Pay record request' };
      if (detail.step === 'status') {
        // Assumption, as in the sandbox: 404 for an id Lab4Pay does not know (the pages list 400, 401, 500).
        if (reply.status === 404) return { kind: 'read', theirs: [], missing: [about] };
        if (reply.status !== 200 || !isTransactionStatus.Check(reply.body))
          return { kind: 'unreadable', why: `Lab4Pay's transaction status answered ${reply.status}` };
        return {
          kind: 'read',
          theirs: [],
          next: request(req.terminalId ?? '', about, { ...detail, step: 'slip', status: reply.body.status }),
        };
      }
      const status = detail.status ?? '';
      const state = stateOf(status);
      const slip = reply.status === 200 && isPrintSlip.Check(reply.body) ? reply.body : undefined;
      // No slip (the page serves it "for completed transaction"): the status alone, amounts unknown.
      const their: TheirPayment = {
        providerRef: detail.id,
        transactionId: about,
        currency: slip?.currency ?? null,
        authorized: state === 'approved' || state === 'released' ? (slip?.amount ?? null) : null,
        captured: null,
        state,
        status,
      };
      return { kind: 'read', theirs: [their] };
    },
  };
}
