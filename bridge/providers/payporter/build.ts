// Pure request builders for PayPorter: static key and secret headers, major-unit amounts, our
// transaction id as orderId, and requestIp/requestPort from the configuration.
// Source: commitup/api-doc-v2 docs/pos-api/authentication.md (X-API-KEY, X-API-SECRET), pre-auth.md,
// capture-auth.md, cancel-payment.md (no body), payment-status.md. The optional `customerId` of
// pre-auth.md is not sent: the bridge has no customer of its own to name.
import { BridgeError } from '../../core/errors.js';
import { toMajorNumber } from '../../core/money.js';
import type { HttpRequestSpec, OperationContext } from '../../core/connector.js';

export interface PayPorterEndpoints {
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly requestIp: string;
  readonly requestPort: number;
}

function headers(ep: PayPorterEndpoints, json: boolean): Record<string, string> {
  return {
    'x-api-key': ep.apiKey,
    'x-api-secret': ep.apiSecret,
    accept: 'application/json',
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

function paymentId(ctx: OperationContext): string {
  const id = ctx.transaction.providerRef;
  if (!id) throw new BridgeError('invalid_state', `transaction ${ctx.transaction.id} has no PayPorter paymentId`);
  return encodeURIComponent(id);
}

export function buildPreauth(ep: PayPorterEndpoints, ctx: OperationContext): HttpRequestSpec {
  const card = ctx.card;
  if (!card) throw new BridgeError('card_required', 'PayPorter pre-authorisations need the card details');
  return {
    method: 'POST',
    url: `${ep.apiUrl}/api/pre-authorization`,
    headers: headers(ep, true),
    auth: 'none',
    body: {
      orderId: ctx.transaction.id,
      amount: toMajorNumber(ctx.transaction.amountRequested, ctx.transaction.currency),
      currency: ctx.transaction.currency,
      cardHolderName: card.holder_name ?? '',
      pan: card.number,
      expiryMonth: String(card.expiry_month).padStart(2, '0'),
      expiryYear: String(card.expiry_year % 100).padStart(2, '0'),
      cvv: card.cvv ?? '',
      requestIp: ep.requestIp,
      requestPort: ep.requestPort,
    },
  };
}

/** What a capture asks for (minor units): the operation's amount, else all that was authorised. */
export function captureAmount(ctx: OperationContext): number {
  return ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? ctx.transaction.amountRequested;
}

export function buildCapture(ep: PayPorterEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/api/pre-authorization/${paymentId(ctx)}/capture`,
    headers: headers(ep, true),
    auth: 'none',
    body: { amount: toMajorNumber(captureAmount(ctx), ctx.transaction.currency), currency: ctx.transaction.currency },
  };
}

export function buildCancel(ep: PayPorterEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/api/payment/${paymentId(ctx)}/cancel`,
    headers: headers(ep, false),
    auth: 'none',
  };
}

/** The pre-authorisation's own record; undefined before its paymentId is known. */
export function buildStatus(ep: PayPorterEndpoints, ctx: OperationContext): HttpRequestSpec | undefined {
  if (!ctx.transaction.providerRef) return undefined;
  return {
    method: 'GET',
    url: `${ep.apiUrl}/api/payment/${paymentId(ctx)}`,
    headers: headers(ep, false),
    auth: 'none',
  };
}
