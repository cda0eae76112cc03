// The answer of GET /v1/payments/status/{tid}/{transaction_id}, shaped as the example and field list of
// https://www.smartretry.com/docs/api-reference/payments/status.
import type { SrTransaction } from './book.js';
import type { Phase } from './timeline.js';

function instrument(t: SrTransaction) {
  const c = t.card;
  if (!c) return undefined;
  // "expiration_date": ISO 8601; the example gives the last day of the expiry month at midnight UTC.
  const lastDay = new Date(Date.UTC(c.expiryYear, c.expiryMonth, 0)).toISOString().replace('.000Z', 'Z');
  return {
    token: c.token,
    payment_method: 'cards',
    ...(c.holder ? { card_cardholder_name: c.holder } : {}),
    card_card_last_four_digit: c.last4,
    card_bin: c.bin,
    expiration_date: lastDay,
    // Assumption on the values (the field list documents the names only): credit, consumer, sandbox issuer.
    card_profile: {
      fingerprint: c.fingerprint,
      issuer: { name: 'SmartRetry Sandbox Bank' },
      brand: { name: c.brand },
      category: 'CONSUMER',
      cardType: 'CREDIT',
      panLength: c.panLength,
    },
  };
}

function payer(t: SrTransaction) {
  const p = t.payer;
  if (!p) return undefined;
  const at = p.email.lastIndexOf('@');
  return {
    friendly_id: p.friendly_id,
    first_name: p.first_name,
    last_name: p.last_name,
    email_username: p.email.slice(0, at),
    email_domain: p.email.slice(at + 1),
  };
}

/**
 * While an automatic retry is scheduled the answer says so. Assumption: payments/status documents no
 * such field (only `attempt_number`); the names follow the `transaction.retry_scheduled` webhook event
 * (integration/webhooks).
 */
function retryMarkers(phase: Phase) {
  return phase.retryAt !== undefined
    ? { retry_scheduled: true, next_retry_at: new Date(phase.retryAt).toISOString() }
    : {};
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function statusJson(t: SrTransaction, phase: Phase) {
  const approved = phase.status.status === 'APPROVED';
  const pi = instrument(t);
  const py = payer(t);
  return {
    transaction_id: t.transaction_id,
    type: t.type,
    amount: t.amount,
    currency: t.currency,
    // Assigned "upon approval": absent before (the OpenAPI schema types both as plain strings).
    ...(approved || phase.status.status === 'CANCELLED'
      ? { authorization_code: t.authorization_code, arn: t.arn }
      : {}),
    attempt_number: phase.attempt,
    created_at: iso(t.created_at),
    updated_at: iso(phase.from),
    status: phase.status,
    order: {
      order_id: t.order_id,
      ...(t.merchant_order_id !== undefined ? { merchant_order_id: t.merchant_order_id } : {}),
      ...(t.description !== undefined ? { description: t.description } : {}),
      ...(py ? { payer: py } : {}),
      ...(pi ? { payment_instrument: pi } : {}),
    },
    ...retryMarkers(phase),
  };
}
