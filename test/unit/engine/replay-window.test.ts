// An idempotent resend is only safe while the provider still replays the key's answer: SmartRetry for
// 24 h (smartretry.com/docs/api-reference/idempotency), Payroc for 7 days (docs.payroc.com, idempotency).
// After that the same key is a new request, so the engine must look up or ask a person instead.
import { describe, expect, it } from 'vitest';
import { canResendSafely, REPLAY_MARGIN_MS } from '../../../bridge/engine/step.js';
import { PAYROC_CAPABILITIES } from '../../../bridge/providers/payroc/connector.js';
import type { Connector } from '../../../bridge/core/connector.js';
import type { OperationRow } from '../../../bridge/store/rows.js';

const created = Date.parse('2026-12-01T09:00:00.000Z');
const op = { kind: 'capture', created_at: new Date(created).toISOString() } as OperationRow;
const connector = (caps: Partial<Connector['capabilities']>) =>
  ({ capabilities: { ...PAYROC_CAPABILITIES, ...caps }, needsCard: () => false }) as unknown as Connector;
const H = 3_600_000;

describe('canResendSafely', () => {
  it('resends with the key inside the replay window, less a margin', () => {
    const sr = connector({ idempotencyKey: true, idempotencyWindowMs: 24 * H });
    expect(canResendSafely(sr, op, false, created + 1_000)).toBe(true);
    expect(canResendSafely(sr, op, false, created + 24 * H - REPLAY_MARGIN_MS - 1)).toBe(true);
    expect(canResendSafely(sr, op, false, created + 24 * H - REPLAY_MARGIN_MS)).toBe(false);
    expect(canResendSafely(sr, op, false, created + 25 * H)).toBe(false);
  });

  it('uses the window each connector declares', () => {
    expect(PAYROC_CAPABILITIES.idempotencyWindowMs).toBe(7 * 24 * H);
    expect(canResendSafely(connector({}), op, false, created + 6 * 24 * H)).toBe(true);
    expect(canResendSafely(connector({}), op, false, created + 7 * 24 * H)).toBe(false);
  });

  it('never resends without an idempotency key, nor a card body it no longer has', () => {
    expect(canResendSafely(connector({ idempotencyKey: false }), op, false, created)).toBe(false);
    const keyed = { ...connector({}), needsCard: () => true } as unknown as Connector;
    expect(canResendSafely(keyed, { ...op, kind: 'preauth' }, false, created)).toBe(false);
    expect(canResendSafely(keyed, { ...op, kind: 'preauth' }, true, created)).toBe(true);
  });
});
