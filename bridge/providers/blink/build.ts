// Pure request builders for Blink card-present. Every call carries Basic auth and a descriptive
// User-Agent; amounts are decimal strings in major units; our ids travel in `metadata`.
import { BridgeError } from '../../core/errors.js';
import { money, toMajorString } from '../../core/money.js';
import type { HttpRequestSpec, OperationContext } from '../types.js';

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

function terminal(ctx: OperationContext): TerminalFields & { validityDays: number } {
  const s = ctx.terminal.settings;
  if (typeof s.blink_terminal_id !== 'string' || typeof s.site_branch_id !== 'string' || typeof s.pos_location !== 'string') {
    throw new BridgeError('unknown_terminal', `terminal ${ctx.terminal.id} lacks its Blink terminal, site or location`);
  }
  return { site_branch_id: s.site_branch_id, pos_location: s.pos_location, terminal_id: s.blink_terminal_id, validityDays: typeof s.validity_days === 'number' ? s.validity_days : 7 };
}

export function headers(ep: BlinkEndpoints): Record<string, string> {
  return { authorization: ep.authorization, 'user-agent': ep.userAgent, accept: 'application/json', 'content-type': 'application/json' };
}

function post(ep: BlinkEndpoints, path: string, body: unknown): HttpRequestSpec {
  return { method: 'POST', url: `${ep.apiUrl}/v1/card-present/${path}`, headers: headers(ep), body, auth: 'none' };
}

function original(ctx: OperationContext): string {
  if (!ctx.transaction.providerRef) throw new BridgeError('invalid_state', `transaction ${ctx.transaction.id} has no Blink transaction_id`);
  return ctx.transaction.providerRef;
}

const amount = (minor: number, currency: string) => toMajorString(money(minor, currency));
const operator = (ctx: OperationContext) => (ctx.transaction.operator ? { operator_id: ctx.transaction.operator } : {});

export function buildPreauth(ep: BlinkEndpoints, ctx: OperationContext): HttpRequestSpec {
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

export function buildCompletion(ep: BlinkEndpoints, ctx: OperationContext): HttpRequestSpec {
  const { validityDays: _v, ...t } = terminal(ctx);
  return post(ep, 'preauth-completions', {
    ...t,
    ...operator(ctx),
    original_transaction_id: original(ctx),
    currency: ctx.transaction.currency,
    requested_amount: amount(ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? ctx.transaction.amountRequested, ctx.transaction.currency),
    request_timestamp: ctx.now,
    metadata: { reference: ctx.transaction.id, operation: ctx.operation.id },
  });
}

/** Assumption: Blink lists "Pre-auth Voids" without a published page; we follow the completions' shape. */
export function buildVoid(ep: BlinkEndpoints, ctx: OperationContext): HttpRequestSpec {
  const { validityDays: _v, ...t } = terminal(ctx);
  return post(ep, 'preauth-voids', {
    ...t,
    ...operator(ctx),
    original_transaction_id: original(ctx),
    request_timestamp: ctx.now,
    metadata: { reference: ctx.transaction.id, operation: ctx.operation.id },
  });
}

export function buildTerminalList(ep: BlinkEndpoints): HttpRequestSpec {
  return { method: 'GET', url: `${ep.apiUrl}/v1/card-present/terminals`, headers: headers(ep), auth: 'none' };
}
