// The API's schemas: one definition validates requests and produces the OpenAPI document.
import { Type } from '../core/typebox.js';
import { ERROR_CODES } from '../core/errors.js';
import { RESULTS } from './answer.js';
import { TRANSACTION_STATES, OPERATION_KINDS, OPERATION_STATES } from '../core/states.js';

const Amount = Type.Integer({
  minimum: 1,
  maximum: 1_000_000_000_000,
  description: 'Whole minor units of the currency (cents for USD, yen for JPY, fils for KWD)',
});
const MetadataValue = Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean(), Type.Null()]);
// Written out rather than Type.Record: that compiles to patternProperties "^.*$", which drops the key's
// maxLength and does not match a key holding a newline, whose value then went unchecked.
const Metadata = Type.Unsafe<Record<string, string | number | boolean | null>>({
  type: 'object',
  propertyNames: { maxLength: 40, pattern: '^[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]*$' },
  additionalProperties: MetadataValue,
  maxProperties: 20,
  description: 'Up to 20 of your own keys (at most 40 characters, no control characters), returned as given',
});

export const CardBody = Type.Object(
  {
    number: Type.String({
      pattern: '^[0-9]{12,19}$',
      description: 'Card number, digits only. Never stored: only the masked form is kept.',
    }),
    expiry_month: Type.Integer({ minimum: 1, maximum: 12 }),
    expiry_year: Type.Integer({ minimum: 2000, maximum: 2099 }),
    cvv: Type.Optional(
      Type.String({ pattern: '^[0-9]{3,4}$', description: 'Never written anywhere; held in memory until sent.' }),
    ),
    holder_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false, description: 'Card data for card-not-present providers (Payroc keyed)' },
);

export const PreauthBody = Type.Object(
  {
    terminal_id: Type.String({ minLength: 1, maxLength: 64 }),
    amount: Amount,
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
    reference: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Your own id for this preauth, unique per terminal; the same body again returns the same transaction',
    }),
    expires_at: Type.Optional(Type.String({ format: 'date-time' })),
    operator: Type.Optional(Type.String({ maxLength: 50 })),
    metadata: Type.Optional(Metadata),
    card: Type.Optional(CardBody),
  },
  { additionalProperties: false },
);

const RequestedBy = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 60,
    pattern: '^[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]*$',
    description:
      'Who is doing this (a name or staff number), recorded with the operation; required from the status window',
  }),
);
export const AdjustBody = Type.Object(
  { amount: Amount, requested_by: RequestedBy },
  { additionalProperties: false, description: 'The new total to hold' },
);
export const CaptureBody = Type.Object(
  { amount: Type.Optional(Amount), requested_by: RequestedBy },
  { additionalProperties: false, description: 'Amount to capture; default: the authorised amount' },
);
export const VoidBody = Type.Object({ requested_by: RequestedBy }, { additionalProperties: false });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ListQuery = Type.Object(
  {
    reference: Type.Optional(Type.String({ maxLength: 64 })),
    state: Type.Optional(Type.Union(TRANSACTION_STATES.map((s) => Type.Literal(s)))),
    terminal_id: Type.Optional(Type.String({ maxLength: 64 })),
    reference_contains: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Part of the reference, any case' }),
    ),
    amount: Type.Optional(Type.Integer({ minimum: 1, description: 'Requested or authorised amount in minor units' })),
    last4: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: "The card's last four digits" })),
    from: Type.Optional(Type.String({ maxLength: 40, description: 'Created at or after this ISO 8601 instant' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'Created before this ISO 8601 instant' })),
    order: Type.Optional(
      Type.Union([Type.Literal('newest'), Type.Literal('oldest')], { description: 'newest first unless oldest' }),
    ),
    expiring_within: Type.Optional(
      Type.String({
        pattern: '^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?$',
        description: 'Authorised holds expiring within this ISO 8601 duration, e.g. PT24H',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const OperationView = Type.Object({
  id: Type.String(),
  kind: Type.Union(OPERATION_KINDS.map((k) => Type.Literal(k))),
  state: Type.Union(OPERATION_STATES.map((s) => Type.Literal(s))),
  amount: Nullable(Type.Integer()),
  attempts: Type.Integer(),
  next_attempt_at: Nullable(Type.String()),
  in_doubt: Type.Boolean(),
  queued_reason: Nullable(Type.String()),
  receipt_text: Nullable(
    Type.String({ description: 'What a ZVT terminal printed for this operation (masked card data only)' }),
  ),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  requested_by: Nullable(
    Type.String({
      description:
        "Who asked for it: the API key's name (with the requested_by it sent), window:<name> for staff at the status window, posbridge for its own voids",
    }),
  ),
  created_at: Type.String(),
  finished_at: Nullable(Type.String()),
});

const ResultField = Type.Union(
  RESULTS.map((r) => Type.Literal(r)),
  {
    description:
      'What came of the request this answer is about (on GET: of the latest operation). approved / partially_approved: done; declined: the issuer said no; refused: not done, nothing changed; pending: not answered yet; unknown: not known whether it took effect — never treat as failed, never resend; ask again for the outcome',
  },
);
const MessageField = Type.String({ description: 'The same in plain words, for the cashier' });

export const TransactionView = Type.Object({
  id: Type.String(),
  result: ResultField,
  message: MessageField,
  reference: Type.String(),
  terminal_id: Type.String(),
  provider: Type.String(),
  state: Type.Union(TRANSACTION_STATES.map((s) => Type.Literal(s))),
  final: Type.Boolean({ description: 'true when nothing more will happen without a new request' }),
  queued_reason: Nullable(
    Type.String({ description: '"provider_unreachable" while an operation waits for its provider' }),
  ),
  amount_requested: Type.Integer(),
  amount_authorized: Nullable(Type.Integer()),
  amount_captured: Nullable(Type.Integer()),
  currency: Type.String(),
  card: Nullable(
    Type.Object({
      brand: Nullable(Type.String()),
      masked_pan: Nullable(Type.String()),
      entry_mode: Nullable(Type.String()),
    }),
  ),
  auth_code: Nullable(Type.String()),
  provider_reference: Nullable(Type.String()),
  provider_references: Type.Record(Type.String(), Type.String()),
  expires_at: Nullable(Type.String()),
  operator: Nullable(Type.String()),
  metadata: Nullable(Type.Record(Type.String(), Type.Unknown())),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  created_at: Type.String(),
  updated_at: Type.String(),
  operations: Type.Array(OperationView),
  archived: Type.Optional(
    Type.Boolean({
      description:
        'true: moved to an archive file by the retention policy; read-only (a change is refused with 409 transaction_archived)',
    }),
  ),
});

export const TransactionList = Type.Object({
  data: Type.Array(TransactionView),
  next_cursor: Nullable(Type.String()),
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.Union(Object.keys(ERROR_CODES).map((c) => Type.Literal(c))),
    detail: Type.String(),
    result: ResultField,
    final: Type.Literal(true, { description: 'A problem never changes: nothing happened' }),
    message: MessageField,
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    transaction: Type.Optional(TransactionView),
  },
  { description: 'RFC 9457 problem details' },
);

export const TerminalView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  provider: Type.String(),
  currency: Nullable(Type.String()),
  state: Type.Union(
    [
      Type.Literal('ready'),
      Type.Literal('busy'),
      Type.Literal('offline'),
      Type.Literal('needs_pairing'),
      Type.Literal('failing'),
    ],
    {
      description:
        'failing: the provider is reached but its last requests got no usable answer (5xx, closed, timed out); payments still go out and are retried',
    },
  ),
  paired: Type.Union([Type.Boolean(), Type.Null()], { description: 'null for providers that need no pairing' }),
  queue_depth: Type.Integer(),
  last_seen_at: Nullable(Type.String()),
  last_payment: Nullable(
    Type.Object(
      {
        id: Type.String(),
        reference: Type.String(),
        created_at: Type.String(),
        amount: Type.Integer({ description: 'Captured, else authorised, else requested, in minor units' }),
        currency: Type.String(),
        state: Type.Union(TRANSACTION_STATES.map((s) => Type.Literal(s))),
      },
      { description: 'The newest transaction through this terminal' },
    ),
  ),
  provider_reachability: Type.Object({
    reachable: Type.Union([Type.Boolean(), Type.Null()]),
    state: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half_open')], {
      description: 'The circuit breaker: closed = requests go out',
    }),
    last_error: Nullable(Type.String()),
    open_until: Nullable(Type.String()),
    failing: Type.Boolean({
      description: 'A run of requests went out and got no usable answer (5xx, closed before the answer, timed out)',
    }),
  }),
  remote: Nullable(
    Type.Object({
      state: Type.String({ description: "The provider's own state of the terminal (Blink: CONNECTED, DISCONNECTED)" }),
      connected: Type.Union([Type.Boolean(), Type.Null()]),
      last_connected_at: Nullable(Type.String()),
      error: Nullable(Type.String()),
    }),
  ),
  link: Nullable(
    Type.Object(
      {
        online: Type.Boolean({ description: 'The connection to the terminal is open' }),
        busy: Type.Boolean(),
        last_error: Nullable(Type.String({ description: 'Why the connection last failed (EIO, closed, no answer)' })),
        last_seen_at: Nullable(Type.String()),
        path: Nullable(
          Type.String({
            description: 'The serial port in use, when the USB terminal was found again under another name',
          }),
        ),
      },
      { description: "Terminals on this PC's cable or network (ZVT); null for cloud terminals" },
    ),
  ),
  capabilities: Type.Record(Type.String(), Type.Unknown()),
});

export const HealthView = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('down')], {
    description:
      'down: the database cannot be written or posbridge is stopping; degraded: a provider is unreachable or failing, or the integrity check failed',
  }),
  version: Type.String(),
  database: Type.Object({ ok: Type.Boolean(), detail: Type.String() }),
  integrity: Nullable(
    Type.Object(
      {
        ok: Type.Boolean(),
        at: Type.String({ description: 'When the last check finished' }),
        detail: Type.String({ description: "'ok', or what SQLite found" }),
      },
      {
        description:
          'The last background PRAGMA quick_check of the database (null: none has run yet). A failure makes the status degraded; payments go on (a write that touches a damaged page fails on its own, 503, nothing sent)',
      },
    ),
  ),
  paused: Type.Boolean({ description: 'New preauths are refused (503 paused) until resumed' }),
  queue_depth: Type.Integer(),
  providers: Type.Record(
    Type.String(),
    Type.Object({
      reachable: Type.Union([Type.Boolean(), Type.Null()]),
      state: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half_open')]),
      last_error: Nullable(Type.String()),
      last_checked_at: Nullable(Type.String()),
      open_until: Nullable(Type.String()),
      failing: Type.Boolean({
        description: 'A run of requests went out and got no usable answer (5xx, closed before the answer, timed out)',
      }),
    }),
  ),
  reason: Nullable(Type.String({ description: 'Why the status is not ok, in a sentence; null when it is ok' })),
});

export const AttemptView = Type.Object({
  operation_id: Type.String(),
  operation_kind: Type.String(),
  number: Type.Integer(),
  purpose: Type.Union([Type.Literal('send'), Type.Literal('lookup')]),
  started_at: Type.String(),
  finished_at: Nullable(Type.String()),
  duration_ms: Nullable(Type.Integer()),
  response_status: Nullable(Type.Integer()),
  outcome: Nullable(
    Type.String({ description: 'What the exchange showed: success, declined, in_doubt, failed, interrupted…' }),
  ),
  request: Type.Unknown({ description: 'The request as sent, redacted' }),
  response: Type.Unknown({ description: 'The reply, redacted' }),
});
