// PayPorter (card-not-present, synchronous) as a Connector.
import type { FieldError } from '../../core/errors.js';
import { terminalSettingsParser } from '../../core/terminal-settings.js';
import type { Connector } from '../../core/connector.js';
import type { OffersRecords } from '../../core/provider-records.js';
import { payPorterRecords } from './records.js';
import { buildCancel, buildCapture, buildPreauth, buildStatus, type PayPorterEndpoints } from './build.js';
import { PayPorterTerminalSettings, type PayPorterConfig } from './config.js';
import { parseLookup } from './lookup.js';
import { parseReply } from './parse.js';

export const PAYPORTER_CAPABILITIES = {
  idempotencyKey: false, // none in the whole POS API (docs/pos-api/*.md): a lost answer is looked up, never resent
  statusLookup: true, // GET /api/payment/{paymentId} (payment-status.md), once the paymentId is known
  adjust: false, // no increment documented
  partialCapture: true,
  captureAboveAuthorized: false,
  mode: 'sync',
  cardPresence: 'card_not_present',
  voidWindow: 'the same day (Europe/Istanbul), full amount, before capture',
} as const;

export function payPorterConnector(
  cfg: PayPorterConfig,
  apiKey: string,
  apiSecret: string,
): Connector<PayPorterTerminalSettings> & OffersRecords {
  const ep: PayPorterEndpoints = {
    apiUrl: cfg.api_url.replace(/\/+$/, ''),
    apiKey,
    apiSecret,
    requestIp: cfg.request_ip,
    requestPort: cfg.request_port,
  };
  return {
    name: 'payporter',
    capabilities: PAYPORTER_CAPABILITIES,
    terminalSettings: terminalSettingsParser('payporter', PayPorterTerminalSettings),
    needsCard: (kind) => kind === 'preauth',
    checkPreauth(req) {
      // pre-auth.md marks both required: refuse at intake rather than after writing.
      const errors: FieldError[] = [];
      if (!req.card?.holder_name) errors.push({ field: 'card.holder_name', message: 'is required by PayPorter' });
      if (!req.card?.cvv) errors.push({ field: 'card.cvv', message: 'is required by PayPorter' });
      return errors;
    },
    build(ctx) {
      switch (ctx.kind) {
        case 'preauth':
          return buildPreauth(ep, ctx);
        case 'capture':
          return buildCapture(ep, ctx);
        case 'void':
          return buildCancel(ep, ctx);
        case 'adjust':
          throw new Error('PayPorter cannot adjust; intake refuses it');
      }
    },
    parse: parseReply,
    lookup: (ctx) => buildStatus(ep, ctx),
    parseLookup,
    records: payPorterRecords(ep),
  };
}
