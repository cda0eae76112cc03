// Reads one day of a terminal's request log (https://api-docs.blinkpayment.co.uk/docs/requestsdata-data):
// `{"requests": [{id, request: {method, url, headers, body, timestamp}, response: {code, message, body}}]}`.
// Blink keeps it in the cloud, so it can be read while the terminal is offline. Each logged answer is
// read exactly as parseReply reads a live one, so the log settles a request the way its answer would have.
import type { Outcome } from '../../core/outcome.js';
import type { HttpReply, OperationContext } from '../../core/connector.js';
import type { Finding } from './findings.js';
import { strongest } from './findings.js';
import { parseReply } from './parse.js';
import { asObject, endpointOf, metadataMatches, type LookupTarget } from './target.js';
import { isLoggedRequest, isRequestLogEnvelope, type BlinkLoggedRequest } from './wire.js';

/** The body Blink logged, which may itself be JSON text. */
export function bodyOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function isOurs(entry: BlinkLoggedRequest, target: LookupTarget): boolean {
  if (endpointOf(entry.request.url) !== target.endpoint) return false;
  return metadataMatches(asObject(bodyOf(entry.request.body))?.metadata, target);
}

/** An approval read from the log names the pre-auth's own request_timestamp, not the time of the lookup. */
function withSentAt(outcome: Outcome, entry: BlinkLoggedRequest): Outcome {
  const sent = asObject(bodyOf(entry.request.body))?.request_timestamp;
  if (outcome.kind !== 'approved' || typeof sent !== 'string' || !outcome.approval.providerRefs) return outcome;
  return {
    ...outcome,
    approval: { ...outcome.approval, providerRefs: { ...outcome.approval.providerRefs, request_timestamp: sent } },
  };
}

function findingOf(ctx: OperationContext, entry: BlinkLoggedRequest): Finding {
  const response = entry.response;
  // No answer logged yet: the cloud is still waiting for the terminal (the customer, the card).
  if (response === undefined || response === null || response.code === undefined) return { kind: 'working' };
  const status = Number(response.code);
  if (!Number.isInteger(status))
    return { kind: 'reached', why: `logged answer code ${String(response.code)} is not a status` };
  const reply: HttpReply = { status, headers: {}, body: bodyOf(response.body) };
  const outcome = parseReply(ctx, reply);
  switch (outcome.kind) {
    case 'approved':
    case 'declined':
    case 'rejected':
      return { kind: 'settled', outcome: withSentAt(outcome, entry) };
    case 'retryable':
      return { kind: 'not_performed' };
    default:
      return {
        kind: 'reached',
        why: `the request log shows Blink answered ${status}${response.message ? ` ${response.message}` : ''}`,
      };
  }
}

/** What one request-log answer says about our request. */
export function readRequestLog(ctx: OperationContext, target: LookupTarget, reply: HttpReply): Finding {
  if (reply.status < 200 || reply.status >= 300)
    return { kind: 'unreadable', why: `the request log answered ${reply.status}` };
  if (!isRequestLogEnvelope.Check(reply.body))
    return { kind: 'unreadable', why: 'the request log is not {"requests": [...]}' };
  const findings: Finding[] = [];
  for (const raw of reply.body.requests) {
    // An entry we cannot read might be ours: it keeps "nothing found" from being concluded.
    if (!isLoggedRequest.Check(raw)) {
      findings.push({ kind: 'unreadable', why: 'the request log holds an entry we cannot read' });
      continue;
    }
    if (isOurs(raw, target)) findings.push(findingOf(ctx, raw));
  }
  return strongest(findings);
}
