// SmartRetry's own record of each of our payments, for reconciliation: the status of the pre-auth,
// GET /v1/payments/status/{terminal_friendly_id}/{transaction_id}, and of its capture by the capture's own id
// ("the transaction_id returned by the … capture … or void response",
// https://www.smartretry.com/docs/api-reference/payments/status). SmartRetry publishes no list of a day's
// payments, so only our own payments can be asked about: a payment SmartRetry has and we do not cannot be
// seen from here. An unknown id is 404 TRANSACTION_NOT_FOUND (api-reference/errors; payments/status's own
// example answers 400 with the same code, read alike).
import type { HttpReply } from '../../core/connector.js';
import { fromMajorNumber } from '../../core/money.js';
import type {
  OurPaymentRef,
  RecordPage,
  RecordReader,
  RecordRequest,
  RecordScope,
  TheirPayment,
  TheirState,
} from '../../core/provider-records.js';
import type { SmartRetryEndpoints } from './build.js';
import type { SmartRetryTerminalSettings } from './config.js';
import { problemOf } from './problem.js';
import { isStatus, type StatusReply } from './wire.js';

interface StatusRequest extends RecordRequest {
  readonly smartRetry: {
    readonly step: 'preauth' | 'capture';
    readonly friendlyId: string;
    readonly captureRef: string | null;
    /** The pre-auth as read, once the capture is asked about. */
    readonly preauth?: TheirPayment;
  };
}

/** payments/status "Status values" (concepts/transaction-statuses): CANCELLED is "cancelled (e.g., by a void)". */
function stateOf(s: StatusReply): TheirState {
  switch (s.status.status) {
    case 'APPROVED':
      return 'authorized';
    case 'CANCELLED':
      return 'released';
    case 'DECLINED':
    case 'ERROR':
      return 'declined';
    case 'PROCESSING':
    case 'UNKNOWN':
      return 'pending';
    default:
      return 'other';
  }
}

function minorOf(s: StatusReply, currency: string): number | null {
  if (s.amount === undefined) return null;
  try {
    return fromMajorNumber(s.amount, s.currency ?? currency);
  } catch {
    return null;
  }
}

function notFound(reply: HttpReply): boolean {
  if (reply.status === 404) return true;
  return reply.status === 400 && problemOf(reply.body).code === 'TRANSACTION_NOT_FOUND';
}

export function smartRetryRecords(ep: SmartRetryEndpoints): RecordReader {
  const statusRequest = (
    o: Pick<OurPaymentRef, 'transactionId' | 'terminalId'>,
    id: string,
    detail: StatusRequest['smartRetry'],
  ): StatusRequest => ({
    method: 'GET',
    url: `${ep.apiUrl}/v1/payments/status/${encodeURIComponent(detail.friendlyId)}/${encodeURIComponent(id)}`,
    headers: { 'x-api-key': ep.apiKey, accept: 'application/json' },
    auth: 'none',
    terminalId: o.terminalId,
    about: o.transactionId,
    smartRetry: detail,
  });
  return {
    coverage: 'each',
    plan(scope: RecordScope): RecordRequest[] {
      const friendly = new Map(
        scope.terminals.map((t) => [t.id, (t.settings as SmartRetryTerminalSettings).terminal_friendly_id]),
      );
      return scope.ours.flatMap((o) => {
        const id = o.providerRefs.transaction_id;
        const friendlyId = friendly.get(o.terminalId);
        // Never sent, or its answer was lost before SmartRetry named it: there is no id to ask about.
        if (!id || !friendlyId) return [];
        return [statusRequest(o, id, { step: 'preauth', friendlyId, captureRef: o.captureRef })];
      });
    },
    read(reply: HttpReply, request: RecordRequest): RecordPage {
      const detail = (request as Partial<StatusRequest>).smartRetry;
      const about = request.about;
      if (!detail || about === undefined) return { kind: 'unreadable', why: 'not a SmartRetry status request' };
      if (notFound(reply)) {
        // A capture SmartRetry does not know leaves the pre-auth as it read.
        if (detail.step === 'capture' && detail.preauth) return { kind: 'read', theirs: [detail.preauth] };
        return { kind: 'read', theirs: [], missing: [about] };
      }
      if (reply.status !== 200 || !isStatus.Check(reply.body))
        return { kind: 'unreadable', why: `SmartRetry's status answered ${reply.status}` };
      const s = reply.body;
      if (detail.step === 'preauth') {
        const currency = s.currency ?? null;
        const preauth: TheirPayment = {
          providerRef: s.transaction_id,
          transactionId: about,
          currency,
          authorized: minorOf(s, currency ?? ''),
          captured: null,
          state: stateOf(s),
          status: s.status.status,
        };
        if (detail.captureRef === null || preauth.state !== 'authorized') return { kind: 'read', theirs: [preauth] };
        return {
          kind: 'read',
          theirs: [],
          next: statusRequest({ transactionId: about, terminalId: request.terminalId ?? '' }, detail.captureRef, {
            ...detail,
            step: 'capture',
            preauth,
          }),
        };
      }
      const preauth = detail.preauth!;
      // The capture is a transaction of its own: APPROVED means the money was taken, at its amount.
      if (s.status.status !== 'APPROVED')
        return { kind: 'read', theirs: [{ ...preauth, status: `${preauth.status}, capture ${s.status.status}` }] };
      return {
        kind: 'read',
        theirs: [
          {
            ...preauth,
            state: 'captured',
            captured: minorOf(s, preauth.currency ?? ''),
            status: `${preauth.status}, capture ${s.status.status}`,
          },
        ],
      };
    },
  };
}
