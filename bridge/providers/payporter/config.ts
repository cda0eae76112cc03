// PayPorter settings. Its public docs give no base URL (they use a placeholder), so it must be set.
// requestIp/requestPort describe the POS PC itself and come from here, never invented per request.
import { Type, type Static } from '../../core/typebox.js';
import { secretFields, timeouts } from '../../core/config-fields.js';

export const PayPorterProviderConfig = Type.Object(
  {
    api_url: Type.String({ minLength: 1, description: 'PayPorter API base URL, as given by PayPorter' }),
    ...secretFields('api_key', 'PayPorter X-API-KEY'),
    ...secretFields('api_secret', 'PayPorter X-API-SECRET'),
    request_ip: Type.String({
      minLength: 3,
      maxLength: 45,
      description: "The POS PC's own IP address, sent as requestIp",
    }),
    request_port: Type.Integer({ minimum: 1, maximum: 65535, description: 'Sent as requestPort' }),
    ...timeouts(30_000),
  },
  { additionalProperties: false },
);
export type PayPorterConfig = Static<typeof PayPorterProviderConfig>;

export const PayPorterTerminalFields = {};
export const PayPorterTerminalSettings = Type.Object(PayPorterTerminalFields);
export type PayPorterTerminalSettings = Static<typeof PayPorterTerminalSettings>;
