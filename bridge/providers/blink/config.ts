// Blink card-present settings. Each Blink terminal is addressed by its terminal_id (model + serial)
// together with the site/branch and POS location the Blink account knows.
import { Type, type Static } from '../../core/typebox.js';
import { secretFields, timeouts } from '../../core/config-fields.js';

export const BlinkProviderConfig = Type.Object(
  {
    // Blink's sandbox pages (apidocs/preauth-transactions) put every path under /sandbox/v1/card-present:
    // point api_url at …/sandbox for it. Blink's sandbox answers 200 where the live API answers 201; both are 2xx.
    api_url: Type.String({
      default: 'https://api.blinkpayment.co.uk',
      description: "Blink API base URL; for Blink's sandbox, the same host followed by /sandbox",
    }),
    ...secretFields('pos_api_key', 'Blink pos_api_key'),
    ...secretFields('pos_api_secret', 'Blink pos_api_secret'),
    // The cloud waits for the customer at the terminal; its own timeout is not documented, so wait longer.
    ...timeouts(180_000),
  },
  { additionalProperties: false },
);
export type BlinkConfig = Static<typeof BlinkProviderConfig>;

export const BlinkTerminalFields = {
  blink_terminal_id: Type.String({
    minLength: 1,
    maxLength: 35,
    description: 'Blink terminal_id: model and serial number, e.g. T650M-451-962-212',
  }),
  site_branch_id: Type.String({ minLength: 1, maxLength: 16 }),
  pos_location: Type.String({ minLength: 1, maxLength: 16 }),
  validity_days: Type.Integer({
    minimum: 1,
    maximum: 31,
    default: 7,
    description: 'requested_validity_date when the POS gives no expires_at',
  }),
};
export const BlinkTerminalSettings = Type.Object(BlinkTerminalFields);
export type BlinkTerminalSettings = Static<typeof BlinkTerminalSettings>;
