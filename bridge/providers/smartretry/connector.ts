// SmartRetry (card-not-present, asynchronous) as a Connector.
import { terminalSettingsParser } from '../../core/terminal-settings.js';
import type { Connector } from '../../core/connector.js';
import type { OffersRecords } from '../../core/provider-records.js';
import { smartRetryRecords } from './records.js';
import {
  buildCapture,
  buildPreauth,
  buildPreauthStatus,
  buildStatus,
  buildVoid,
  type SmartRetryEndpoints,
} from './build.js';
import { SmartRetryTerminalSettings, type SmartRetryConfig } from './config.js';
import { checkPreauthLimits } from './limits.js';
import { parseAccepted } from './parse.js';
import { parseStatus } from './status.js';
import { parseVoidLookup } from './void-lookup.js';

export const SMARTRETRY_CAPABILITIES = {
  // Optional in the API, always sent by us. Non-5xx answers are replayed for 24 hours; after that the
  // same key is a new request (api-reference/idempotency).
  idempotencyKey: true,
  idempotencyWindowMs: 24 * 3_600_000,
  statusLookup: true, // GET /v1/payments/status/{tid}/{transaction_id}
  adjust: false, // no increment or adjust endpoint
  partialCapture: true,
  captureAboveAuthorized: false,
  mode: 'async', // accepted:true, then poll the status
  cardPresence: 'card_not_present',
  voidWindow: 'pre-authorisations only, before capture',
} as const;

export function smartRetryConnector(
  cfg: SmartRetryConfig,
  apiKey: string,
): Connector<SmartRetryTerminalSettings> & OffersRecords {
  const ep: SmartRetryEndpoints = { apiUrl: cfg.api_url.replace(/\/+$/, ''), apiKey };
  return {
    name: 'smartretry',
    capabilities: SMARTRETRY_CAPABILITIES,
    terminalSettings: terminalSettingsParser('smartretry', SmartRetryTerminalSettings),
    needsCard: (kind) => kind === 'preauth',
    checkPreauth: checkPreauthLimits,
    build(ctx) {
      switch (ctx.kind) {
        case 'preauth':
          return buildPreauth(ep, ctx);
        case 'capture':
          return buildCapture(ep, ctx);
        case 'void':
          return buildVoid(ep, ctx);
        case 'adjust':
          throw new Error('SmartRetry cannot adjust; intake refuses it');
      }
    },
    parse: (ctx, reply) => parseAccepted(ctx, reply, cfg.poll_ms),
    lookup: (ctx) => buildStatus(ep, ctx),
    // One status request per lookup, but for a void, which may need the pre-auth's status too.
    parseLookup: (ctx, reply, request) =>
      ctx.kind === 'void'
        ? parseVoidLookup(ctx, reply, request, cfg.poll_ms, buildPreauthStatus(ep, ctx))
        : parseStatus(ctx, reply, cfg.poll_ms),
    records: smartRetryRecords(ep),
  };
}
