import { describe, expect, it } from 'vitest';
import {
  canTransition,
  canTransitionOperation,
  isFinalTransactionState,
  OPERATION_STATES,
  TRANSACTION_STATES,
  type TransactionState,
} from '../../../bridge/core/states.js';

describe('transaction state machine', () => {
  it('lets every state be reached from pending', () => {
    const seen = new Set<TransactionState>(['pending']);
    let frontier: TransactionState[] = ['pending'];
    while (frontier.length) {
      const next: TransactionState[] = [];
      for (const from of frontier)
        for (const to of TRANSACTION_STATES)
          if (canTransition(from, to) && !seen.has(to)) {
            seen.add(to);
            next.push(to);
          }
      frontier = next;
    }
    expect([...seen].sort()).toEqual([...TRANSACTION_STATES].sort());
  });

  it('has no way out of final states', () => {
    for (const s of ['declined', 'failed', 'captured', 'voided', 'expired'] as const) {
      expect(isFinalTransactionState(s)).toBe(true);
      for (const to of TRANSACTION_STATES) expect(canTransition(s, to)).toBe(false);
    }
  });

  it('never goes back to pending from a result, and never captures what is not authorised', () => {
    expect(canTransition('authorized', 'pending')).toBe(false);
    expect(canTransition('declined', 'authorized')).toBe(false);
    expect(canTransition('in_progress', 'captured')).toBe(false);
    expect(canTransition('voided', 'captured')).toBe(false);
    expect(canTransition('authorized', 'authorized')).toBe(true); // adjust
  });

  it('operations finish once', () => {
    for (const s of ['succeeded', 'failed'] as const)
      for (const to of OPERATION_STATES) expect(canTransitionOperation(s, to)).toBe(false);
    expect(canTransitionOperation('running', 'queued')).toBe(true);
  });
});
