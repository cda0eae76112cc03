// Reads one day of a terminal's end-of-day report (https://api-docs.blinkpayment.co.uk/docs/eod-reports-data):
// a JSON array of `{request_timestamp, currency, site_branch_id, payment_method, pos_location, operator_id,
// status, requested_amount, transaction_id, terminal_id, metadata}`. It is the terminal's own account of
// what it did, so it settles a request whose answer the cloud lost (503 "Lost connection").
// The page documents one status, "Success"; which words a decline uses is not published.
import { fromMajorNumber, fromMajorString } from '../../core/money.js';
import type { Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext } from '../../core/connector.js';
import type { Finding } from './findings.js';
import { strongest } from './findings.js';
import { metadataMatches, type LookupTarget } from './target.js';
import { isEodEntry, type BlinkEodEntry } from './wire.js';

/** The lines, whether the report is the documented bare array or wrapped as its "Reports[]" field name suggests. */
function linesOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'object' || body === null) return undefined;
  const o = body as Record<string, unknown>;
  const wrapped = o.reports ?? o.Reports;
  return Array.isArray(wrapped) ? wrapped : undefined;
}

/** Minor units of a line's amount, or undefined when it cannot be read exactly. */
function minorOf(line: BlinkEodEntry, currency: string): number | undefined {
  try {
    if (typeof line.requested_amount === 'number')
      return fromMajorNumber(line.requested_amount, line.currency ?? currency);
    if (typeof line.requested_amount === 'string')
      return fromMajorString(line.requested_amount, line.currency ?? currency).minor;
  } catch {
    return undefined;
  }
  return undefined;
}

function approvedOf(ctx: OperationContext, line: BlinkEodEntry): Outcome {
  const id = line.transaction_id;
  const amount = minorOf(line, ctx.transaction.currency);
  switch (ctx.kind) {
    case 'preauth':
      // No card details and no SaleToPOIData here: the report does not carry them.
      return {
        kind: 'approved',
        approval: {
          ...(id ? { providerRef: id } : {}),
          providerRefs: {
            ...(id ? { transaction_id: id } : {}),
            ...(line.request_timestamp ? { request_timestamp: line.request_timestamp } : {}),
          },
          amountAuthorized: amount ?? ctx.transaction.amountRequested,
        },
      };
    case 'capture':
      return {
        kind: 'approved',
        approval: {
          ...(id ? { operationRef: id } : {}),
          amountCaptured: amount ?? ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? undefined,
        },
      };
    default:
      return { kind: 'approved', approval: id ? { operationRef: id } : {} };
  }
}

function findingOf(ctx: OperationContext, line: BlinkEodEntry): Finding {
  const status = line.status.trim();
  if (/^success/i.test(status)) return { kind: 'settled', outcome: approvedOf(ctx, line) };
  if (/declin|fail|refus|reject/i.test(status)) {
    return {
      kind: 'settled',
      outcome: {
        kind: 'declined',
        code: 'card_declined',
        message: `Declined at the terminal (EOD report status "${status}")`,
      },
    };
  }
  // A status we do not know how to read must not be guessed at.
  return { kind: 'reached', why: `the EOD report shows status "${status}"` };
}

/** What one EOD-report answer says about our request. */
export function readEodReport(ctx: OperationContext, target: LookupTarget, reply: HttpReply): Finding {
  if (reply.status < 200 || reply.status >= 300)
    return { kind: 'unreadable', why: `the EOD report answered ${reply.status}` };
  const lines = linesOf(reply.body);
  if (!lines) return { kind: 'unreadable', why: 'the EOD report is not a list' };
  const findings: Finding[] = [];
  for (const raw of lines) {
    if (!isEodEntry.Check(raw)) {
      findings.push({ kind: 'unreadable', why: 'the EOD report holds a line we cannot read' });
      continue;
    }
    if (metadataMatches(raw.metadata, target)) findings.push(findingOf(ctx, raw));
  }
  return strongest(findings);
}
