// Lab4Pay Pay-Connect wire format (seed 000 and the Pay-Connect API reference, see providers.md §1).
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';

export const STATUSES = ['INITIATED', 'IN_PROGRESS', 'SUCCESS', 'FAILED', 'EXPIRED', 'CANCELED'] as const;
const Status = Type.Union(STATUSES.map((s) => Type.Literal(s)));

export const Created = Type.Object({ transaction_id: Type.String({ minLength: 1 }) });
export const OperationCreated = Type.Object({ operation_id: Type.String({ minLength: 1 }), transaction_id: Type.Optional(Type.String()) });

/** The transaction record (as the print-slip endpoint documents it). */
export const TransactionRecord = Type.Object({
  id: Type.String(),
  client_transaction_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  amount: Type.Integer(),
  currency: Type.Optional(Type.String()),
  status: Status,
  approve_code: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  card_number: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  card_brand: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  failure_reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const OperationRecord = Type.Object({
  id: Type.String(),
  operation_type: Type.String(),
  status: Status,
  transaction_id: Type.Optional(Type.String()),
  failure_reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const Pairing = Type.Object({
  pay_connect_id: Type.String(),
  terminal_id: Type.String(),
  client_id: Type.String({ minLength: 1 }),
  client_secret: Type.String({ minLength: 1 }),
  webhook_secret_key: Type.Optional(Type.String()),
});

export const Token = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  // Typed as a string in the reference; its value is not stated.
  expires_in: Type.Union([Type.String(), Type.Integer()]),
  token_type: Type.Optional(Type.String()),
});

export const isCreated = Compile(Created);
export const isOperationCreated = Compile(OperationCreated);
export const isTransaction = Compile(TransactionRecord);
export const isOperation = Compile(OperationRecord);
export const isPairing = Compile(Pairing);
export const isToken = Compile(Token);
