// Payroc's wire format, as far as the bridge reads it. Schemas are lenient about extra fields
// (Payroc adds fields over time) and strict about the ones we act on.
// Sources: Payroc "Run a pre-authorization" guide (seed 003); the SDK types of payroc/payroc-sdk-js
// (src/api/types/Payment.ts, RetrievedPayment.ts, TransactionResult.ts, PaymentOrderBase.ts, Card.ts,
// PaginatedList.ts, PaymentPaginatedListForRead.ts); payroc/skills run-a-pre-authorization
// references/api-schema.md and view-disputes references/error-response-format.md.
import { Type, type Static, Compile } from '../../core/typebox.js';

export const RESPONSE_CODES = ['A', 'D', 'E', 'P', 'R', 'C'] as const;

export const PayrocPayment = Type.Object({
  paymentId: Type.String({ minLength: 1 }),
  processingTerminalId: Type.Optional(Type.String()),
  order: Type.Object({
    orderId: Type.Optional(Type.String()),
    amount: Type.Integer(),
    currency: Type.String(),
  }),
  card: Type.Optional(
    Type.Object({
      type: Type.Optional(Type.String()),
      entryMethod: Type.Optional(Type.String()),
      cardNumber: Type.Optional(Type.String()),
    }),
  ),
  transactionResult: Type.Object({
    type: Type.Optional(Type.String()),
    status: Type.String(),
    responseCode: Type.Union(RESPONSE_CODES.map((c) => Type.Literal(c))),
    responseMessage: Type.Optional(Type.String()),
    approvalCode: Type.Optional(Type.String()),
    authorizedAmount: Type.Optional(Type.Integer()),
    currency: Type.Optional(Type.String()),
    /** "Original response code that the processor sent" (TransactionResult.ts): decline detail for a person. */
    processorResponseCode: Type.Optional(Type.String()),
  }),
  supportedOperations: Type.Optional(Type.Array(Type.String())),
});
export type PayrocPayment = Static<typeof PayrocPayment>;

export const PayrocPaymentList = Type.Object({
  data: Type.Array(PayrocPayment),
  hasMore: Type.Optional(Type.Boolean()),
});

export const PayrocProblem = Type.Object({
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  status: Type.Optional(Type.Integer()),
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        parameter: Type.Optional(Type.String()),
        detail: Type.Optional(Type.String()),
        message: Type.Optional(Type.String()),
      }),
    ),
  ),
});
export type PayrocProblem = Static<typeof PayrocProblem>;

export const PayrocToken = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  expires_in: Type.Integer({ minimum: 1 }),
  token_type: Type.Optional(Type.String()),
  scope: Type.Optional(Type.String()),
});

export const isPayment = Compile(PayrocPayment);
export const isPaymentList = Compile(PayrocPaymentList);
export const isProblem = Compile(PayrocProblem);
export const isToken = Compile(PayrocToken);

/** Problem type URIs from Payroc's error catalog (https://docs.payroc.com/api/errors). */
export const PROBLEM_TYPE = {
  badRequest: 'https://docs.payroc.com/api/errors#bad-request',
  idempotencyKeyMissing: 'https://docs.payroc.com/api/errors#idempotency-key-missing',
  notAuthorized: 'https://docs.payroc.com/api/errors#not-authorized',
  forbidden: 'https://docs.payroc.com/api/errors#forbidden',
  notFound: 'https://docs.payroc.com/api/errors#not-found',
  idempotencyKeyInUse: 'https://docs.payroc.com/api/errors#idempotency-key-in-use',
  payloadTooLarge: 'https://docs.payroc.com/api/errors#payload-too-large',
  unsupportedMediaType: 'https://docs.payroc.com/api/errors#unsupported-media-type',
  apiError: 'https://docs.payroc.com/api/errors#api-error',
} as const;
