// Payroc's own records of a day, for reconciliation: the payment list, `GET /payments` with
// `processingTerminalId`, `dateFrom` and `dateTo` ("payments that the processor processed after / before a
// specific date", ISO 8601) and `limit`, paged with `after` (payroc/payroc-sdk-js
// src/api/resources/cardPayments/resources/payments/client/requests/ListPaymentsRequest.ts). The answer
// is a PaginatedList `{limit, count, hasMore, links, data}` (src/api/types/PaginatedList.ts), whose `links`
// are `{rel, method, href}` (src/api/types/Link.ts). The list is the provider's whole account of the
// terminal's day, so a payment in it we have no record of is a difference.
import type { HttpReply } from '../../core/connector.js';
import type {
  RecordPage,
  RecordReader,
  RecordRequest,
  RecordScope,
  TheirPayment,
  TheirState,
} from '../../core/provider-records.js';
import type { PayrocEndpoints } from './build.js';
import type { PayrocTerminalSettings } from './config.js';
import { isPaymentList, type PayrocPayment } from './wire.js';

const PAGE = 100;

interface Listing {
  readonly from: string;
  readonly to: string;
  readonly processingTerminalId: string;
}

/** A list request carries what it lists, so the next page can be asked for without state elsewhere. */
interface ListRequest extends RecordRequest {
  readonly payrocList: Listing;
}

function listRequest(url: string, terminalId: string, listing: Listing): ListRequest {
  return {
    method: 'GET',
    url,
    headers: { accept: 'application/json' },
    auth: 'bearer',
    terminalId,
    payrocList: listing,
  };
}

/**
 * Our words for a payment's state. `status` is one of the TransactionResult values
 * (src/api/types/TransactionResult.ts); a hold is `ready` with `capture` among its supportedOperations,
 * as the pre-authorisation guide describes. Assumption: a `ready` payment that no longer offers capture
 * but offers `refund` has been captured, because the docs do not print a captured pre-authorisation.
 */
function stateOf(p: PayrocPayment): TheirState {
  const status = p.transactionResult.status;
  const ops = p.supportedOperations ?? [];
  switch (status) {
    case 'declined':
    case 'referral':
    case 'pickup':
      return 'declined';
    case 'reversal':
    case 'expired':
      return 'released';
    case 'pending':
      return 'pending';
    case 'complete':
      return 'captured';
    case 'ready':
      if (ops.includes('capture')) return 'authorized';
      if (ops.includes('refund')) return 'captured';
      return 'approved';
    default:
      return 'other';
  }
}

function theirPayment(p: PayrocPayment): TheirPayment {
  const state = stateOf(p);
  const held = state !== 'declined' && state !== 'pending';
  return {
    providerRef: p.paymentId,
    transactionId: p.order.orderId ?? null,
    currency: p.order.currency,
    authorized: held ? (p.transactionResult.authorizedAmount ?? p.order.amount) : null,
    // Assumption: after a capture the order's amount is what was captured (the sandbox's reading of
    // PaymentCapture, "amount … if you don't send an amount, we capture the total").
    captured: state === 'captured' ? p.order.amount : null,
    state,
    status: status(p),
    ...(p.processingTerminalId ? { terminal: p.processingTerminalId } : {}),
  };
}

function status(p: PayrocPayment): string {
  return `${p.transactionResult.status} (${p.transactionResult.responseCode})`;
}

function nextHref(body: { links?: unknown }): string | undefined {
  if (!Array.isArray(body.links)) return undefined;
  for (const l of body.links as unknown[]) {
    const link = l as { rel?: unknown; href?: unknown };
    if (link.rel === 'next' && typeof link.href === 'string' && link.href.length > 0) return link.href;
  }
  return undefined;
}

export function payrocRecords(ep: PayrocEndpoints): RecordReader {
  const listUrl = (l: Listing, after?: string) =>
    `${ep.apiUrl}/payments?${new URLSearchParams({
      processingTerminalId: l.processingTerminalId,
      dateFrom: l.from,
      dateTo: l.to,
      limit: String(PAGE),
      ...(after ? { after } : {}),
    }).toString()}`;
  return {
    coverage: 'day',
    plan(scope: RecordScope) {
      // One list per processing terminal: two of our terminals on the same one are read once.
      const seen = new Set<string>();
      const out: RecordRequest[] = [];
      for (const t of scope.terminals) {
        const pti = (t.settings as PayrocTerminalSettings).processing_terminal_id;
        if (seen.has(pti)) continue;
        seen.add(pti);
        const listing = { from: scope.from, to: scope.to, processingTerminalId: pti };
        out.push(listRequest(listUrl(listing), t.id, listing));
      }
      return out;
    },
    read(reply: HttpReply, request: RecordRequest): RecordPage {
      if (reply.status !== 200) return { kind: 'unreadable', why: `Payroc's payment list answered ${reply.status}` };
      if (!isPaymentList.Check(reply.body)) return { kind: 'unreadable', why: "Payroc's payment list cannot be read" };
      const body = reply.body as { data: PayrocPayment[]; hasMore?: boolean; links?: unknown };
      const theirs = body.data.map(theirPayment);
      if (!body.hasMore) return { kind: 'read', theirs };
      const listing = (request as Partial<ListRequest>).payrocList;
      const href = nextHref(body);
      const last = body.data.at(-1)?.paymentId;
      // The `next` link where Payroc gives one (relative or absolute), else the page after the last payment.
      const url = href
        ? new URL(href, `${ep.apiUrl}/`).toString()
        : listing && last
          ? listUrl(listing, last)
          : undefined;
      if (!url || !listing)
        return { kind: 'unreadable', why: "Payroc's payment list says there is more but not where" };
      return { kind: 'read', theirs, next: listRequest(url, request.terminalId ?? '', listing) };
    },
  };
}
