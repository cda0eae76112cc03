// Looking up a Blink request whose answer we did not get (a dropped connection, a timeout, a daemon
// killed while the customer was at the terminal, a 503 "Lost connection").
//
// Blink has no per-transaction status call for card-present, but two per-terminal records by date,
// both kept in the cloud and readable while the terminal is offline:
//   1. the request log, GET …/terminals/{terminal_id}/requests?date=YYYY-MM-DD (docs/requestsdata-data):
//      every request with the answer Blink gave; we find ours by the `metadata` we sent;
//   2. the EOD report, GET …/terminals/{terminal_id}/eod-reports?date=YYYY-MM-DD (docs/eod-reports-data):
//      what the terminal did, which settles an answer that was lost between the terminal and the cloud.
// One step walks the log's candidate days, then (only if the log cannot settle it) the EOD report's,
// at most four requests (the engine's limit per step).
import type { Lookup } from '../../core/outcome.js';
import type { HttpReply, HttpRequestSpec, LookupStep, OperationContext } from '../../core/connector.js';
import { buildEodReport, buildRequestLog, type BlinkContext, type BlinkEndpoints } from './build.js';
import { candidateDays } from './days.js';
import { readEodReport } from './eod-report.js';
import { strongest, type Finding } from './findings.js';
import { readRequestLog } from './request-log.js';
import { targetOf } from './target.js';

interface Plan {
  readonly source: 'log' | 'eod';
  readonly days: readonly string[];
  readonly index: number;
  /** The strongest finding of the pages read so far in this step. */
  readonly soFar: Finding;
}

/**
 * A lookup request carries its place in the plan. The engine hands the very request object back to
 * parseLookup (LookupStep contract), so the plan needs no state outside the request.
 */
interface BlinkLookupRequest extends HttpRequestSpec {
  readonly blinkLookup: Plan;
}

/** The days to read: the day the POS asked for the operation (and its neighbour near midnight). */
function daysFor(ctx: OperationContext): string[] {
  return candidateDays(ctx.kind === 'preauth' ? ctx.transaction.createdAt : ctx.operation.createdAt);
}

function requestFor(ep: BlinkEndpoints, terminalId: string, plan: Plan): BlinkLookupRequest {
  const day = plan.days[plan.index]!;
  const spec = plan.source === 'log' ? buildRequestLog(ep, terminalId, day) : buildEodReport(ep, terminalId, day);
  return { ...spec, blinkLookup: plan };
}

export function blinkLookup(ep: BlinkEndpoints, ctx: BlinkContext): HttpRequestSpec | undefined {
  const terminalId = ctx.terminal.settings.blink_terminal_id;
  const days = daysFor(ctx);
  if (!targetOf(ctx) || days.length === 0) return undefined;
  return requestFor(ep, terminalId, { source: 'log', days, index: 0, soFar: { kind: 'none' } });
}

/** What the pages read so far amount to, once there is nothing more worth reading. */
function conclude(found: Finding): Lookup {
  switch (found.kind) {
    case 'settled':
      return { kind: 'found', outcome: found.outcome };
    case 'working':
      return { kind: 'inconclusive', reason: 'Blink has the request and the terminal has not answered yet' };
    case 'reached':
      return { kind: 'inconclusive', reason: `${found.why}, and the EOD report has no line for it yet` };
    case 'unreadable':
      return { kind: 'inconclusive', reason: found.why };
    // Answered "not performed", or not there at all: nothing took effect (the engine decides when to believe it).
    case 'not_performed':
    case 'none':
      return { kind: 'not_found' };
  }
}

export function parseBlinkLookup(
  ep: BlinkEndpoints,
  ctx: BlinkContext,
  reply: HttpReply,
  request?: HttpRequestSpec,
): LookupStep {
  const target = targetOf(ctx);
  const terminalId = ctx.terminal.settings.blink_terminal_id;
  const plan = (request as BlinkLookupRequest | undefined)?.blinkLookup;
  if (!target || !plan) return { kind: 'inconclusive', reason: 'not a Blink lookup request' };

  const page = plan.source === 'log' ? readRequestLog(ctx, target, reply) : readEodReport(ctx, target, reply);
  const found = strongest([plan.soFar, page]);
  // An approval, a request still at the terminal, or a decline is the answer: stop reading.
  if (found.kind === 'settled' || found.kind === 'working') return conclude(found);

  const more = plan.index + 1 < plan.days.length;
  if (more)
    return { kind: 'next', request: requestFor(ep, terminalId, { ...plan, index: plan.index + 1, soFar: found }) };
  // The log could not settle it (an answer that does not tell, or no readable log): ask the terminal's EOD report.
  if (plan.source === 'log' && (found.kind === 'reached' || found.kind === 'unreadable')) {
    return {
      kind: 'next',
      request: requestFor(ep, terminalId, { source: 'eod', days: plan.days, index: 0, soFar: found }),
    };
  }
  return conclude(found);
}
