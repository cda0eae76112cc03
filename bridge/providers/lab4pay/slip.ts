// What a Lab4Pay print slip (https://docs.lab4pay.com/api-reference/pay-connect/transaction-print-slip) tells
// us about an approved preauth: the amount held, the approval code and the card. Pure.
import { normalizeBrand } from '../../core/card.js';
import type { Approval, CardInfo } from '../../core/outcome.js';
import type { OperationContext } from '../../core/connector.js';
import type { PrintSlip } from './wire.js';
import type { Static } from 'typebox';

type Slip = Static<typeof PrintSlip>;

const SCHEMES = new Set(['visa', 'mastercard', 'amex', 'discover', 'maestro', 'jcb', 'diners']);

/**
 * The card brand. Our reading: the slip documents `card_type` (values not listed) and `payment_option`
 * ("e.g., VISA, MASTERCARD", on the app2app and payment-facilitator pages); older records said
 * `card_brand`. The first of them that names a card scheme wins. If none does, `card_type` (or
 * `card_brand`) is kept as Lab4Pay wrote it, since it may be a scheme we do not know; `payment_option`
 * alone is not, because for other payment methods it names a coin ("BTC, USDT").
 */
export function slipBrand(s: Slip): string | undefined {
  for (const label of [s.card_type, s.card_brand, s.payment_option]) {
    const brand = normalizeBrand(label ?? undefined);
    if (brand && SCHEMES.has(brand)) return brand;
  }
  return normalizeBrand(s.card_type ?? s.card_brand ?? undefined);
}

function slipCard(s: Slip): CardInfo | undefined {
  if (!s.card_number) return undefined;
  const brand = slipBrand(s);
  return { maskedPan: s.card_number, entryMode: 'terminal', ...(brand ? { brand } : {}) };
}

/** The id the record gives itself: `transaction_id` as documented, or `id` as the transaction object has it. */
export function slipTransactionId(s: Slip): string | undefined {
  return s.transaction_id ?? s.id ?? undefined;
}

/**
 * The approval of a preauth whose status is SUCCESS. `amount` is "the amount of the payment, in cents";
 * a slip without one is read as the amount we asked for, because a Lab4Pay preauth documents no partial
 * approval and the status already said SUCCESS (the hold exists: losing that fact would be worse).
 */
export function slipApproval(ctx: OperationContext, s: Slip): Approval {
  const card = slipCard(s);
  return {
    ...(ctx.transaction.providerRef ? { providerRef: ctx.transaction.providerRef } : {}),
    amountAuthorized: s.amount ?? ctx.transaction.amountRequested,
    ...(s.approve_code ? { authCode: s.approve_code } : {}),
    ...(card ? { card } : {}),
  };
}
