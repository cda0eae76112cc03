// Lab4Pay Pay-Connect wire format, as the API reference at https://docs.lab4pay.com/api-reference/ documents
// it (pages named next to each shape). Replies are read leniently: only the fields a decision rests on are
// required, anything else may be missing, null or extra, so a harmless change at Lab4Pay cannot strand a
// hold we already know about.
import { Type, Compile } from '../../core/typebox.js';

const OptString = Type.Optional(Type.Union([Type.String(), Type.Null()]));

/** preauthorization-transaction: `{transaction_id}` is all the create answer carries. */
export const Created = Type.Object({ transaction_id: Type.String({ minLength: 1 }) });

/** preauth-complete-operation and revert-operation: `{operation_id, transaction_id}`. */
export const OperationCreated = Type.Object({ operation_id: Type.String({ minLength: 1 }), transaction_id: OptString });

/**
 * GET …/transactions/{id}/status/ (pay-connect/payment-flows.md: `200 { status: SUCCESS }`). The endpoint has
 * no reference page, so only `status` is relied on; an id, if one comes back, is checked against ours.
 * `status` is any string: values outside the documented ones are read as "cannot tell", not refused.
 */
export const TransactionStatus = Type.Object({
  status: Type.String({ minLength: 1 }),
  transaction_id: OptString,
  id: OptString,
});

/**
 * GET …/transactions/{id}/print-slip/ (transaction-print-slip): documented with `transaction_id` and
 * `card_type`. `id` and `card_brand` are accepted too: the payment-facilitator transaction object
 * (payment-facilitator/webhooks/expore-webhook-events) names its id `id`, and posbridge read `card_brand`
 * before. Every field is optional here; lookup.ts decides what it needs.
 */
export const PrintSlip = Type.Object({
  transaction_id: OptString,
  id: OptString,
  status: OptString,
  amount: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  currency: OptString,
  approve_code: OptString,
  card_number: OptString,
  card_type: OptString,
  card_brand: OptString,
  payment_option: OptString,
});

/**
 * GET …/transaction-operations/{operation_id}/ (operation-status): `{operation_id, operation_type,
 * transaction_id, status}`. posbridge's own sandbox used to answer `id`: both are accepted.
 */
export const OperationRecord = Type.Object({
  operation_id: OptString,
  id: OptString,
  operation_type: OptString,
  transaction_id: OptString,
  status: Type.String({ minLength: 1 }),
  failure_reason: OptString,
});

/** authorization/token: `expires_in` is typed as a string; its value is not stated. */
export const Token = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  expires_in: Type.Optional(Type.Union([Type.String(), Type.Integer(), Type.Null()])),
  token_type: OptString,
});

export const isCreated = Compile(Created);
export const isOperationCreated = Compile(OperationCreated);
export const isTransactionStatus = Compile(TransactionStatus);
export const isPrintSlip = Compile(PrintSlip);
export const isOperation = Compile(OperationRecord);
export const isToken = Compile(Token);
