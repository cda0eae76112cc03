// PayPorter's wire format. Source: the PayPorter docs, GitHub commitup/api-doc-v2, docs/pos-api/*.md
// (pre-auth, capture-auth, cancel-payment, payment-status, refund-payment) and api.html.
import { Type, type Static, Compile } from '../../core/typebox.js';

/**
 * Every `status` value api.html lists for an ApiPaymentResponse. The pages use them so:
 * SUCCESS = the operation went through (pre-auth, capture and cancel answers alike), FAILED = the bank
 * refused, ENROLLED = 3-D Secure still open, PENDING_APPROVAL = queued, not final (refund-payment.md),
 * CAPTURED / CANCELLED = what a payment later reads as, REJECTED = refused by PayPorter's staff.
 */
export const PAYMENT_STATUSES = [
  'SUCCESS',
  'FAILED',
  'ENROLLED',
  'PENDING_APPROVAL',
  'CANCELLED',
  'CAPTURED',
  'REJECTED',
] as const;

/**
 * Lenient about everything the bridge does not act on (the docs show `loyaltyCode`, `cardSubType`,
 * `merchantCommission`, … and may add more). `status` stays a plain string: a value outside the list
 * above must reach the parser, which treats it as "not what we asked for", not as an unreadable body.
 */
export const ApiPaymentResponse = Type.Object({
  paymentId: Type.String({ minLength: 1 }),
  orderId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  amount: Type.Number(),
  currency: Type.String(),
  status: Type.String(),
  transactionType: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  parentPaymentId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  pan: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  cardScheme: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  authCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  resultCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  resultMessage: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type ApiPaymentResponse = Static<typeof ApiPaymentResponse>;

export const isPayment = Compile(ApiPaymentResponse);
