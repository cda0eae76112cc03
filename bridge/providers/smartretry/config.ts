// SmartRetry settings. One base URL for sandbox and production; the API key (sk_test_/sk_live_) and
// the terminal id decide the environment.
import { Type, type Static } from '../../core/typebox.js';
import { secretFields, timeouts } from '../../core/config-fields.js';

export const SmartRetryProviderConfig = Type.Object(
  {
    api_url: Type.String({ default: 'https://api.smartretry.com' }),
    ...secretFields('api_key', 'SmartRetry API key (x-api-key)'),
    ...timeouts(20_000),
    poll_ms: Type.Integer({
      minimum: 200,
      maximum: 60_000,
      default: 2_000,
      description: 'How often to ask for the status of an accepted request',
    }),
  },
  { additionalProperties: false },
);
export type SmartRetryConfig = Static<typeof SmartRetryProviderConfig>;

export const SmartRetryTerminalFields = {
  terminal_friendly_id: Type.String({
    minLength: 6,
    maxLength: 6,
    description: 'SmartRetry terminal_friendly_id (6 characters)',
  }),
};
export const SmartRetryTerminalSettings = Type.Object(SmartRetryTerminalFields);
export type SmartRetryTerminalSettings = Static<typeof SmartRetryTerminalSettings>;
