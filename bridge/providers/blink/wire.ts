// Blink Card Present wire format. Sources: seed 001 (POST /preauth-transactions),
// https://api-docs.blinkpayment.co.uk/docs/get-devices.md (terminal list),
// https://api-docs.blinkpayment.co.uk/docs/requestsdata-data (request log),
// https://api-docs.blinkpayment.co.uk/docs/eod-reports-data (EOD report).
// The schemas are lenient on purpose: a field Blink adds must never make an approval unreadable.
import { Type, type Static, Compile } from '../../core/typebox.js';

export const BlinkResult = Type.Object({
  result: Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')]),
  message: Type.Optional(Type.String()),
  transaction_id: Type.Optional(Type.String()),
  card_type: Type.Optional(Type.String()),
  card_number: Type.Optional(Type.String()),
  card_mode: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Unknown()),
  /** The terminal's data the completion must carry back (post-preauth-completions, guide step 2). */
  SaleToPOIData: Type.Optional(Type.Unknown()),
  /** "Return the payload from the request" (seed 001): our own body, echoed. */
  data: Type.Optional(Type.Unknown()),
});
export type BlinkResult = Static<typeof BlinkResult>;

export const BlinkTerminal = Type.Object({
  terminal_id: Type.String(),
  serial_number: Type.Optional(Type.String()),
  state: Type.String(),
  last_connected_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  last_active_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  last_connected_pos: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  device_software_version: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
/** get-devices.md, Step 2: `{"terminals": [...]}`. */
export const BlinkTerminalList = Type.Object({ terminals: Type.Array(BlinkTerminal) });

/**
 * One entry of the terminal's request log (requestsdata-data, Step 2). The page shows `response.code`
 * as a string ("200"); a number is accepted too. The page shows no entry without a response: one
 * that has none (or null) is a request the terminal is still working on.
 */
export const BlinkLoggedRequest = Type.Object({
  id: Type.Optional(Type.String()),
  request: Type.Object({
    method: Type.Optional(Type.String()),
    url: Type.String(),
    headers: Type.Optional(Type.Unknown()),
    body: Type.Optional(Type.Unknown()),
    timestamp: Type.Optional(Type.String()),
  }),
  response: Type.Optional(
    Type.Union([
      Type.Null(),
      Type.Object({
        code: Type.Optional(Type.Union([Type.String(), Type.Number()])),
        message: Type.Optional(Type.String()),
        body: Type.Optional(Type.Unknown()),
      }),
    ]),
  ),
});
export type BlinkLoggedRequest = Static<typeof BlinkLoggedRequest>;
export const BlinkRequestLogEnvelope = Type.Object({ requests: Type.Array(Type.Unknown()) });

/** One EOD report line (eod-reports-data, Step 2). `requested_amount` is a JSON number there. */
export const BlinkEodEntry = Type.Object({
  request_timestamp: Type.Optional(Type.String()),
  currency: Type.Optional(Type.String()),
  payment_method: Type.Optional(Type.String()),
  status: Type.String(),
  requested_amount: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  transaction_id: Type.Optional(Type.String()),
  terminal_id: Type.Optional(Type.String()),
  metadata: Type.Optional(Type.Unknown()),
});
export type BlinkEodEntry = Static<typeof BlinkEodEntry>;

export const isResult = Compile(BlinkResult);
export const isTerminalList = Compile(BlinkTerminalList);
export const isLoggedRequest = Compile(BlinkLoggedRequest);
export const isRequestLogEnvelope = Compile(BlinkRequestLogEnvelope);
export const isEodEntry = Compile(BlinkEodEntry);

/** The three 503 messages Blink documents, matched exactly: Blink gives no code to tell them apart. */
export const BLINK_503 = {
  lostConnection: 'Lost connection',
  operationTimeout: 'Transaction cancelled - operation timeout',
  unreachable: 'Terminal unreachable',
} as const;
