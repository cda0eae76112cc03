// Pure request builders for SmartRetry, field for field as the examples of payments/preauth,
// payments/capture, payments/void and payments/status. Every POST carries an Idempotency-Key that is
// reused on every retry of the same operation; the body is deterministic so a resend matches the
// original (a different body under the same key is 409 IDEMPOTENCY_CONFLICT, api-reference/idempotency).
import { BridgeError } from '../../core/errors.js';
import { toMajorNumber } from '../../core/money.js';
import type { HttpRequestSpec, OperationContext } from '../../core/connector.js';
import type { SmartRetryTerminalSettings } from './config.js';
import { fullYear } from './limits.js';

/** A SmartRetry operation's context: the terminal's settings parsed (config.ts). */
export type SmartRetryContext = OperationContext<SmartRetryTerminalSettings>;

export interface SmartRetryEndpoints {
  readonly apiUrl: string;
  readonly apiKey: string;
}

function terminalId(ctx: SmartRetryContext): string {
  return encodeURIComponent(ctx.terminal.settings.terminal_friendly_id);
}

function headers(ep: SmartRetryEndpoints, idempotencyKey?: string): Record<string, string> {
  return {
    'x-api-key': ep.apiKey,
    accept: 'application/json',
    ...(idempotencyKey ? { 'content-type': 'application/json', 'idempotency-key': idempotencyKey } : {}),
  };
}

function references(ctx: SmartRetryContext): { transaction_reference_id: string; order_reference_id: string } {
  const refs = ctx.transaction.providerRefs;
  if (!refs.transaction_id || !refs.order_id)
    throw new BridgeError(
      'invalid_state',
      `transaction ${ctx.transaction.id} has no SmartRetry transaction and order ids`,
    );
  return { transaction_reference_id: refs.transaction_id, order_reference_id: refs.order_id };
}

export function buildPreauth(ep: SmartRetryEndpoints, ctx: SmartRetryContext): HttpRequestSpec {
  const card = ctx.card;
  if (!card) throw new BridgeError('card_required', 'SmartRetry pre-authorisations need the card details');
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/payments/preauth/${terminalId(ctx)}`,
    headers: headers(ep, ctx.operation.idempotencyKey),
    auth: 'none',
    body: {
      // Our transaction id is the merchant reference: unique, and what a lookup or the ledger shows.
      merchant_transaction_id: ctx.transaction.id,
      amount: toMajorNumber(ctx.transaction.amountRequested, ctx.transaction.currency),
      currency: ctx.transaction.currency,
      order: {
        merchant_order_id: ctx.transaction.id,
        payment_instrument: {
          card_number: card.number,
          expiry_month: card.expiry_month,
          expiry_year: fullYear(card.expiry_year),
          payment_method: 'cards',
          ...(card.holder_name ? { card_cardholder_name: card.holder_name } : {}),
        },
        description: `posbridge ${ctx.transaction.reference}`,
      },
      ...(card.cvv ? { cvv: card.cvv } : {}),
    },
  };
}

export function buildCapture(ep: SmartRetryEndpoints, ctx: SmartRetryContext): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/payments/capture/${terminalId(ctx)}`,
    headers: headers(ep, ctx.operation.idempotencyKey),
    auth: 'none',
    body: {
      ...references(ctx),
      merchant_transaction_id: ctx.operation.id,
      ...(ctx.operation.amount !== null
        ? { amount: toMajorNumber(ctx.operation.amount, ctx.transaction.currency) }
        : {}),
    },
  };
}

export function buildVoid(ep: SmartRetryEndpoints, ctx: SmartRetryContext): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${ep.apiUrl}/v1/payments/void/${terminalId(ctx)}`,
    headers: headers(ep, ctx.operation.idempotencyKey),
    auth: 'none',
    body: references(ctx),
  };
}

function statusRequest(ep: SmartRetryEndpoints, ctx: SmartRetryContext, transactionId: string): HttpRequestSpec {
  return {
    method: 'GET',
    url: `${ep.apiUrl}/v1/payments/status/${terminalId(ctx)}/${encodeURIComponent(transactionId)}`,
    headers: headers(ep),
    auth: 'none',
  };
}

/** The pre-auth's own status: what a void lookup falls back to (void-lookup.ts). */
export function buildPreauthStatus(ep: SmartRetryEndpoints, ctx: SmartRetryContext): HttpRequestSpec | undefined {
  const id = ctx.transaction.providerRefs.transaction_id;
  return id ? statusRequest(ep, ctx, id) : undefined;
}

/**
 * Status of the transaction this operation created: the preauth's own id, or the new id a capture or
 * void was given (payments/status: the id "returned by the … capture … or void response"). While a
 * capture's id is unknown (the answer to the POST was lost) there is nothing to ask; a void is then
 * looked up through the pre-auth it cancels.
 */
export function buildStatus(ep: SmartRetryEndpoints, ctx: SmartRetryContext): HttpRequestSpec | undefined {
  const id = ctx.kind === 'preauth' ? ctx.transaction.providerRefs.transaction_id : ctx.operation.providerRef;
  if (id) return statusRequest(ep, ctx, id);
  return ctx.kind === 'void' ? buildPreauthStatus(ep, ctx) : undefined;
}
