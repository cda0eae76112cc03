// SmartRetry (card-not-present, asynchronous) as a Connector.
import type { Connector } from '../types.js';
import { buildCapture, buildPreauth, buildStatus, buildVoid, type SmartRetryEndpoints } from './build.js';
import type { SmartRetryConfig } from './config.js';
import { parseAccepted, parseStatus } from './parse.js';

export const SMARTRETRY_CAPABILITIES = {
  idempotencyKey: true, // optional in the API, always sent by us; replayed for 24 h
  idempotencyWindowMs: 24 * 3_600_000,
  statusLookup: true, // GET /v1/payments/status/{tid}/{transaction_id}
  adjust: false, // no increment or adjust endpoint
  partialCapture: true,
  captureAboveAuthorized: false,
  mode: 'async', // accepted:true, then poll the status
  cardPresence: 'card_not_present',
  voidWindow: 'pre-authorisations only, before capture',
} as const;

export function smartRetryConnector(cfg: SmartRetryConfig, apiKey: string): Connector {
  const ep: SmartRetryEndpoints = { apiUrl: cfg.api_url.replace(/\/+$/, ''), apiKey };
  return {
    name: 'smartretry',
    capabilities: SMARTRETRY_CAPABILITIES,
    needsCard: (kind) => kind === 'preauth',
    build(ctx) {
      switch (ctx.kind) {
        case 'preauth': return buildPreauth(ep, ctx);
        case 'capture': return buildCapture(ep, ctx);
        case 'void': return buildVoid(ep, ctx);
        case 'adjust': throw new Error('SmartRetry cannot adjust; intake refuses it');
      }
    },
    parse: (ctx, reply) => parseAccepted(ctx, reply, cfg.poll_ms),
    lookup: (ctx) => buildStatus(ep, ctx),
    parseLookup: (ctx, reply) => parseStatus(ctx, reply, cfg.poll_ms),
  };
}
