// Payroc settings: the provider block and what each Payroc terminal needs.
import { Type, type Static } from '../../core/typebox.js';
import { secretFields, timeouts } from '../../core/config-fields.js';

export const PayrocProviderConfig = Type.Object(
  {
    api_url: Type.String({
      default: 'https://api.payroc.com/v1',
      description: 'Payroc API base URL (UAT: https://api.uat.payroc.com/v1)',
    }),
    identity_url: Type.String({
      default: 'https://identity.payroc.com/authorize',
      description: 'Payroc identity service (UAT: https://identity.uat.payroc.com/authorize)',
    }),
    ...secretFields('api_key', 'Payroc API key'),
    ...timeouts(20_000),
  },
  { additionalProperties: false },
);
export type PayrocConfig = Static<typeof PayrocProviderConfig>;

export const PayrocTerminalFields = {
  processing_terminal_id: Type.String({ minLength: 4, maxLength: 50, description: 'Payroc processingTerminalId' }),
  channel: Type.Union([Type.Literal('pos'), Type.Literal('web'), Type.Literal('moto')], {
    default: 'moto',
    description: 'Payroc channel for keyed cards',
  }),
};
export const PayrocTerminalSettings = Type.Object(PayrocTerminalFields);
export type PayrocTerminalSettings = Static<typeof PayrocTerminalSettings>;
