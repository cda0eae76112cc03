// SmartRetry's wire format (seed 002 and SmartRetry's API reference, see providers.md §3).
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

/** The answer to preauth, capture and void: accepted for processing, not approved. */
export const Accepted = Type.Object({
  transaction_id: Type.String({ minLength: 1 }),
  order_id: Type.String({ minLength: 1 }),
  merchant_transaction_id: Type.Optional(Type.String()),
  accepted: Type.Boolean(),
});

export const STATUSES = ['APPROVED', 'PROCESSING', 'DECLINED', 'ERROR', 'CANCELLED', 'UNKNOWN'] as const;

export const StatusReply = Type.Object({
  transaction_id: Type.String(),
  type: Type.Optional(Type.String()),
  amount: Type.Number(),
  currency: Type.String(),
  authorization_code: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  status: Type.Object({
    status: Type.Union(STATUSES.map((s) => Type.Literal(s))),
    reasonCode: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    domain: Type.Optional(Type.String()),
  }),
  order: Type.Optional(Type.Object({
    order_id: Type.Optional(Type.String()),
    payment_instrument: Type.Optional(Type.Object({ card_number: Type.Optional(Type.String()), card_brand: Type.Optional(Type.String()) })),
  })),
});
export type StatusReply = Static<typeof StatusReply>;

export const Problem = Type.Object({
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  status: Type.Optional(Type.Integer()),
  detail: Type.Optional(Type.String()),
  reason_code: Type.Optional(Type.String()),
  context: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const isAccepted = Compile(Accepted);
export const isStatus = Compile(StatusReply);
export const isProblem = Compile(Problem);
