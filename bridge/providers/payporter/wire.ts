// PayPorter's wire format (seed 004 and the PayPorter docs pages, see providers.md §5).
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

export const ApiPaymentResponse = Type.Object({
  paymentId: Type.String({ minLength: 1 }),
  orderId: Type.Optional(Type.String()),
  amount: Type.Number(),
  currency: Type.String(),
  status: Type.String(),
  transactionType: Type.Optional(Type.String()),
  parentPaymentId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  pan: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  cardScheme: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  authCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  resultCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  resultMessage: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type ApiPaymentResponse = Static<typeof ApiPaymentResponse>;

/** Assumption: PayPorter's error body is not documented; this is the shape the connector and sandbox agree on. */
export const PayPorterError = Type.Object({
  errorCode: Type.String(),
  errorMessage: Type.String(),
  details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});

export const isPayment = Compile(ApiPaymentResponse);
export const isError = Compile(PayPorterError);
