import { describe, expect, it } from 'vitest';
import { checkQueueLimits, offlineAction, type OfflineConfig } from '../../../bridge/engine/offline-policy.js';

const cfg: OfflineConfig = {
  policy: { payroc: { preauth: 'reject' } },
  max_amount: { USD: 10_000 },
  max_exposure: { USD: 25_000 },
  max_count: 3,
};

describe('offline policy', () => {
  it('queues captures and voids, rejects card-present preauths, queues card-not-present ones, unless configured', () => {
    expect(offlineAction(cfg, 'smartretry', 'capture', false)).toBe('queue');
    expect(offlineAction(cfg, 'blink', 'void', true)).toBe('queue');
    expect(offlineAction(cfg, 'blink', 'preauth', true)).toBe('reject');
    expect(offlineAction(cfg, 'smartretry', 'preauth', false)).toBe('queue');
    expect(offlineAction(cfg, 'payroc', 'preauth', false)).toBe('reject');
  });

  it('enforces count, amount and exposure per currency', () => {
    const q = [
      { kind: 'preauth' as const, amount: 9_000, currency: 'USD' },
      { kind: 'preauth' as const, amount: 9_000, currency: 'USD' },
    ];
    expect(() => checkQueueLimits(cfg, q, { kind: 'preauth', amount: 10_001, currency: 'USD' })).toThrow(
      /above the 10000/,
    );
    expect(() => checkQueueLimits(cfg, q, { kind: 'preauth', amount: 8_000, currency: 'USD' })).toThrow(/26000/);
    expect(() => checkQueueLimits(cfg, q, { kind: 'preauth', amount: 7_000, currency: 'USD' })).not.toThrow();
    expect(() => checkQueueLimits(cfg, q, { kind: 'preauth', amount: 99_999, currency: 'EUR' })).not.toThrow();
    expect(() => checkQueueLimits(cfg, [...q, q[0]!], { kind: 'capture', amount: 1, currency: 'USD' })).toThrow(
      expect.objectContaining({ code: 'queue_limit_reached' }),
    );
  });
});
