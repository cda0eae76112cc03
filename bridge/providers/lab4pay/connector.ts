// Lab4Pay Pay-Connect (card-present, asynchronous through the terminal) as a Connector.
import { createHash } from 'node:crypto';
import { terminalSettingsParser } from '../../core/terminal-settings.js';
import type { Connector } from '../../core/connector.js';
import type { OffersRecords } from '../../core/provider-records.js';
import { lab4payRecords } from './records.js';
import {
  buildCancel,
  buildComplete,
  buildLookup,
  buildPair,
  buildPreauth,
  buildRevert,
  buildToken,
  type Lab4PayEndpoints,
} from './build.js';
import { Lab4PayTerminalSettings, type Lab4PayConfig } from './config.js';
import { parseLab4PayLookup } from './lookup.js';
import { clientCredentials, parsePairing } from './pairing.js';
import { parseCreate, parseToken } from './parse.js';

export const LAB4PAY_CAPABILITIES = {
  idempotencyKey: false, // none documented
  statusLookup: true, // the transaction status (+ print slip) and operation status endpoints
  adjust: true, // held by the bridge and sent as the final total at preauth-complete
  partialCapture: true, // the completion amount is the final total (our reading; a lower total is not forbidden)
  captureAboveAuthorized: false, // adjust first; the adjustment is local
  mode: 'async',
  cardPresence: 'card_present',
  voidWindow: "revert: only the terminal's most recent successful transaction",
} as const;

export function lab4payConnector(cfg: Lab4PayConfig): Connector<Lab4PayTerminalSettings> & OffersRecords {
  const ep: Lab4PayEndpoints = { apiUrl: cfg.api_url.replace(/\/+$/, ''), integratorId: cfg.integrator_id };
  return {
    name: 'lab4pay',
    capabilities: LAB4PAY_CAPABILITIES,
    terminalSettings: terminalSettingsParser('lab4pay', Lab4PayTerminalSettings),
    needsCard: () => false,
    authFor(terminal) {
      const c = clientCredentials(terminal.credentials);
      if (!c) return undefined;
      return {
        cacheKey: `lab4pay:${terminal.id}:${createHash('sha256').update(c.clientId).digest('hex').slice(0, 16)}`,
        tokenRequest: () => buildToken(ep, c.clientId, c.clientSecret),
        parseToken,
      };
    },
    // The adjustment never leaves the bridge: Lab4Pay takes the final total at completion.
    localKinds: ['adjust'],
    local: (ctx) =>
      ctx.kind === 'adjust'
        ? { kind: 'approved', approval: { amountAuthorized: ctx.operation.amount ?? undefined } }
        : undefined,
    build(ctx) {
      switch (ctx.kind) {
        case 'preauth':
          return buildPreauth(ep, ctx);
        case 'capture':
          return buildComplete(ep, ctx);
        case 'void':
          return buildRevert(ep, ctx);
        case 'adjust':
          throw new Error('Lab4Pay adjustments are local');
      }
    },
    parse: (ctx, reply) => parseCreate(ctx, reply, cfg.poll_ms),
    cancel: (ctx) => buildCancel(ep, ctx),
    lookup: (ctx) => buildLookup(ep, ctx),
    parseLookup: (ctx, reply, request) => parseLab4PayLookup(ep, ctx, reply, request, cfg.poll_ms),
    pairing: {
      request: (name, otp) => buildPair(ep, name, otp),
      parse: parsePairing,
    },
    records: lab4payRecords(ep),
  };
}
