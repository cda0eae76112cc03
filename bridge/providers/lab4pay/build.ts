// Pure request builders for Lab4Pay Pay-Connect, shaped like the curl examples of the API reference
// (https://docs.lab4pay.com/api-reference/…; each builder names its page). Every call carries the integrator
// header (pay-connect/integrator-registry: "Include your Integrator ID in every request"); all but pairing
// and the token carry the paired terminal's bearer token. Amounts are cents of the terminal's configured
// currency: requests carry no currency.
import { BridgeError } from '../../core/errors.js';
import type { HttpRequestSpec, OperationContext } from '../../core/connector.js';

export interface Lab4PayEndpoints {
  readonly apiUrl: string;
  readonly integratorId: string;
}

const INTEGRATOR = 'x-pay-connect-integrator-id';

/** `json`: the request has a JSON body, so it says so (the examples send Content-Type only with --data). */
function headers(ep: Lab4PayEndpoints, json: boolean): Record<string, string> {
  return {
    [INTEGRATOR]: ep.integratorId,
    accept: 'application/json',
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

function transactionId(ctx: OperationContext): string {
  const id = ctx.transaction.providerRef;
  if (!id) throw new BridgeError('invalid_state', `transaction ${ctx.transaction.id} has no Lab4Pay transaction_id`);
  return encodeURIComponent(id);
}

/** pay-connect/pairing. `webhook_url` is optional and not sent: posbridge polls. */
export function buildPair(ep: Lab4PayEndpoints, name: string, otp: string): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/pay-connect/pair/`,
    headers: headers(ep, true),
    body: { name, otp },
    auth: 'none',
  };
}

/**
 * authorization/token: a JSON body with Content-Type: application/json (the OpenAPI requestBody lists
 * application/json only), not the form body RFC 6749 would suggest. The page lists no integrator header;
 * it is sent anyway because the integrator registry asks for it on every request, and it is harmless.
 */
export function buildToken(ep: Lab4PayEndpoints, clientId: string, clientSecret: string): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/auth/token/`,
    headers: headers(ep, true),
    auth: 'none',
    body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
  };
}

/** pay-connect/preauthorization-transaction: our transaction id is the client_transaction_id. */
export function buildPreauth(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/pay-connect/transactions/preauth/`,
    headers: headers(ep, true),
    auth: 'bearer',
    body: { amount: ctx.transaction.amountRequested, client_transaction_id: ctx.transaction.id },
  };
}

/**
 * pay-connect/preauth-complete-operation: `amount` "is the sum of the incremental transaction and the
 * original transaction", i.e. the final total: the original plus any (locally held) adjustment.
 */
export function buildComplete(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/pay-connect/transaction-operations/${transactionId(ctx)}/preauth-complete/`,
    headers: headers(ep, true),
    auth: 'bearer',
    body: { amount: ctx.operation.amount ?? ctx.transaction.amountAuthorized ?? ctx.transaction.amountRequested },
  };
}

/** pay-connect/revert-operation: the example sends no body (and so no Content-Type). */
export function buildRevert(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/pay-connect/transaction-operations/${transactionId(ctx)}/revert/`,
    headers: headers(ep, false),
    auth: 'bearer',
  };
}

/** pay-connect/cancel-transaction: no body either. Undefined until Lab4Pay has given the transaction an id. */
export function buildCancel(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec | undefined {
  if (!ctx.transaction.providerRef) return undefined;
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/pay-connect/transactions/${transactionId(ctx)}/cancel/`,
    headers: headers(ep, false),
    auth: 'bearer',
  };
}

/** pay-connect/payment-flows.md ("Successful Transaction"): poll GET …/transactions/{id}/status/. */
export function buildTransactionStatus(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'GET',
    url: `${ep.apiUrl}/v1/pay-connect/transactions/${transactionId(ctx)}/status/`,
    headers: headers(ep, false),
    auth: 'bearer',
  };
}

/** pay-connect/transaction-print-slip: the details (amount, card, approval code) once the status is SUCCESS. */
export function buildPrintSlip(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec {
  return {
    method: 'GET',
    url: `${ep.apiUrl}/v1/pay-connect/transactions/${transactionId(ctx)}/print-slip/`,
    headers: headers(ep, false),
    auth: 'bearer',
  };
}

/** pay-connect/operation-status: a completion or revert is followed through its own operation id. */
export function buildOperationStatus(ep: Lab4PayEndpoints, operationId: string): HttpRequestSpec {
  return {
    method: 'GET',
    url: `${ep.apiUrl}/v1/pay-connect/transaction-operations/${encodeURIComponent(operationId)}/`,
    headers: headers(ep, false),
    auth: 'bearer',
  };
}

/**
 * The first request of a lookup: a preauth asks for its transaction's status (then, on SUCCESS, its print
 * slip: see lookup.ts); a completion or revert asks for its operation. Undefined while there is no id to ask
 * about (the create answer was lost): Lab4Pay documents no search by client_transaction_id.
 */
export function buildLookup(ep: Lab4PayEndpoints, ctx: OperationContext): HttpRequestSpec | undefined {
  if (ctx.kind === 'preauth') return ctx.transaction.providerRef ? buildTransactionStatus(ep, ctx) : undefined;
  return ctx.operation.providerRef ? buildOperationStatus(ep, ctx.operation.providerRef) : undefined;
}
