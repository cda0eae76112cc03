// Looking a SmartRetry void up: its own status first, the pre-auth's when that does not settle it.
// Sources: https://www.smartretry.com/docs/api-reference/payments/void ("Poll the status endpoint using the
// returned transaction_id to confirm the void outcome") and https://www.smartretry.com/docs/api-reference/payments/status
// (CANCELLED: "The transaction was cancelled (e.g., by a void)").
import { describe, expect, it } from 'vitest';
import type { SmartRetryTerminalSettings } from '../../../bridge/providers/smartretry/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { smartRetryConnector } from '../../../bridge/providers/smartretry/connector.js';
import type { OperationContext } from '../../../bridge/core/connector.js';

const cfg = parseConfig({ providers: { smartretry: { api_key: 'k', poll_ms: 500 } } }).providers.smartretry!;
const sr = smartRetryConnector(cfg, 'sk_test_secret');
const BASE = 'https://api.smartretry.com/v1/payments/status/ABC123';

function voidCtx(voidId: string | null): OperationContext<SmartRetryTerminalSettings> {
  return {
    kind: 'void',
    transaction: {
      id: 'pa1',
      reference: 'r',
      currency: 'USD',
      amountRequested: 4999,
      amountAuthorized: 4999,
      providerRef: 'TX8A3F2C',
      providerRefs: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D' },
      operator: null,
      expiresAt: null,
      createdAt: '2026-03-31T14:22:10Z',
    },
    operation: {
      id: 'op1',
      amount: null,
      idempotencyKey: 'k',
      providerRef: voidId,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: { id: 'web', currency: null, settings: storedSettings(sr, { terminal_friendly_id: 'ABC123' }) },
    now: '2026-03-31T14:22:13Z',
  };
}
const answer = (id: string, status: string, type: string) => ({
  status: 200,
  headers: {},
  body: {
    transaction_id: id,
    type,
    amount: 49.99,
    currency: 'USD',
    status: { status, reasonCode: 'X.Y', name: status },
    order: { order_id: 'OR7B9E1D' },
  },
});

describe('smartretry void lookup', () => {
  it("asks for the void's own transaction once its id is known", () => {
    const c = voidCtx('TX5F1K2L');
    const req = sr.lookup!(c)!;
    expect(req.url).toBe(`${BASE}/TX5F1K2L`);
    expect(sr.parseLookup!(c, answer('TX5F1K2L', 'APPROVED', 'void'), req)).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { operationRef: 'TX5F1K2L' } },
    });
    expect(sr.parseLookup!(c, answer('TX5F1K2L', 'PROCESSING', 'void'), req)).toEqual({
      kind: 'found',
      outcome: { kind: 'pending', pollAfterMs: 500 },
    });
  });

  it('confirms through the pre-auth when the void itself reads CANCELLED or ERROR', () => {
    const c = voidCtx('TX5F1K2L');
    const own = sr.lookup!(c)!;
    for (const st of ['CANCELLED', 'ERROR']) {
      const step = sr.parseLookup!(c, answer('TX5F1K2L', st, 'void'), own);
      expect(step).toMatchObject({ kind: 'next', request: { method: 'GET', url: `${BASE}/TX8A3F2C` } });
    }
    const preauth = { method: 'GET' as const, url: `${BASE}/TX8A3F2C`, headers: {}, auth: 'none' as const };
    // The hold is released: the void took effect.
    expect(sr.parseLookup!(c, answer('TX8A3F2C', 'CANCELLED', 'preauth'), preauth)).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: {} },
    });
    // Still approved: SmartRetry did not void it.
    expect(sr.parseLookup!(c, answer('TX8A3F2C', 'APPROVED', 'preauth'), preauth)).toMatchObject({
      kind: 'found',
      outcome: { kind: 'rejected', code: 'provider_rejected' },
    });
  });

  it('looks at the pre-auth when the answer to the void was lost', () => {
    const c = voidCtx(null);
    const req = sr.lookup!(c)!;
    expect(req.url).toBe(`${BASE}/TX8A3F2C`);
    expect(sr.parseLookup!(c, answer('TX8A3F2C', 'CANCELLED', 'preauth'), req)).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: {} },
    });
    // Not cancelled (yet): no sign of the void, which may be sent again under its key.
    expect(sr.parseLookup!(c, answer('TX8A3F2C', 'APPROVED', 'preauth'), req)).toEqual({ kind: 'not_found' });
    expect(
      sr.parseLookup!(c, { status: 404, headers: {}, body: { reason_code: 'TRANSACTION_NOT_FOUND' } }, req),
    ).toMatchObject({ kind: 'inconclusive' });
  });

  it('a capture whose answer was lost still has nothing to ask', () => {
    const c = { ...voidCtx(null), kind: 'capture' as const };
    expect(sr.lookup!(c)).toBeUndefined();
  });
});
