// Pure request builders for Blink card-present. Every call carries Basic auth and a descriptive
// User-Agent; amounts are decimal strings in major units; our ids travel in `metadata`.
import { BridgeError } from '../../core/errors.js';
import { money, toMajorString } from '../../core/money.js';
import type { HttpRequestSpec, OperationContext } from '../../core/connector.js';
import type { BlinkTerminalSettings } from './config.js';
import { echoSaleToPoi } from './sale-to-poi.js';

/** A Blink operation's context: the terminal's settings parsed (config.ts). */
export type BlinkContext = OperationContext<BlinkTerminalSettings>;

export interface BlinkEndpoints {
  readonly apiUrl: string;
  readonly authorization: string;
  readonly userAgent: string;
}

interface TerminalFields {
  site_branch_id: string;
  pos_location: string;
  terminal_id: string;
}

function terminal(ctx: BlinkContext): TerminalFields & { validityDays: number } {
  const s = ctx.terminal.settings;
  return {
    site_branch_id: s.site_branch_id,
    pos_location: s.pos_location,
    terminal_id: s.blink_terminal_id,
    validityDays: s.validity_days,
  };
}

export function headers(ep: BlinkEndpoints): Record<string, string> {
  return {
    authorization: ep.authorization,
    'user-agent': ep.userAgent,
    accept: 'application/json',
    'content-type': 'application/json',
  };
}

function post(ep: BlinkEndpoints, path: string, body: unknown): HttpRequestSpec {
  return { method: 'POST', url: `${ep.apiUrl}/v1/card-present/${path}`, headers: headers(ep), body, auth: 'none' };
}

function original(ctx: BlinkContext): string {
  if (!ctx.transaction.providerRef)
    throw new BridgeError('invalid_state', `transaction ${ctx.transaction.id} has no Blink transaction_id`);
  return ctx.transaction.providerRef;
}

const amount = (minor: number, currency: string) => toMajorString(money(minor, currency));
const operator = (ctx: BlinkContext) => (ctx.transaction.operator ? { operator_id: ctx.transaction.operator } : {});

export function buildPreauth(ep: BlinkEndpoints, ctx: BlinkContext): HttpRequestSpec {
  const { validityDays, ...t } = terminal(ctx);
  // The field table says requested_validity_date may be null, the error list says it is required: we always send it.
  const validity = ctx.transaction.expiresAt ?? new Date(Date.parse(ctx.now) + validityDays * 86_400_000).toISOString();
  return post(ep, 'preauth-transactions', {
    ...t,
    ...operator(ctx),
    currency: ctx.transaction.currency,
    requested_amount: amount(ctx.transaction.amountRequested, ctx.transaction.currency),
    requested_validity_date: validity,
    request_timestamp: ctx.now,
    metadata: { reference: ctx.transaction.id, pos_reference: ctx.transaction.reference },
  });
}

export function buildCompletion(ep: BlinkEndpoints, ctx: BlinkContext): HttpRequestSpec {
  const { validityDays: _v, ...t } = terminal(ctx);
  return post(ep, 'preauth-completions', {
    ...t,
    ...operator(ctx),
    original_transaction_id: original(ctx),
    // The sandbox example (apidocs/preauth-completions) omits amount and currency, the live page sends
    // both; we always send them, since a completion may finalise less than was authorised.
    currency: ctx.transaction.currency,
    requested_amount: amount(
      ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? ctx.transaction.amountRequested,
      ctx.transaction.currency,
    ),
    request_timestamp: ctx.now,
    // Guide step 2 of post-preauth-completions says to pass the pre-auth answer's SaleToPOIData; the
    // request example leaves it out. We follow the explicit instruction whenever we have the value.
    ...echoSaleToPoi(ctx.transaction.providerRefs),
    metadata: { reference: ctx.transaction.id, operation: ctx.operation.id },
  });
}

/**
 * Blink lists "Pre-auth Voids" (docs/card-present-api) but publishes no page for it, so the path and
 * fields are our reading. The nearest documented sibling, POST /reversals (docs/post-reversals), takes
 * original_transaction_id, original_transaction_timestamp (not nullable there) and the original
 * answer's SaleToPOIData (its guide, step 2). A void that lacks a field Blink needs is refused and the
 * hold stays on the card, so we send all three whenever we know them.
 */
export function buildVoid(ep: BlinkEndpoints, ctx: BlinkContext): HttpRequestSpec {
  const { validityDays: _v, ...t } = terminal(ctx);
  const originalTimestamp = ctx.transaction.providerRefs.request_timestamp;
  return post(ep, 'preauth-voids', {
    ...t,
    ...operator(ctx),
    original_transaction_id: original(ctx),
    ...(originalTimestamp ? { original_transaction_timestamp: originalTimestamp } : {}),
    request_timestamp: ctx.now,
    ...echoSaleToPoi(ctx.transaction.providerRefs),
    metadata: { reference: ctx.transaction.id, operation: ctx.operation.id },
  });
}

export function buildTerminalList(ep: BlinkEndpoints): HttpRequestSpec {
  return get(ep, 'terminals');
}

/** The terminal's request log for one day (docs/requestsdata-data): every request with its answer. */
export function buildRequestLog(ep: BlinkEndpoints, terminalId: string, day: string): HttpRequestSpec {
  return get(ep, `terminals/${encodeURIComponent(terminalId)}/requests?date=${day}`);
}

/** The terminal's end-of-day report for one day (docs/eod-reports-data). */
export function buildEodReport(ep: BlinkEndpoints, terminalId: string, day: string): HttpRequestSpec {
  return get(ep, `terminals/${encodeURIComponent(terminalId)}/eod-reports?date=${day}`);
}

// The pages show `{}` as the body of these GETs; a GET carries no body, so none is sent.
function get(ep: BlinkEndpoints, path: string): HttpRequestSpec {
  return { method: 'GET', url: `${ep.apiUrl}/v1/card-present/${path}`, headers: headers(ep), auth: 'none' };
}
