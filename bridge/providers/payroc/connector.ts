// Payroc card payments (POST /payments with autoCapture:false, processAsSale:false) as a Connector.
import { createHash } from 'node:crypto';
import { PayrocTerminalSettings, type PayrocConfig } from './config.js';
import { terminalSettingsParser } from '../../core/terminal-settings.js';
import type { Connector } from '../../core/connector.js';
import type { OffersRecords } from '../../core/provider-records.js';
import {
  buildAdjust,
  buildCapture,
  buildLookup,
  buildPreauth,
  buildTokenRequest,
  buildVoid,
  type PayrocEndpoints,
} from './build.js';
import { parseLookup, parseReply, parseToken } from './parse.js';
import { payrocRecords } from './records.js';

export const PAYROC_CAPABILITIES = {
  // Mandatory UUID v4 on every POST; "Payroc retains the request/response pairing for 7 days"
  // (payroc/skills integrate-apple-pay/references/idempotency.md, from docs.payroc.com/api/idempotency).
  idempotencyKey: true,
  idempotencyWindowMs: 7 * 24 * 3_600_000,
  statusLookup: true, // GET /payments/{id}, GET /payments?orderId=
  adjust: true,
  partialCapture: true,
  captureAboveAuthorized: false, // the guide: adjust first, then capture the higher amount
  mode: 'sync',
  cardPresence: 'card_not_present', // keyed card data through /payments; Payroc Cloud devices are not used here
  voidWindow: 'while the batch is open (reverse)',
} as const;

export function payrocConnector(cfg: PayrocConfig, apiKey: string): Connector<PayrocTerminalSettings> & OffersRecords {
  const ep: PayrocEndpoints = { apiUrl: cfg.api_url.replace(/\/+$/, ''), identityUrl: cfg.identity_url };
  const auth = {
    // The cache key names the credentials by a hash, never by any part of the key itself.
    cacheKey: `payroc:${ep.identityUrl}:${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`,
    tokenRequest: () => buildTokenRequest(ep, apiKey),
    parseToken,
  };
  return {
    name: 'payroc',
    capabilities: PAYROC_CAPABILITIES,
    terminalSettings: terminalSettingsParser('payroc', PayrocTerminalSettings),
    authFor: () => auth,
    needsCard: (kind) => kind === 'preauth',
    build(ctx) {
      switch (ctx.kind) {
        case 'preauth':
          return buildPreauth(ep, ctx);
        case 'adjust':
          return buildAdjust(ep, ctx);
        case 'capture':
          return buildCapture(ep, ctx);
        case 'void':
          return buildVoid(ep, ctx);
      }
    },
    parse: parseReply,
    lookup: (ctx) => buildLookup(ep, ctx),
    parseLookup,
    records: payrocRecords(ep),
  };
}
