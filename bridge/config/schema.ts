// The config file (JSON). One TypeBox schema validates it and documents every setting.
import { Type, type Static } from 'typebox';

const Port = Type.Integer({ minimum: 1, maximum: 65535 });

export const PayrocProviderConfig = Type.Object({
  api_url: Type.String({ default: 'https://api.payroc.com/v1', description: 'Payroc API base URL (UAT: https://api.uat.payroc.com/v1)' }),
  identity_url: Type.String({ default: 'https://identity.payroc.com/authorize', description: 'Payroc identity service (UAT: https://identity.uat.payroc.com/authorize)' }),
  api_key: Type.Optional(Type.String({ minLength: 1, description: 'Payroc API key; prefer api_key_env' })),
  api_key_env: Type.Optional(Type.String({ minLength: 1, description: 'Name of an environment variable holding the API key' })),
  timeout_ms: Type.Integer({ minimum: 1000, maximum: 120000, default: 20000, description: 'How long to wait for an answer before the outcome counts as unknown' }),
  connect_timeout_ms: Type.Integer({ minimum: 100, maximum: 60000, default: 5000 }),
}, { additionalProperties: false });

export const TerminalConfig = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'The id the POS sends as terminal_id' }),
  name: Type.Optional(Type.String({ maxLength: 100 })),
  provider: Type.Union([Type.Literal('payroc')]),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'If set, preauths in another currency are refused' })),
  processing_terminal_id: Type.String({ minLength: 4, maxLength: 50, description: 'Payroc processingTerminalId' }),
  channel: Type.Union([Type.Literal('pos'), Type.Literal('web'), Type.Literal('moto')], { default: 'moto', description: 'Payroc channel for keyed cards' }),
}, { additionalProperties: false });

export const ConfigSchema = Type.Object({
  port: Type.Optional(Port),
  wait_timeout_ms: Type.Integer({ minimum: 0, maximum: 300000, default: 60000, description: 'How long a POST waits for a final state before answering 202' }),
  allowed_origins: Type.Array(Type.String(), { default: [], description: 'Browser origins allowed to call the API (exact match)' }),
  log_level: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  retry: Type.Object({
    max_attempts: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
    base_ms: Type.Integer({ minimum: 10, maximum: 60000, default: 500 }),
    max_ms: Type.Integer({ minimum: 100, maximum: 3600000, default: 30000 }),
    resolve_window_ms: Type.Integer({ minimum: 1000, maximum: 86400000, default: 120000, description: 'How long an in-doubt request is looked up before it counts as never received' }),
  }, { additionalProperties: false, default: {} }),
  providers: Type.Object({
    payroc: Type.Optional(PayrocProviderConfig),
  }, { additionalProperties: false, default: {} }),
  terminals: Type.Array(TerminalConfig, { default: [] }),
}, { additionalProperties: false });

export type Config = Static<typeof ConfigSchema>;
export type PayrocConfig = Static<typeof PayrocProviderConfig>;
export type TerminalSettings = Static<typeof TerminalConfig>;
