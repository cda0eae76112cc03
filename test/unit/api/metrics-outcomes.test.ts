// Which outcome each operation event counts as in posbridge_operations_total.
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../../bridge/api/metrics/outcomes.js';
import type { BridgeEvent } from '../../../bridge/store/events.js';

const event = (type: string, data: Record<string, unknown> = {}): BridgeEvent => ({
  seq: 1,
  type,
  transaction_id: 'tx',
  operation_id: 'op',
  terminal_id: 't',
  data: { kind: 'preauth', ...data },
  created_at: '2026-01-01T00:00:00.000Z',
});

describe('outcomeOf', () => {
  it('tells a decline by the issuer from a failure, and ignores events that end nothing', () => {
    expect(outcomeOf(event('operation.succeeded'))).toBe('succeeded');
    expect(outcomeOf(event('operation.unresolved'))).toBe('unresolved');
    for (const code of ['card_declined', 'insufficient_funds', 'expired_card', 'referral_required'])
      expect(outcomeOf(event('operation.failed', { code }))).toBe('declined');
    for (const code of ['provider_rejected', 'queue_expired', 'cancelled', undefined])
      expect(outcomeOf(event('operation.failed', { code }))).toBe('failed');
    for (const type of ['operation.started', 'operation.retry_scheduled', 'transaction.state_changed'])
      expect(outcomeOf(event(type))).toBeUndefined();
  });
});
