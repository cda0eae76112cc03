// SmartRetry's wire format, from its public API reference (https://www.smartretry.com/docs/api-reference/…).
// Lenient where the docs disagree with themselves: a field one page marks required and another leaves
// out is optional here, so a real answer is never turned into "unreadable" by a stricter schema.
import { Type, type Static, Compile } from '../../core/typebox.js';

/**
 * The answer to preauth, sale, capture and void: accepted for processing, not approved.
 * payments/preauth and payments/capture show `order_id` and `merchant_transaction_id`; payments/void
 * has no `merchant_transaction_id`; the OpenAPI schema (TransactionAccepted) requires only
 * `transaction_id` and `accepted`.
 */
export const Accepted = Type.Object({
  transaction_id: Type.String({ minLength: 1 }),
  order_id: Type.Optional(Type.String({ minLength: 1 })),
  merchant_transaction_id: Type.Optional(Type.String()),
  merchant_order_id: Type.Optional(Type.String()),
  accepted: Type.Boolean(),
});

/** payments/status "Status values" and concepts/transaction-statuses. */
export const STATUSES = ['APPROVED', 'PROCESSING', 'DECLINED', 'ERROR', 'CANCELLED', 'UNKNOWN'] as const;

/** payments/status `order.payment_instrument` (the StoredPaymentInstrument schema). Full numbers are never returned. */
export const PaymentInstrument = Type.Object({
  token: Type.Optional(Type.String()),
  payment_method: Type.Optional(Type.String()),
  card_cardholder_name: Type.Optional(Type.String()),
  card_card_last_four_digit: Type.Optional(Type.String()),
  card_bin: Type.Optional(Type.String()),
  expiration_date: Type.Optional(Type.String()),
  card_profile: Type.Optional(
    Type.Object({
      brand: Type.Optional(Type.Object({ name: Type.Optional(Type.String()) })),
      panLength: Type.Optional(Type.Integer()),
    }),
  ),
  // Names posbridge read before the docs were checked (seed 002); still read when the documented ones are absent.
  card_number: Type.Optional(Type.String()),
  card_brand: Type.Optional(Type.String()),
});
export type PaymentInstrument = Static<typeof PaymentInstrument>;

export const StatusReply = Type.Object({
  transaction_id: Type.String({ minLength: 1 }),
  type: Type.Optional(Type.String()),
  // Present in every example; optional in the OpenAPI schema. parse falls back to what we asked for.
  amount: Type.Optional(Type.Number()),
  currency: Type.Optional(Type.String()),
  authorization_code: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  arn: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** "1 means the first attempt; higher values indicate SmartRetry has automatically retried the transaction." */
  attempt_number: Type.Optional(Type.Integer()),
  created_at: Type.Optional(Type.String()),
  updated_at: Type.Optional(Type.String()),
  status: Type.Object({
    status: Type.Union(STATUSES.map((s) => Type.Literal(s))),
    reasonCode: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    domain: Type.Optional(Type.String()),
  }),
  order: Type.Optional(
    Type.Object({
      order_id: Type.Optional(Type.String()),
      merchant_order_id: Type.Optional(Type.String()),
      payment_instrument: Type.Optional(PaymentInstrument),
    }),
  ),
  // Not documented on payments/status: see retry.ts for why these are read and what they mean.
  retry_scheduled: Type.Optional(Type.Boolean()),
  next_retry_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type StatusReply = Static<typeof StatusReply>;

/** api-reference/errors: RFC 7807 problem details; `type`, `title`, `status`, `detail`, `reason_code` required. */
export const Problem = Type.Object({
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  status: Type.Optional(Type.Integer()),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  reason_code: Type.Optional(Type.String()),
  context: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type Problem = Static<typeof Problem>;

export const isAccepted = Compile(Accepted);
export const isStatus = Compile(StatusReply);
export const isProblem = Compile(Problem);
