// Pure request builders for Lab4Pay Pay-Connect. Every call carries the integrator header; all but
// pairing and the token carry the paired terminal's bearer token. Amounts are cents (minor units) of
// the terminal's configured currency: requests carry no currency.
import { BridgeError } from '../../core/errors.js';
import type { HttpRequestSpec, OperationContext } from '../types.js';

export interface Lab4PayEndpoints {
  readonly apiUrl: string;
  readonly integratorId: string;
}

const INTEGRATOR = 'x-pay-connect-integrator-id';

function headers(ep: Lab4PayEndpoints, json: boolean): Record<string, string> {
  return { [INTEGRATOR]: ep.integratorId, accept: 'application/json', ...(json ? { 'content-type': 'application/json' } : {}) };
}

function transactionId(ctx: OperationContext): string {
  const id = ctx.transaction.providerRef;
  if (!id) throw new BridgeError('invalid_state', `transaction ${ctx.transaction.id} has no Lab4Pay transaction_id`);
  return encodeURIComponent(id);
}

export function buildPair(ep: Lab4PayEndpoints, name: string, otp: string): HttpRequestSpec {
  return { method: 'POST', url: `${ep.apiUrl}/v1/pay-connect/pair/`, headers: headers(ep, true), body: { name, otp }, auth: 'none' };
}

export function buildToken(ep: Lab4PayEndpoints, clientId: string, clientSecret: string): HttpRequestSpec {
  // OAuth 2 client credentials (RFC 6749 §4.4): a form body.
  return { method: 'POST', url: `${ep.apiUrl}/v1/auth/token/`, headers: headers(ep, false), form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }, auth: 'none' };
}

export function buildPreauth(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'POST', url: `${ep.apiUrl}/v1/pay-connect/transactions/preauth/`, headers: headers(ep, true), auth: 'bearer',
    body: { amount: ctx.transaction.amountRequested, client_transaction_id: ctx.transaction.id },
  };
}

/** Capture is "preauth-complete" with the final total: the original plus any (locally held) adjustment. */
export function buildComplete(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'POST', url: `${ep.apiUrl}/v1/pay-connect/transaction-operations/${transactionId(ctx)}/preauth-complete/`, headers: headers(ep, true), auth: 'bearer',
    body: { amount: ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? ctx.transaction.amountRequested },
  };
}

export function buildRevert(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec {
  return { method: 'POST', url: `${ep.apiUrl}/v1/pay-connect/transaction-operations/${transactionId(ctx)}/revert/`, headers: headers(ep, true), body: {}, auth: 'bearer' };
}

export function buildCancel(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec | undefined {
  if (!ctx.transaction.providerRef) return undefined;
  return { method: 'POST', url: `${ep.apiUrl}/v1/pay-connect/transactions/${transactionId(ctx)}/cancel/`, headers: headers(ep, true), body: {}, auth: 'bearer' };
}

/**
 * Assumption: the docs say to poll "the status endpoint" for a transaction without naming its path; we use
 * GET /v1/pay-connect/transactions/{transaction_id}/, by symmetry with the operations' status path.
 * Follow-ups are polled through their operation: GET /v1/pay-connect/transaction-operations/{operation_id}/.
 */
export function buildStatus(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec | undefined {
  if (ctx.kind === 'preauth') {
    if (!ctx.transaction.providerRef) return undefined;
    return { method: 'GET', url: `${ep.apiUrl}/v1/pay-connect/transactions/${transactionId(ctx)}/`, headers: headers(ep, false), auth: 'bearer' };
  }
  if (!ctx.operation.providerRef) return undefined;
  return { method: 'GET', url: `${ep.apiUrl}/v1/pay-connect/transaction-operations/${encodeURIComponent(ctx.operation.providerRef)}/`, headers: headers(ep, false), auth: 'bearer' };
}
