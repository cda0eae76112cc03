// ZVT settings: the provider block holds the protocol timers shared by every ZVT terminal; each terminal
// says how it is reached (serial or TCP), its ECR password and which profile of the pre-auth commands
// it follows. A ZVT terminal must state its currency: registration (06 00) announces it.
import { Type, type Static } from '../../core/typebox.js';
import { SERIAL_PORT_HINT, SERIAL_PORT_PATTERN } from './port-name.js';
import { PROFILES } from './profile.js';

export const ZVT_TCP_PORT = 20007;
export const ZVT_BAUD_RATE = 9600;

export const ZvtProviderConfig = Type.Object(
  {
    t3_ms: Type.Integer({
      minimum: 500,
      maximum: 60_000,
      default: 5_000,
      description: 'T3: how long the terminal may take to accept a command (80 00)',
    }),
    t4_ms: Type.Integer({
      minimum: 5_000,
      maximum: 900_000,
      default: 180_000,
      description: 'T4: how long the terminal may stay silent while it works (waiting for the card, the host)',
    }),
    reopen_base_ms: Type.Integer({
      minimum: 100,
      maximum: 60_000,
      default: 1_000,
      description: 'First wait before reopening a terminal connection that failed; doubles up to reopen_max_ms',
    }),
    reopen_max_ms: Type.Integer({ minimum: 500, maximum: 600_000, default: 30_000 }),
    status_poll_ms: Type.Integer({
      minimum: 500,
      maximum: 3_600_000,
      default: 60_000,
      description:
        'How often an idle terminal is asked for its status (05 01): notices an unplugged terminal, reopens it, and lets timed terminal jobs run (the specification asks for about once a minute)',
    }),
  },
  { additionalProperties: false },
);
export type ZvtProviderSettings = Static<typeof ZvtProviderConfig>;

export const ZvtTcpTransport = Type.Object(
  {
    type: Type.Literal('tcp'),
    host: Type.String({ minLength: 1, maxLength: 255 }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: `Default ${ZVT_TCP_PORT}` })),
  },
  { additionalProperties: false },
);

export const ZvtSerialTransport = Type.Object(
  {
    type: Type.Literal('serial'),
    path: Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: SERIAL_PORT_PATTERN,
      description: SERIAL_PORT_HINT,
    }),
    baud_rate: Type.Optional(
      Type.Union(
        [9600, 19200, 38400, 57600, 115200].map((b) => Type.Literal(b)),
        { description: `Default ${ZVT_BAUD_RATE}` },
      ),
    ),
    stop_bits: Type.Optional(
      Type.Union([Type.Literal(1), Type.Literal(2)], { description: 'Default 2, as the specification says' }),
    ),
    /** Finds a USB terminal again when Windows gives it another COM port. */
    usb_serial_number: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);

export const ZvtTransportConfig = Type.Union([ZvtTcpTransport, ZvtSerialTransport]);
export type ZvtTransportSettings = Static<typeof ZvtTransportConfig>;

export const ZvtTerminalFields = {
  transport: ZvtTransportConfig,
  password: Type.Optional(
    Type.String({
      pattern: '^[0-9]{6}$',
      description: 'The ECR password the terminal expects (6 digits); default 000000',
    }),
  ),
  profile: Type.Optional(
    Type.Union(
      Object.keys(PROFILES).map((p) => Type.Literal(p)),
      { description: 'Which pre-auth commands the terminal accepts; default spec' },
    ),
  ),
};

/**
 * A ZVT terminal's settings as the engine reads them from the terminal row, defaults applied. The defaults
 * live here, not in ZvtTerminalFields, so config load keeps storing what the file said.
 */
export const ZvtTerminalSettings = Type.Object({
  ...ZvtTerminalFields,
  password: Type.String({ pattern: '^[0-9]{6}$', default: '000000' }),
  // The profile names are only known at run time (PROFILES' keys): typed as the string they are.
  profile: Type.Unsafe<string>(
    Type.Union(
      Object.keys(PROFILES).map((p) => Type.Literal(p)),
      { default: 'spec' },
    ),
  ),
});
export type ZvtTerminalSettings = Static<typeof ZvtTerminalSettings>;

/**
 * The same defaults without the check, for readers of the raw row that must not throw (the idle status
 * poll, start-up reconciliation, the connection test). An operation's step gets the parsed value instead.
 */
export function zvtSettings(stored: object): ZvtTerminalSettings {
  const settings = stored as Readonly<Record<string, unknown>>;
  return {
    transport: settings.transport as ZvtTransportSettings,
    password: typeof settings.password === 'string' ? settings.password : '000000',
    profile: typeof settings.profile === 'string' ? settings.profile : 'spec',
  };
}

/** How the transport is shown to people (status window, logs): never the password. */
export function describeTransport(t: ZvtTransportSettings): string {
  return t.type === 'tcp'
    ? `tcp://${t.host}:${t.port ?? ZVT_TCP_PORT}`
    : `${t.path} @ ${t.baud_rate ?? ZVT_BAUD_RATE} baud`;
}
