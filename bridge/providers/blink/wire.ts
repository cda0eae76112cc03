// Blink Card Present wire format (seed 001, see providers.md §2).
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

export const BlinkResult = Type.Object({
  result: Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')]),
  message: Type.Optional(Type.String()),
  transaction_id: Type.Optional(Type.String()),
  card_type: Type.Optional(Type.String()),
  card_number: Type.Optional(Type.String()),
  card_mode: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Unknown()),
});
export type BlinkResult = Static<typeof BlinkResult>;

export const BlinkTerminal = Type.Object({
  terminal_id: Type.String(),
  serial_number: Type.Optional(Type.String()),
  state: Type.String(),
  last_connected_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  last_active_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
/** Assumption: the list comes as {result, data: [...]}; the docs name the fields, not the envelope. */
export const BlinkTerminalList = Type.Object({ data: Type.Array(BlinkTerminal) });

export const isResult = Compile(BlinkResult);
export const isTerminalList = Compile(BlinkTerminalList);

/** The three 503 messages Blink documents, matched exactly: Blink gives no code to tell them apart. */
export const BLINK_503 = {
  lostConnection: 'Lost connection',
  operationTimeout: 'Transaction cancelled - operation timeout',
  unreachable: 'Terminal unreachable',
} as const;
