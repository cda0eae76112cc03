// Blink card-present (synchronous, through the Blink cloud to the terminal) as a Connector.
import { terminalSettingsParser } from '../../core/terminal-settings.js';
import type { OffersRecords } from '../../core/provider-records.js';
import { blinkRecords } from './records.js';
import type { Connector } from '../../core/connector.js';
import { buildCompletion, buildPreauth, buildTerminalList, buildVoid, type BlinkEndpoints } from './build.js';
import { BlinkTerminalSettings, type BlinkConfig } from './config.js';
import { blinkLookup, parseBlinkLookup } from './lookup.js';
import { parseReply, parseTerminals } from './parse.js';

export const BLINK_CAPABILITIES = {
  idempotencyKey: false, // none documented
  // The terminal's request log and EOD report, by date (docs/requestsdata-data, docs/eod-reports-data).
  statusLookup: true,
  adjust: false, // no increment documented
  partialCapture: true, // a completion may finalise a lower amount
  captureAboveAuthorized: false,
  mode: 'sync',
  cardPresence: 'card_present',
  voidWindow: 'until the pre-authorisation is completed',
} as const;

export function blinkConnector(
  cfg: BlinkConfig,
  posApiKey: string,
  posApiSecret: string,
  version: string,
): Connector<BlinkTerminalSettings> & OffersRecords {
  const ep: BlinkEndpoints = {
    // Blink's sandbox lives under /sandbox/v1/card-present (apidocs pages): api_url may end in /sandbox.
    apiUrl: cfg.api_url.replace(/\/+$/, ''),
    authorization: `Basic ${Buffer.from(`${posApiKey}:${posApiSecret}`, 'utf8').toString('base64')}`,
    // Blink asks for the app, its version and the software stack.
    userAgent: `posbridge/${version} (Node.js ${process.versions.node}; ${process.platform}; card-present bridge)`,
  };
  return {
    name: 'blink',
    capabilities: BLINK_CAPABILITIES,
    terminalSettings: terminalSettingsParser('blink', BlinkTerminalSettings),
    needsCard: () => false,
    build(ctx) {
      switch (ctx.kind) {
        case 'preauth':
          return buildPreauth(ep, ctx);
        case 'capture':
          return buildCompletion(ep, ctx);
        case 'void':
          return buildVoid(ep, ctx);
        case 'adjust':
          throw new Error('Blink cannot adjust; intake refuses it');
      }
    },
    parse: parseReply,
    lookup: (ctx) => blinkLookup(ep, ctx),
    parseLookup: (ctx, reply, request) => parseBlinkLookup(ep, ctx, reply, request),
    terminals: () => ({
      request: buildTerminalList(ep),
      parse: parseTerminals,
      idOf: (settings) => settings.blink_terminal_id,
    }),
    records: blinkRecords(ep),
  };
}
