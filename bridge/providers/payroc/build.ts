// Pure request builders for Payroc. Deterministic for a given context: a resend with the same
// Idempotency-Key must carry the same body, or Payroc answers 409 idempotency-key-in-use.
import { BridgeError } from '../../core/errors.js';
import type { HttpRequestSpec, OperationContext } from '../../core/connector.js';
import type { PayrocTerminalSettings } from './config.js';

export interface PayrocEndpoints {
  readonly apiUrl: string;
  readonly identityUrl: string;
}

/** A Payroc operation's context: the terminal's settings parsed (config.ts). */
export type PayrocContext = OperationContext<PayrocTerminalSettings>;

function post(url: string, key: string, body: unknown): HttpRequestSpec {
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
    body,
    auth: 'bearer',
  };
}

function paymentUrl(ep: PayrocEndpoints, ctx: PayrocContext, action?: string): string {
  const id = ctx.transaction.providerRef;
  if (!id) throw new BridgeError('invalid_state', `transaction ${ctx.transaction.id} has no Payroc paymentId`);
  return `${ep.apiUrl}/payments/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}

function mmyy(month: number, year: number): string {
  return `${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
}

export function buildPreauth(ep: PayrocEndpoints, ctx: PayrocContext): HttpRequestSpec {
  const card = ctx.card;
  if (!card) throw new BridgeError('card_required', 'Payroc keyed pre-authorisations need the card details');
  const t = ctx.terminal.settings;
  const operator = ctx.transaction.operator ?? undefined;
  return post(`${ep.apiUrl}/payments`, ctx.operation.idempotencyKey, {
    channel: t.channel,
    processingTerminalId: t.processing_terminal_id,
    ...(operator ? { operator } : {}),
    // Our transaction id is the order id, so the hold can always be found again by listing with orderId.
    order: { orderId: ctx.transaction.id, amount: ctx.transaction.amountRequested, currency: ctx.transaction.currency },
    paymentMethod: {
      type: 'card',
      cardDetails: {
        entryMethod: 'keyed',
        keyedData: {
          dataFormat: 'plainText',
          cardNumber: card.number,
          expiryDate: mmyy(card.expiry_month, card.expiry_year),
          ...(card.cvv ? { cvv: card.cvv } : {}),
        },
        ...(card.holder_name ? { cardholderName: card.holder_name } : {}),
      },
    },
    autoCapture: false,
    processAsSale: false,
  });
}

export function buildAdjust(ep: PayrocEndpoints, ctx: PayrocContext): HttpRequestSpec {
  const operator = ctx.transaction.operator ?? undefined;
  // Reading of the seed's hotel example ($100 → $150): an order adjustment carries the new total.
  return post(paymentUrl(ep, ctx, 'adjust'), ctx.operation.idempotencyKey, {
    adjustments: [{ type: 'order', amount: ctx.operation.amount }],
    ...(operator ? { operator } : {}),
  });
}

export function buildCapture(ep: PayrocEndpoints, ctx: PayrocContext): HttpRequestSpec {
  const operator = ctx.transaction.operator ?? undefined;
  return post(paymentUrl(ep, ctx, 'capture'), ctx.operation.idempotencyKey, {
    processingTerminalId: ctx.terminal.settings.processing_terminal_id,
    ...(ctx.operation.amount !== null ? { amount: ctx.operation.amount } : {}),
    ...(operator ? { operator } : {}),
  });
}

export function buildVoid(ep: PayrocEndpoints, ctx: PayrocContext): HttpRequestSpec {
  const operator = ctx.transaction.operator ?? undefined;
  return post(paymentUrl(ep, ctx, 'reverse'), ctx.operation.idempotencyKey, operator ? { operator } : {});
}

/** Lookup: by paymentId once we have it, else by listing payments with our order id. */
export function buildLookup(ep: PayrocEndpoints, ctx: PayrocContext): HttpRequestSpec {
  const url = ctx.transaction.providerRef
    ? paymentUrl(ep, ctx)
    : `${ep.apiUrl}/payments?orderId=${encodeURIComponent(ctx.transaction.id)}&limit=10`;
  return { method: 'GET', url, headers: { accept: 'application/json' }, auth: 'bearer' };
}

export function buildTokenRequest(ep: PayrocEndpoints, apiKey: string): HttpRequestSpec {
  return {
    method: 'POST',
    url: ep.identityUrl,
    headers: { 'x-api-key': apiKey, accept: 'application/json' },
    auth: 'none',
  };
}
