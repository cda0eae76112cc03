// Lab4Pay Pay-Connect settings. The integrator id comes from Lab4Pay support; each terminal is paired
// once with a one-time password and then has its own client credentials (stored sealed, see pairing).
import { Type, type Static } from '../../core/typebox.js';
import { timeouts } from '../../core/config-fields.js';

export const Lab4PayProviderConfig = Type.Object(
  {
    api_url: Type.String({
      default: 'https://api-payment.lab4pay.com',
      description: 'Test: https://api-payment.lab4pay.dev',
    }),
    integrator_id: Type.String({ minLength: 1, description: 'X-Pay-Connect-Integrator-Id issued by Lab4Pay support' }),
    ...timeouts(20_000),
    poll_ms: Type.Integer({
      minimum: 200,
      maximum: 60_000,
      default: 1_500,
      description: 'How often to ask how the terminal is getting on',
    }),
  },
  { additionalProperties: false },
);
export type Lab4PayConfig = Static<typeof Lab4PayProviderConfig>;

/** Nothing beyond the base fields; but a Lab4Pay terminal must state its currency (requests carry none). */
export const Lab4PayTerminalFields = {};
export const Lab4PayTerminalSettings = Type.Object(Lab4PayTerminalFields);
export type Lab4PayTerminalSettings = Static<typeof Lab4PayTerminalSettings>;
